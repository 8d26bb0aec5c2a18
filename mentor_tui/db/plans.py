"""Plans: the list with progress, and creating one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from mentor_tui import schema
from mentor_tui.db.models import Competency, Goal, Person, Plan, objects


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

    @property
    def percent(self) -> int:
        return round(100 * self.goals_done / self.goals_total) if self.goals_total else 0


def count() -> int:
    return Plan.select().count()


def page(limit: int = 200, offset: int = 0, owner_id: int | None = None) -> list[PlanRow]:
    """Plans with their goal progress, active first, one SQL query per page (one owner's, if given)."""
    done = fn.SUM(Goal.status == "done")
    query = (
        Plan.select(Plan, Person.name.alias("owner_name"), fn.COUNT(Goal.id).alias("total"), done.alias("done"))
        .join(Person, on=(Plan.owner == Person.id))
        .switch(Plan)
        .join(Goal, JOIN.LEFT_OUTER)
        .group_by(Plan.id)
        .order_by((Plan.status != "active"), Person.name, Plan.start_on.desc(), Plan.id)
        .limit(limit)
        .offset(offset)
    )
    if owner_id is not None:
        query = query.where(Plan.owner == owner_id)
    return [
        PlanRow(
            p.id, p.uuid, p.title, p.owner_name, p.kind, p.status, p.start_on, p.target_on, int(p.done or 0), p.total
        )
        for p in objects(query)
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
) -> Goal:
    """A new goal at the end of the plan."""
    title = title.strip()
    schema.check("goals", {"title": title, "kind": kind, "due_on": due_on})
    plan = Plan.get_or_none(Plan.id == plan_id)
    if plan is None:
        raise ValueError("that plan no longer exists")
    competency = Competency.get_or_none(Competency.key == competency_key) if competency_key else None
    with Goal._meta.database.atomic():
        position = Goal.select().where(Goal.plan == plan).count()
        return Goal.create(
            plan=plan, title=title, competency=competency, kind=kind, phase=(phase or "").strip() or None,
            due_on=due_on, position=position,
        )
