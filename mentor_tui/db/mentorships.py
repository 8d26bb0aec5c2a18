"""Mentorships: who mentors whom, since when, and how often check-ins are due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from mentor_tui import schema
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship, Person


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


def ref_id(row: Any, field: str) -> int:
    """The id a foreign key of `row` holds, without reading the row it points at."""
    return int(getattr(row, f"{field}_id"))


def sides(mentorship: Mentorship) -> tuple[int, int]:
    """(mentor id, mentee id)."""
    return ref_id(mentorship, "mentor"), ref_id(mentorship, "mentee")


def next_due(started_on: dt.date, last_held_on: dt.date | None, cadence_days: int) -> dt.date:
    """When the next check-in is due: a cadence after the latest one held, or after the start."""
    return (last_held_on or started_on) + dt.timedelta(days=cadence_days)


@dataclass(frozen=True)
class MentorshipFacts:
    """What deleting a mentorship takes with it, for the question asked first."""

    label: str
    checkins: int
    actions: int
    private_notes: int = 0  # check-ins with private pairing notes


def _get(mentorship_id: int) -> Mentorship:
    mentorship = Mentorship.get_or_none(Mentorship.id == mentorship_id)
    if mentorship is None:
        raise ValueError("that mentorship no longer exists")
    return mentorship


def update_mentorship(
    mentorship_id: int, started_on: dt.date, cadence_days: int, focus: str, ended_on: dt.date | None
) -> Mentorship:
    """Change a mentorship's dates, cadence and focus; its check-ins stay as they are."""
    values = {"started_on": started_on, "ended_on": ended_on, "cadence_days": cadence_days, "focus": focus or ""}
    schema.check("mentorships", values)
    db = Mentorship._meta.database
    with db.atomic("IMMEDIATE"):
        mentorship = _get(mentorship_id)
        first, last = (
            CheckIn.select(fn.MIN(CheckIn.held_on), fn.MAX(CheckIn.held_on))
            .where(CheckIn.mentorship == mentorship_id).scalar(as_tuple=True)
        )
        if first is not None and started_on > _as_date(first):
            raise ValueError(f"the start date is after its first check-in ({_as_date(first).isoformat()})")
        if last is not None and ended_on is not None and ended_on < _as_date(last):
            raise ValueError(f"the end date is before its last check-in ({_as_date(last).isoformat()})")
        if ended_on is None:
            _refuse_second_active(*sides(mentorship), mentorship_id)
        Mentorship.update(
            started_on=started_on, ended_on=ended_on, cadence_days=cadence_days, focus=(focus or "").strip()
        ).where(Mentorship.id == mentorship_id).execute()
    return Mentorship.get_by_id(mentorship_id)


def end_mentorship(mentorship_id: int, ended_on: dt.date) -> Mentorship:
    """End a mentorship on `ended_on`; its check-ins and action items stay."""
    mentorship = _get(mentorship_id)
    return update_mentorship(mentorship_id, mentorship.started_on, mentorship.cadence_days, mentorship.focus, ended_on)


def facts(mentorship_id: int) -> MentorshipFacts | None:
    mentorship = Mentorship.get_or_none(Mentorship.id == mentorship_id)
    if mentorship is None:
        return None
    checkins = CheckIn.select().where(CheckIn.mentorship == mentorship_id).count()
    actions = ActionItem.select().join(CheckIn).where(CheckIn.mentorship == mentorship_id).count()
    private = CheckIn.select().where((CheckIn.mentorship == mentorship_id) & (CheckIn.private_notes != "")).count()
    return MentorshipFacts(f"{mentorship.mentor.name} → {mentorship.mentee.name}", checkins, actions, private)


def delete_mentorship(mentorship_id: int) -> MentorshipFacts:
    """Delete a mentorship with its check-ins and their action items (foreign keys cascade)."""
    db = Mentorship._meta.database
    with db.atomic("IMMEDIATE"):
        gone = facts(mentorship_id)
        if gone is None:
            raise ValueError("that mentorship no longer exists")
        Mentorship.delete().where(Mentorship.id == mentorship_id).execute()
    return gone


def _refuse_second_active(mentor_id: int, mentee_id: int, other_than: int) -> None:
    active = Mentorship.select().where(
        (Mentorship.mentor == mentor_id) & (Mentorship.mentee == mentee_id)
        & Mentorship.ended_on.is_null() & (Mentorship.id != other_than)
    )
    if active.exists():
        raise ValueError("these two already have an active mentorship: end that one first")


def _as_date(value: dt.date | str) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def spans_of(uuids: set[str]) -> dict[str, tuple[dt.date, dt.date | None]]:
    """The start and end dates of the mentorships with these uuids (those in the database)."""
    found: dict[str, tuple[dt.date, dt.date | None]] = {}
    ids = list(uuids)
    for at in range(0, len(ids), 500):
        query = (Mentorship.select(Mentorship.uuid, Mentorship.started_on, Mentorship.ended_on)
                 .where(Mentorship.uuid.in_(ids[at:at + 500])))
        found.update({m.uuid: (m.started_on, m.ended_on) for m in query})
    return found
