"""What the Dashboard shows: counts and the next things that need attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from mentor_tui.db import people
from mentor_tui.db.mentorships import next_due
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship, Person, Plan, objects


@dataclass(frozen=True)
class CheckInDue:
    mentee: str
    last_held_on: dt.date | None
    due_on: dt.date


@dataclass(frozen=True)
class Summary:
    me_name: str | None
    me_role: str | None
    people: int
    active_plans: int
    open_actions: int
    checkins_due: list[CheckInDue]


def summary(today: dt.date) -> Summary:
    """The counts and the check-ins due (the next sessions are screens/next_sessions.py's)."""
    me = people.me()
    return Summary(
        me_name=me.name if me else None,
        me_role=me.role if me else None,
        people=Person.select().where(~Person.archived).count(),
        # the plans of people still in the program (an archived person's plan keeps its status)
        active_plans=Plan.select().join(Person, on=(Plan.owner == Person.id))
        .where((Plan.status == "active") & ~Person.archived).count(),
        open_actions=_open_actions(),
        checkins_due=checkins_due(me, today) if me else [],
    )


def _open_actions() -> int:
    """Open action items, but those of a mentorship with someone archived (never due, as the
    mentorship is not)."""
    gone = Person.select(Person.id).where(Person.archived)
    return (
        ActionItem.select().join(CheckIn).join(Mentorship)
        .where(ActionItem.done_on.is_null() & Mentorship.mentor.not_in(gone) & Mentorship.mentee.not_in(gone))
        .count()
    )


def checkins_due(mentor: Person, today: dt.date, limit: int = 10) -> list[CheckInDue]:
    """The mentor's active mentorships whose next check-in is due by today, most overdue first.

    A check-in dated after today is not held yet: it does not move the due date. A mentee
    who was archived (left the program) is never due.
    """
    last = fn.MAX(CheckIn.held_on)
    query = (
        Mentorship.select(Mentorship, Person.name.alias("mentee_name"), last.alias("last_held"))
        .join(Person, on=(Mentorship.mentee == Person.id))
        .switch(Mentorship)
        .join(CheckIn, join_type=JOIN.LEFT_OUTER, on=((CheckIn.mentorship == Mentorship.id) & (CheckIn.held_on <= today)))
        .where((Mentorship.mentor == mentor) & Mentorship.ended_on.is_null() & ~Person.archived)
        .group_by(Mentorship.id)
    )
    due: list[CheckInDue] = []
    for row in objects(query):
        last_held = dt.date.fromisoformat(row.last_held) if isinstance(row.last_held, str) else row.last_held
        due_on = next_due(row.started_on, last_held, row.cadence_days)
        if due_on <= today:
            due.append(CheckInDue(row.mentee_name, last_held, due_on))
    due.sort(key=lambda d: d.due_on)
    return due[:limit]
