"""Plans: the list with progress and filters, creating, editing and deleting one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from mentor_tui import schema
from mentor_tui.db.models import Competency, Goal, Lab, LabItem, Person, Plan, objects
from mentor_tui.db.people import shown_name


@dataclass(frozen=True)
class PlanRow:
    id: int
    uuid: str
    title: str
    owner: str
    kind: str
    status: str
    start_on: dt.date
    target_on: dt.date | None
    goals_done: int
    goals_total: int
    owner_id: int = 0
    owner_archived: bool = False  # the owner left the program (`owner` says "(archived)" too)

    @property
    def percent(self) -> int:
        return round(100 * self.goals_done / self.goals_total) if self.goals_total else 0


@dataclass(frozen=True)
class PlanFilter:
    """Which plans the list shows: one person's or everyone's, active ones or all;
    `first_owner`'s plans ("me") come first, then the plans they mentor."""

    owner_id: int | None = None
    active_only: bool = False
    first_owner: int | None = None


def _filtered(query: Any, which: PlanFilter | None) -> Any:
    if which is None:
        return query
    if which.owner_id is not None:
        query = query.where(Plan.owner == which.owner_id)
    if which.active_only:
        query = query.where(Plan.status == "active")
    return query


def count(which: PlanFilter | None = None) -> int:
    return _filtered(Plan.select(), which).count()


def page(
    limit: int = 200, offset: int = 0, owner_id: int | None = None, which: PlanFilter | None = None
) -> list[PlanRow]:
    """Plans with their goal progress, one SQL query per page: `which` filters and orders
    ("me" first); without it, every plan (one owner's, if given), active first."""
    if which is None:
        which = PlanFilter(owner_id=owner_id)
    done = fn.SUM(Goal.status == "done")
    order: list[Any] = [(Plan.status != "active"), Person.name, Plan.start_on.desc(), Plan.id]
    if which.first_owner is not None:  # my plans, then those I mentor, then the rest
        order[:0] = [Plan.owner != which.first_owner, fn.COALESCE(Plan.mentor, 0) != which.first_owner]
    query = (
        Plan.select(Plan, Person.name.alias("owner_name"), Person.archived.alias("owner_archived"),
                    fn.COUNT(Goal.id).alias("total"), done.alias("done"))
        .join(Person, on=(Plan.owner == Person.id))
        .switch(Plan)
        .join(Goal, JOIN.LEFT_OUTER)
        .group_by(Plan.id)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return [
        PlanRow(
            p.id, p.uuid, p.title, shown_name(p.owner_name, p.owner_archived), p.kind, p.status, p.start_on,
            p.target_on, int(p.done or 0), p.total, p.owner_id, bool(p.owner_archived),
        )
        for p in objects(_filtered(query, which))
    ]


def create_plan(
    owner: Person,
    title: str,
    kind: str,
    start_on: dt.date,
    target_on: dt.date | None = None,
    mentor: Person | None = None,
) -> Plan:
    title = title.strip()
    schema.check("plans", {"title": title, "kind": kind, "start_on": start_on, "target_on": target_on})
    return Plan.create(owner=owner, mentor=mentor, title=title, kind=kind, start_on=start_on, target_on=target_on)


@dataclass(frozen=True)
class PlanFields:
    """A plan's editable values, as the edit form shows them."""

    id: int
    owner_id: int
    mentor_id: int | None
    title: str
    kind: str
    status: str
    start_on: dt.date
    target_on: dt.date | None


def plan_fields(plan_id: int) -> PlanFields | None:
    plan: Any = Plan.get_or_none(Plan.id == plan_id)
    if plan is None:
        return None
    return PlanFields(plan.id, plan.owner_id, plan.mentor_id, plan.title, plan.kind, plan.status,
                      plan.start_on, plan.target_on)


def update_plan(
    plan_id: int,
    *,
    owner_id: int,
    mentor_id: int | None,
    title: str,
    kind: str,
    status: str,
    start_on: dt.date,
    target_on: dt.date | None,
) -> Plan:
    """Change a plan; its dates must still hold every goal's due date."""
    title = title.strip()
    values = {"title": title, "kind": kind, "status": status, "start_on": start_on, "target_on": target_on}
    schema.check("plans", values)
    with Plan._meta.database.atomic("IMMEDIATE"):
        plan = Plan.get_or_none(Plan.id == plan_id)
        if plan is None:
            raise ValueError("that plan no longer exists")
        for person_id in (owner_id, mentor_id):
            if person_id is not None and Person.get_or_none(Person.id == person_id) is None:
                raise ValueError("that person no longer exists")
        _goals_still_fit(plan_id, start_on, target_on)
        Plan.update(owner=owner_id, mentor=mentor_id, **values).where(Plan.id == plan_id).execute()
    return Plan.get_by_id(plan_id)


def _goals_still_fit(plan_id: int, start_on: dt.date, target_on: dt.date | None) -> None:
    early = (Goal.select(Goal.title, Goal.due_on)
             .where((Goal.plan == plan_id) & (Goal.due_on < start_on)).order_by(Goal.due_on).first())
    if early is not None:
        raise schema.RecordError(
            "start_on", f"the goal “{early.title}” is due {early.due_on}, before this start: move it first")
    if target_on is not None:
        late = (Goal.select(Goal.title, Goal.due_on)
                .where((Goal.plan == plan_id) & (Goal.due_on > target_on)).order_by(Goal.due_on.desc()).first())
        if late is not None:
            raise schema.RecordError(
                "target_on", f"the goal “{late.title}” is due {late.due_on}, after this target: move it first")


@dataclass(frozen=True)
class Dependents:
    """What goes when a plan or a goal is deleted."""

    goals: int
    labs: int
    items: int

    def words(self) -> str:
        parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in
                 ((self.goals, "goal"), (self.labs, "lab"), (self.items, "checklist item")) if n]
        if not parts:
            return "nothing else"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def plan_dependents(plan_id: int) -> Dependents:
    goals = Goal.select(Goal.id).where(Goal.plan == plan_id)
    labs = Lab.select(Lab.id).where(Lab.goal.in_(goals))
    return Dependents(goals.count(), labs.count(), LabItem.select().where(LabItem.lab.in_(labs)).count())


def delete_plan(plan_id: int) -> Dependents:
    """Delete a plan with its goals, labs and checklist items; returns what went with it."""
    with Plan._meta.database.atomic("IMMEDIATE"):
        gone = plan_dependents(plan_id)
        if Plan.delete().where(Plan.id == plan_id).execute() == 0:
            raise ValueError("that plan no longer exists")
    return gone


def competency_choices() -> list[tuple[str, str]]:
    """(name, key) of every competency, built-in ones first."""
    query = Competency.select(Competency.key, Competency.name).order_by(Competency.builtin.desc(), Competency.id)
    return [(c.name, c.key) for c in query]


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
    from mentor_tui.db import goals

    return goals.add_goal(plan_id, title, competency_key, kind, phase, due_on, detail)
