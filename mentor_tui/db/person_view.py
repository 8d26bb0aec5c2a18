"""One person as the growth view shows them: who, their mentorships, their plans, their growth.

Read-only, a handful of queries; the UI calls `person_view(uuid)` in a worker
(`person_view(ME)` for whoever "me" is).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui.db import plans
from mentor_tui.db.growth import Growth, growth_of
from mentor_tui.db.models import Mentorship, Person, objects
from mentor_tui.db.people import shown_name
from mentor_tui.db.plans import PlanRow


@dataclass(frozen=True)
class MentorshipLine:
    """A mentorship seen from the person: the other one, and which side they are on."""

    id: int
    other: str  # the other person's name, "(archived)" after it when they left the program
    they_mentor: bool  # True: the person mentors `other`; False: `other` mentors them
    started_on: dt.date
    ended_on: dt.date | None
    cadence_days: int
    focus: str


@dataclass(frozen=True)
class PersonView:
    id: int
    uuid: str
    name: str
    role: str
    email: str | None
    is_me: bool
    archived: bool
    mentorships: tuple[MentorshipLine, ...]  # active first, then by start, newest first
    plans: tuple[PlanRow, ...]  # active first, then by start, newest first
    growth: Growth
    team: str = ""


ME = ":me:"  # the key that names whoever "me" is in this database


def person_view(uuid: str) -> PersonView | None:
    """The person with this uuid (or me, for `ME`), or None when there is none (anymore)."""
    person = Person.get_or_none(Person.is_me if uuid == ME else Person.uuid == uuid)
    if person is None:
        return None
    return PersonView(
        person.id, person.uuid, person.name, person.role, person.email, person.is_me, person.archived,
        _mentorships(person), _plans(person), growth_of(person.id, with_anonymous_feedback=person.is_me),
        team=person.team or "",
    )


def _mentorships(person: Person) -> tuple[MentorshipLine, ...]:
    Mentor = Person.alias("mentor")
    Mentee = Person.alias("mentee")
    query = (
        Mentorship.select(Mentorship, Mentor.name.alias("mentor_name"), Mentee.name.alias("mentee_name"),
                          Mentor.archived.alias("mentor_archived"), Mentee.archived.alias("mentee_archived"))
        .join(Mentor, on=(Mentorship.mentor == Mentor.id))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == Mentee.id))
        .where((Mentorship.mentor == person.id) | (Mentorship.mentee == person.id))
        .order_by(Mentorship.ended_on.is_null(False), Mentorship.started_on.desc(), Mentorship.id)
    )
    lines = []
    for m in objects(query):
        they_mentor = m.mentor_id == person.id
        other = (shown_name(m.mentee_name, m.mentee_archived) if they_mentor
                 else shown_name(m.mentor_name, m.mentor_archived))
        lines.append(
            MentorshipLine(m.id, other, they_mentor, m.started_on, m.ended_on, m.cadence_days, m.focus or "")
        )
    return tuple(lines)


def _plans(person: Person) -> tuple[PlanRow, ...]:
    return tuple(plans.page(limit=1000, owner_id=person.id))
