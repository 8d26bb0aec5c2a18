"""Which screen shows a search hit's record: the key its detail screen is opened with.

Read-only; `screens/search_jump.py` calls these in a worker. Each answers None
when the record is gone (deleted, or replaced by an import since the search).
"""

from __future__ import annotations

import datetime as dt

from mentor_tui import recurrence
from mentor_tui.db.models import (
    CheckIn,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Session,
    SessionOccurrence,
)


def checkin_id(checkin: int) -> int | None:
    """The check-in itself (its view is opened by id)."""
    return checkin if CheckIn.select().where(CheckIn.id == checkin).exists() else None


def goal_uuid(goal_id: int) -> str | None:
    """The goal view is opened by the goal's uuid."""
    uuid: str | None = Goal.select(Goal.uuid).where(Goal.id == goal_id).scalar()
    return uuid


def lab_id(lab: int) -> int | None:
    return lab if Lab.select().where(Lab.id == lab).exists() else None


def lab_of_item(item_id: int) -> int | None:
    """The lab whose checklist holds the item (its evidence was the hit)."""
    lab: int | None = LabItem.select(LabItem.lab).where(LabItem.id == item_id).scalar()
    return lab


def session_occurrence(kind: str, record_id: int, now: dt.datetime) -> tuple[int, dt.datetime] | None:
    """(session id, the occurrence to show): the noted occurrence for occurrence notes;
    for the session itself its next occurrence from `now`, else its first."""
    if kind == "occurrence":
        occurrence = SessionOccurrence.get_or_none(SessionOccurrence.id == record_id)
        if occurrence is None:
            return None
        return occurrence.session_id, occurrence.starts_at  # type: ignore[attr-defined]
    session = Session.get_or_none(Session.id == record_id)
    if session is None:
        return None
    upcoming = None
    if session.rrule:
        upcoming = recurrence.next_occurrence(session.starts_at, session.timezone, session.rrule, session.exdates, now)
    return session.id, upcoming or session.starts_at


def incident_person(incident_id: int) -> str | None:
    """The uuid of the person whose incident it is."""
    incident = Incident.get_or_none(Incident.id == incident_id)
    return None if incident is None else incident.person.uuid


def kudos_person(kudos_id: int) -> str | None:
    """The uuid of the person the kudos went to."""
    kudos = Kudos.get_or_none(Kudos.id == kudos_id)
    return None if kudos is None else kudos.receiver.uuid


def list_row(kind: str, record_id: int) -> str | None:
    """The key of the row of its section's list that holds a hit's record, for the cursor (esc from
    the record's screen lands there): a check-in's mentorship, a goal's plan, a lab. None for the
    others: a person's row is the uuid their page opens with; a session's is its occurrence."""
    row: int | None
    if kind in ("checkin", "private"):
        row = CheckIn.select(CheckIn.mentorship).where(CheckIn.id == record_id).scalar()
    elif kind == "goal":
        row = Goal.select(Goal.plan).where(Goal.id == record_id).scalar()
    elif kind == "lab":
        row = record_id
    elif kind == "lab-item":
        row = LabItem.select(LabItem.lab).where(LabItem.id == record_id).scalar()
    else:
        return None
    return None if row is None else str(row)
