"""The plan and goal pages: what the lab column counts, and a status line that does not
outlive what it names (a goal then marked done in its lab, a goal since deleted)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from mentor_tui.app import MentorApp
from mentor_tui.db import goals, models, people, plans
from mentor_tui.screens.confirm import ConfirmDialog
from mentor_tui.screens.goal_view import GoalScreen
from mentor_tui.screens.lab import LabScreen
from mentor_tui.screens.plan_view import PlanScreen

from .pilot_helpers import press_settled, screen_text, settle, wait_until

DEPLOY = "Deploy to kind"


@pytest.fixture
def ana_plan(store_with_me):
    """Ana's plan: "Deploy to kind" with one lab of three steps (one done), and a Helm goal."""
    ana = people.add_person("Ana Ruiz", "mentee")
    plan = plans.create_plan(ana, "Kubernetes track", "skill", dt.date(2026, 10, 1), dt.date(2026, 12, 30))
    goal = goals.add_goal(plan.id, DEPLOY, "kubernetes", phase="day 30")
    goals.add_goal(plan.id, "Write a Helm chart", "kubernetes", phase="day 60")
    lab = models.Lab.create(goal=goal, title="kind lab")
    for i, text in enumerate(("Create a cluster", "Deploy the app", "Roll it back")):
        models.LabItem.create(lab=lab, text=text, position=i, done=i == 0)
    return store_with_me


def _status(app) -> str:
    return str(app.screen.query_one("#detail-status", Static).content)


async def _open_plan(pilot) -> None:
    await press_settled(pilot, "2", "enter")
    assert isinstance(pilot.app.screen, PlanScreen)


async def test_the_lab_column_says_it_counts_steps_and_how_many_labs_there_are(ana_plan):
    """One lab of three steps is "1/3" under "Lab steps": under "Labs" it read as three labs."""
    goal = models.Goal.get(models.Goal.title == DEPLOY)
    second = models.Lab.create(goal=goal, title="kind lab, round two", position=1)
    models.LabItem.create(lab=second, text="Upgrade the cluster", position=0)
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(pilot)
        columns = [str(c.label) for c in app.screen.table.ordered_columns]
        assert columns[-1] == "Lab steps"
        assert "1/4 (2 labs)" in screen_text(app)
        assert "Write a Helm chart" in screen_text(app)  # the title still whole at 80 columns


async def test_a_goals_status_line_goes_when_the_goal_was_marked_done_in_its_lab(ana_plan):
    models.LabItem.update(done=True).where(models.LabItem.text == "Deploy the app").execute()
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_plan(pilot)
        await press_settled(pilot, "enter", "space")  # the goal's page: todo → doing
        assert isinstance(app.screen, GoalScreen) and _status(app).startswith("◐ doing: “Deploy to kind”")
        await press_settled(pilot, "enter")  # its lab: tick the last step, and mark the goal done
        assert isinstance(app.screen, LabScreen)
        await press_settled(pilot, "down", "down", "space")
        assert isinstance(app.screen, ConfirmDialog)
        await press_settled(pilot, "y")
        await wait_until(pilot, lambda: models.Goal.get(models.Goal.title == DEPLOY).status == "done",
                         what="the goal marked done")
        await press_settled(pilot, "escape")
        assert isinstance(app.screen, GoalScreen)
        await wait_until(pilot, lambda: "✔ done" in screen_text(app), what="the goal's page showing it done")
        assert "doing" not in _status(app)


async def test_the_plans_status_line_does_not_name_a_goal_deleted_on_its_page(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_plan(pilot)
        await press_settled(pilot, "space")
        assert _status(app).startswith("◐ doing: “Deploy to kind”")
        await press_settled(pilot, "enter", "d")  # delete it on its own page
        assert isinstance(app.screen, ConfirmDialog)
        await press_settled(pilot, "y")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen), what="back on the plan")
        await wait_until(pilot, lambda: app.screen.table.row_count == 1, what="the goal gone from the plan")
        await settle(pilot)
        assert DEPLOY not in _status(app)
        await press_settled(pilot, "space")  # a form or a question over the page leaves its message
        assert _status(app).startswith("◐ doing: “Write a Helm chart”")
        await press_settled(pilot, "e")
        await press_settled(pilot, "escape")
        assert _status(app).startswith("◐ doing: “Write a Helm chart”")
