"""Mentorships: who mentors whom, since when, and how often check-ins are due."""

from __future__ import annotations

import datetime as dt

from mentor_tui import schema
from mentor_tui.db.models import Mentorship, Person


def create_mentorship(
    mentor_id: int, mentee_id: int, started_on: dt.date, cadence_days: int = 14, focus: str = ""
) -> Mentorship:
    schema.check(
        "mentorships",
        {"mentor": mentor_id, "mentee": mentee_id, "started_on": started_on,
         "cadence_days": cadence_days, "focus": focus},
    )
    mentor = Person.get_or_none(Person.id == mentor_id)
    mentee = Person.get_or_none(Person.id == mentee_id)
    if mentor is None or mentee is None:
        raise ValueError("that person no longer exists")
    active = Mentorship.select().where(
        (Mentorship.mentor == mentor) & (Mentorship.mentee == mentee) & Mentorship.ended_on.is_null()
    )
    if active.exists():
        raise ValueError(f"{mentor.name} already mentors {mentee.name}")
    return Mentorship.create(
        mentor=mentor, mentee=mentee, started_on=started_on, cadence_days=cadence_days, focus=focus.strip()
    )
