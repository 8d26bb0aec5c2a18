"""The date rules between records, checked over the database inside an import's transaction.

A goal is due within its plan's dates, and a check-in is held while its
mentorship runs: the forms and the store refuse a change that breaks either
(`goals`, `plans`, `checkins`, `mentorships`), and so does an import. A file
is checked by itself as it is read; what only the database can tell (a plan
whose newer copy moves its target before goals kept here, a mentorship that a
file ends before check-ins kept here) is checked here, after the import has
written and before it commits: a fault the import brought (not one the store
had already) refuses the whole import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mentor_tui.db.models import Person

# Dates are stored as ISO text, so comparing the text compares the dates.
_GOALS = (
    'SELECT g."id" FROM "goal" g JOIN "plan" p ON g."plan_id" = p."id" WHERE g."due_on" IS NOT NULL '
    'AND (g."due_on" < p."start_on" OR (p."target_on" IS NOT NULL AND g."due_on" > p."target_on"))'
)
_CHECKINS = (
    'SELECT c."id" FROM "check_in" c JOIN "mentorship" m ON c."mentorship_id" = m."id" '
    'WHERE c."held_on" < m."started_on" OR (m."ended_on" IS NOT NULL AND c."held_on" > m."ended_on")'
)


@dataclass(frozen=True)
class Faults:
    """The goals and check-ins (ids) outside their plan's or mentorship's dates."""

    goals: frozenset[int]
    checkins: frozenset[int]


def _sql(statement: str, params: tuple[Any, ...] = ()) -> Any:
    return Person._meta.database.execute_sql(statement, params)  # type: ignore[attr-defined]


def faults() -> Faults:
    return Faults(frozenset(r[0] for r in _sql(_GOALS)), frozenset(r[0] for r in _sql(_CHECKINS)))


@dataclass(frozen=True)
class NewFault:
    """A date rule the import broke: in words, naming the records, and the uuids of the records that
    may have brought it (most likely first), for the caller to name the file."""

    text: str
    uuids: tuple[str, ...]


def new_fault(before: Faults) -> NewFault | None:
    """The first goal or check-in that breaks a date rule the database did not break at `before`;
    None when the database keeps them."""
    now = faults()
    goals = sorted(now.goals - before.goals)
    if goals:
        title, plan, due, start, target, plan_uuid = _sql(
            'SELECT g."title", p."title", g."due_on", p."start_on", p."target_on", p."uuid" FROM "goal" g '
            'JOIN "plan" p ON g."plan_id" = p."id" WHERE g."id" = ?', (goals[0],)).fetchone()
        due, start = dt.date.fromisoformat(due), dt.date.fromisoformat(start)
        if due < start:
            text = f"the goal “{title}” of the plan “{plan}” would be due {due}, before the plan starts ({start})"
        else:
            text = f"the goal “{title}” of the plan “{plan}” would be due {due}, after the plan's target date ({target})"
        return NewFault(text, (plan_uuid,))  # a goal travels in its plan's record
    checkins = sorted(now.checkins - before.checkins)
    if checkins:
        held, started, ended, mentor, mentee, checkin_uuid, mentorship_uuid = _sql(
            'SELECT c."held_on", m."started_on", m."ended_on", a."name", b."name", c."uuid", m."uuid" '
            'FROM "check_in" c JOIN "mentorship" m ON c."mentorship_id" = m."id" '
            'JOIN "person" a ON m."mentor_id" = a."id" JOIN "person" b ON m."mentee_id" = b."id" '
            'WHERE c."id" = ?', (checkins[0],)).fetchone()
        pair = f"{mentor} → {mentee}"
        if held < started:
            text = f"the mentorship {pair} would start {started}, after its check-in of {held}"
        else:
            text = f"the mentorship {pair} would end {ended}, before its check-in of {held}"
        return NewFault(text, (checkin_uuid, mentorship_uuid))
    return None
