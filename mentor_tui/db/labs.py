"""Labs: hands-on exercises under goals, with their checklists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from mentor_tui import schema
from mentor_tui.db.models import Goal, Lab, LabItem, Person, Plan, objects


@dataclass(frozen=True)
class LabRow:
    id: int
    goal_id: int
    title: str
    goal: str
    owner: str
    items_done: int
    items_total: int
    last_practised_on: dt.date | None


@dataclass(frozen=True)
class GoalChoice:
    id: int
    label: str


def count() -> int:
    return Lab.select().count()


def page(limit: int = 200, offset: int = 0) -> list[LabRow]:
    done = fn.SUM(LabItem.done)
    query = (
        Lab.select(
            Lab,
            Goal.title.alias("goal_title"),
            Person.name.alias("owner_name"),
            fn.COUNT(LabItem.id).alias("total"),
            done.alias("done_count"),
        )
        .join(Goal)
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
        .switch(Lab)
        .join(LabItem, JOIN.LEFT_OUTER)
        .group_by(Lab.id)
        .order_by(Person.name, Plan.id, Goal.position, Lab.position, Lab.id)
        .limit(limit)
        .offset(offset)
    )
    return [
        LabRow(lab.id, lab.goal_id, lab.title, lab.goal_title, lab.owner_name, int(lab.done_count or 0), lab.total, lab.last_practised_on)
        for lab in objects(query)
    ]


def goal_choices(limit: int = 300) -> list[GoalChoice]:
    """Open goals of active plans, to hang a new lab under."""
    query = (
        Goal.select(Goal.id, Goal.title, Person.name.alias("owner_name"))
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
        .where((Plan.status == "active") & (Goal.status != "done"))
        .order_by(Person.name, Plan.id, Goal.position)
        .limit(limit)
    )
    return [GoalChoice(g.id, f"{g.owner_name}: {g.title}") for g in objects(query)]


def create_lab(goal_id: int, title: str, link: str | None = None, items: list[str] | None = None) -> Lab:
    title = title.strip()
    schema.check("labs", {"title": title, "link": link or None})
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        raise ValueError("that goal no longer exists")
    with Lab._meta.database.atomic():
        position = Lab.select().where(Lab.goal == goal).count()
        lab = Lab.create(goal=goal, title=title, link=link or None, position=position)
        for index, text in enumerate(t.strip() for t in (items or []) if t.strip()):
            LabItem.create(lab=lab, text=text, position=index)
    return lab
