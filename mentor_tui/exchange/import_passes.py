"""The steps of an import's transaction, shared by the import of files read first
(`toml_import.import_parsed`) and the one that writes while they are read (`import_stream`).

The kinds others refer to (people, competencies, mentorships, sessions) are
written across all files first (`write_referred`), so a record of one file may
refer to one in another; then each file's other kinds (`write_rest`, registry
order). References are checked before the records that carry them are written:
a missing one is an ExchangeError naming the file and the record path.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from pathlib import Path

from mentor_tui import schema
from mentor_tui.db import date_rules, person_match, transfer, write_wait
from mentor_tui.db.database import scrub_wal
from mentor_tui.db.transfer import KindCounts
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.import_summary import ImportSummary
from mentor_tui.exchange.validate import BUILTIN_KEYS, ParsedFile, quote

# How a failure while writing begins (every file was valid; the transaction rolled back).
WRITE_FAILED = "import failed, nothing was changed"

REF_KINDS = tuple(schema.REFERABLE)
FIRST_PASS = tuple(name for name in schema.TOP_KINDS if name in schema.REFERABLE.values())
SECOND_PASS = tuple(name for name in schema.TOP_KINDS if name not in FIRST_PASS)
REFERRED = frozenset(schema.REFERABLE.values())
_UUID = operator.itemgetter("uuid")


class DryRun(Exception):
    """Raised inside the import's transaction to roll it back after counting."""


def defined_names(files: Sequence[ParsedFile]) -> dict[str, set[str]]:
    """What the files define, per referable kind (a person's aliases name that person too)."""
    defined: dict[str, set[str]] = {kind: set() for kind in REF_KINDS}
    for f in files:
        for kind, values in f.defined.items():
            defined[kind] |= values
    defined["competency"] |= BUILTIN_KEYS
    for f in files:
        for rec in f.records["people"]:
            defined["person"].update(rec.get("aliases") or ())
    return defined


def missing_reference(files: Sequence[ParsedFile], defined: dict[str, set[str]]) -> ExchangeError | None:
    """The first reference of `files` (in order) that names a record neither in `defined`
    nor in the database, as the error to raise; None when all are found."""
    wanted: dict[str, set[str]] = {kind: set() for kind in REF_KINDS}
    for f in files:
        for ref in f.references:
            if ref.value not in defined[ref.kind]:
                wanted[ref.kind].add(ref.value)
    if not any(wanted.values()):
        return None
    found = {kind: transfer.existing(kind, values) if values else set() for kind, values in wanted.items()}
    found["person"] |= transfer.known_aliases(wanted["person"])
    for f in files:
        for ref in f.references:
            if ref.value not in defined[ref.kind] and ref.value not in found[ref.kind]:
                what = "competency key" if ref.kind == "competency" else f"{ref.kind} uuid"
                return ExchangeError(
                    f"{f.display}: {ref.path}: {what} {quote(ref.value)} is neither in this file "
                    f"nor in the database"
                )
    return None


def check_references(files: Sequence[ParsedFile]) -> None:
    """Every reference must name a record in one of the files or in the database."""
    problem = missing_reference(files, defined_names(files))
    if problem is not None:
        raise problem


def match_people(files: Sequence[ParsedFile]) -> person_match.Matches:
    return person_match.match(
        [r for f in files for r in f.records["people"]], [r for f in files for r in f.records["mentorships"]]
    )


def use_file(writer: transfer.Writer, f: ParsedFile, take_private: bool) -> None:
    """The writer's per-file settings: the default `updated_at`, private notes or not."""
    writer.stamp = transfer.to_change_text(f.exported_at) if f.exported_at is not None else None
    writer.private = take_private


def write_referred(writer: transfer.Writer, files: Sequence[ParsedFile], taken: Sequence[bool]) -> None:
    """The kinds others refer to, kind by kind across all files."""
    for kind in FIRST_PASS:
        for f, take in zip(files, taken, strict=True):
            use_file(writer, f, take)
            for batch, stored in f.stored_batches(kind):
                writer.write(kind, batch, stored)


class Carriers:
    """Which file carries a record the date rules look at (plans, check-ins, mentorships; by
    uuid, the last file read that has it), so that a refusal names the file."""

    KINDS = frozenset({"plans", "checkins", "mentorships"})

    def __init__(self) -> None:
        self._files: dict[str, str] = {}

    def note(self, f: ParsedFile, kind: str, records: Sequence[dict]) -> None:
        if kind in self.KINDS:
            self._files.update(dict.fromkeys(map(_UUID, records), f.display))

    def file_of(self, uuids: Sequence[str]) -> str | None:
        return next((self._files[u] for u in uuids if u in self._files), None)


def write_rest(writer: transfer.Writer, f: ParsedFile, take: bool, carriers: Carriers) -> None:
    """One file's other kinds; the writer then lets go of their rows (memory stays flat)."""
    use_file(writer, f, take)
    carriers.note(f, "mentorships", f.records["mentorships"])  # written before, by write_referred
    for kind in SECOND_PASS:
        for batch, stored in f.stored_batches(kind):
            carriers.note(f, kind, batch)
            writer.write(kind, batch, stored)
            writer.forget(REFERRED)


# How a refused import's message begins: a file the checks refused, or the database's date
# rules (the import dialogs show it as it is; a failed write begins with WRITE_FAILED).
REFUSED = "import refused, nothing was changed"


def dates_kept(before: date_rules.Faults, carriers: Carriers) -> None:
    """After the writes: refuse the import if it left a goal outside its plan's dates or a check-in
    outside its mentorship's, where the database had none (`db.date_rules`), naming the file."""
    fault = date_rules.new_fault(before)
    if fault is not None:
        file = carriers.file_of(fault.uuids)
        where = f"{file}: " if file is not None else ""
        raise ExchangeError(f"{REFUSED}: {where}{fault.text} (as the app's forms refuse it)")


def summarize(
    summary: ImportSummary, writer: transfer.Writer, matches: person_match.Matches, people_files: Sequence[ParsedFile]
) -> None:
    """After the writes: the aliases recorded, and what the summary says besides the writes."""
    person_match.record_aliases(matches.aliases)
    summary.duplicates = person_match.possible_duplicates(r["name"] for f in people_files for r in f.records["people"])
    summary.merged_here = matches.merged_here
    summary.by_email = matches.by_email
    for kind, c in writer.counts.items():
        summary.counts[kind] = KindCounts(c.added, c.updated, c.unchanged, c.kept)


def carries_private(f: ParsedFile) -> bool:
    """Whether a file brings any private note with text."""
    return f.includes_private and (
        f.private_texts or any((c.get("private_notes") or "").strip() for c in f.records["checkins"])
    )


def run(
    attempt: Callable[[], transfer.Writer], summary: ImportSummary, waiting: Callable[[str], None] | None
) -> ImportSummary:
    """`attempt()` (the whole transaction), tried again while another program writes;
    a failed write as one line. Replaced notes leave no older copy in the WAL."""
    path = Path(transfer.database().database)
    try:
        writer = write_wait.while_others_write(attempt, path, waiting)
    except DryRun:
        return summary
    except write_wait.StillLocked as exc:
        raise ExchangeError(f"{WRITE_FAILED}: {exc}") from None
    except (transfer.TransferError, transfer.DatabaseError) as exc:
        raise ExchangeError(f"{WRITE_FAILED}: {why(exc)}") from None
    if any(c.updated for c in writer.counts.values()):
        scrub_wal()
    return summary


def why(exc: BaseException) -> str:
    """The cause of a failed write in words. A full disk makes SQLite end the transaction
    itself, and the rollback that follows fails too: the first cause is in the chain."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__context__
    texts = [str(e).lower() for e in chain]
    if any("full" in t for t in texts):
        return "disk full: free some space and try again"
    if any("locked" in t or "busy" in t for t in texts):
        return "the database is locked by another program (another mentor-tui?); try again when it is done"
    if any("readonly" in t or "read-only" in t for t in texts):
        return "the database is read-only here (check the file's permissions and its folder's)"
    return str(chain[-1])
