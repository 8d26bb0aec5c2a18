"""A file read in two parts for an import that writes while it reads (exchange/referred_pass):
the two parts together are exactly what reading the whole file gives, and a file the cut
cannot serve (a header it does not see, a file changed in between) is read whole instead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentor_tui.db import database
from mentor_tui.db.models import CheckIn, Mentorship
from mentor_tui.exchange.file_reader import parse_file
from mentor_tui.exchange.file_table import ParsedFile
from mentor_tui.exchange.referred_pass import combine, read_referred, read_rest, same_referred
from mentor_tui.exchange.toml_export import build_document, dumps
from tests.exchange_fixtures import fill

# A note that looks like the start of people records: inside a multi-line string it is text.
TRAP = 'We wrote:\n[[people]]\nuuid = "not-a-record"\n[[sessions]]\nand moved on.'


@pytest.fixture
def export(tmp_path) -> Path:
    database.open_database(tmp_path / "source.sqlite3")
    team = fill()
    mentorship = Mentorship.get(Mentorship.mentee == team.ana)
    for n in range(12):
        CheckIn.create(mentorship=mentorship, held_on=dt.date(2026, 10, 20) + dt.timedelta(days=n),
                       progress=TRAP if n % 3 == 0 else f"week {n}")
    path = tmp_path / "team.toml"
    path.write_text(dumps(build_document(include_private=True)), encoding="utf-8")
    database.close_database()
    return path


def _everything(f: ParsedFile) -> tuple:
    records = {kind: [r for batch in f.batches(kind) for r in batch] for kind in f.records}
    return (records, f.references, f.defined, f.counts, f.private_texts, f.checkin_dates(),
            f.exported_at, f.exported_by, f.includes_private, f.scope, f.version)


def _two_parts(path: Path) -> tuple[ParsedFile, bool, ParsedFile]:
    first = read_referred(path)
    assert first.sections is not None
    rest, whole = read_rest(path, first.head, first.sections, first.crc)
    return combine(first, rest, whole), whole, first.parsed


def test_the_two_parts_are_the_whole_read(export):
    both, whole, first = _two_parts(export)
    assert not whole  # read in two parts indeed
    assert not first.packed and all(not first.records[k] for k in ("plans", "checkins", "skills"))
    assert first.records["people"] and first.records["sessions"]
    assert _everything(both) == _everything(parse_file(export))


def _spaced(path: Path, key: str) -> None:
    """The first `[[key]]` header written `[[ key ]]`: valid TOML, but no cut. (A header written
    follows a blank line; the TRAPs in the notes do not.)"""
    text = path.read_text(encoding="utf-8")
    spaced = text.replace(f"\n\n[[{key}]]\n", f"\n\n[[ {key} ]]\n", 1)
    assert spaced != text
    path.write_text(spaced, encoding="utf-8")


def test_a_referred_kind_the_cut_does_not_see_is_read_whole_and_then_found_missing(export):
    _spaced(export, "sessions")  # now inside the check-ins' run: the rest part
    both, whole, first = _two_parts(export)
    assert whole
    assert _everything(both) == _everything(parse_file(export))
    assert not same_referred(first, both)  # the first part missed a session: the import starts again


def test_another_kind_inside_a_referred_run_makes_the_first_read_whole(export):
    _spaced(export, "plans")  # now inside the mentorships' run: the first part
    first = read_referred(export)
    assert first.sections is None
    assert _everything(first.parsed) == _everything(parse_file(export))


def test_the_import_of_such_files_is_the_plain_import(export, tmp_path, monkeypatch):
    from mentor_tui.exchange import parallel_read
    from mentor_tui.exchange.toml_import import import_files
    from tests.exchange_fixtures import dump_db

    other = tmp_path / "other.toml"
    other.write_text(export.read_text(encoding="utf-8"), encoding="utf-8")
    _spaced(export, "sessions")
    _spaced(other, "plans")
    results = []
    for parallel in (False, True):
        monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 60)
        target = tmp_path / f"target-{parallel}.sqlite3"
        database.open_database(target)
        try:
            lines = import_files([export, other]).lines()
        finally:
            database.close_database()
        results.append((lines, dump_db(target)))
    assert results[0] == results[1]


def test_a_file_changed_between_the_reads_is_read_whole_and_compared(export):
    first = read_referred(export)
    assert first.sections is not None
    text = export.read_text(encoding="utf-8")
    name = first.parsed.records["people"][0]["name"]
    export.write_text(text.replace(f'name = "{name}"', 'name = "Someone Else"', 1), encoding="utf-8")
    rest, whole = read_rest(export, first.head, first.sections, first.crc)
    assert whole
    assert not same_referred(first.parsed, combine(first, rest, whole))  # the import starts again

