"""Private pairing notes: out of every export unless asked for by name; never cleared by import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mentor_tui.db import database
from mentor_tui.db.models import CheckIn
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files
from tests.exchange_fixtures import SENTINEL, fill, parse


@pytest.fixture
def source(tmp_path):
    database.open_database(tmp_path / "a.sqlite3")
    return fill()


def _selections(team):
    return [
        {},
        {"persons": ["Ana Ruiz"]},
        {"persons": ["Bo Chen"]},
        {"persons": [team.ana.uuid, team.cai.uuid]},
        {"plans": [team.ana_plan.uuid]},
        {"persons": ["Ana Ruiz"], "plans": [team.cai_plan.uuid]},
    ]


def test_sentinel_never_exported_without_include_private(source):
    for selection in _selections(source):
        text = dumps(build_document(**selection))
        assert SENTINEL not in text, selection
        assert "private_notes" not in text, selection
        assert "includes_private = false" in text


def test_sentinel_exported_with_include_private(source):
    for selection in ({}, {"persons": ["Ana Ruiz"]}, {"persons": ["Bo Chen"]}):
        text = dumps(build_document(include_private=True, **selection))
        assert SENTINEL in text
        doc = parse(text)
        assert doc["includes_private"] is True
        notes = {c["uuid"]: c.get("private_notes") for c in doc["checkins"]}  # absent when empty
        assert notes[source.checkin.uuid] == SENTINEL
    # a plan has no check-ins: still nothing private in it
    assert SENTINEL not in dumps(build_document(plans=[source.ana_plan.uuid], include_private=True))


def test_cli_export_keeps_the_sentinel_out_unless_asked(source, tmp_path):
    database.close_database()
    db = str(tmp_path / "a.sqlite3")
    base = [sys.executable, "-m", "mentor_tui", "--db", db, "export"]
    plain = subprocess.run(base, capture_output=True, text=True, timeout=60)
    assert plain.returncode == 0, plain.stderr
    assert SENTINEL not in plain.stdout
    ana = subprocess.run([*base, "--person", "Ana Ruiz"], capture_output=True, text=True, timeout=60)
    assert ana.returncode == 0 and SENTINEL not in ana.stdout
    private = subprocess.run([*base, "--include-private"], capture_output=True, text=True, timeout=60)
    assert private.returncode == 0, private.stderr
    assert SENTINEL in private.stdout
    assert parse(private.stdout)["includes_private"] is True


def test_import_without_private_notes_never_clears_them(source, tmp_path):
    with_notes = tmp_path / "private.toml"
    with_notes.write_text(dumps(build_document(persons=["Ana Ruiz"], include_private=True)), encoding="utf-8")
    CheckIn.update(progress="changed").where(CheckIn.id == source.checkin.id).execute()
    without = tmp_path / "plain.toml"
    without.write_text(dumps(build_document(persons=["Ana Ruiz"])), encoding="utf-8")

    database.open_database(tmp_path / "b.sqlite3")
    import_files([with_notes])
    assert CheckIn.get(CheckIn.uuid == source.checkin.uuid).private_notes == SENTINEL
    summary = import_files([without])
    row = CheckIn.get(CheckIn.uuid == source.checkin.uuid)
    assert row.progress == "changed"  # the rest was updated
    assert row.private_notes == SENTINEL  # but not the private notes
    assert summary.counts["checkins"].updated == 1


def test_import_without_private_notes_does_not_set_them(source, tmp_path):
    plain = tmp_path / "plain.toml"
    plain.write_text(dumps(build_document(persons=["Ana Ruiz"])), encoding="utf-8")
    database.open_database(tmp_path / "b.sqlite3")
    import_files([plain])
    assert {c.private_notes for c in CheckIn.select()} == {""}


def test_a_private_export_updates_private_notes(source, tmp_path):
    first = tmp_path / "first.toml"
    first.write_text(dumps(build_document(include_private=True)), encoding="utf-8")
    CheckIn.update(private_notes="new note").where(CheckIn.id == source.checkin.id).execute()
    second = tmp_path / "second.toml"
    second.write_text(dumps(build_document(include_private=True)), encoding="utf-8")
    database.open_database(tmp_path / "b.sqlite3")
    import_files([first])
    summary = import_files([second])
    assert summary.counts["checkins"].updated == 1
    assert CheckIn.get(CheckIn.uuid == source.checkin.uuid).private_notes == "new note"


def test_private_notes_in_a_file_that_says_it_has_none_is_an_error(source, tmp_path):
    text = dumps(build_document(persons=["Ana Ruiz"], include_private=True))
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace("includes_private = true", "includes_private = false"), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"bad\.toml: checkins\[0\]\.private_notes: private notes"):
        import_files([bad])


def test_a_private_export_without_notes_never_wipes_notes_kept_elsewhere(source, tmp_path):
    """Bo's notes travel to Ana without notes; Ana's private export must not erase them at Bo's."""
    team_file = tmp_path / "team.toml"
    team_file.write_text(dumps(build_document()), encoding="utf-8")  # no private notes
    bo_db = Path(CheckIn._meta.database.database)  # the file the source team lives in

    database.open_database(tmp_path / "ana.sqlite3")
    import_files([team_file])
    assert {c.private_notes for c in CheckIn.select()} == {""}
    ana_private = dumps(build_document(persons=["Ana Ruiz"], include_private=True))
    # no notes here, and Ana is not the mentor: nothing written that could clear Bo's
    assert "private_notes" not in ana_private
    ana_file = tmp_path / "ana.toml"
    ana_file.write_text(ana_private, encoding="utf-8")

    database.open_database(bo_db)
    import_files([ana_file])
    assert CheckIn.get(CheckIn.uuid == source.checkin.uuid).private_notes == SENTINEL


@pytest.mark.parametrize("blank", ["", "   ", "\\n\\t"])
def test_an_empty_private_note_in_a_file_does_not_clear_one(source, tmp_path, blank):
    text = dumps(build_document(persons=["Ana Ruiz"], include_private=True))
    blanked = text.replace(f'private_notes = "{SENTINEL}"', f'private_notes = "{blank}"')
    assert blanked != text
    file = tmp_path / "blank.toml"
    file.write_text(blanked, encoding="utf-8")
    import_files([file])
    assert CheckIn.get(CheckIn.uuid == source.checkin.uuid).private_notes == SENTINEL


def test_an_export_with_private_notes_holds_only_mine_never_another_mentors(source):
    """A lead who took in a mentor's private export, then exports "with private notes", shares
    their own notes only: the app never shows them the other mentor's, and no file carries them."""
    import datetime as dt

    from mentor_tui.db.models import Mentorship, Person

    dee = Person.get(Person.name == "Dee Lead")
    eve = Person.get(Person.name == "Eve Unrelated")
    theirs = Mentorship.create(mentor=dee, mentee=eve, started_on=dt.date(2026, 9, 1), cadence_days=14)
    CheckIn.create(mentorship=theirs, held_on=dt.date(2026, 9, 10), progress="ok",
                   private_notes="DEE-ONLY: Eve is thinking of leaving")
    text = dumps(build_document(include_private=True))
    assert SENTINEL in text  # mine (Bo Chen mentors Ana)
    assert "DEE-ONLY" not in text
