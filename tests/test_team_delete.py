"""d in Team: deleting a person asks first, says what goes with them and what stays, and refuses "me"."""

from __future__ import annotations

import datetime as dt
from contextlib import asynccontextmanager

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import checkins, database, mentorships, people, people_delete, plans, sessions
from mentor_tui.db.actions import NewAction
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship, Person, Plan, Session
from mentor_tui.screens.confirm import ConfirmDialog

from .pilot_helpers import screen_text, settle, then, wait_until

SIZE = (120, 40)


def _team(path):
    """Me (a lead), Ana (a mentee with a plan and a mentorship with one check-in) and Bo (her
    mentor, who presents a session and owns an action item of her check-in)."""
    database.open_database(path)
    me = people.set_me("Lee Lead", "lead")
    ana = people.add_person("Ana Ruiz", "mentee")
    bo = people.add_person("Bo Chen", "mentor")
    ship = mentorships.create_mentorship(bo.id, ana.id, dt.date(2026, 9, 1))
    checkins.create_checkin(ship.id, dt.date(2026, 10, 1), "Kind cluster up",
                            new_actions=[NewAction("Write the runbook", bo.id)])
    plans.create_plan(ana, "Onboarding", "onboarding", dt.date(2026, 9, 1), mentor=bo)
    sessions.create_session("Incident review", "incident-review", dt.datetime(2026, 12, 4, 14, tzinfo=dt.UTC), 45,
                            presenter=bo)
    ids = me.uuid, ana.uuid, bo.uuid
    database.close_database()
    return ids


@asynccontextmanager
async def in_team(db, row: int):
    """The app on `db`, in Team with the cursor on `row`: (app, pilot, what it notified)."""
    app = MentorApp(db_path=db)
    said: list[str] = []
    app.notify = lambda message, **_kw: said.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        app.screen.table.move_cursor(row=row)
        yield app, pilot, said


def test_what_goes_with_a_person_and_what_stays(tmp_path):
    _me, ana, bo = _team(tmp_path / "t.sqlite3")
    database.open_database(tmp_path / "t.sqlite3")
    try:
        words = people_delete.person_dependents(bo).words()
        assert "With them go 1 mentorship as mentor, 1 check-in of those mentorships." in words
        assert "These stay, without their name: 1 plan as mentor, 1 session presented." in words
        gone = people_delete.delete_person(bo)
        assert gone.name == "Bo Chen"
        assert not Mentorship.select().exists() and not CheckIn.select().exists() and not ActionItem.select().exists()
        assert Plan.get().mentor_id is None and Session.get().presenter_id is None
        assert Person.get(Person.uuid == ana).name == "Ana Ruiz"
        with pytest.raises(ValueError, match="this is you"):
            people_delete.delete_person(people.me().uuid)
    finally:
        database.close_database()


async def test_d_in_team_asks_then_deletes(tmp_path):
    db = tmp_path / "t.sqlite3"
    _me, ana, _bo = _team(db)
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        app.screen.table.move_cursor(row=0)  # rows by name: Ana Ruiz first
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the question")
        text = screen_text(app)
        assert "Delete Ana Ruiz?" in text and "1 plan," in text and "1 mentorship as mentee" in text
        await pilot.press("n")
        await settle(pilot)
        assert "Ana Ruiz" in screen_text(app)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: "Ana Ruiz" not in screen_text(app), what="the list without her")
    database.open_database(db)
    assert not Person.select().where(Person.uuid == ana).exists() and not Plan.select().exists()
    database.close_database()


async def test_d_on_me_says_why_without_asking(tmp_path):
    db = tmp_path / "t.sqlite3"
    _team(db)
    async with in_team(db, row=2) as (app, pilot, said):  # Ana Ruiz, Bo Chen, Lee Lead (me)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)
        assert said and said[-1].startswith("Lee Lead is you (“me”) in this database")


def test_delete_person_question_snapshot(snap_compare, tmp_path):
    db = tmp_path / "t.sqlite3"
    _team(db)
    assert snap_compare(MentorApp(db_path=db), terminal_size=SIZE, run_before=then("6", "down", "d"))
