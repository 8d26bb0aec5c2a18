"""Pilot tests of a session occurrence's attendance (ticked from the people here, never on a
cancelled occurrence) and of the Calendar's keys in the command palette."""

from __future__ import annotations

from textual.widgets import SelectionList

from mentor_tui.app import MentorApp
from mentor_tui.db import models, people
from mentor_tui.screens.confirm import YesNoDialog
from mentor_tui.screens.pick_list import PickListDialog
from mentor_tui.screens.session_view import SessionScreen

from .pilot_helpers import screen_text, settle
from .test_calendar_tui import SIZE, _at, _open_first_occurrence, _review


async def test_attendance_is_ticked_from_the_people_here(store_with_me):
    session = _review()
    ana = people.add_person("Ana Ruiz", "mentee")
    people.add_person("Kai Ito", "mentee")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("a")  # 4 December: not happened yet (today is 26 November): asked first
        await settle(pilot)
        assert isinstance(app.screen, YesNoDialog) and "not happened yet" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PickListDialog)
        dialog.query_one(SelectionList).select(ana.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Attended  1: Ana Ruiz" in screen_text(app)
    rows = list(models.Attendance.select().join(models.SessionOccurrence))
    assert [(r.person_id, r.occurrence.session_id, r.occurrence.starts_at) for r in rows] == [
        (ana.id, session.id, _at(2026, 12, 4, 14))
    ]


async def test_a_cancelled_occurrence_says_so_instead_of_asking_who_attended(store_with_me):
    _review()
    app = MentorApp(db_path=store_with_me)
    notes: list[str] = []
    app.notify = lambda message, **_kw: notes.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert not isinstance(app.screen, PickListDialog)
        assert notes[-1] == "This occurrence is cancelled: nobody attended it. c restores it."
        await pilot.press("c")  # restored: now it asks
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, YesNoDialog)  # (not happened yet)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
    assert models.Attendance.select().count() == 0


async def test_cancelling_an_occurrence_with_attendance_asks_first_and_drops_it(store_with_me):
    from mentor_tui.db import session_edits

    session = _review()
    ana = people.add_person("Ana Ruiz", "mentee")
    session_edits.set_attendance(session.id, _at(2026, 12, 4, 14), [ana.id])
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, YesNoDialog)
        assert "The attendance recorded for it (1 person) goes with it" in screen_text(app)
        await pilot.press("n")  # kept as it was
        await settle(pilot)
        assert "Attended  1: Ana Ruiz" in screen_text(app) and "CANCELLED" not in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert "CANCELLED" in screen_text(app) and "Ana Ruiz" not in screen_text(app)
        assert "Attended  nobody: it is cancelled" in screen_text(app)
    assert models.Attendance.select().count() == 0


async def test_the_palette_offers_the_months_day_keys_only_in_the_month(store_with_me):
    _review()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")  # the agenda
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Month/agenda" in titles and not {"Day after", "Day before", "Month after"} & titles
        await pilot.press("tab")  # the month
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Day after", "Day before", "Month after"} <= titles
