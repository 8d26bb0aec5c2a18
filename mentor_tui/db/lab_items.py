"""One lab and its checklist: reading it whole, ticking, adding, editing, moving and
deleting steps, evidence, and resetting a lab for another round of practice.

Checklist lines read the same everywhere (the new-lab form, adding or editing a
step): a leading `[x]` marks a step done, `[ ]` open (`- [x]` as in Markdown too).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from peewee import JOIN, fn

from mentor_tui import schema
from mentor_tui.db import lab_progress
from mentor_tui.db.lab_progress import GoalReady
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

_CHECK = re.compile(r"^\s*(?:[-*+]\s+)?\[([ xX])\]\s?")


def parse_line(line: str) -> tuple[str, bool]:
    """(text, done) of one checklist line: `[x] Apply` is done, `[ ] Apply` and `Apply` are open."""
    match = _CHECK.match(line)
    if match is None:
        return line.strip(), False
    return line[match.end():].strip(), match[1] in "xX"


def parse_checklist(text_or_lines: str | list[str]) -> list[tuple[str, bool]]:
    """The steps of a multi-line checklist, blank lines skipped."""
    lines = text_or_lines.splitlines() if isinstance(text_or_lines, str) else text_or_lines
    steps = [parse_line(line) for line in lines]
    return [(text, done) for text, done in steps if text]


@dataclass(frozen=True)
class ItemView:
    id: int
    text: str
    done: bool
    done_on: dt.date | None
    evidence: str | None


@dataclass(frozen=True)
class LabView:
    id: int
    title: str
    detail: str
    link: str | None
    last_practised_on: dt.date | None
    history: str
    stale: bool
    goal_id: int
    goal: str
    goal_status: str
    plan_id: int
    plan: str
    owner: str  # "Mei Tanaka (archived)" when the owner left the program
    competency: str | None
    plan_goals_done: int
    plan_goals_total: int
    items: tuple[ItemView, ...]

    @property
    def items_done(self) -> int:
        return sum(1 for i in self.items if i.done)

    @property
    def done(self) -> bool:
        return bool(self.items) and all(i.done for i in self.items)


def is_stale(last_practised_on: dt.date | None, cutoff: dt.date) -> bool:
    """Practised, but not since `cutoff` (today minus the setting's days)."""
    return last_practised_on is not None and last_practised_on < cutoff


def load_lab(lab_id: int, cutoff: dt.date) -> LabView | None:
    """A lab with its goal, plan and checklist; None when it is gone. Three small queries."""
    row = (
        Lab.select(
            Lab, Goal.title.alias("goal_title"), Goal.status.alias("goal_status"), Plan.id.alias("plan_id"),
            Plan.title.alias("plan_title"), Person.name.alias("owner_name"), Person.archived.alias("owner_archived"),
            Competency.name.alias("competency_name"),
        )
        .join(Goal).join(Plan).join(Person, on=(Plan.owner == Person.id))
        .switch(Goal).join(Competency, JOIN.LEFT_OUTER)
        .where(Lab.id == lab_id)
    )
    lab = next(objects(row), None)
    if lab is None:
        return None
    items = tuple(
        ItemView(i.id, i.text, bool(i.done), i.done_on, i.evidence)
        for i in LabItem.select().where(LabItem.lab == lab_id).order_by(LabItem.position, LabItem.id)
    )
    goals_total, goals_done = (
        Goal.select(fn.COUNT(Goal.id), fn.SUM(Goal.status == "done")).where(Goal.plan == lab.plan_id).tuples().first()
    )
    return LabView(
        lab.id, lab.title, lab.detail, lab.link, lab.last_practised_on, lab.history,
        is_stale(lab.last_practised_on, cutoff), lab.goal_id, lab.goal_title, lab.goal_status, lab.plan_id,
        lab.plan_title, shown_name(lab.owner_name, lab.owner_archived), lab.competency_name, int(goals_done or 0), int(goals_total or 0), items,
    )


@dataclass(frozen=True)
class Changed:
    """What a change to a lab's steps did: the lab now, and a goal to offer marking done."""

    lab_done: bool
    was_done: bool
    goal_ready: GoalReady | None
    added: int = 0  # steps added (add_items)


def _lab_of_item(item_id: int) -> tuple[Any, Any]:
    """The step and its lab (typed loosely: their `lab_id`, `goal_id` are peewee's)."""
    item: Any = LabItem.get_or_none(LabItem.id == item_id)
    if item is None:
        raise ValueError("that step no longer exists")
    return item, Lab.get_by_id(item.lab_id)


def _settled(lab: Any, was_done: bool, today: dt.date) -> Changed:
    done = lab_progress.settle_lab(lab, was_done, today)
    ready = lab_progress.goal_ready(lab.goal_id) if done and not was_done else None
    return Changed(done, was_done, ready)


def toggle_item(item_id: int, today: dt.date) -> Changed:
    """Tick an open step (done today) or untick a done one; the lab follows."""
    with database_proxy.atomic("IMMEDIATE"):
        item, lab = _lab_of_item(item_id)
        was_done = lab_progress.is_done(lab.id)
        item.done = not item.done
        item.done_on = today if item.done else None
        item.save(only=[LabItem.done, LabItem.done_on])
        return _settled(lab, was_done, today)


def _check_text(text: str) -> str:
    schema.check("items", {"text": text})
    return text


def add_items(lab_id: int, text: str, today: dt.date, after_item_id: int | None = None) -> Changed:
    """Steps from `text` (one a line, `[x]`/`[ ]` read) after the given step, or at the end."""
    steps = parse_checklist(text)
    if not steps:
        raise ValueError("a step needs some text")
    with database_proxy.atomic("IMMEDIATE"):
        lab = Lab.get_or_none(Lab.id == lab_id)
        if lab is None:
            raise ValueError("that lab no longer exists")
        was_done = lab_progress.is_done(lab.id)
        ids = _ordered_ids(lab_id)
        at = ids.index(after_item_id) + 1 if after_item_id in ids else len(ids)
        new_ids = [
            LabItem.create(lab=lab, text=_check_text(t), done=done, done_on=today if done else None, position=0).id
            for t, done in steps
        ]
        _renumber(ids[:at] + new_ids + ids[at:])
        return replace(_settled(lab, was_done, today), added=len(new_ids))


def edit_item(item_id: int, text: str, today: dt.date) -> Changed:
    """New text for a step; a leading `[x]` / `[ ]` ticks or opens it."""
    new_text, done = parse_line(text)
    prefixed = _CHECK.match(text) is not None
    with database_proxy.atomic("IMMEDIATE"):
        item, lab = _lab_of_item(item_id)
        was_done = lab_progress.is_done(lab.id)
        item.text = _check_text(new_text)
        if prefixed and done != item.done:
            item.done, item.done_on = done, (today if done else None)
        item.save(only=[LabItem.text, LabItem.done, LabItem.done_on])
        return _settled(lab, was_done, today)


def set_evidence(item_id: int, evidence: str | None) -> None:
    """A link or a short note under a step (empty: none)."""
    evidence = (evidence or "").strip() or None
    schema.check("items", {"evidence": evidence})
    item = LabItem.get_or_none(LabItem.id == item_id)
    if item is None:
        raise ValueError("that step no longer exists")
    item.evidence = evidence
    item.save(only=[LabItem.evidence])


def delete_item(item_id: int, today: dt.date) -> Changed:
    with database_proxy.atomic("IMMEDIATE"):
        item, lab = _lab_of_item(item_id)
        was_done = lab_progress.is_done(lab.id)
        item.delete_instance()
        _renumber(_ordered_ids(lab.id))
        return _settled(lab, was_done, today)


def move_item(item_id: int, by: int) -> bool:
    """Move a step up (by=-1) or down (+1); False when it is at that end already."""
    with database_proxy.atomic("IMMEDIATE"):
        item, _lab = _lab_of_item(item_id)
        ids = _ordered_ids(item.lab_id)
        at = ids.index(item_id)
        to = at + by
        if not 0 <= to < len(ids):
            return False
        ids[at], ids[to] = ids[to], ids[at]
        _renumber(ids)
        return True


def _ordered_ids(lab_id: int) -> list[int]:
    query = LabItem.select(LabItem.id).where(LabItem.lab == lab_id).order_by(LabItem.position, LabItem.id)
    rows: Any = query.tuples()
    return [item_id for (item_id,) in rows]


def _renumber(ids: list[int]) -> None:
    for position, item_id in enumerate(ids):
        LabItem.update(position=position).where((LabItem.id == item_id) & (LabItem.position != position)).execute()


def round_entry(lab: Lab, items: list[LabItem], today: dt.date) -> str:
    """The history entry of the round a reset closes: when it was done, its steps' dates and evidence."""
    done = [i for i in items if i.done]
    finished = bool(items) and len(done) == len(items)
    when = (lab.last_practised_on or today).isoformat() if finished else "not finished"
    lines = [f"- {when} (reset {today.isoformat()}): {len(done)} of {len(items)} steps done"]
    for i in done:
        evidence = f": {i.evidence}" if i.evidence else ""
        lines.append(f"  - {i.text} ({i.done_on.isoformat() if i.done_on else 'done'}){evidence}")
    return "\n".join(lines)


def reset_lab(lab_id: int, today: dt.date) -> int:
    """Open every done step again for another round; the round closed (the done steps, when,
    their evidence) goes to the lab's history, and "last practised" stays until the new round is
    done. A step not done keeps the evidence it has so far. Returns the steps reopened."""
    with database_proxy.atomic("IMMEDIATE"):
        lab = Lab.get_or_none(Lab.id == lab_id)
        if lab is None:
            raise ValueError("that lab no longer exists")
        items = list(LabItem.select().where(LabItem.lab == lab_id).order_by(LabItem.position, LabItem.id))
        if not any(i.done for i in items):
            raise ValueError("no step is done yet: nothing to reset")
        entry = round_entry(lab, items, today)
        lab.history = f"{lab.history.rstrip()}\n{entry}".strip()
        lab.save(only=[Lab.history])
        LabItem.update(done=False, done_on=None, evidence=None).where(
            (LabItem.lab == lab_id) & (LabItem.done == True)  # noqa: E712
        ).execute()
        return sum(1 for i in items if i.done)
