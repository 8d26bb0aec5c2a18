"""What a rating's evidence and a kudos' "for" may point at: labs, incidents, sessions, goals.

Both are stored as text (see the registry): the uuid of a record, or a link or
free text. The forms offer the person's own records to pick from
(`evidence_choices`, `kudos_for_choices`); the growth view and the command
line say what a stored text points at (`describe`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mentor_tui.db.models import Goal, Incident, Lab, Person, Plan, Session

PICK_LIMIT = 100  # newest records of each kind offered in a form


@dataclass(frozen=True)
class RefChoice:
    label: str  # e.g. 'lab: Deploy a canary'
    uuid: str


def person_or_error(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise ValueError("that person no longer exists")
    return person


def _labs(person_id: int) -> list[RefChoice]:
    query = (
        Lab.select(Lab.uuid, Lab.title).join(Goal).join(Plan)
        .where(Plan.owner == person_id).order_by(Lab.id.desc()).limit(PICK_LIMIT)
    )
    return [RefChoice(f"lab: {lab.title}", lab.uuid) for lab in query]


def _goals(person_id: int) -> list[RefChoice]:
    query = (
        Goal.select(Goal.uuid, Goal.title).join(Plan)
        .where(Plan.owner == person_id).order_by(Goal.id.desc()).limit(PICK_LIMIT)
    )
    return [RefChoice(f"goal: {goal.title}", goal.uuid) for goal in query]


def _incidents(person_id: int) -> list[RefChoice]:
    query = (
        Incident.select(Incident.uuid, Incident.title, Incident.occurred_on)
        .where(Incident.person == person_id).order_by(Incident.occurred_on.desc(), Incident.id.desc())
        .limit(PICK_LIMIT)
    )
    return [RefChoice(f"incident: {i.title}", i.uuid) for i in query]


def _sessions(presenter_id: int | None) -> list[RefChoice]:
    query = Session.select(Session.uuid, Session.title)
    if presenter_id is not None:
        query = query.where(Session.presenter == presenter_id)
    query = query.order_by(Session.starts_at.desc(), Session.id.desc()).limit(PICK_LIMIT)
    return [RefChoice(f"session: {s.title}", s.uuid) for s in query]


def evidence_choices(person_id: int) -> list[RefChoice]:
    """A rating's evidence: the person's labs, their incidents, the sessions they presented."""
    return _labs(person_id) + _incidents(person_id) + _sessions(person_id)


def kudos_for_choices(person_id: int) -> list[RefChoice]:
    """What kudos may be for: the receiver's goals, labs and incidents, and any session."""
    return _goals(person_id) + _labs(person_id) + _incidents(person_id) + _sessions(None)


def describe(texts: Iterable[str | None]) -> dict[str, str]:
    """For each stored text naming a record by uuid, what it is ('lab: Deploy a canary').

    Texts that name no record (a link, free text, a record since deleted) are left out:
    the caller shows them as they are.
    """
    wanted = {t for t in texts if t}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    for word, model, title in (
        ("lab", Lab, Lab.title), ("goal", Goal, Goal.title),
        ("incident", Incident, Incident.title), ("session", Session, Session.title),
    ):
        missing = list(wanted - found.keys())
        if not missing:
            break
        rows: Any = model.select(model.uuid, title).where(model.uuid.in_(missing)).tuples()
        for uuid, name in rows:
            found[uuid] = f"{word}: {name}"
    return found


def stored_ref(text: str | None) -> str | None:
    """A picked uuid, link or free text as it is stored: trimmed, None when empty."""
    text = (text or "").strip()
    return text or None
