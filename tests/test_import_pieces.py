"""A big file is read in pieces (exchange/toml_pieces.py): the same records, the same database,
the same errors as reading it whole; a header line inside a multi-line string is never a cut.

The tests make every file "big" (cut at each top-level header) by lowering the thresholds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentor_tui.db import database
from mentor_tui.db.models import CheckIn, Mentorship, Plan
from mentor_tui.exchange import file_reader, toml_pieces
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files
from tests.exchange_fixtures import dump_db, fill

# A note that looks like the start of a record: inside a multi-line string it is text.
TRAP = 'We wrote:\n[[checkins]]\nuuid = "not-a-record"\n[[plans]]\nand moved on.'


@pytest.fixture
def export(tmp_path) -> Path:
    """The fixture team, with many check-ins (some holding TRAP) and plans, as one file."""
    database.open_database(tmp_path / "source.sqlite3")
    team = fill()
    mentorship = Mentorship.get(Mentorship.mentee == team.ana)
    for n in range(40):
        CheckIn.create(mentorship=mentorship, held_on=dt.date(2026, 10, 20) + dt.timedelta(days=n),
                       progress=TRAP if n % 3 == 0 else f"week {n}", blockers="none\nreally")
        Plan.create(owner=team.cai, title=f"Plan {n}", kind="skill", start_on=dt.date(2026, 10, 1))
    path = tmp_path / "team.toml"
    path.write_text(dumps(build_document(include_private=True)), encoding="utf-8")
    database.close_database()
    return path


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(toml_pieces, "PIECES_MIN_CHARS", 0)
    monkeypatch.setattr(toml_pieces, "PIECE_CHARS", 1)


def _import(files: list[Path], target: Path) -> tuple[list[str], list[str]]:
    database.open_database(target)
    try:
        lines = import_files(files).lines()
    finally:
        database.close_database()
    return lines, dump_db(target)


def _whole(monkeypatch) -> None:
    monkeypatch.setattr(toml_pieces, "cut_points", lambda text, keys: [])


def test_the_cuts_skip_headers_inside_multiline_strings(export, small_pieces):
    text = export.read_text(encoding="utf-8")
    assert '"""' in text and '\n[[checkins]]\nuuid = \\"not-a-record\\"' in text
    points = toml_pieces.cut_points(text, file_reader._ARRAY_KEYS)
    headers = [line for line in text.split("\n") if line in {f"[[{key}]]" for key in file_reader._ARRAY_KEYS}]
    assert len(points) == len(headers) - 2 * text.count("not-a-record")  # every header but those in notes
    for at in points:
        line = text[at:text.index("\n", at)]
        assert line.startswith("[[") and 'not-a-record' not in text[at:at + 40]


def test_pieces_read_exactly_what_the_whole_file_gives(export, small_pieces, monkeypatch):
    text = export.read_text(encoding="utf-8")
    points = toml_pieces.cut_points(text, file_reader._ARRAY_KEYS)
    assert len(points) > 50
    pieces = file_reader._read_pieces(text, points, str(export), export)  # raises if a piece fails
    assert len(pieces.packed["checkins"]) > 10  # packed piece by piece
    with monkeypatch.context() as m:
        _whole(m)
        whole = file_reader.parse_file(export)
    for kind in pieces.counts:
        assert [r for b in pieces.batches(kind) for r in b] == [r for b in whole.batches(kind) for r in b]
    assert pieces.references == whole.references and pieces.defined == whole.defined
    assert pieces.counts == whole.counts and pieces.private_texts == whole.private_texts


def test_pieces_give_the_same_database_as_the_whole_file(export, small_pieces, tmp_path, monkeypatch):
    read_whole = []
    real_parse = file_reader.parse_text
    monkeypatch.setattr(file_reader, "parse_text", lambda text, name: read_whole.append(len(text)) or real_parse(text, name))
    cut = _import([export], tmp_path / "cut.sqlite3")
    assert read_whole and max(read_whole) < export.stat().st_size / 10  # pieces only, never the whole file
    _whole(monkeypatch)
    whole = _import([export], tmp_path / "whole.sqlite3")
    assert cut == whole
    assert any("not-a-record" in row for row in cut[1])  # the note came through as text


def test_a_wrong_cut_falls_back_to_the_whole_file(export, small_pieces, tmp_path, monkeypatch):
    """Were a cut made inside a string (here: no string is seen), its piece cannot parse, and the
    whole file is read instead: still the same import."""
    _whole(monkeypatch)
    whole = _import([export], tmp_path / "whole.sqlite3")
    monkeypatch.undo()
    monkeypatch.setattr(toml_pieces, "PIECES_MIN_CHARS", 0)
    monkeypatch.setattr(toml_pieces, "PIECE_CHARS", 1)
    monkeypatch.setattr(toml_pieces, "_strings", lambda text: [])
    assert _import([export], tmp_path / "blind.sqlite3") == whole


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title = "Plan 39"', "title = 39"),  # a wrong value in a late piece
        ('progress = "week 38"', 'progress = "week 38"\nbogus = 1'),  # an unknown key
        ("[[plans]]", "[[plans]]\n[plans.x]"),  # a table where a piece does not expect one
    ],
)
def test_a_bad_piece_gives_the_whole_files_message(export, small_pieces, tmp_path, monkeypatch, old, new):
    text = export.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    database.open_database(tmp_path / "t.sqlite3")
    try:
        with pytest.raises(ExchangeError) as cut:
            import_files([bad])
        _whole(monkeypatch)
        with pytest.raises(ExchangeError) as whole:
            import_files([bad])
    finally:
        database.close_database()
    assert str(cut.value) == str(whole.value)


def test_a_late_duplicate_uuid_is_found_across_pieces(export, small_pieces, tmp_path):
    text = export.read_text(encoding="utf-8")
    first = text.index("[[plans]]\nuuid = ")
    uuid_line = text[first + 10:text.index("\n", first + 10)]
    last = text.rindex("[[plans]]\nuuid = ")
    end = text.index("\n", last + 10)
    bad = tmp_path / "dup.toml"
    bad.write_text(text[:last + 10] + uuid_line + text[end:], encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"plans\[\d+\]\.uuid: duplicate uuid .*also at plans\[0\]"):
        file_reader.parse_file(bad)
