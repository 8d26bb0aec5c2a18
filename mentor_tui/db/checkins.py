"""Check-ins: the list, and recording one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from mentor_tui import schema
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship, Person, objects


@dataclass(frozen=True)
class CheckInRow:
    id: int
    held_on: dt.date
    mentor: str
    mentee: str
    confidence: int | None
    open_actions: int
    has_private_notes: bool
    progress: str


@dataclass(frozen=True)
class MentorshipChoice:
    id: int
    label: str


def count() -> int:
    return CheckIn.select().count()


def page(limit: int = 200, offset: int = 0) -> list[CheckInRow]:
    Mentor = Person.alias("mentor")
    Mentee = Person.alias("mentee")
    open_actions = fn.SUM(ActionItem.id.is_null(False) & ActionItem.done_on.is_null())
    query = (
        CheckIn.select(
            CheckIn,
            Mentor.name.alias("mentor_name"),
            Mentee.name.alias("mentee_name"),
            open_actions.alias("open_count"),
        )
        .join(Mentorship)
        .join(Mentor, on=(Mentorship.mentor == Mentor.id))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == Mentee.id))
        .switch(CheckIn)
        .join(ActionItem, JOIN.LEFT_OUTER)
        .group_by(CheckIn.id)
        .order_by(CheckIn.held_on.desc(), CheckIn.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [
        CheckInRow(
            c.id,
            c.held_on,
            c.mentor_name,
            c.mentee_name,
            c.confidence,
            int(c.open_count or 0),
            bool(c.private_notes),
            c.progress,
        )
        for c in objects(query)
    ]


def mentorship_choices(mentor_first: int | None = None) -> list[MentorshipChoice]:
    """Active mentorships; those of `mentor_first` (a person id, e.g. me) come first."""
    Mentor = Person.alias("mentor")
    Mentee = Person.alias("mentee")
    query = (
        Mentorship.select(Mentorship.id, Mentor.name.alias("mentor_name"), Mentee.name.alias("mentee_name"))
        .join(Mentor, on=(Mentorship.mentor == Mentor.id))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == Mentee.id))
        .where(Mentorship.ended_on.is_null())
        .order_by(Mentorship.mentor != (mentor_first or 0), Mentor.name, Mentee.name)
    )
    return [MentorshipChoice(m.id, f"{m.mentor_name} → {m.mentee_name}") for m in objects(query)]


def create_checkin(
    mentorship_id: int,
    held_on: dt.date,
    progress: str = "",
    blockers: str = "",
    next_steps: str = "",
    confidence: int | None = None,
    private_notes: str = "",
) -> CheckIn:
    mentorship = Mentorship.get_or_none(Mentorship.id == mentorship_id)
    if mentorship is None:
        raise ValueError("that mentorship no longer exists")
    schema.check(
        "checkins",
        {"held_on": held_on, "progress": progress or "", "blockers": blockers or "",
         "next_steps": next_steps or "", "confidence": confidence, "private_notes": private_notes or ""},
    )
    return CheckIn.create(
        mentorship=mentorship,
        held_on=held_on,
        progress=progress or "",
        blockers=blockers or "",
        next_steps=next_steps or "",
        confidence=confidence,
        private_notes=private_notes or "",
    )
