"""Snapshot tests of the Calendar: the month, the agenda (upcoming and past), one
session, and its dialogs. The clock is frozen (2026-11-26) and the demo generated
for that day, so the pictures only change when a screen does."""

from __future__ import annotations

from mentor_tui.app import MentorApp

from .pilot_helpers import settle
from .pilot_helpers import then as _then

SIZE = (120, 40)


def test_month_view(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "tab", "right"))


def test_month_view_at_80_columns(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24), run_before=_then("5", "tab", "right", "enter"))


def test_agenda_with_past_occurrences(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "p"))


def test_session_view(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "enter"))


def test_session_view_cancelled_occurrence(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "enter", "c"))


def test_attendance_dialog(snap_compare, demo_db):
    """(The next occurrence: the question of one not happened yet answered yes.)"""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "enter", "a", "y"))


def test_attendance_of_an_occurrence_not_happened_yet_asks_first(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "enter", "a"))


def test_delete_question(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "enter", "d"))


def test_ics_export_dialog(snap_compare, demo_db):
    async def run_before(pilot) -> None:
        await _then("5", "E")(pilot)
        pilot.app.screen.query_one("#path").value = "~/Documents/mentor-sessions-2026-11-26.ics"  # not tmp_path
        await settle(pilot)

    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=run_before)


def test_ics_import_dialog(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("5", "I"))
