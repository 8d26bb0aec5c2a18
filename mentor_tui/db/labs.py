"""Labs: hands-on exercises under goals, with their checklists: the list (filtered by
competency, state and text), creating, editing, moving and deleting a lab."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from peewee import Case, fn

from mentor_tui import clock, schema
from mentor_tui.db import lab_items, lab_progress
from mentor_tui.db.models import (
    Competency,
    Goal,
    Lab,
    LabItem,
    Person,
    Plan,
    database_proxy,
    objects,
)
from mentor_tui.db.people import shown_name

STATES = ("all", "open", "done")


@dataclass(frozen=True)
class LabFilter:
    """What the Labs section shows: a competency key (None: all), a state, a text."""

    competency: str | None = None
    state: str = "all"  # all | open | done
    text: str = ""
    cutoff: dt.date | None = field(default=None, compare=False)  # practised before it: stale


@dataclass(frozen=True)
class LabRow:
    id: int
    goal_id: int
    title: str
    goal: str
    plan: str
    owner: str  # "Mei Tanaka (archived)" when the owner left the program
    items_done: int
    items_total: int
    last_practised_on: dt.date | None
    stale: bool = False
    owner_archived: bool = False

    @property
    def done(self) -> bool:
        return self.items_total > 0 and self.items_done == self.items_total


@dataclass(frozen=True)
class StateCounts:
    all: int
    open: int
    done: int
    stale: int = 0  # practised before the filter's cutoff


@dataclass(frozen=True)
class GoalChoice:
    id: int
    label: str


def _steps(*where):
    return LabItem.select(LabItem.id).where((LabItem.lab == Lab.id), *where)


def _is_done():
    """A lab is done when it has steps and none of them is open (two index lookups a lab)."""
    return fn.EXISTS(_steps()) & ~fn.EXISTS(_steps(LabItem.done == False))  # noqa: E712 - SQL


def _filtered(filters: LabFilter, *columns):
    """Labs with their goal, plan and owner, as `filters` narrow them (no grouping: counts are cheap)."""
    query = (
        Lab.select(*columns)
        .join(Goal)
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
    )
    if filters.competency:
        keyed = Competency.select(Competency.id).where(Competency.key == filters.competency)
        query = query.where(Goal.competency.in_(keyed))
    text = filters.text.strip().lower()
    if text:  # instr, not LIKE: % and _ are plain characters here
        query = query.where(
            (fn.instr(fn.lower(Lab.title), text) > 0)
            | (fn.instr(fn.lower(Goal.title), text) > 0)
            | (fn.instr(fn.lower(Plan.title), text) > 0)
            | (fn.instr(fn.lower(Person.name), text) > 0)
        )
    if filters.state == "done":
        query = query.where(_is_done())
    elif filters.state == "open":
        query = query.where(~_is_done())
    return query


def count(filters: LabFilter = LabFilter()) -> int:
    if filters == LabFilter():
        return Lab.select().count()
    return _filtered(filters, Lab.id).count()


def state_counts(filters: LabFilter = LabFilter()) -> StateCounts:
    """How many labs the competency and text filters leave, all, open and done, and how many
    of them are stale (one query)."""
    cutoff = filters.cutoff or dt.date.min
    done = fn.SUM(Case(None, [(_is_done(), 1)], 0))
    stale = fn.SUM(Case(None, [(Lab.last_practised_on < cutoff, 1)], 0))
    query = _filtered(LabFilter(filters.competency, "all", filters.text), fn.COUNT(Lab.id), done, stale)
    every, done_count, stale_count = (int(v or 0) for v in query.tuples().first() or (0, 0, 0))
    return StateCounts(every, every - done_count, done_count, stale_count)


def page(limit: int = 200, offset: int = 0, filters: LabFilter = LabFilter()) -> list[LabRow]:
    """A page of labs; the step counts are read for the page's rows only."""
    total = LabItem.select(fn.COUNT(LabItem.id)).where(LabItem.lab == Lab.id)
    done = LabItem.select(fn.COUNT(LabItem.id)).where((LabItem.lab == Lab.id) & (LabItem.done == True))  # noqa: E712
    query = (
        _filtered(
            filters, Lab, Goal.title.alias("goal_title"), Plan.title.alias("plan_title"),
            Person.name.alias("owner_name"), Person.archived.alias("owner_archived"),
            total.alias("total"), done.alias("done_count"),
        )
        .order_by(Person.name, Plan.id, Goal.position, Lab.position, Lab.id)
        .limit(limit)
        .offset(offset)
    )
    return [_row(lab, filters.cutoff) for lab in objects(query)]


def of_goal(goal_id: int, cutoff: dt.date | None = None) -> list[LabRow]:
    """The labs of one goal, in order, with their step counts (for a goal's view)."""
    total = LabItem.select(fn.COUNT(LabItem.id)).where(LabItem.lab == Lab.id)
    done = LabItem.select(fn.COUNT(LabItem.id)).where((LabItem.lab == Lab.id) & (LabItem.done == True))  # noqa: E712
    query = (
        _filtered(LabFilter(), Lab, Goal.title.alias("goal_title"), Plan.title.alias("plan_title"),
                  Person.name.alias("owner_name"), Person.archived.alias("owner_archived"),
                  total.alias("total"), done.alias("done_count"))
        .where(Lab.goal == goal_id)
        .order_by(Lab.position, Lab.id)
    )
    return [_row(lab, cutoff) for lab in objects(query)]


def _row(lab: Any, cutoff: dt.date | None) -> LabRow:
    return LabRow(
        lab.id, lab.goal_id, lab.title, lab.goal_title, lab.plan_title, shown_name(lab.owner_name, lab.owner_archived),
        int(lab.done_count or 0), int(lab.total or 0), lab.last_practised_on,
        cutoff is not None and lab_items.is_stale(lab.last_practised_on, cutoff), bool(lab.owner_archived),
    )


def competency_choices() -> list[tuple[str, str, int]]:
    """(name, key, labs) of the competencies whose goals have labs, most labs first."""
    labs = fn.COUNT(Lab.id)
    query = (
        Competency.select(Competency.name, Competency.key, labs.alias("labs"))
        .join(Goal).join(Lab)
        .group_by(Competency.id)
        .order_by(labs.desc(), Competency.name)
    )
    return [(c.name, c.key, c.labs) for c in objects(query)]


def goal_choices(limit: int = 300, keep: int | None = None) -> list[GoalChoice]:
    """The goals of active plans, labelled "owner: plan › goal", to hang a lab under (and
    the goal `keep`, a lab's own, wherever it is), each plan's goals in the plan's order.

    Done goals are offered too: a lab is also for practising again what a done goal taught
    (a goal's page tells the user to add one there, whatever the goal's state)."""
    query = (
        Goal.select(Goal.id, Goal.title, Plan.title.alias("plan_title"), Person.name.alias("owner_name"))
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
        .where((Plan.status == "active") | (Goal.id == (keep or 0)))
        .order_by(Person.name, Plan.id, Goal.position, Goal.id)
        .limit(limit)
    )
    return [GoalChoice(g.id, f"{g.owner_name}: {g.plan_title} › {g.title}") for g in objects(query)]


def create_lab(
    goal_id: int,
    title: str,
    link: str | None = None,
    items: str | list[str] | None = None,
    detail: str = "",
    today: dt.date | None = None,
) -> Lab:
    """A lab at the end of its goal, with a checklist: one step a line, `[x]` done, `[ ]` open."""
    title = title.strip()
    link = (link or "").strip() or None
    detail = (detail or "").strip()
    schema.check("labs", {"title": title, "link": link, "detail": detail})
    steps = lab_items.parse_checklist(items or [])
    for text, _done in steps:
        schema.check("items", {"text": text})
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        raise ValueError("that goal no longer exists")
    today = today or clock.today()
    with database_proxy.atomic("IMMEDIATE"):
        position = Lab.select().where(Lab.goal == goal).count()
        lab = Lab.create(goal=goal, title=title, link=link, detail=detail, position=position)
        for index, (text, done) in enumerate(steps):
            LabItem.create(lab=lab, text=text, done=done, done_on=today if done else None, position=index)
        lab_progress.settle_lab(lab, False, today)
    return lab


def update_lab(lab_id: int, title: str, link: str | None, detail: str, goal_id: int | None = None) -> Lab:
    """New title, link and detail; with `goal_id`, the lab moves to that goal (at its end)."""
    title = title.strip()
    link = (link or "").strip() or None
    detail = (detail or "").strip()
    schema.check("labs", {"title": title, "link": link, "detail": detail})
    with database_proxy.atomic("IMMEDIATE"):
        lab: Any = Lab.get_or_none(Lab.id == lab_id)
        if lab is None:
            raise ValueError("that lab no longer exists")
        lab.title, lab.link, lab.detail = title, link, detail
        if goal_id is not None and goal_id != lab.goal_id:
            if Goal.get_or_none(Goal.id == goal_id) is None:
                raise ValueError("that goal no longer exists")
            lab.position = Lab.select().where(Lab.goal == goal_id).count()
            lab.goal = goal_id
        lab.save()
    return lab


def move_lab(lab_id: int, goal_id: int) -> Lab:
    lab = Lab.get_or_none(Lab.id == lab_id)
    if lab is None:
        raise ValueError("that lab no longer exists")
    return update_lab(lab_id, lab.title, lab.link, lab.detail, goal_id)


@dataclass(frozen=True)
class LabFields:
    """What the edit and move forms show of a lab."""

    id: int
    title: str
    link: str | None
    detail: str
    goal_id: int


def lab_fields(lab_id: int) -> LabFields | None:
    lab: Any = Lab.get_or_none(Lab.id == lab_id)
    return None if lab is None else LabFields(lab.id, lab.title, lab.link, lab.detail, lab.goal_id)


def steps_of(lab_id: int) -> int:
    """How many checklist steps go with a lab (said before deleting it)."""
    return LabItem.select().where(LabItem.lab == lab_id).count()


def delete_lab(lab_id: int) -> int:
    """Delete a lab with its checklist; returns how many steps went with it."""
    with database_proxy.atomic("IMMEDIATE"):
        lab = Lab.get_or_none(Lab.id == lab_id)
        if lab is None:
            raise ValueError("that lab no longer exists")
        steps = steps_of(lab_id)
        lab.delete_instance()  # its items go by ON DELETE CASCADE
    return steps
