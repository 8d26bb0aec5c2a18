"""Reading one exchange file for an import, in bounded memory.

    parsed = parse_file(Path("team.toml"))   # checked; no database access

The records of the kinds nothing refers to (plans, check-ins, skills, ...)
are kept pickled, in stored form (`db.stored_form`), until they are written
(`ParsedFile.stored_batches`): checked
records take about ten times the memory of their text as Python objects, and a
fraction of it pickled. A big file is parsed in pieces (`toml_pieces`), so
the whole file is never a parsed document at once. What is read is exactly
what reading the whole file at once gives: any problem in a piece reads the
whole file again, which then says what is wrong.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from mentor_tui import schema
from mentor_tui.db.stored_form import stored_form
from mentor_tui.exchange import toml_pieces
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_table import FileContext, ParsedFile, Reference
from mentor_tui.exchange.toml_text import parse_text, read_text
from mentor_tui.exchange.validate import begin, finish, read_arrays

# Referred-to kinds stay objects: the import matches and checks them across files first.
UNPACKED = frozenset(schema.REFERABLE.values())
_ARRAY_KEYS = tuple(schema.KINDS[name].key for name in schema.TOP_KINDS)

Records = dict[str, list[dict[str, Any]]]


class Packer:
    def __init__(self) -> None:
        self.packed: dict[str, list[bytes]] = {}
        self.private_texts = False
        self.checkin_dates: list[tuple[str, Any]] = []
        self.references: list[Reference] = []
        self._named: set[tuple[str, str]] = set()

    def take_references(self, ctx: FileContext) -> None:
        """Keep each referred-to record once, where the file first names it: the import checks
        that every one exists and names the first missing one, the same with or without repeats."""
        named = self._named
        for ref in ctx.references:
            key = (ref.kind, ref.value)
            if key not in named:
                named.add(key)
                self.references.append(ref)
        ctx.references.clear()

    def __call__(self, kind: str, records: list[dict[str, Any]]) -> bool:
        if kind in UNPACKED:
            return False
        if kind == "checkins":
            self.checkin_dates.extend((c["mentorship"], c["held_on"]) for c in records)
            if not self.private_texts:
                self.private_texts = any((c.get("private_notes") or "").strip() for c in records)
        stored_form(kind, records)  # the writer's share that a reader (a worker) can do
        self.packed.setdefault(kind, []).append(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
        return True


def parse_file(path: Path | str) -> ParsedFile:
    """Read and validate one file (no database access)."""
    display = str(path)
    path = Path(path)
    text = read_text(path, display)
    points = toml_pieces.cut_points(text, _ARRAY_KEYS)
    if points:
        try:
            return _read_pieces(text, points, display, path)
        except ExchangeError:
            pass  # the whole file, read at once, says what is wrong (see toml_pieces)
    doc = parse_text(text, display)
    del text
    ctx, header = begin(doc, display)
    packer = Packer()
    records: Records = {name: [] for name in schema.TOP_KINDS}
    read_arrays(ctx, doc, records, True, pack=packer)
    return finish_packed(ctx, header, records, packer, path, doc["version"])


def _read_pieces(text: str, points: list[int], display: str, path: Path) -> ParsedFile:
    spans = toml_pieces.pieces(text, points)
    head = parse_text(text[: spans[0][1]], display)
    if any(key in head for key in _ARRAY_KEYS):
        raise ExchangeError("records before the first cut")  # never in a written file: read it whole
    ctx, header = begin(head, display)
    packer = Packer()
    records: Records = {name: [] for name in schema.TOP_KINDS}
    for start, end in spans[1:]:
        doc = parse_text(text[start:end], display)
        read_arrays(ctx, doc, records, True, pack=packer, piece=True)
        del doc
        packer.take_references(ctx)
    return finish_packed(ctx, header, records, packer, path, head["version"])


def finish_packed(
    ctx: FileContext, header: dict[str, Any], records: Records, packer: Packer, path: Path, version: int
) -> ParsedFile:
    packer.take_references(ctx)
    parsed = finish(ctx, header, records, path, version)
    parsed.references = packer.references
    parsed.packed = packer.packed
    parsed.private_texts = packer.private_texts
    parsed.packed_checkin_dates = packer.checkin_dates
    return parsed

