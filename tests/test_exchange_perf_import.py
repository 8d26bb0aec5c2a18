"""The fast paths of the import behave exactly like the plain ones.

Big batches are read partly in a worker process, records repeated across files
are compared in memory, and inserts are batched: same records, same counts,
same errors (the first bad file in argument order), same progress.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from pathlib import Path

import pytest

from mentor_tui.db import database
from mentor_tui.exchange import parallel_read
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files, read_files
from tests.exchange_fixtures import dump_db, fill, row_counts


@pytest.fixture
def files(tmp_path) -> list[Path]:
    """A team file and one file per person of the fixture team (records repeat across them)."""
    database.open_database(tmp_path / "a.sqlite3")
    team = fill()
    docs = [build_document(include_private=True)]
    people = [p["uuid"] for p in docs[0]["people"]]
    docs += [build_document(persons=[uuid]) for uuid in people]
    database.close_database()
    del team
    out = []
    for n, doc in enumerate(docs):
        path = tmp_path / f"f{n:02d}.toml"
        path.write_text(dumps(doc), encoding="utf-8")
        out.append(path)
    return out


def _import(files: list[Path], target: Path, parallel: bool, monkeypatch) -> tuple[list[str], list[str]]:
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 60)
    database.open_database(target)
    try:
        steps: list[tuple[int, int]] = []
        summary = import_files(files, progress=lambda done, total: steps.append((done, total)))
    finally:
        database.close_database()
    n = len(files)
    if parallel:  # written while read (import_stream): a step as each file is read, one as it is written
        assert steps == [(i, 2 * n) for i in range(1, 2 * n + 1)]
    else:
        assert steps == [(i, 2 * n) for i in range(1, n + 1)] + [(n + i, 2 * n) for i in range(n + 1)]
    return summary.lines(), dump_db(target)


def _all_records(f) -> dict[str, list]:
    return {kind: [r for batch in f.batches(kind) for r in batch] for kind in f.records}


def test_parallel_reading_gives_the_same_import(files, tmp_path, monkeypatch):
    plain = _import(files, tmp_path / "plain.sqlite3", False, monkeypatch)
    fast = _import(files, tmp_path / "fast.sqlite3", True, monkeypatch)
    assert fast == plain
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0)
    here: list[Path] = []
    real_parse = parallel_read.parse_file
    monkeypatch.setattr(parallel_read, "parse_file", lambda p: here.append(p) or real_parse(p))
    parallel = read_files(files)
    monkeypatch.setattr(parallel_read, "parse_file", real_parse)
    assert len(here) < len(files)  # the workers' files came back from them, not read again here
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 1 << 60)
    sequential = read_files(files)
    assert [_all_records(f) for f in parallel] == [_all_records(f) for f in sequential]
    assert [f.references for f in parallel] == [f.references for f in sequential]
    assert [f.display for f in parallel] == [str(p) for p in files]


def test_second_import_writes_nothing(files, tmp_path, monkeypatch):
    target = tmp_path / "b.sqlite3"
    first, _ = _import(files, target, True, monkeypatch)
    counts, dump = row_counts(target), dump_db(target)
    second, _ = _import(files, target, True, monkeypatch)
    assert second[0].startswith(f"Imported {len(files)} files: 0 added, 0 updated, ")
    assert row_counts(target) == counts and dump_db(target) == dump
    assert first != second


@pytest.mark.parametrize("parallel", [False, True])
def test_first_bad_file_in_order_is_reported(files, tmp_path, monkeypatch, parallel):
    bad_late = files[-1]
    bad_late.write_text(bad_late.read_text(encoding="utf-8") + "\nbogus = 1\n", encoding="utf-8")
    bad_early = files[-2]
    bad_early.write_text('format = "mentor-tui"\nversion = 1\n[[people]]\nuuid = "x"\n', encoding="utf-8")
    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 60)
    with pytest.raises(ExchangeError) as caught:
        read_files(files)
    assert str(caught.value) == f"{bad_early}: people[0].name: required key is missing"
    assert caught.value.__cause__ is None


def test_exchange_error_pickles_with_its_one_line_message():
    error = ExchangeError("a.toml:  plans[0].title:\nexpected a string, got " + "x" * 500)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is ExchangeError and str(back) == str(error)


def test_a_record_added_then_changed_by_a_later_file(files, tmp_path, monkeypatch):
    database.open_database(tmp_path / "a.sqlite3")
    doc = build_document(include_private=True)
    database.close_database()
    changed = copy.deepcopy(doc)
    changed["people"][0]["name"] = "Renamed Person"
    changed["people"][0]["updated_at"] = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)  # renamed later
    later = tmp_path / "later.toml"
    later.write_text(dumps(changed), encoding="utf-8")
    target = tmp_path / "c.sqlite3"
    lines, dump = _import([files[0], later], target, False, monkeypatch)
    people = next(line for line in lines if line.strip().lower().startswith("people:"))
    assert " 1 updated" in people and lines[0].startswith("Imported 2 files: ")
    assert any("Renamed Person" in row for row in dump)


def test_letting_go_of_written_rows_changes_nothing(files, tmp_path, monkeypatch):
    """The writer forgets the rows it wrote (memory); a record repeated in a later file is then
    looked up in the database: the same counts and the same rows as when it remembers them all."""
    from mentor_tui.db import transfer

    forgetting = _import(files, tmp_path / "forgets.sqlite3", False, monkeypatch)
    calls: list[int] = []
    monkeypatch.setattr(transfer.Writer, "forget", lambda self, keep: calls.append(1))
    remembering = _import(files, tmp_path / "remembers.sqlite3", False, monkeypatch)
    assert calls  # forget was asked for, and did nothing this time
    assert forgetting == remembering
    assert "unchanged" in forgetting[0][0] and " 0 unchanged" not in forgetting[0][0]  # records did repeat


BROKEN = Path(__file__).parent / "data" / "broken"


@pytest.mark.parametrize(("bad", "named"), [
    (("checkin_before_start.toml", "dangling_reference.toml"), 1),  # a missing reference first
    (("dangling_reference.toml", "bad_date.toml"), 1),  # a file that cannot be read first
    (("bad_date.toml", "dangling_reference.toml"), 0),
    (("dangling_competency.toml",), 0),
])
def test_written_while_read_the_same_error_and_nothing_written(files, tmp_path, monkeypatch, bad, named):
    """The import that writes while the workers read (import_stream) writes the good files before
    it meets a bad one: all of it rolls back, and the error is the one the plain import gives."""
    target = tmp_path / "t.sqlite3"
    database.open_database(target)
    import_files(files[:1])
    database.close_database()
    before = dump_db(target)
    order = [*files[1:], *(BROKEN / name for name in bad)]
    messages = []
    for parallel in (False, True):
        monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 60)
        database.open_database(target)
        try:
            with pytest.raises(ExchangeError) as caught:
                import_files(order)
        finally:
            database.close_database()
        messages.append(str(caught.value))
        assert dump_db(target) == before
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"{BROKEN / bad[named]}: ")


def test_records_in_stored_form_write_the_same_rows(files, tmp_path, monkeypatch):
    """The packed records are put in stored form by the reader (db/stored_form) and written by the
    writer's stored path; the same file checked as one document keeps them as checked values (the
    writer's other path): both give the same database."""
    from mentor_tui.exchange.toml_import import import_parsed
    from mentor_tui.exchange.toml_text import load_toml
    from mentor_tui.exchange.validate import validate_document

    monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 1 << 60)
    dumps_ = []
    for stored in (False, True):
        target = tmp_path / f"stored-{stored}.sqlite3"
        database.open_database(target)
        try:
            if stored:
                parsed = read_files(files[:1])
                assert parsed[0].packed  # in stored form, packed
            else:
                parsed = [validate_document(load_toml(files[0]), str(files[0]), files[0])]
                assert not parsed[0].packed
            import_parsed(parsed)
        finally:
            database.close_database()
        dumps_.append(dump_db(target))
    assert dumps_[0] == dumps_[1]
