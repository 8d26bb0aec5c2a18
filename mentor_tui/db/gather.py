"""Gathering the rows of an export: one person's records, some plans, or the whole team.

Rows travel as plain dicts keyed by model field name (a foreign key holds the
referenced row's id); `mentor_tui.exchange.toml_export` maps them to the
file's shape with the record-kind registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mentor_tui import schema
from mentor_tui.db.models import (
    ActionItem,
    Attendance,
    BaseModel,
    CheckIn,
    Competency,
    Feedback,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Mentorship,
    Ownership,
    Person,
    PersonAlias,
    Plan,
    Session,
    SessionOccurrence,
    SkillRating,
)

Row = dict[str, Any]
CHUNK = 500


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------- export: gathering


@dataclass
class Gathered:
    """The rows of one export, each list in a stable order (id, or position then id)."""

    people: list[Row] = field(default_factory=list)
    competencies: list[Row] = field(default_factory=list)  # non-builtin ones referenced
    mentorships: list[Row] = field(default_factory=list)
    plans: list[Row] = field(default_factory=list)
    goals: list[Row] = field(default_factory=list)
    labs: list[Row] = field(default_factory=list)
    items: list[Row] = field(default_factory=list)
    checkins: list[Row] = field(default_factory=list)
    actions: list[Row] = field(default_factory=list)
    sessions: list[Row] = field(default_factory=list)
    occurrences: list[Row] = field(default_factory=list)
    attendance: list[Row] = field(default_factory=list)  # occurrence id, person id
    skills: list[Row] = field(default_factory=list)
    incidents: list[Row] = field(default_factory=list)
    ownership: list[Row] = field(default_factory=list)
    kudos: list[Row] = field(default_factory=list)
    feedback: list[Row] = field(default_factory=list)
    # id -> uuid (or key) of every row the records above refer to
    person_uuid: dict[int, str] = field(default_factory=dict)
    competency_key: dict[int, str] = field(default_factory=dict)
    mentorship_uuid: dict[int, str] = field(default_factory=dict)
    session_uuid: dict[int, str] = field(default_factory=dict)
    aliases: dict[int, list[str]] = field(default_factory=dict)  # person id -> other uuids, sorted


def plan_id_by_uuid(plan_uuid: str) -> int | None:
    rows = _tuples(Plan.select(Plan.id).where(Plan.uuid == plan_uuid).limit(1))
    return int(rows[0][0]) if rows else None


def _rows(query: Any) -> list[Row]:
    return list(query.dicts())


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    return list(query.tuples())


def _ids(rows: Iterable[Row], key: str = "id") -> list[int]:
    return [r[key] for r in rows if r.get(key) is not None]


def _by_ids(model: type[BaseModel], ids: Iterable[int]) -> list[Row]:
    rows: list[Row] = []
    for batch in chunks(sorted(set(ids))):
        rows.extend(_rows(model.select().where(model.id.in_(batch))))
    rows.sort(key=lambda r: r["id"])
    return rows


def gather(person_ids: Iterable[int] = (), plan_ids: Iterable[int] = ()) -> Gathered:
    """The rows of an export: everything when nothing is selected (scope team), else
    the union of the selected people's records and the selected plans."""
    persons = sorted(set(person_ids))
    plan_list = sorted(set(plan_ids))
    if not persons and not plan_list:
        return _gather_team()
    g = Gathered()
    g.plans = _rows(
        Plan.select().where(Plan.owner.in_(persons) | Plan.id.in_(plan_list)).order_by(Plan.id)
    )
    _gather_plan_children(g, _ids(g.plans))
    if persons:
        g.mentorships = _rows(
            Mentorship.select()
            .where(Mentorship.mentor.in_(persons) | Mentorship.mentee.in_(persons))
            .order_by(Mentorship.id)
        )
        _gather_checkins(g, _ids(g.mentorships))
        g.skills = _rows(SkillRating.select().where(SkillRating.person.in_(persons)).order_by(SkillRating.id))
        g.incidents = _rows(Incident.select().where(Incident.person.in_(persons)).order_by(Incident.id))
        g.ownership = _rows(Ownership.select().where(Ownership.person.in_(persons)).order_by(Ownership.id))
        g.kudos = _rows(
            Kudos.select().where(Kudos.giver.in_(persons) | Kudos.receiver.in_(persons)).order_by(Kudos.id)
        )
        g.feedback = _rows(Feedback.select().where(Feedback.person.in_(persons)).order_by(Feedback.id))
        attended = (
            SessionOccurrence.select(SessionOccurrence.session)
            .join(Attendance)
            .where(Attendance.person.in_(persons))
        )
        session_ids = {
            r[0]
            for r in _tuples(
                Session.select(Session.id).where(Session.presenter.in_(persons) | Session.id.in_(attended))
            )
        }
        session_ids.update(_ids(g.incidents, "session"))
        g.sessions = _by_ids(Session, session_ids)
        _gather_occurrences(g, _ids(g.sessions))
    _gather_people(g, persons)
    return g


def _gather_team() -> Gathered:
    g = Gathered()
    g.plans = _rows(Plan.select().order_by(Plan.id))
    g.goals = _rows(Goal.select().order_by(Goal.plan, Goal.position, Goal.id))
    g.labs = _rows(Lab.select().order_by(Lab.goal, Lab.position, Lab.id))
    g.items = _rows(LabItem.select().order_by(LabItem.lab, LabItem.position, LabItem.id))
    g.mentorships = _rows(Mentorship.select().order_by(Mentorship.id))
    g.checkins = _rows(CheckIn.select().order_by(CheckIn.id))
    g.actions = _rows(ActionItem.select().order_by(ActionItem.checkin, ActionItem.position, ActionItem.id))
    g.sessions = _rows(Session.select().order_by(Session.id))
    g.occurrences = _rows(
        SessionOccurrence.select().order_by(SessionOccurrence.session, SessionOccurrence.starts_at)
    )
    g.attendance = _rows(Attendance.select().order_by(Attendance.id))
    g.skills = _rows(SkillRating.select().order_by(SkillRating.id))
    g.incidents = _rows(Incident.select().order_by(Incident.id))
    g.ownership = _rows(Ownership.select().order_by(Ownership.id))
    g.kudos = _rows(Kudos.select().order_by(Kudos.id))
    g.feedback = _rows(Feedback.select().order_by(Feedback.id))
    g.people = _rows(Person.select().order_by(Person.id))
    _gather_aliases(g)
    g.person_uuid = {r["id"]: r["uuid"] for r in g.people}
    g.mentorship_uuid = {r["id"]: r["uuid"] for r in g.mentorships}
    g.session_uuid = {r["id"]: r["uuid"] for r in g.sessions}
    _gather_competencies(g, every_user_made=True)
    return g


def _gather_plan_children(g: Gathered, plan_ids: list[int]) -> None:
    for batch in chunks(plan_ids):
        g.goals.extend(_rows(Goal.select().where(Goal.plan.in_(batch))))
    g.goals.sort(key=lambda r: (r["plan"], r["position"], r["id"]))
    for batch in chunks(_ids(g.goals)):
        g.labs.extend(_rows(Lab.select().where(Lab.goal.in_(batch))))
    g.labs.sort(key=lambda r: (r["goal"], r["position"], r["id"]))
    for batch in chunks(_ids(g.labs)):
        g.items.extend(_rows(LabItem.select().where(LabItem.lab.in_(batch))))
    g.items.sort(key=lambda r: (r["lab"], r["position"], r["id"]))


def _gather_checkins(g: Gathered, mentorship_ids: list[int]) -> None:
    for batch in chunks(mentorship_ids):
        g.checkins.extend(_rows(CheckIn.select().where(CheckIn.mentorship.in_(batch))))
    g.checkins.sort(key=lambda r: r["id"])
    for batch in chunks(_ids(g.checkins)):
        g.actions.extend(_rows(ActionItem.select().where(ActionItem.checkin.in_(batch))))
    g.actions.sort(key=lambda r: (r["checkin"], r["position"], r["id"]))


def _gather_occurrences(g: Gathered, session_ids: list[int]) -> None:
    for batch in chunks(session_ids):
        g.occurrences.extend(_rows(SessionOccurrence.select().where(SessionOccurrence.session.in_(batch))))
    g.occurrences.sort(key=lambda r: (r["session"], r["starts_at"], r["id"]))
    for batch in chunks(_ids(g.occurrences)):
        g.attendance.extend(_rows(Attendance.select().where(Attendance.occurrence.in_(batch))))
    g.attendance.sort(key=lambda r: r["id"])


def _gather_people(g: Gathered, persons: list[int]) -> None:
    """The selected people and everyone the gathered records refer to."""
    ids: set[int] = set(persons)
    refs = [
        (getattr(g, kind.name), tuple(f.name for f in kind.fields if f.type == schema.REF and f.ref == "person"))
        for kind in schema.KINDS.values()
    ]
    refs.append((g.attendance, ("person",)))  # occurrences' attendees
    for rows, keys in refs:
        for row in rows:
            ids.update(row[k] for k in keys if row[k] is not None)
    g.people = _by_ids(Person, ids)
    _gather_aliases(g)
    g.person_uuid = {r["id"]: r["uuid"] for r in g.people}
    g.mentorship_uuid = {r["id"]: r["uuid"] for r in g.mentorships}
    g.session_uuid = {r["id"]: r["uuid"] for r in g.sessions}
    _gather_competencies(g)


def _gather_aliases(g: Gathered) -> None:
    ids = _ids(g.people)
    for batch in chunks(ids):
        for person_id, uuid in _tuples(PersonAlias.select(PersonAlias.person, PersonAlias.uuid).where(PersonAlias.person.in_(batch))):
            g.aliases.setdefault(person_id, []).append(uuid)
    for uuids in g.aliases.values():
        uuids.sort()


def _gather_competencies(g: Gathered, every_user_made: bool = False) -> None:
    """The competencies the records refer to; a team export carries every user-made one,
    so a competency nothing refers to yet still reaches the teammate."""
    ids = set(_ids(g.goals, "competency")) | set(_ids(g.skills, "competency"))
    rows = _by_ids(Competency, ids)
    g.competency_key = {r["id"]: r["key"] for r in rows}
    if every_user_made:
        rows = _rows(Competency.select().where(~Competency.builtin))
    g.competencies = sorted((r for r in rows if not r["builtin"]), key=lambda r: r["key"])
