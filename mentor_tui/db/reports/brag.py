"""The brag doc: what one person did over a period.

Nothing here reads `CheckIn` at all: private pairing notes cannot reach a report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, SQL, Case, fn

from mentor_tui import recurrence
from mentor_tui.db.models import (
    Competency,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Ownership,
    Person,
    Plan,
    Session,
)
from mentor_tui.db.reports.common import PersonRef, as_date, chunks, each_row, person_ref, pk
from mentor_tui.db.reports.progress import PlanProgress, plan_progress
from mentor_tui.db.reports.skills import SkillChange, skill_changes
from mentor_tui.vocabulary import INCIDENT_ROLES


@dataclass(frozen=True)
class GoalDone:
    title: str
    plan_title: str
    kind: str
    competency: str | None  # competency name
    done_on: dt.date | None


@dataclass(frozen=True)
class Evidence:
    item: str
    evidence: str
    done_on: dt.date | None


@dataclass(frozen=True)
class LabDone:
    """A lab whose checklist is complete, finished (last item done) in the period."""

    title: str
    goal_title: str
    plan_title: str
    link: str | None
    done_on: dt.date | None
    items_total: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class IncidentLine:
    occurred_on: dt.date
    role: str
    severity: str
    title: str


@dataclass(frozen=True)
class OwnershipLine:
    kind: str
    name: str
    since: dt.date
    until: dt.date | None


@dataclass(frozen=True)
class KudosLine:
    given_on: dt.date
    giver_name: str | None  # None: the giver is unknown or was removed
    text: str
    for_ref: str | None


@dataclass(frozen=True)
class SessionLine:
    title: str
    kind: str
    starts_at: dt.datetime
    recurrence: str | None
    link: str | None


@dataclass(frozen=True)
class PersonPeriod:
    """Everything a brag doc shows about one person over [since, until]."""

    person: PersonRef
    since: dt.date
    until: dt.date
    plans: list[PlanProgress]
    goals_done: list[GoalDone]
    labs_done: list[LabDone]
    skills: list[SkillChange]
    incidents_by_role: dict[str, list[IncidentLine]]
    ownership_current: list[OwnershipLine]
    ownership_past: list[OwnershipLine]
    kudos: list[KudosLine]
    sessions_presented: list[SessionLine]


def person_period(person: Person, since: dt.date, until: dt.date) -> PersonPeriod:
    """What `person` did over [since, until] (both days included), for a brag doc."""
    if since > until:
        raise ValueError("the period starts after it ends")
    plans = plan_progress(
        Plan.select()
        .where((Plan.owner == person) & (Plan.status != "archived") & (Plan.start_on <= until))
        .order_by(Plan.start_on, pk(Plan))
    )
    current, past = _ownership(person, since, until)
    return PersonPeriod(
        person=person_ref(person),
        since=since,
        until=until,
        plans=plans,
        goals_done=_goals_done(person, since, until),
        labs_done=_labs_done(person, since, until),
        skills=skill_changes(person, since, until),
        incidents_by_role=_incidents_by_role(person, since, until),
        ownership_current=current,
        ownership_past=past,
        kudos=_kudos(person, since, until),
        sessions_presented=_sessions_presented(person, since, until),
    )


def _goals_done(person: Person, since: dt.date, until: dt.date) -> list[GoalDone]:
    query = (
        Goal.select(
            Goal.title,
            Goal.kind,
            Goal.done_on,
            Plan.title.alias("plan_title"),
            Competency.name.alias("competency_name"),
        )
        .join(Plan)
        .switch(Goal)
        .join(Competency, JOIN.LEFT_OUTER)
        .where(
            (Plan.owner == person)
            & (Goal.status == "done")
            & (Goal.done_on >= since)
            & (Goal.done_on <= until)
        )
        .order_by(Goal.done_on, pk(Goal))
        .dicts()
    )
    return [
        GoalDone(
            title=row["title"],
            plan_title=row["plan_title"],
            kind=row["kind"],
            competency=row["competency_name"],
            done_on=row["done_on"],
        )
        for row in each_row(query)
    ]


def _labs_done(person: Person, since: dt.date, until: dt.date) -> list[LabDone]:
    finished_on = fn.COALESCE(fn.MAX(LabItem.done_on), Lab.last_practised_on)
    done_items = fn.SUM(Case(None, [(LabItem.done == True, 1)], 0))  # noqa: E712
    labs = list(
        each_row(
            Lab.select(
                pk(Lab),
                Lab.title,
                Lab.link,
                Goal.title.alias("goal_title"),
                Plan.title.alias("plan_title"),
                fn.COUNT(pk(LabItem)).alias("items_total"),
                finished_on.alias("finished_on"),
            )
            .join(LabItem)
            .switch(Lab)
            .join(Goal)
            .join(Plan)
            .where(Plan.owner == person)
            .group_by(pk(Lab))
            .having(
                (fn.COUNT(pk(LabItem)) == done_items)
                & (finished_on >= since)
                & (finished_on <= until)
            )
            .order_by(SQL("finished_on"), pk(Lab))
            .dicts()
        )
    )
    evidence: dict[int, list[Evidence]] = {}
    lab_ids = [row["id"] for row in labs]
    for chunk in chunks(lab_ids, 500):
        for lab_id, text, note, done_on in each_row(
            LabItem.select(LabItem.lab, LabItem.text, LabItem.evidence, LabItem.done_on)
            .where(
                LabItem.lab.in_(chunk)
                & LabItem.evidence.is_null(False)
                & (fn.TRIM(LabItem.evidence) != "")
            )
            .order_by(LabItem.position, pk(LabItem))
            .tuples()
        ):
            evidence.setdefault(lab_id, []).append(
                Evidence(item=text, evidence=note.strip(), done_on=done_on)
            )
    return [
        LabDone(
            title=row["title"],
            goal_title=row["goal_title"],
            plan_title=row["plan_title"],
            link=row["link"],
            done_on=None if row["finished_on"] is None else as_date(row["finished_on"]),
            items_total=int(row["items_total"]),
            evidence=tuple(evidence.get(row["id"], ())),
        )
        for row in labs
    ]


def _incidents_by_role(
    person: Person, since: dt.date, until: dt.date
) -> dict[str, list[IncidentLine]]:
    """Roles in INCIDENT_ROLES order (unknown roles after them, by name); only roles with incidents."""
    grouped: dict[str, list[IncidentLine]] = {}
    for incident in (
        Incident.select(Incident.occurred_on, Incident.role, Incident.severity, Incident.title)
        .where(
            (Incident.person == person)
            & (Incident.occurred_on >= since)
            & (Incident.occurred_on <= until)
        )
        .order_by(Incident.occurred_on, pk(Incident))
    ):
        grouped.setdefault(incident.role, []).append(
            IncidentLine(incident.occurred_on, incident.role, incident.severity, incident.title)
        )
    order = {role: index for index, role in enumerate(INCIDENT_ROLES)}
    return {
        role: grouped[role] for role in sorted(grouped, key=lambda r: (order.get(r, len(order)), r))
    }


def _ownership(
    person: Person, since: dt.date, until: dt.date
) -> tuple[list[OwnershipLine], list[OwnershipLine]]:
    """(held at the end of the period, held during the period but handed over before its end)."""
    current: list[OwnershipLine] = []
    past: list[OwnershipLine] = []
    for row in (
        Ownership.select(Ownership.kind, Ownership.name, Ownership.since, Ownership.until)
        .where(
            (Ownership.person == person)
            & (Ownership.since <= until)
            & (Ownership.until.is_null() | (Ownership.until >= since))
        )
        .order_by(Ownership.since, pk(Ownership))
    ):
        line = OwnershipLine(row.kind, row.name, row.since, row.until)
        (current if row.until is None or row.until >= until else past).append(line)
    return current, past


def _kudos(person: Person, since: dt.date, until: dt.date) -> list[KudosLine]:
    giver = Person.alias("giver")
    return [
        KudosLine(
            given_on=row["given_on"],
            giver_name=row["giver_name"],
            text=row["text"],
            for_ref=row["for_ref"],
        )
        for row in each_row(
            Kudos.select(Kudos.given_on, Kudos.text, Kudos.for_ref, giver.name.alias("giver_name"))
            .join(giver, JOIN.LEFT_OUTER, on=(Kudos.giver == pk(giver)))
            .where(
                (Kudos.receiver == person) & (Kudos.given_on >= since) & (Kudos.given_on <= until)
            )
            .order_by(Kudos.given_on, pk(Kudos))
            .dicts()
        )
    ]


def _sessions_presented(person: Person, since: dt.date, until: dt.date) -> list[SessionLine]:
    """Sessions the person presents with at least one occurrence in the period (not cancelled).

    The period runs from `since` 00:00 UTC to the end of `until`; a series whose
    COUNT or UNTIL ended before it is not listed.
    """
    start = dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    lines = []
    for session in (
        Session.select()
        .where(
            (Session.presenter == person)
            & (Session.starts_at < end)
            & ((Session.starts_at >= start) | (Session.rrule.is_null(False) & (Session.rrule != "")))
        )
        .order_by(Session.starts_at, pk(Session))
    ):
        rule = (session.rrule or "").strip() or None
        held = recurrence.occurrences(session.starts_at, session.timezone, rule, session.exdates, start, end)
        if next(held, None) is not None:
            lines.append(SessionLine(session.title, session.kind, session.starts_at, rule, session.link))
    return lines
