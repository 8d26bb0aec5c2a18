"""Making a plan from a template (`exchange.templates` reads and checks the files).

The template's plan record comes as the exchange reader normalized it; this
module only writes: the plan for its owner from a start date, its goals due
on their phase's day, their labs and checklists, and the user-made
competencies the goals use when the store does not have them yet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from mentor_tui import schema
from mentor_tui.date_range import LAST_YEAR, in_range
from mentor_tui.db.models import Competency, Goal, Lab, LabItem, Mentorship, Person, Plan

_PHASE_DAYS = re.compile(r"^\s*(?:day\s*)?(\d{1,4})\s*$", re.IGNORECASE)


def phase_days(phase: str | None) -> int | None:
    """Days after the start a phase names: "day 30" or "30" -> 30; anything else -> None."""
    match = _PHASE_DAYS.match(phase or "")
    return int(match.group(1)) if match else None


def create_from_template(
    key: str,
    plan: Mapping[str, Any],
    competencies: Iterable[Mapping[str, Any]],
    owner_id: int,
    start_on: dt.date,
    mentor_id: int | None = None,
    title: str | None = None,
) -> Plan:
    """A new active plan for `owner_id` from a template's plan record; goals are due on
    their phase's day after `start_on`, the plan's target is the last of them."""
    title = (title or plan["title"]).strip()
    goals = plan["goals"]
    offsets = [phase_days(g.get("phase")) for g in goals]
    days = [d for d in offsets if d is not None]
    target_on = start_on + dt.timedelta(days=max(days)) if days else None
    if target_on is not None and not in_range(target_on):  # said of the field the user gave
        raise schema.RecordError("start_on", f"the start date is too late: its last goal would be due "
                                             f"{max(days)} days after it, after the year {LAST_YEAR}")
    schema.check("plans", {"title": title, "kind": plan["kind"], "start_on": start_on, "target_on": target_on})
    with Plan._meta.database.atomic("IMMEDIATE"):
        owner = Person.get_or_none(Person.id == owner_id)
        if owner is None:
            raise ValueError("that person no longer exists")
        mentor = Person.get_or_none(Person.id == mentor_id) if mentor_id is not None else None
        by_key = _competencies(competencies, {g["competency"] for g in goals if g.get("competency")})
        new = Plan.create(owner=owner, mentor=mentor, title=title, kind=plan["kind"], template=key,
                          start_on=start_on, target_on=target_on, status="active")
        for position, (goal, offset) in enumerate(zip(goals, offsets, strict=True)):
            due = start_on + dt.timedelta(days=offset) if offset is not None else None
            row = Goal.create(plan=new, competency=by_key.get(goal.get("competency") or ""), title=goal["title"],
                              detail=goal.get("detail") or "", kind=goal["kind"], phase=goal.get("phase"),
                              due_on=due, status="todo", position=position)
            for lab_position, lab in enumerate(goal.get("labs", ())):
                lab_row = Lab.create(goal=row, title=lab["title"], detail=lab.get("detail") or "",
                                     link=lab.get("link"), position=lab_position)
                items = [{"lab": lab_row.id, "text": item["text"], "position": i, "done": False}
                         for i, item in enumerate(lab.get("items", ()))]
                if items:
                    LabItem.insert_many(items).execute()
    return new


def _competencies(defined: Iterable[Mapping[str, Any]], used: set[str]) -> dict[str, Competency]:
    """The competencies the goals use, by key; a template's own ones are added when missing."""
    found = {c.key: c for c in Competency.select().where(Competency.key.in_(list(used)))}
    for record in defined:
        if record["key"] in used and record["key"] not in found:
            found[record["key"]] = Competency.create(key=record["key"], name=record["name"],
                                                     description=record.get("description") or "")
    return found


def current_mentor_of(person_id: int) -> Person | None:
    """The person's mentor in their one ongoing mentorship (None when none, or several)."""
    mentors = list(Person.select().join(Mentorship, on=(Mentorship.mentor == Person.id))
                   .where((Mentorship.mentee == person_id) & Mentorship.ended_on.is_null()).limit(2))
    return mentors[0] if len(mentors) == 1 else None
