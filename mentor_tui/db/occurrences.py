"""Reading the calendar one occurrence at a time: the agenda, a month's counts, the
Dashboard's next sessions and everything the session view shows.

Occurrences come from the rule (series.instances): cancelled ones are the session's
exdates, moved ones the `moved_to` of their SessionOccurrence row, which also holds
the occurrence's notes and attendance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from peewee import JOIN

from mentor_tui import series
from mentor_tui.db.models import (
    Attendance,
    Incident,
    Person,
    Session,
    SessionOccurrence,
    objects,
    to_utc_text,
)
from mentor_tui.db.people import label, shown_name

UTC = dt.UTC


@dataclass(frozen=True)
class Entry:
    """One occurrence as the agenda, the month and the Dashboard list it."""

    session_id: int
    uuid: str
    title: str
    kind: str
    starts_at: dt.datetime  # UTC, where it happens
    original: dt.datetime  # UTC, where the rule puts it (its identity)
    duration_minutes: int
    presenter: str | None  # as lists show them: "Sofia Almeida (archived)" for someone who left
    timezone: str | None
    all_day: bool = False
    cancelled: bool = False
    moved: bool = False
    presenter_archived: bool = False

    def day(self, tz: dt.tzinfo | None = None) -> dt.date:
        """The day it happens on: in `tz` (local when None), or its own day when all-day."""
        if self.all_day:
            return self.starts_at.astimezone(UTC).date()
        return self.starts_at.astimezone(tz).date()


def moves_by_session(session_ids: Iterable[int] | None = None) -> dict[int, dict[dt.datetime, dt.datetime]]:
    query = (
        SessionOccurrence.select(SessionOccurrence.session, SessionOccurrence.starts_at, SessionOccurrence.moved_to)
        .where(SessionOccurrence.moved_to.is_null(False))
    )
    if session_ids is not None:
        query = query.where(SessionOccurrence.session.in_(list(session_ids)))
    moves: dict[int, dict[dt.datetime, dt.datetime]] = defaultdict(dict)
    rows: Iterable[tuple[int, dt.datetime, dt.datetime]] = query.tuples()  # type: ignore[assignment]
    for session_id, original, moved_to in rows:
        moves[session_id][original] = moved_to
    return moves


_COLUMNS = (
    Session.id, Session.uuid, Session.title, Session.kind, Session.starts_at, Session.duration_minutes,
    Session.timezone, Session.rrule, Session.exdates, Session.all_day, Person.name.alias("presenter_name"),
    Person.archived.alias("presenter_archived"),
)


def _rows(where: Any) -> list[Any]:
    query = (
        Session.select(*_COLUMNS)
        .join(Person, on=(Session.presenter == Person.id), join_type=JOIN.LEFT_OUTER)
        .where(where)
    )
    rows: Iterable[dict[str, Any]] = query.dicts()  # type: ignore[assignment]  # rows, not models: faster
    return [SimpleNamespace(**row) for row in rows]


def _recurring(end: dt.datetime) -> list[Any]:
    """The recurring sessions that start before `end`: those that may have an occurrence before it."""
    return _rows(Session.rrule.is_null(False) & (Session.starts_at < to_utc_text(end)))


def _one_offs(start: dt.datetime, end: dt.datetime, moves: dict[int, dict], recurring: list[Any]) -> list[Any]:
    """The sessions besides `recurring` that may have an occurrence in [start, end): one-offs in
    the window, and those with an occurrence moved into it."""
    where = Session.rrule.is_null() & (Session.starts_at >= to_utc_text(start)) & (Session.starts_at < to_utc_text(end))
    read = {s.id for s in recurring}
    moved_here = [sid for sid, moved in moves.items()
                  if sid not in read and any(start <= t < end for t in moved.values())]
    if moved_here:
        where = where | Session.id.in_(moved_here)
    return _rows(where)


def _entries(session: Any, moved: dict, start: dt.datetime, end: dt.datetime, with_cancelled: bool) -> list[Entry]:
    archived = bool(session.presenter_archived)
    presenter = None if session.presenter_name is None else shown_name(session.presenter_name, archived)
    return [
        Entry(
            session.id, session.uuid, session.title, session.kind, i.starts_at, i.original,
            session.duration_minutes, presenter, session.timezone, session.all_day,
            i.cancelled, i.moved, archived,
        )
        for i in series.instances(
            session.starts_at, session.timezone, session.rrule, session.exdates, moved, start, end, with_cancelled
        )
    ]


def window(start: dt.datetime, end: dt.datetime, with_cancelled: bool = False) -> list[Entry]:
    """Every occurrence in [start, end), soonest first; cancelled ones too (marked) when asked."""
    moves = moves_by_session()
    return _window(start, end, with_cancelled, moves, _recurring(end))


def _window(start: dt.datetime, end: dt.datetime, with_cancelled: bool, moves: dict[int, dict],
            recurring: list[Any]) -> list[Entry]:
    """`window`, given the recurring sessions to expand (those starting before `end` at least:
    one starting later has an occurrence in it only if moved there, and is expanded all the same)."""
    found: list[Entry] = []
    for session in (*recurring, *_one_offs(start, end, moves, recurring)):
        found += _entries(session, moves.get(session.id, {}), start, end, with_cancelled)
    found.sort(key=lambda e: (e.starts_at, e.title, e.session_id))
    return found


# Growing looks ahead (days) for "the first N from now": a busy calendar has them in the first week,
# and each series expands only over the look it is asked for.
LOOKS = (7, 31, 62, 366, 3653)


def _first(now: dt.datetime, days: int, limit: int, with_cancelled: bool,
           looks: tuple[int, ...] = LOOKS) -> list[Entry]:
    """The first `limit` occurrences in [now, now + days): the soonest `limit` of a shorter look
    are those of the whole span (anything outside it comes later). The recurring sessions are
    read once, for the whole span; each look reads only the one-offs in it."""
    moves = moves_by_session()
    recurring = _recurring(now + dt.timedelta(days=days))
    found: list[Entry] = []
    for look in (*(d for d in looks if d < days), days):
        found = _window(now, now + dt.timedelta(days=look), with_cancelled, moves, recurring)
        if len(found) >= limit:
            break
    return found[:limit]


def agenda(now: dt.datetime, past: bool = False, days: int = 60, limit: int = 200) -> list[Entry]:
    """Upcoming occurrences for `days` days (or, `past`, the last `days` days, latest first),
    cancelled ones marked."""
    span = dt.timedelta(days=days)
    if past:
        return list(reversed(window(now - span, now, with_cancelled=True)))[:limit]
    return _first(now, days, limit, with_cancelled=True)


def day_counts(first: dt.date, last: dt.date, tz: dt.tzinfo | None = None) -> dict[dt.date, int]:
    """How many sessions happen on each day from `first` to `last` (in `tz`, local when None),
    cancelled ones left out."""
    local = tz or dt.datetime.now().astimezone().tzinfo
    start = dt.datetime.combine(first, dt.time(), tzinfo=local).astimezone(UTC) - dt.timedelta(days=1)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=local).astimezone(UTC) + dt.timedelta(days=1)
    counts: dict[dt.date, int] = defaultdict(int)
    for entry in window(start, end):
        day = entry.day(local)
        if first <= day <= last:
            counts[day] += 1
    return dict(counts)


def on_day(day: dt.date, tz: dt.tzinfo | None = None) -> list[Entry]:
    """The occurrences of one day (in `tz`, local when None), cancelled ones marked."""
    local = tz or dt.datetime.now().astimezone().tzinfo
    start = dt.datetime.combine(day, dt.time(), tzinfo=local).astimezone(UTC) - dt.timedelta(days=1)
    end = start + dt.timedelta(days=3)
    return [e for e in window(start, end, with_cancelled=True) if e.day(local) == day]


def next_few(now: dt.datetime, count: int = 3) -> list[Entry]:
    """The next `count` occurrences from `now`, cancelled ones left out (a wider look only
    when the next day, then the next three (a weekend), then the next weeks, hold fewer)."""
    return _first(now, LOOKS[-1], count, with_cancelled=False, looks=(1, 3, *LOOKS))


# ---------------------------------------------------------------- one session, one occurrence


@dataclass(frozen=True)
class IncidentLine:
    id: int
    title: str
    occurred_on: dt.date
    severity: str
    person: str  # marked "(archived)" for someone who left, as lists show them
    lessons: str


@dataclass(frozen=True)
class SessionView:
    session_id: int
    uuid: str
    title: str
    kind: str
    first_start: dt.datetime  # UTC
    timezone: str | None
    duration_minutes: int
    rrule: str | None
    rule_words: str
    all_day: bool
    presenter_id: int | None
    presenter: str | None  # marked "(archived)" for someone who left, as lists show them
    link: str | None
    notes: str
    original: dt.datetime  # this occurrence, where the rule puts it (UTC)
    starts_at: dt.datetime  # where it happens (UTC)
    cancelled: bool
    occurrence_notes: str
    attendees: tuple[tuple[int, str], ...]  # (id, name marked "(archived)" for someone who left)
    incidents: tuple[IncidentLine, ...]

    @property
    def moved(self) -> bool:
        return self.starts_at != self.original

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)


def occurrence_row(session_id: int, original: dt.datetime) -> SessionOccurrence | None:
    return SessionOccurrence.get_or_none(
        (SessionOccurrence.session == session_id) & (SessionOccurrence.starts_at == to_utc_text(original))
    )


def linked_incidents(session_id: int) -> tuple[IncidentLine, ...]:
    query = (
        Incident.select(Incident, Person.name.alias("person_name"), Person.archived.alias("person_archived"))
        .join(Person, on=(Incident.person == Person.id))
        .where(Incident.session == session_id)
        .order_by(Incident.occurred_on.desc(), Incident.title)
    )
    return tuple(
        IncidentLine(i.id, i.title, i.occurred_on, i.severity, shown_name(i.person_name, i.person_archived), i.lessons)
        for i in objects(query)
    )


def session_view(session_id: int, original: dt.datetime) -> SessionView | None:
    """One occurrence of a session with what the session view shows; None when the session is gone."""
    session = Session.get_or_none(Session.id == session_id)
    if session is None:
        return None
    row = occurrence_row(session_id, original)
    attendees: tuple[tuple[int, str], ...] = ()
    if row is not None:
        query = (
            Person.select(Person.id, Person.name, Person.archived).join(Attendance)
            .where(Attendance.occurrence == row.id).order_by(Person.name)
        )
        attendees = tuple((p.id, label(p)) for p in query)
    presenter = session.presenter
    return SessionView(
        session.id, session.uuid, session.title, session.kind, session.starts_at, session.timezone,
        session.duration_minutes, session.rrule,
        series.describe(session.rrule, session.starts_at, session.timezone, session.all_day),
        session.all_day, presenter.id if presenter else None, label(presenter) if presenter else None,
        session.link, session.notes, original,
        row.moved_to if row is not None and row.moved_to is not None else original,
        original in session.exdates, row.notes if row is not None else "", attendees,
        linked_incidents(session_id),
    )


def first_occurrence(session_id: int) -> dt.datetime | None:
    """Where the rule puts the session's first occurrence (its first start)."""
    session = Session.get_or_none(Session.id == session_id)
    return None if session is None else session.starts_at
