"""Snapshot tests: the look of every section, empty and with the demo team, and the dialogs.

The clock is frozen (conftest) and the demo is generated for that day with a
fixed seed, so the pictures only change when a screen does.
"""

from __future__ import annotations

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people

from .pilot_helpers import settle, wait_until
from .pilot_helpers import then as _then

SIZE = (120, 40)
SECTION_KEYS = {"dashboard": "1", "plans": "2", "labs": "3", "checkins": "4", "calendar": "5", "team": "6"}


@pytest.fixture
def empty_db(tmp_path):
    """A new database whose owner has answered the first-start question, nothing else."""
    path = tmp_path / "mentor.sqlite3"
    database.open_database(path)
    people.set_me("Bo Chen", "mentor")
    database.close_database()
    return path


@pytest.mark.parametrize("section", list(SECTION_KEYS))
def test_section_empty(snap_compare, empty_db, section):
    assert snap_compare(MentorApp(db_path=empty_db), terminal_size=SIZE, run_before=_then(SECTION_KEYS[section]))


@pytest.mark.parametrize("section", list(SECTION_KEYS))
def test_section_with_demo_data(snap_compare, demo_db, section):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then(SECTION_KEYS[section]))


def test_first_start_asks_who_me_is(snap_compare, tmp_path):
    assert snap_compare(MentorApp(db_path=tmp_path / "new.sqlite3"), terminal_size=SIZE, run_before=_then())


def test_first_start_rejects_an_empty_name(snap_compare, tmp_path):
    assert snap_compare(MentorApp(db_path=tmp_path / "new.sqlite3"), terminal_size=SIZE, run_before=_then("ctrl+s"))


def test_help_screen(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("2", "question_mark"))


def test_new_checkin_form_marks_private_notes(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("4", "n"))


def test_person_screen(snap_compare, demo_db):
    """Enter on the Team table: the first person (Amara Okafor), her mentor and plan."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("6", "enter"))


def test_command_palette_lists_go_to_commands(snap_compare, demo_db):
    async def run_before(pilot) -> None:
        from textual.widgets import OptionList

        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Go to")

        def six_sections_listed() -> bool:  # the palette searches asynchronously
            options = pilot.app.screen.query(OptionList)
            return bool(options) and options.first().option_count >= 6

        await wait_until(pilot, six_sections_listed, what="the palette to list the six sections")
        await settle(pilot)

    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=run_before)


def test_database_that_cannot_be_opened(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative path keeps the message the same on every run
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    assert snap_compare(MentorApp(db_path="broken.sqlite3"), terminal_size=SIZE, run_before=_then())
