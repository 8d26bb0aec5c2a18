"""Pilot tests of the Calendar: a session made on a day of the month, one occurrence
cancelled and marked, moves, months changed, the series ended and deleted,
incidents linked, .ics in and out, and the Dashboard's next three sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import SelectionList

from mentor_tui.app import MentorApp
from mentor_tui.db import models, people, session_edits, sessions
from mentor_tui.screens.confirm import ConfirmDialog
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.ics_dialogs import IcsExportDialog, IcsImportDialog
from mentor_tui.screens.session_view import SessionScreen
from mentor_tui.widgets.month_grid import MonthGrid

from .pilot_helpers import press_settled, screen_text, settle, wait_until

SIZE = (120, 40)
UTC = dt.UTC
ICS = Path(__file__).parent / "data" / "ics"


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def _review() -> models.Session:
    """Bi-weekly on Fridays at 15:00 Berlin from 4 December 2026 (14:00 UTC in winter)."""
    return sessions.create_session("Incident review", "incident-review", _at(2026, 12, 4, 14), 45,
                                   "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "Europe/Berlin")


async def _open_calendar(pilot, *keys: str) -> None:
    await settle(pilot)
    for key in ("5", *keys):
        await pilot.press(key)
        await settle(pilot)


async def _open_first_occurrence(pilot) -> SessionScreen:
    await _open_calendar(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def test_a_biweekly_session_made_on_a_day_chosen_in_the_month(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        # today is Thursday 2026-11-26: ] goes to 26 December, up up left to Friday 11 December
        await _open_calendar(pilot, "tab", "right_square_bracket", "up", "up", "left")
        grid = app.screen.query_one(MonthGrid)
        assert grid.selected == dt.date(2026, 12, 11)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-date").value == "2026-12-11"
        form.query_one("#field-title").value = "Incident review"
        form.query_one("#field-time").value = "15:00"
        form.query_one("#field-timezone").value = "Europe/Berlin"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        # the grid's six weeks reach into January
        assert grid.counts == {dt.date(2026, 12, 11): 1, dt.date(2026, 12, 25): 1, dt.date(2027, 1, 8): 1}
        assert "Friday 2026-12-11: 1 session ·" in screen_text(app)
    session = models.Session.get()
    assert (session.starts_at, session.timezone, session.rrule) == (_at(2026, 12, 11, 14), "Europe/Berlin",
                                                                    "FREQ=WEEKLY;INTERVAL=2")


async def test_a_time_that_does_not_exist_is_refused_with_the_reason(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot, "n")
        form = app.screen
        form.query_one("#field-title").value = "Spring-forward review"
        form.query_one("#field-date").value = "2027-03-28"
        form.query_one("#field-time").value = "02:30"
        form.query_one("#field-timezone").value = "Europe/Berlin"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "does not exist in Europe/Berlin" in str(form.query_one("#form-error").render())
    assert models.Session.select().count() == 0


async def test_months_change_and_today_comes_back(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot, "tab")
        grid = app.screen.query_one(MonthGrid)
        assert "November 2026" in str(grid.render())
        await pilot.press("pagedown")
        await settle(pilot)
        assert "December 2026" in str(grid.render())
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert "October 2026" in str(grid.render()) and grid.selected == dt.date(2026, 10, 26)
        await pilot.press("t")
        await settle(pilot)
        assert grid.selected == dt.date(2026, 11, 26)
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.query_one("#agenda").display


async def test_enter_lists_the_day_then_opens_a_session(store_with_me):
    _review()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot, "tab", "down", "right")  # Friday 4 December
        assert app.screen.query_one(MonthGrid).selected == dt.date(2026, 12, 4)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.focused.id == "day-table"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert "every 2 weeks on friday at 15:00 europe/berlin" in screen_text(app).lower()


async def test_cancel_one_occurrence_see_it_marked_and_restore_it(store_with_me):
    session = _review()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_first_occurrence(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "CANCELLED" in screen_text(app)
        assert models.Session.get_by_id(session.id).exdates == (_at(2026, 12, 4, 14),)
        await pilot.press("escape")
        await settle(pilot)
        assert "2026-12-04 14:00 | Incident review | cancelled | incident-review |  | 45 min" in screen_text(app)
        await pilot.press("tab")
        await settle(pilot)
        assert dt.date(2026, 12, 4) not in app.screen.query_one(MonthGrid).counts
        assert app.screen.query_one(MonthGrid).cancelled == {dt.date(2026, 12, 4): 1}
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert app.screen is not screen and isinstance(app.screen, SessionScreen)
        await pilot.press("c")
        await settle(pilot)
    assert models.Session.get_by_id(session.id).exdates == ()


async def test_edit_this_occurrence_only_moves_it_and_keeps_notes(store_with_me):
    session = _review()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-date").value = "2026-12-03"
        form.query_one("#field-notes").text = "We went through the DNS outage."
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Thursday 2026-12-03 15:00 Europe/Berlin" in text and "Moved" in text
        assert "We went through the DNS outage." in text
        await pilot.press("escape")
        await settle(pilot)
        text = screen_text(app)
        assert "2026-12-03 14:00 | Incident review | moved | incident-review |  | 45 min" in text
        assert "2026-12-18 14:00 | Incident review" in text  # the series goes on as it was
    row = models.SessionOccurrence.get()
    assert (row.session_id, row.starts_at, row.moved_to) == (session.id, _at(2026, 12, 4, 14), _at(2026, 12, 3, 14))


async def test_the_occurrence_shown_follows_its_series_to_the_new_time(store_with_me):
    session = _review()
    session_edits.cancel_occurrence(session.id, _at(2026, 12, 4, 14))
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#field-time").value = "17:30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
        text = screen_text(app)
        assert "Friday 2026-12-04 17:30 Europe/Berlin" in text and "CANCELLED" in text  # not the 15:00 it was


async def test_edit_the_whole_series_and_end_it(store_with_me):
    session = _review()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("s")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#field-time").value == "15:00"
        form.query_one("#field-title").value = "Incident review (SRE)"
        form.query_one("#field-time").value = "16:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "every 2 weeks on friday at 16:00 europe/berlin" in screen_text(app).lower()
        await pilot.press("x")
        await settle(pilot)
        # not today (26 November): the series begins on 4 December, and a day before that is refused
        assert app.screen.query_one("#field-last_day").value == "2026-12-04"
        app.screen.query_one("#field-last_day").value = "2026-12-31"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "until 2026-12-31" in screen_text(app)
    session = models.Session.get_by_id(session.id)
    assert session.title == "Incident review (SRE)" and session.rrule.endswith("UNTIL=20261231T225959Z")


async def test_delete_asks_first_and_says_what_goes(store_with_me):
    session = _review()
    me = people.me()
    session_edits.set_attendance(session.id, _at(2026, 12, 4, 14), [me.id])
    models.Incident.create(person=me, occurred_on=dt.date(2026, 11, 1), title="DNS outage", session=session)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "1 attendance record" in text and "1 linked incident stays, unlinked" in text
        await pilot.press("n")
        await settle(pilot)
        assert models.Session.select().count() == 1
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, SessionScreen)
    assert models.Session.select().count() == 0
    assert models.Incident.get().session is None


async def test_incidents_are_linked_from_the_session(store_with_me):
    session = _review()
    me = people.me()
    dns = models.Incident.create(person=me, occurred_on=dt.date(2026, 11, 1), title="DNS outage",
                                 lessons="Lower the TTL before a migration")
    models.Incident.create(person=me, occurred_on=dt.date(2026, 10, 1), title="Disk full")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("l")
        await settle(pilot)
        app.screen.query_one(SelectionList).select(dns.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "DNS outage" in text and "Lower the TTL before a migration" in text and "Disk full" not in text
    assert models.Incident.get_by_id(dns.id).session_id == session.id


async def test_the_session_page_keeps_the_lines_of_notes_and_lessons_under_their_label(store_with_me):
    session = _review()
    session_edits.edit_occurrence(session.id, session.starts_at, None, "Went through the outage\nSecond line")
    lessons = "- Lower the TTL\n- Pre-pull images\n- Page the owner\n- Write it down\n- Rehearse\n- Review"
    incident = models.Incident.create(person=people.me(), occurred_on=dt.date(2026, 11, 1), title="DNS outage",
                                      lessons=lessons)
    session_edits.link_incident(incident.id, session.id)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        lines = screen_text(app).splitlines()
        notes = lines.index("  Notes  Went through the outage")
        assert lines[notes + 1] == "         Second line"  # under the first, not under "Notes"
        first_lesson = lines.index("    - Lower the TTL")
        assert lines[first_lesson + 1:first_lesson + 5] == [
            "    - Pre-pull images", "    - Page the owner", "    - Write it down", "    … 2 more lines"]


async def test_link_incident_from_the_incident_side(store_with_me):
    session = _review()
    incident = models.Incident.create(person=people.me(), occurred_on=dt.date(2026, 11, 1), title="DNS outage")
    session_edits.link_incident(incident.id, session.id)
    assert models.Incident.get_by_id(incident.id).session_id == session.id
    session_edits.link_incident(incident.id, None)
    assert models.Incident.get_by_id(incident.id).session_id is None


async def test_ics_import_dialog_previews_then_imports(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot, "I")
        dialog = app.screen
        assert isinstance(dialog, IcsImportDialog)
        dialog.query_one("#paths").value = str(ICS / "google.ics")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Dry run, nothing written: 3 sessions would be added" in screen_text(app)
        assert models.Session.select().count() == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "3 sessions added" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Incident review" in screen_text(app)
    assert models.Session.select().count() == 3


async def test_an_ics_preview_that_would_change_nothing_says_so_and_offers_no_import(store_with_me):
    from mentor_tui.exchange import ical_import

    ical_import.import_files([ICS / "google.ics"])  # every session of the file is here already
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot, "I")
        app.screen.query_one("#paths").value = str(ICS / "google.ics")
        for _check in range(2):  # ctrl+s again previews again: there is nothing to import
            await pilot.press("ctrl+s")
            await settle(pilot)
            text = screen_text(app)
            assert "0 would be updated, 3 already here unchanged" in text
            assert "Nothing would change: there is nothing to import." in text
            assert "Press ctrl+s again" not in text and "sessions added" not in text


async def test_ics_import_dialog_refuses_a_broken_file_and_changes_nothing(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot, "I")
        app.screen.query_one("#paths").value = f"{ICS / 'google.ics'} {ICS / 'broken_bad_date.ics'}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Import refused, nothing was changed: " in text and "broken_bad_date.ics" in text
    assert models.Session.select().count() == 0


async def test_ics_export_dialog_writes_the_file(store_with_me, tmp_path):
    _review()
    target = tmp_path / "sessions.ics"
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot, "E")
        dialog = app.screen
        assert isinstance(dialog, IcsExportDialog)
        assert "1 event: 1 repeating series" in screen_text(app)
        dialog.query_one("#path").value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, IcsExportDialog)
    assert b"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR" in target.read_bytes()


async def test_the_dashboard_shows_the_next_three_without_cancelled_ones(store_with_me):
    session = _review()
    session_edits.cancel_occurrence(session.id, _at(2026, 12, 4, 14))
    sessions.create_session("PoC outcome", "poc-outcome", _at(2026, 11, 30, 10), 30)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#next-sessions").render())
    lines = [line.strip() for line in text.splitlines()[1:]]
    assert lines == [
        "2026-11-30 10:00  PoC outcome (poc-outcome)",
        "2026-12-18 14:00  Incident review (incident-review)",
        "2027-01-01 14:00  Incident review (incident-review)",
    ]


async def test_help_lists_every_calendar_key_including_the_brackets(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(120, 60)) as pilot:
        await _open_calendar(pilot, "question_mark")
        text = screen_text(app)
    for line in ("tab  Month/agenda", "[  Month before", "]  Month after", "pgup  Month before", "t  Today",
                 "←  Day before", "E  Export .ics", "I  Import .ics", "p  Past/upcoming"):
        assert line in text, line


async def test_session_keys_are_in_the_help(store_with_me):
    _review()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(120, 60)) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
    for line in ("c  Cancel/restore this one", "o  Edit this one", "a  Attendance", "l  Link incidents",
                 "s  Edit series", "x  End series", "d  Delete session"):
        assert line in text, line


async def test_an_all_day_session_shows_and_moves_as_a_day(store_with_me):
    from mentor_tui.exchange import ical_import

    ical_import.import_files([ICS / "google.ics"])
    offsite = models.Session.get(models.Session.title == "Platform team offsite")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_calendar(pilot)
        app.push_screen(SessionScreen(offsite.id, _at(2026, 12, 18)))
        await settle(pilot)
        text = screen_text(app)
        assert "Friday 2026-12-18, all day" in text and "Once, on Friday 2026-12-18 all day" in text
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert not form.query("#field-time")  # a day, no time
        form.query_one("#field-date").value = "2026-12-17"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Thursday 2026-12-17, all day" in screen_text(app)
    # a session that happens once simply moves
    assert models.Session.get_by_id(offsite.id).starts_at == _at(2026, 12, 17)
    assert models.SessionOccurrence.select().where(models.SessionOccurrence.session == offsite.id).count() == 1


async def test_the_agenda_follows_the_terminal_when_it_is_resized(demo_db):
    from .test_labs_list_narrow import _all_in_sight, _cells, _drawn_whole

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_settled(pilot, "5")
        screen = app.screen
        assert screen.table.row_count > 2 and _all_in_sight(screen)
        wide = _cells(screen)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: _all_in_sight(screen), what="every column in sight at 80 columns")
        await settle(pilot)
        assert any(len(n[1]) < len(w[1]) for n, w in zip(_cells(screen), wide, strict=True))  # titles cut shorter
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: _cells(screen) == wide, what="the titles as long as at first")
        await settle(pilot)
        assert _all_in_sight(screen) and _drawn_whole(screen)
