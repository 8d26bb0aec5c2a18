"""Where a search hit's record is shown: which row of which section list, or whose page.

Each `*_row` function answers a `Row`: the key of the section table's row that
shows the record (or its plan, its lab) and that row's index in the section's
order, so the section can read enough rows to put the cursor on it. The orders
are those of `checkins.page`, `plans.page` and `labs.page` (tests/test_search_jump.py
checks they agree). Read-only; the screens call these in a worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from mentor_tui.db import sessions
from mentor_tui.db.models import (
    CheckIn,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Person,
    Plan,
    Session,
    SessionOccurrence,
)


@dataclass(frozen=True)
class Row:
    key: str  # the row key of the section's table
    position: int  # its index in the section's order (0 = first row)


def _position(ordered_ids: list[int], record_id: int) -> Row | None:
    try:
        return Row(str(record_id), ordered_ids.index(record_id))
    except ValueError:
        return None


def checkin_row(checkin_id: int) -> Row | None:
    """The check-in's row in the Check-ins section (newest first)."""
    rows: Any = CheckIn.select(CheckIn.id).order_by(CheckIn.held_on.desc(), CheckIn.id.desc()).tuples()
    return _position([r[0] for r in rows], checkin_id)


def _plan_row(plan_id: int) -> Row | None:
    query: Any = (
        Plan.select(Plan.id)
        .join(Person, on=(Plan.owner == Person.id))
        .order_by((Plan.status != "active"), Person.name, Plan.start_on.desc(), Plan.id)
        .tuples()
    )
    return _position([r[0] for r in query], plan_id)


def goal_row(goal_id: int) -> Row | None:
    """The row of the goal's plan in the Plans section."""
    plan_id = Goal.select(Goal.plan).where(Goal.id == goal_id).scalar()
    return None if plan_id is None else _plan_row(plan_id)


def lab_row(lab_id: int) -> Row | None:
    """The lab's row in the Labs section."""
    query: Any = (
        Lab.select(Lab.id)
        .join(Goal)
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
        .order_by(Person.name, Plan.id, Goal.position, Lab.position, Lab.id)
        .tuples()
    )
    return _position([r[0] for r in query], lab_id)


def lab_item_row(item_id: int) -> Row | None:
    """The row of the item's lab in the Labs section."""
    lab_id = LabItem.select(LabItem.lab).where(LabItem.id == item_id).scalar()
    return None if lab_id is None else lab_row(lab_id)


def calendar_row(session_id: int, now: dt.datetime, days: int, limit: int) -> Row | None:
    """The session's next occurrence among the calendar's (`sessions.upcoming`), if it is there."""
    for position, occurrence in enumerate(sessions.upcoming(now, days=days, limit=limit)):
        if occurrence.session_id == session_id:
            return Row(f"{session_id}@{occurrence.starts_at.isoformat()}", position)
    return None


def session_of_occurrence(occurrence_id: int) -> int | None:
    session_id: int | None = (
        SessionOccurrence.select(SessionOccurrence.session).where(SessionOccurrence.id == occurrence_id).scalar()
    )
    return session_id


def session_title(session_id: int) -> str | None:
    session = Session.get_or_none(Session.id == session_id)
    return None if session is None else session.title


def incident_person(incident_id: int) -> str | None:
    """The uuid of the person whose incident it is."""
    incident = Incident.get_or_none(Incident.id == incident_id)
    return None if incident is None else incident.person.uuid


def kudos_person(kudos_id: int) -> str | None:
    """The uuid of the person the kudos went to."""
    kudos = Kudos.get_or_none(Kudos.id == kudos_id)
    return None if kudos is None else kudos.receiver.uuid
