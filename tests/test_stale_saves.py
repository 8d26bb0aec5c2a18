"""A save never silently overwrites a change made elsewhere since the form opened.

Another program (a second mentor-tui on the same file, an import, a script) changes
the record while its edit form is open: ctrl+s shows how it is now and keeps the
user's values in the form; a second ctrl+s saves them over it, esc leaves theirs.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people, plans, stale
from mentor_tui.db.models import Plan
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.plan_view import PlanScreen

from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)


@pytest.fixture
def plan_db(store_with_me):
    ana = people.add_person("Ana Ruiz", "mentee")
    plans.create_plan(ana, "Kubernetes track", "skill", dt.date(2026, 10, 1), dt.date(2026, 12, 30))
    database.close_database()
    return store_with_me


def _elsewhere(db, sql: str) -> None:
    """A write by another program: its own connection, its own transaction."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute(sql)
    finally:
        con.close()


async def _edit_plan_form(pilot) -> FormScreen:
    await settle(pilot)
    for key in ("2", "enter", "E"):
        await pilot.press(key)
        await settle(pilot)
    assert isinstance(pilot.app.screen, FormScreen)
    return pilot.app.screen


async def test_a_change_made_elsewhere_is_shown_and_the_user_chooses_to_save_over_it(plan_db):
    app = MentorApp(db_path=plan_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await _edit_plan_form(pilot)
        form.query_one("#field-title").value = "Kubernetes and Helm (mine)"
        _elsewhere(plan_db, "UPDATE plan SET title = 'Kubernetes by the lead', status = 'paused'")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Changed elsewhere" in screen_text(app), what="the other change")
        assert app.screen is form  # nothing saved yet, the user's text kept
        assert "title: Kubernetes by the lead" in screen_text(app) and "status: paused" in screen_text(app)
        assert form.query_one("#field-title").value == "Kubernetes and Helm (mine)"
        await pilot.press("ctrl+s")  # the user chooses theirs: saved over it
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen), what="the plan view")
    database.open_database(plan_db)
    assert Plan.get().title == "Kubernetes and Helm (mine)"


async def test_escape_after_the_warning_keeps_the_other_change(plan_db):
    app = MentorApp(db_path=plan_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await _edit_plan_form(pilot)
        form.query_one("#field-title").value = "Mine"
        _elsewhere(plan_db, "UPDATE plan SET title = 'Theirs'")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Changed elsewhere" in screen_text(app), what="the other change")
        for _ in range(2):  # esc asks once before it throws typed text away
            await pilot.press("escape")
            await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    database.open_database(plan_db)
    assert Plan.get().title == "Theirs"


async def test_a_record_deleted_meanwhile_is_not_saved_and_says_so(plan_db):
    app = MentorApp(db_path=plan_db)
    async with app.run_test(size=SIZE) as pilot:
        form = await _edit_plan_form(pilot)
        _elsewhere(plan_db, "DELETE FROM plan")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "deleted meanwhile" in screen_text(app), what="the refusal")
        assert app.screen is form


def test_an_unchanged_record_passes_and_the_description_names_its_values(plan_db):
    database.open_database(plan_db)
    plan = Plan.get()
    loaded = stale.stamp("Plan", plan.id)
    stale.check("Plan", plan.id, loaded)  # nothing happened: no complaint
    Plan.update(title="Changed").where(Plan.id == plan.id).execute()
    with pytest.raises(stale.ChangedElsewhere) as caught:
        stale.check("Plan", plan.id, loaded)
    assert "title: Changed" in caught.value.theirs and caught.value.when > loaded
