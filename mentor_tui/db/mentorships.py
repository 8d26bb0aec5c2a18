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
    # One pair, one mentorship: its history is one timeline (imports and merges keep it so).
    existing = Mentorship.get_or_none((Mentorship.mentor == mentor) & (Mentorship.mentee == mentee))
    if existing is not None and existing.ended_on is None:
        raise ValueError(f"{mentor.name} already mentors {mentee.name}")
    if existing is not None and existing.ended_on is not None:
        raise ValueError(
            f"{mentor.name} mentored {mentee.name} until {existing.ended_on.isoformat()}; "
            "reopen that mentorship (clear its end date) to keep one history"
        )
    return Mentorship.create(
        mentor=mentor, mentee=mentee, started_on=started_on, cadence_days=cadence_days, focus=focus.strip()
    )
