"""Records that name someone archived (they left the program) stay whole: their forms open and keep
them, attendance keeps them, and the lists and counts say they left instead of nagging."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Select, SelectionList

from mentor_tui.app import MentorApp
from mentor_tui.db import (
    checkins,
    dashboard,
    due_goals,
    kudos,
    mentorship_list,
    mentorships,
    models,
    people,
    plans,
    session_edits,
)
from mentor_tui.db.actions import NewAction
from mentor_tui.screens.confirm import YesNoDialog
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.pick_list import PickListDialog

from .pilot_helpers import settle
from .test_calendar_tui import SIZE, _at, _open_first_occurrence, _review


def _archived_presenter() -> tuple[models.Session, models.Person]:
    """Ana presents the review and attended its first occurrence; then she left."""
    session = _review()
    ana = people.add_person("Ana Ruiz", "mentor")
    models.Session.update(presenter=ana.id).where(models.Session.id == session.id).execute()
    session_edits.set_attendance(session.id, _at(2026, 12, 4, 14), [ana.id])
    people.set_archived(ana.uuid, True)
    return session, ana


async def test_the_series_form_of_a_session_an_archived_person_presents_opens_and_keeps_them(store_with_me):
    session, ana = _archived_presenter()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)  # it crashed the app: the value was not among the choices
        presenter = form.query_one("#field-presenter", Select)
        offered = next(f.options for f in form.fields if f.name == "presenter")
        assert presenter.value == ana.id and ("Ana Ruiz (archived)", ana.id) in offered
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert models.Session.get_by_id(session.id).presenter_id == ana.id


async def test_attendance_keeps_someone_archived_who_attended(store_with_me):
    session, ana = _archived_presenter()
    kai = people.add_person("Kai Ito", "mentee")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_first_occurrence(pilot)
        await pilot.press("a")
        await settle(pilot)
        if isinstance(app.screen, YesNoDialog):  # (4 December has not happened yet)
            await pilot.press("y")
            await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PickListDialog)
        picks = dialog.query_one(SelectionList)
        assert ana.id in picks.selected
        labels = {picks.get_option_at_index(i).value: str(picks.get_option_at_index(i).prompt)
                  for i in range(picks.option_count)}
        assert labels[ana.id] == "Ana Ruiz (archived)"
        picks.select(kai.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
    attended = {a.person_id for a in models.Attendance.select()}
    assert attended == {ana.id, kai.id}, "saving dropped the archived attendee"
    assert session.id


def test_the_growth_forms_keep_an_archived_giver_among_their_choices(store_with_me):
    from mentor_tui.screens.growth_forms import fetch_choices, fetch_record

    me = people.me()
    sofia = people.add_person("Sofia Almeida", "mentor")
    given = kudos.create_kudos(me.id, sofia.id, dt.date(2026, 11, 8), "Thanks for the runbook")
    people.set_archived(sofia.uuid, True)
    assert sofia.id not in {pid for _name, pid in fetch_choices(me.id).people}  # not offered for a new one
    existing = fetch_record("kudos", given.id)
    assert ("Sofia Almeida (archived)", sofia.id) in fetch_choices(me.id, existing).people
    from mentor_tui.screens.growth_forms import Who, rating_form

    form = rating_form(Who(me.id, me.name, True), fetch_choices(me.id, existing))
    raters = next(f.options for f in form.fields if f.name == "rated_by")
    assert ("Sofia Almeida (mentor, archived)", sofia.id) in raters


def test_an_archived_mentee_is_not_due_and_their_plans_leave_the_count(store_with_me):
    me = people.me()
    mei = people.add_person("Mei Tanaka", "mentee")
    ship = mentorships.create_mentorship(me.id, mei.id, dt.date(2026, 9, 1))
    checkins.create_checkin(ship.id, dt.date(2026, 10, 1), "ok", new_actions=[NewAction("Write the runbook", mei.id)])
    plans.create_plan(mei, "Onboarding", "onboarding", dt.date(2026, 9, 1), mentor=me)
    today = dt.date(2026, 11, 26)
    before = dashboard.summary(today)
    assert before.active_plans == 1 and [d.mentee for d in before.checkins_due] == ["Mei Tanaka"]
    assert before.open_actions == 1 and [p.owner for p in due_goals.plans_due(today)] == ["Mei Tanaka"]
    people.set_archived(mei.uuid, True)
    after = dashboard.summary(today)
    assert after.active_plans == 0 and after.checkins_due == [] and after.people == 1 and after.open_actions == 0
    assert due_goals.plans_due(today) == []
    row = mentorship_list.one(ship.id, today)
    assert row is not None and row.due_on is None and row.someone_archived and row.mentee == "Mei Tanaka (archived)"
    assert [(p.owner, p.owner_archived) for p in plans.page()] == [("Mei Tanaka (archived)", True)]


async def test_the_plans_list_dims_an_archived_owner_so_a_narrow_cut_keeps_the_mark(store_with_me):
    from rich.text import Text

    mei = people.add_person("Mei Tanaka", "mentee")
    plans.create_plan(mei, "Observability and SLOs track", "skill", dt.date(2026, 9, 1))
    people.set_archived(mei.uuid, True)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        owner = app.screen.table.get_row_at(0)[0]
        assert isinstance(owner, Text) and owner.style == "dim" and owner.plain.startswith("Mei Tana")
