"""Incidents and on-call shifts a person took part in: logging, editing, deleting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui import schema
from mentor_tui.db.growth_refs import person_or_error
from mentor_tui.db.models import Incident, Session


@dataclass(frozen=True)
class SessionChoice:
    id: int
    label: str


def session_choices(limit: int = 200) -> list[SessionChoice]:
    """Sessions where lessons could have been presented, newest first."""
    query = Session.select(Session.id, Session.title, Session.starts_at).order_by(
        Session.starts_at.desc(), Session.id.desc()
    ).limit(limit)
    return [SessionChoice(s.id, f"{s.starts_at.date().isoformat()} {s.title}") for s in query]


def session_by_uuid(uuid: str) -> Session:
    session = Session.get_or_none(Session.uuid == uuid.strip())
    if session is None:
        raise ValueError(f"no session with uuid {uuid!r}")
    return session


def _values(occurred_on, role, severity, title, lessons, session_id) -> dict:
    values = {
        "occurred_on": occurred_on, "role": role, "severity": severity,
        "title": (title or "").strip(), "lessons": (lessons or "").strip(),
    }
    schema.check("incidents", values)
    values["session"] = None
    if session_id is not None:
        session = Session.get_or_none(Session.id == session_id)
        if session is None:
            raise ValueError("that session is not here anymore")
        values["session"] = session
    return values


def create_incident(
    person_id: int,
    occurred_on: dt.date,
    role: str,
    severity: str,
    title: str,
    lessons: str = "",
    session_id: int | None = None,
) -> Incident:
    values = _values(occurred_on, role, severity, title, lessons, session_id)
    return Incident.create(person=person_or_error(person_id), **values)


def update_incident(
    incident_id: int,
    occurred_on: dt.date,
    role: str,
    severity: str,
    title: str,
    lessons: str = "",
    session_id: int | None = None,
) -> Incident:
    get_incident(incident_id)
    values = _values(occurred_on, role, severity, title, lessons, session_id)
    Incident.update(**values).where(Incident.id == incident_id).execute()
    return get_incident(incident_id)


def get_incident(incident_id: int) -> Incident:
    incident = Incident.get_or_none(Incident.id == incident_id)
    if incident is None:
        raise ValueError("that incident is not here anymore")
    return incident


def delete_incident(incident_id: int) -> None:
    Incident.delete().where(Incident.id == incident_id).execute()
