"""Reading a file in two parts, for an import that writes while it reads (`import_stream`).

    first = read_referred(Path("ana.toml"))          # people, competencies, mentorships, sessions
    rest, whole = read_rest(path, first.head, first.sections, first.crc)   # every other kind
    parsed = combine(first, rest, whole)             # what parse_file(path) gives

The first part is the head of the file and its runs of `[[people]]`,
`[[mentorships]]`, ... tables (`toml_pieces.sections`): a few percent of a
person's export, which the import matches and writes for all files first.
The rest is read meanwhile and written file by file. Each part is checked as
the whole file is (the kinds are checked apart from each other: each has its
own uuids, counts and paths). A part that does not parse alone, or holds a
kind that belongs to the other part, or a file changed between the two reads,
is read whole instead (`file_reader.parse_file`); the import then compares
the whole read with the first part it wrote (`same_referred`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mentor_tui import schema
from mentor_tui.exchange import toml_pieces
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_reader import UNPACKED, Packer, Records, finish_packed, parse_file
from mentor_tui.exchange.file_table import ParsedFile, Reference
from mentor_tui.exchange.toml_text import parse_text, read_same_text, read_text_crc
from mentor_tui.exchange.validate import begin, finish, read_arrays

Sections = list[tuple[str, int, int]]
_ARRAY_KEYS = tuple(schema.KINDS[name].key for name in schema.TOP_KINDS)
_REFERRED_KEYS = frozenset(schema.KINDS[name].key for name in UNPACKED)
_KEY_ORDER = {key: i for i, key in enumerate(_ARRAY_KEYS)}


@dataclass
class FirstRead:
    parsed: ParsedFile  # the referred-to kinds; every kind when `sections` is None
    sections: Sections | None  # where the other kinds are in the file (None: read whole)
    head: int = 0  # where the head (format, version, ...) ends: the first run
    crc: int = 0  # of the file's bytes, so the rest is read from the same text


def read_referred(path: Path | str) -> FirstRead:
    """The file's records of the referred-to kinds, checked (a file not cut this way: all of it)."""
    display = str(path)
    path = Path(path)
    text, crc = read_text_crc(path, display)
    runs = toml_pieces.sections(text, _ARRAY_KEYS)
    if runs is not None:
        try:
            head = runs[0][1]
            parsed = _read_runs(text, head, [r for r in runs if r[0] in _REFERRED_KEYS], display, path, False)
            return FirstRead(parsed, [r for r in runs if r[0] not in _REFERRED_KEYS], head, crc)
        except ExchangeError:
            pass  # the whole file, read at once, says what is wrong
    del text
    return FirstRead(parse_file(path), None)


def read_rest(path: Path | str, head: int, sections: Sections, crc: int) -> tuple[ParsedFile, bool]:
    """(the records of the other kinds, False), or (the whole file's read, True)."""
    display = str(path)
    path = Path(path)
    text = read_same_text(path, display, crc)  # None: the file changed since the first read
    if text is not None:
        try:
            return _read_runs(text, head, sections, display, path, True), False
        except ExchangeError:
            pass
    del text
    return parse_file(path), True


def _read_runs(text: str, head_end: int, runs: Sections, display: str, path: Path, rest: bool) -> ParsedFile:
    head = parse_text(text[:head_end], display)
    if any(key in head for key in _ARRAY_KEYS):
        raise ExchangeError("records before the first run")  # never in a written file: read it whole
    ctx, header = begin(head, display)
    records: Records = {name: [] for name in schema.TOP_KINDS}
    packer = Packer() if rest else None
    for _key, start, end in runs:
        read_arrays(ctx, parse_text(text[start:end], display), records, True, pack=packer, piece=True)
        if packer is not None:
            packer.take_references(ctx)
    if any(ctx.counts[name] and ((name in UNPACKED) == rest) for name in schema.TOP_KINDS):
        raise ExchangeError("a kind of the other part")  # a header the cut did not see: read it whole
    if packer is not None:
        return finish_packed(ctx, header, records, packer, path, head["version"])
    return finish(ctx, header, records, path, head["version"])


def combine(first: FirstRead, rest: ParsedFile | None, whole: bool) -> ParsedFile:
    """What parse_file gives, from the two parts (`rest` None: the first read was all of it)."""
    if rest is None:
        return first.parsed
    if whole:
        return rest
    referred = first.parsed
    for name in UNPACKED:
        rest.records[name] = referred.records[name]
    rest.defined = referred.defined
    rest.counts = {k: rest.counts.get(k, 0) + referred.counts.get(k, 0) for k in rest.counts.keys() | referred.counts.keys()}
    # as a whole read lists them: kind by kind, each referred-to record once, where first named
    both = sorted([*referred.references, *rest.references], key=_kind_order)
    seen: set[tuple[str, str]] = set()
    rest.references = []
    for ref in both:
        if (ref.kind, ref.value) not in seen:
            seen.add((ref.kind, ref.value))
            rest.references.append(ref)
    return rest


def _kind_order(ref: Reference) -> int:
    return _KEY_ORDER.get(ref.where.split("[", 1)[0], 0)


def same_referred(first: ParsedFile, full: ParsedFile) -> bool:
    """Whether the full read of a file gives what its first read gave, for the referred-to kinds."""
    return (
        all(first.records[name] == full.records[name] for name in UNPACKED)
        and first.defined == full.defined
        and (first.exported_at, first.includes_private, first.version)
        == (full.exported_at, full.includes_private, full.version)
    )
