"""The team's on-call ladder, check-in health per mentorship, and kudos counts.

Check-ins are read for their dates only (`held_on`, selected by name): nothing
here can see private pairing notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from mentor_tui.db.models import CheckIn, Incident, Kudos, Mentorship, Person
from mentor_tui.db.reports.common import PersonRef, as_date, each_row, person_ref, pk

LADDER = ("shadow", "secondary", "primary", "incident-commander")
"""The on-call ladder, first step first (scribe and comms are roles, not steps)."""


@dataclass(frozen=True)
class LadderLine:
    person: PersonRef
    counts: dict[str, int]  # incident role -> how many (every role, not only the ladder's)
    last_on: dict[str, dt.date]  # incident role -> the latest

    @property
    def step(self) -> str | None:
        """The highest ladder step reached (None: never on call)."""
        reached = [role for role in LADDER if self.counts.get(role)]
        return reached[-1] if reached else None


@dataclass(frozen=True)
class CheckInHealth:
    mentor: str
    mentee: str
    started_on: dt.date
    cadence_days: int
    last_held_on: dt.date | None
    due_on: dt.date

    def overdue_days(self, today: dt.date) -> int:
        return max(0, (today - self.due_on).days)


@dataclass(frozen=True)
class KudosCount:
    person: PersonRef
    received: int
    given: int


def ladder_summary(until: dt.date, person_ids: list[int] | None = None) -> list[LadderLine]:
    """Per active person with incidents up to `until` (or the people `person_ids`): counts per role."""
    query = (
        Incident.select(Incident.person, Incident.role, fn.COUNT(pk(Incident)), fn.MAX(Incident.occurred_on))
        .join(Person, on=(Incident.person == pk(Person)))
        .where((Incident.occurred_on <= until) & (Person.archived == False))  # noqa: E712
        .group_by(Incident.person, Incident.role)
        .tuples()
    )
    if person_ids is not None:
        query = query.where(Incident.person.in_(person_ids))
    counts: dict[int, dict[str, int]] = {}
    last: dict[int, dict[str, dt.date]] = {}
    for person_id, role, n, last_on in each_row(query):
        counts.setdefault(person_id, {})[role] = int(n)
        last.setdefault(person_id, {})[role] = as_date(last_on)
    people = Person.select().where(pk(Person).in_(list(counts))).order_by(Person.name, pk(Person))
    return [LadderLine(person_ref(p), counts[p.get_id()], last[p.get_id()]) for p in people]


def checkin_health(today: dt.date) -> list[CheckInHealth]:
    """Every active mentorship of active people: its last check-in and when the next is due;
    the most overdue first."""
    Mentor = Person.alias("mentor")
    Mentee = Person.alias("mentee")
    query = (
        Mentorship.select(
            Mentor.name, Mentee.name, Mentorship.started_on, Mentorship.cadence_days, fn.MAX(CheckIn.held_on)
        )
        .join(Mentor, on=(Mentorship.mentor == Mentor.id))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == Mentee.id))
        .switch(Mentorship)
        .join(CheckIn, JOIN.LEFT_OUTER, on=((CheckIn.mentorship == Mentorship.id) & (CheckIn.held_on <= today)))
        .where(Mentorship.ended_on.is_null() & (Mentor.archived == False) & (Mentee.archived == False))  # noqa: E712
        .group_by(Mentorship.id)
        .tuples()
    )
    result = []
    for mentor, mentee, started_on, cadence, last_held in each_row(query):
        last_on = as_date(last_held) if last_held else None
        due = (last_on or as_date(started_on)) + dt.timedelta(days=int(cadence))
        result.append(CheckInHealth(mentor, mentee, as_date(started_on), int(cadence), last_on, due))
    result.sort(key=lambda h: (h.due_on, h.mentor, h.mentee))
    return result


def kudos_counts(until: dt.date) -> list[KudosCount]:
    """Kudos received and given per active person up to `until` (people with none left out), by name."""
    received = dict(each_row(
        Kudos.select(Kudos.receiver, fn.COUNT(pk(Kudos))).where(Kudos.given_on <= until).group_by(Kudos.receiver).tuples()
    ))
    given = dict(each_row(
        Kudos.select(Kudos.giver, fn.COUNT(pk(Kudos)))
        .where((Kudos.given_on <= until) & Kudos.giver.is_null(False))
        .group_by(Kudos.giver)
        .tuples()
    ))
    ids = set(received) | set(given)
    people = (
        Person.select().where(pk(Person).in_(list(ids)) & (Person.archived == False)).order_by(Person.name, pk(Person))  # noqa: E712
    )
    return [KudosCount(person_ref(p), int(received.get(p.get_id(), 0)), int(given.get(p.get_id(), 0))) for p in people]
