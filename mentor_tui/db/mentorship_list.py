"""The mentorships of the Check-ins section: who is due, open actions, old blockers.

"Me" sees the mentorships I am in (mentor or mentee); a lead, or a database
without "me", sees all of them. Active ones come first, most due first. A
mentorship of someone archived (they left the program) is never due: its names
say "(archived)", and it comes after the ones still running.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from mentor_tui.db import blockers, people
from mentor_tui.db.blockers import BlockerAge
from mentor_tui.db.mentorships import next_due
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship, Person, objects


@dataclass(frozen=True)
class MentorshipRow:
    id: int
    mentor_id: int
    mentor: str
    mentee_id: int
    mentee: str
    started_on: dt.date
    ended_on: dt.date | None
    cadence_days: int
    focus: str
    checkins: int
    last_held_on: dt.date | None  # the latest check-in held by today (a future-dated one is not held yet)
    due_on: dt.date | None  # None once ended
    open_actions: int
    blocker: BlockerAge | None  # the latest check-in's blocker, if it names one
    me_is_mentor: bool
    someone_archived: bool = False  # the mentor or the mentee left the program: never due

    @property
    def label(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def overdue_days(self, today: dt.date) -> int:
        return (today - self.due_on).days if self.due_on is not None and self.due_on < today else 0


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _last_held(today: dt.date):
    return CheckIn.select(fn.MAX(CheckIn.held_on)).where(
        (CheckIn.mentorship == Mentorship.id) & (CheckIn.held_on <= today)
    )


Mentor = Person.alias("mentor")
Mentee = Person.alias("mentee")


def _select(today: dt.date):
    count_ = CheckIn.select(fn.COUNT(CheckIn.id)).where(CheckIn.mentorship == Mentorship.id)
    open_actions = (
        ActionItem.select(fn.COUNT(ActionItem.id))
        .join(CheckIn)
        .where((CheckIn.mentorship == Mentorship.id) & ActionItem.done_on.is_null())
    )
    return (
        Mentorship.select(
            Mentorship, Mentor.name.alias("mentor_name"), Mentee.name.alias("mentee_name"),
            Mentor.archived.alias("mentor_archived"), Mentee.archived.alias("mentee_archived"),
            _last_held(today).alias("last_held"), count_.alias("checkin_count"), open_actions.alias("open_count"),
        )
        .join(Mentor, on=(Mentorship.mentor == Mentor.id))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == Mentee.id))
    )


def _visible(query, me: Person | None, everyone: bool = False):
    if not everyone and me is not None and me.role != "lead":
        return query.where((Mentorship.mentor == me.id) | (Mentorship.mentee == me.id))
    return query


def count() -> int:
    me = people.me()
    return _visible(Mentorship.select(), me).count()


def not_mine() -> int:
    """The mentorships the list leaves out: those "me" is not in (none for a lead)."""
    return Mentorship.select().count() - count()


def page(today: dt.date, limit: int = 200, offset: int = 0, everyone: bool = False) -> list[MentorshipRow]:
    """Active mentorships first, the most due first; then the ended ones, latest ended first.

    `everyone`: all mentorships, as a lead sees them, whoever "me" is."""
    me = people.me()
    due = fn.DATE(fn.COALESCE(_last_held(today), Mentorship.started_on), fn.printf("+%d days", Mentorship.cadence_days))
    query = (
        _visible(_select(today), me, everyone)
        .order_by(Mentorship.ended_on.is_null(False) | Mentor.archived | Mentee.archived, Mentorship.ended_on.desc(),
                  due, Mentorship.id)
        .limit(limit)
        .offset(offset)
    )
    return _rows(list(objects(query)), me)


def one(mentorship_id: int, today: dt.date) -> MentorshipRow | None:
    """One mentorship as the list shows it (the head of its timeline)."""
    rows = _rows(list(objects(_select(today).where(Mentorship.id == mentorship_id))), people.me())
    return rows[0] if rows else None


def _rows(made: list, me: Person | None) -> list[MentorshipRow]:
    ages = blockers.latest([m.id for m in made])
    rows = []
    for m in made:
        last = _date(m.last_held)
        gone = bool(m.mentor_archived or m.mentee_archived)
        rows.append(MentorshipRow(
            m.id, m.mentor_id, people.shown_name(m.mentor_name, m.mentor_archived),
            m.mentee_id, people.shown_name(m.mentee_name, m.mentee_archived), m.started_on, m.ended_on,
            m.cadence_days, m.focus or "", int(m.checkin_count or 0), last,
            None if m.ended_on is not None or gone else next_due(m.started_on, last, m.cadence_days),
            int(m.open_count or 0), ages.get(m.id), me is not None and m.mentor_id == me.id, gone,
        ))
    return rows
