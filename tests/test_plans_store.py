"""The plans store: goal status, order, deleting with what depends on it, progress, due and overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui import schema
from mentor_tui.db import due_goals, goals, models, people, plans

from .conftest import FROZEN_TODAY

D = dt.date


@pytest.fixture
def plan(store_with_me):
    """Ana's plan (Bo Chen, me, mentors her): three goals, the first with a lab of three items."""
    ana = people.add_person("Ana Ruiz", "mentee")
    models.Mentorship.create(mentor=people.me(), mentee=ana, started_on=D(2026, 9, 1))
    p = plans.create_plan(ana, "Kubernetes track", "skill", D(2026, 10, 1), D(2026, 12, 30))
    first = goals.add_goal(p.id, "Deploy to kind", "kubernetes", phase="day 30", due_on=D(2026, 10, 31))
    goals.add_goal(p.id, "Debug a CrashLoopBackOff", "kubernetes", phase="day 60", due_on=D(2026, 11, 30))
    goals.add_goal(p.id, "Helm chart", "kubernetes", phase="day 90", due_on=D(2026, 12, 30))
    lab = models.Lab.create(goal=first, title="kind lab")
    for i, text in enumerate(("create cluster", "deploy", "roll back")):
        models.LabItem.create(lab=lab, text=text, position=i, done=i == 0)
    return p


def _titles(p) -> list[str]:
    return [g.title for g in goals.plan_view(p.uuid).goals]


def test_status_cycles_todo_doing_done_and_back(plan):
    goal = goals.plan_view(plan.uuid).goals[0]
    seen = [goals.cycle_status(goal.id, FROZEN_TODAY) for _ in range(3)]
    assert [(g.status, g.done_on) for g in seen] == [("doing", None), ("done", FROZEN_TODAY), ("todo", None)]


def test_blocked_toggles_and_space_unblocks_to_doing(plan):
    goal = goals.plan_view(plan.uuid).goals[1]
    assert goals.toggle_blocked(goal.id, FROZEN_TODAY).status == "blocked"
    assert goals.cycle_status(goal.id, FROZEN_TODAY).status == "doing"
    goals.toggle_blocked(goal.id, FROZEN_TODAY)
    assert goals.toggle_blocked(goal.id, FROZEN_TODAY).status == "todo"


def test_a_done_goal_is_not_blocked_and_keeps_its_day(plan):
    goal = goals.plan_view(plan.uuid).goals[0]
    goals.set_status(goal.id, "done", FROZEN_TODAY - dt.timedelta(days=60))
    with pytest.raises(ValueError, match="this goal is done: press space to reopen it"):
        goals.toggle_blocked(goal.id, FROZEN_TODAY)
    kept = goals.plan_view(plan.uuid).goals[0]
    assert (kept.status, kept.done_on) == ("done", FROZEN_TODAY - dt.timedelta(days=60))


def test_progress_moves_with_done_goals(plan):
    view = goals.plan_view(plan.uuid)
    assert (view.goals_done, view.percent) == (0, 0)
    goals.set_status(view.goals[0].id, "done", FROZEN_TODAY)
    goals.set_status(view.goals[1].id, "done", FROZEN_TODAY)
    view = goals.plan_view(plan.uuid)
    assert (view.goals_done, view.percent) == (2, 67)
    row = plans.page()[0]
    assert (row.goals_done, row.goals_total, row.percent) == (2, 3, 67)


def test_lab_progress_per_goal(plan):
    first, second, _ = goals.plan_view(plan.uuid).goals
    assert (first.labs, first.items_done, first.items_total) == (1, 1, 3)
    assert (second.labs, second.items_total) == (0, 0)


def test_swap_moves_a_goal_and_mends_clashing_positions(plan):
    a, b, c = goals.plan_view(plan.uuid).goals
    goals.swap_goals(a.id, b.id)
    assert _titles(plan) == ["Debug a CrashLoopBackOff", "Deploy to kind", "Helm chart"]
    models.Goal.update(position=0).execute()  # an old import left every position at 0
    goals.swap_goals(c.id, a.id)  # order by (position, id) is a, b, c: c and a trade places
    assert _titles(plan) == ["Helm chart", "Debug a CrashLoopBackOff", "Deploy to kind"]
    assert sorted(g.position for g in goals.plan_view(plan.uuid).goals) == [0, 1, 2]


def test_deleting_a_goal_takes_its_labs_and_items(plan):
    first = goals.plan_view(plan.uuid).goals[0]
    assert goals.goal_dependents(first.id).words() == "1 lab and 3 checklist items"
    gone = goals.delete_goal(first.id)
    assert (gone.labs, gone.items) == (1, 3)
    assert _titles(plan) == ["Debug a CrashLoopBackOff", "Helm chart"]
    assert models.Lab.select().count() == 0 and models.LabItem.select().count() == 0
    with pytest.raises(ValueError, match="no longer exists"):
        goals.delete_goal(first.id)


def test_deleting_a_plan_takes_everything_under_it(plan):
    deps = plans.plan_dependents(plan.id)
    assert deps.words() == "3 goals, 1 lab and 3 checklist items"
    plans.delete_plan(plan.id)
    assert models.Plan.select().count() == models.Goal.select().count() == models.LabItem.select().count() == 0
    assert models.Person.select().count() == 2, "the people stay"


@pytest.mark.parametrize(("due", "message"), [
    (D(2026, 9, 30), "before the plan starts"),
    (D(2026, 12, 31), "after the plan's target date"),
])
def test_a_goal_due_outside_its_plan_is_refused(plan, due, message):
    with pytest.raises(schema.RecordError, match=message) as caught:
        goals.add_goal(plan.id, "Too early or late", due_on=due)
    assert caught.value.field == "due_on"
    goal = goals.plan_view(plan.uuid).goals[0]
    with pytest.raises(schema.RecordError, match=message):
        goals.update_goal(goal.id, title=goal.title, competency_key=None, kind="skill", phase=None, due_on=due,
                          detail="")
    assert len(goals.plan_view(plan.uuid).goals) == 3


def test_plan_dates_must_still_hold_its_goals(plan):
    ana = people.find("Ana Ruiz")
    common = {"owner_id": ana.id, "mentor_id": None, "title": "K8s", "kind": "skill", "status": "active"}
    with pytest.raises(schema.RecordError, match="Helm chart.*after this target") as caught:
        plans.update_plan(plan.id, start_on=D(2026, 10, 1), target_on=D(2026, 12, 1), **common)
    assert caught.value.field == "target_on"
    with pytest.raises(schema.RecordError, match="before the start date"):
        plans.update_plan(plan.id, start_on=D(2026, 10, 1), target_on=D(2026, 9, 1), **common)
    updated = plans.update_plan(plan.id, start_on=D(2026, 9, 15), target_on=D(2027, 1, 31), **common)
    assert (updated.title, updated.target_on, updated.mentor) == ("K8s", D(2027, 1, 31), None)


def test_overdue_is_past_due_and_not_done(plan):
    first, second, third = goals.plan_view(plan.uuid).goals
    assert [g.overdue(FROZEN_TODAY) for g in (first, second, third)] == [True, False, False]
    goals.set_status(first.id, "done", FROZEN_TODAY)
    assert not goals.plan_view(plan.uuid).goals[0].overdue(FROZEN_TODAY)


def test_list_shows_mine_first_and_filters_by_person_and_status(plan):
    me = people.me()
    mine = plans.create_plan(me, "Leadership", "leadership", D(2026, 11, 1))
    paused = plans.create_plan(people.find("Ana Ruiz"), "IaC", "skill", D(2026, 1, 1))
    models.Plan.update(status="paused").where(models.Plan.id == paused.id).execute()
    mentored = plans.create_plan(people.add_person("Aaron Abe", "mentee"), "Cloud", "skill", D(2026, 11, 1), mentor=me)
    everyone = plans.PlanFilter(first_owner=me.id)
    assert [r.title for r in plans.page(which=everyone)] == ["Leadership", "Cloud", "Kubernetes track", "IaC"]
    models.Plan.delete().where(models.Plan.id == mentored.id).execute()
    active = plans.PlanFilter(active_only=True, first_owner=me.id)
    assert [r.title for r in plans.page(which=active)] == ["Leadership", "Kubernetes track"]
    assert plans.count(active) == 2
    anas = plans.PlanFilter(owner_id=plan.owner_id)
    assert [r.title for r in plans.page(which=anas)] == ["Kubernetes track", "IaC"]
    assert plans.count() == 3 and mine.status == "active"


def test_dashboard_lists_my_mentees_plans_with_next_goals_overdue_first(plan):
    other = people.add_person("Cy Doe", "mentee")  # not my mentee: not shown
    plans.create_plan(other, "Cloud", "skill", D(2026, 11, 1))
    (due,) = due_goals.plans_due(FROZEN_TODAY)
    assert (due.title, due.owner, due.mine, due.goals_total) == ("Kubernetes track", "Ana Ruiz", False, 3)
    assert [(g.title, g.overdue) for g in due.next_goals] == [
        ("Deploy to kind", True), ("Debug a CrashLoopBackOff", False), ("Helm chart", False)]
    goals.set_status(goals.plan_view(plan.uuid).goals[0].id, "done", FROZEN_TODAY)
    (due,) = due_goals.plans_due(FROZEN_TODAY)
    assert [g.title for g in due.next_goals] == ["Debug a CrashLoopBackOff", "Helm chart"]
    assert due.goals_done == 1
