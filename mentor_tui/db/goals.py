"""A plan's goals: the plan view, adding, editing, status, order and deleting.

The plan view is a handful of queries however large the plan: the plan with
its people, its goals, and the lab progress of all its goals in one grouped
query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from mentor_tui import schema
from mentor_tui.db.models import Competency, Goal, Lab, LabItem, Person, Plan, objects
from mentor_tui.db.people import label
from mentor_tui.db.plans import Dependents

# space walks a goal through these; from blocked it goes back to doing
NEXT_STATUS = {"todo": "doing", "doing": "done", "done": "todo", "blocked": "doing"}


@dataclass(frozen=True)
class GoalLine:
    id: int
    uuid: str
    title: str
    kind: str
    status: str
    phase: str | None
    due_on: dt.date | None
    done_on: dt.date | None
    competency_key: str | None
    competency: str | None  # its name
    position: int
    labs: int
    items_done: int
    items_total: int

    def overdue(self, today: dt.date) -> bool:
        return self.due_on is not None and self.status != "done" and self.due_on < today


@dataclass(frozen=True)
class PlanView:
    id: int
    uuid: str
    title: str
    owner: str
    owner_id: int
    mentor: str | None
    kind: str
    template: str | None
    status: str
    start_on: dt.date
    target_on: dt.date | None
    goals: tuple[GoalLine, ...]  # in the plan's order

    @property
    def goals_done(self) -> int:
        return sum(g.status == "done" for g in self.goals)

    @property
    def percent(self) -> int:
        return round(100 * self.goals_done / len(self.goals)) if self.goals else 0


def plan_view(uuid: str) -> PlanView | None:
    """The plan with this uuid and its goals, or None when it is gone."""
    Owner, Mentor = Person.alias("owner"), Person.alias("mentor")
    query = (
        Plan.select(Plan, Owner.name.alias("owner_name"), Mentor.name.alias("mentor_name"))
        .join(Owner, on=(Plan.owner == Owner.id))
        .switch(Plan)
        .join(Mentor, JOIN.LEFT_OUTER, on=(Plan.mentor == Mentor.id))
        .where(Plan.uuid == uuid)
    )
    plan = next(objects(query), None)
    if plan is None:
        return None
    return PlanView(plan.id, plan.uuid, plan.title, plan.owner_name, plan.owner_id, plan.mentor_name, plan.kind,
                    plan.template, plan.status, plan.start_on, plan.target_on, goal_lines(plan.id))


def goal_lines(plan_id: int) -> tuple[GoalLine, ...]:
    labs = _lab_progress(Goal.plan == plan_id)
    query = (
        Goal.select(Goal, Competency.key.alias("competency_key"), Competency.name.alias("competency_name"))
        .join(Competency, JOIN.LEFT_OUTER)
        .where(Goal.plan == plan_id)
        .order_by(Goal.position, Goal.id)
    )
    return tuple(
        GoalLine(g.id, g.uuid, g.title, g.kind, g.status, g.phase, g.due_on, g.done_on, g.competency_key,
                 g.competency_name, g.position, *labs.get(g.id, (0, 0, 0)))
        for g in objects(query)
    )


def _lab_progress(goals_where: Any) -> dict[int, tuple[int, int, int]]:
    """goal id -> (labs, items done, items) for the goals matching `goals_where`."""
    items: Any = (
        Lab.select(Lab.goal, fn.COUNT(fn.DISTINCT(Lab.id)), fn.COUNT(LabItem.id), fn.SUM(LabItem.done))
        .join(Goal)
        .switch(Lab)
        .join(LabItem, JOIN.LEFT_OUTER)
        .where(goals_where)
        .group_by(Lab.goal)
        .tuples()
    )
    return {goal: (labs, int(done or 0), total) for goal, labs, total, done in items}


# ---------------------------------------------------------------- one goal


@dataclass(frozen=True)
class LabLine:
    id: int
    uuid: str
    title: str
    link: str | None
    last_practised_on: dt.date | None
    items_done: int
    items_total: int
    items: tuple[tuple[bool, str], ...]  # (done, text), in order


@dataclass(frozen=True)
class GoalView:
    goal: GoalLine
    detail: str
    plan_uuid: str
    plan_title: str
    owner: str  # "Mei Tanaka (archived)" when the owner left the program
    plan_start: dt.date
    plan_target: dt.date | None
    labs_list: tuple[LabLine, ...]
    plan_status: str = "active"


def goal_view(uuid: str) -> GoalView | None:
    goal: Any = Goal.get_or_none(Goal.uuid == uuid)
    if goal is None:
        return None
    plan: Any = Plan.get_by_id(goal.plan_id)
    line = next(g for g in goal_lines(plan.id) if g.id == goal.id)
    labs = []
    for lab in Lab.select().where(Lab.goal == goal.id).order_by(Lab.position, Lab.id):
        items = tuple((bool(i.done), i.text) for i in
                      LabItem.select(LabItem.done, LabItem.text).where(LabItem.lab == lab.id)
                      .order_by(LabItem.position, LabItem.id))
        labs.append(LabLine(lab.id, lab.uuid, lab.title, lab.link, lab.last_practised_on,
                            sum(done for done, _ in items), len(items), items))
    return GoalView(line, goal.detail, plan.uuid, plan.title, label(Person.get_by_id(plan.owner_id)),
                    plan.start_on, plan.target_on, tuple(labs), plan.status)


@dataclass(frozen=True)
class GoalFields:
    """A goal's editable values, and its plan's dates (the due date must fit them)."""

    id: int
    plan_id: int
    title: str
    competency_key: str | None
    kind: str
    phase: str | None
    due_on: dt.date | None
    detail: str
    plan_start: dt.date
    plan_target: dt.date | None


def goal_fields(goal_id: int) -> GoalFields | None:
    goal: Any = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        return None
    plan = Plan.get_by_id(goal.plan_id)
    key = Competency.get_by_id(goal.competency_id).key if goal.competency_id else None
    return GoalFields(goal.id, plan.id, goal.title, key, goal.kind, goal.phase, goal.due_on, goal.detail,
                      plan.start_on, plan.target_on)


def _checked(plan: Plan, title: str, kind: str, due_on: dt.date | None, detail: str) -> None:
    schema.check("goals", {"title": title, "kind": kind, "due_on": due_on, "detail": detail})
    problem = schema.due_outside_plan(due_on, plan.start_on, plan.target_on)
    if problem:
        raise schema.RecordError("due_on", problem)


def _competency(key: str | None) -> Competency | None:
    if not key:
        return None
    competency = Competency.get_or_none(Competency.key == key)
    if competency is None:
        raise schema.RecordError("competency", f"no competency with the key {key!r}")
    return competency


def add_goal(
    plan_id: int,
    title: str,
    competency_key: str | None = None,
    kind: str = "skill",
    phase: str | None = None,
    due_on: dt.date | None = None,
    detail: str = "",
) -> Goal:
    """A new goal at the end of the plan; its due date must fall within the plan's dates."""
    title = title.strip()
    with Goal._meta.database.atomic("IMMEDIATE"):
        plan = Plan.get_or_none(Plan.id == plan_id)
        if plan is None:
            raise ValueError("that plan no longer exists")
        _checked(plan, title, kind, due_on, detail)
        last = Goal.select(fn.MAX(Goal.position)).where(Goal.plan == plan).scalar()
        return Goal.create(
            plan=plan, title=title, competency=_competency(competency_key), kind=kind,
            phase=(phase or "").strip() or None, due_on=due_on, detail=detail or "",
            position=0 if last is None else last + 1,
        )


def update_goal(
    goal_id: int, *, title: str, competency_key: str | None, kind: str, phase: str | None,
    due_on: dt.date | None, detail: str,
) -> Goal:
    title = title.strip()
    with Goal._meta.database.atomic("IMMEDIATE"):
        goal: Any = Goal.get_or_none(Goal.id == goal_id)
        if goal is None:
            raise ValueError("that goal no longer exists")
        _checked(Plan.get_by_id(goal.plan_id), title, kind, due_on, detail)
        Goal.update(title=title, competency=_competency(competency_key), kind=kind,
                    phase=(phase or "").strip() or None, due_on=due_on, detail=detail or "").where(
            Goal.id == goal_id).execute()
    return Goal.get_by_id(goal_id)


def set_status(goal_id: int, status: str, today: dt.date) -> Goal:
    """Mark a goal todo, doing, blocked or done (done today; any other clears the day)."""
    schema.check("goals", {"status": status})
    done_on = today if status == "done" else None
    if Goal.update(status=status, done_on=done_on).where(Goal.id == goal_id).execute() == 0:
        raise ValueError("that goal no longer exists")
    return Goal.get_by_id(goal_id)


def cycle_status(goal_id: int, today: dt.date) -> Goal:
    """todo → doing → done → todo (blocked → doing)."""
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        raise ValueError("that goal no longer exists")
    return set_status(goal_id, NEXT_STATUS.get(goal.status, "todo"), today)


def toggle_blocked(goal_id: int, today: dt.date) -> Goal:
    """Blocked, or back to todo when it was blocked. A done goal is not blocked: that would
    lose the day it was done (b again gives todo); it is reopened first (space)."""
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        raise ValueError("that goal no longer exists")
    if goal.status == "done":
        raise ValueError("this goal is done: press space to reopen it, then b to block it")
    return set_status(goal_id, "todo" if goal.status == "blocked" else "blocked", today)


def swap_goals(goal_id: int, other_id: int) -> None:
    """Swap two goals of one plan in its order (J/K in the plan view move a goal past its neighbour).

    The plan's positions are first renumbered 0, 1, 2, … in their order, so
    positions that clash (an imported file, an old delete) still move.
    """
    with Goal._meta.database.atomic("IMMEDIATE"):
        pair: list[Any] = list(Goal.select(Goal.id, Goal.plan).where(Goal.id.in_((goal_id, other_id))))
        if len(pair) != 2 or pair[0].plan_id != pair[1].plan_id:
            raise ValueError("that goal no longer exists")
        ids = [g.id for g in Goal.select(Goal.id).where(Goal.plan == pair[0].plan_id).order_by(Goal.position, Goal.id)]
        a, b = ids.index(goal_id), ids.index(other_id)
        ids[a], ids[b] = ids[b], ids[a]
        for position, ident in enumerate(ids):
            Goal.update(position=position).where((Goal.id == ident) & (Goal.position != position)).execute()


def goal_dependents(goal_id: int) -> Dependents:
    labs = Lab.select(Lab.id).where(Lab.goal == goal_id)
    return Dependents(0, labs.count(), LabItem.select().where(LabItem.lab.in_(labs)).count())


def delete_goal(goal_id: int) -> Dependents:
    """Delete a goal with its labs and their checklist items; returns what went with it."""
    with Goal._meta.database.atomic("IMMEDIATE"):
        gone = goal_dependents(goal_id)
        if Goal.delete().where(Goal.id == goal_id).execute() == 0:
            raise ValueError("that goal no longer exists")
    return gone
