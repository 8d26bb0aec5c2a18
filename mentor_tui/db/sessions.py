"""The knowledge-sharing calendar: sessions and their computed occurrences.

Occurrences are not stored one row each: they come from the session's RRULE,
repeated in its IANA time zone (so 17:00 Berlin stays 17:00 across daylight
saving), minus its EXDATEs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from peewee import JOIN

from mentor_tui import recurrence
from mentor_tui.db.models import SESSION_KINDS, Person, Session, from_utc_text, objects, to_utc_text

UTC = dt.UTC
# Cap on occurrences computed for one session in one query (a runaway daily rule).
_MAX_PER_SESSION = 500


@dataclass(frozen=True)
class Occurrence:
    session_id: int
    uuid: str
    title: str
    kind: str
    starts_at: dt.datetime  # UTC
    duration_minutes: int
    presenter: str | None
    timezone: str | None


def zone_of(session: Session) -> dt.tzinfo:
    try:
        return recurrence.zone(session.timezone)
    except ValueError:
        return UTC


def exdates_of(session: Session) -> set[dt.datetime]:
    return {from_utc_text(line) for line in (session.exdates or "").split() if line}


@lru_cache(maxsize=4096)
def _rule(text: str, first: dt.datetime, zone_name: str | None) -> Any:
    """The parsed rule, repeating in the session's zone; None when it is not usable."""
    try:
        return recurrence.parse(text, first, zone_name)
    except ValueError:
        return None


def starts_from(session: Session, start: dt.datetime) -> Iterator[dt.datetime]:
    """UTC start moments of `session` from `start` on, soonest first, cancelled ones included.

    A session whose rule is missing or unusable happens once, at its start.
    At most _MAX_PER_SESSION moments: a caller stops long before.
    """
    first: dt.datetime = session.starts_at
    rule = _rule(session.rrule, first, session.timezone) if session.rrule else None
    if rule is None:
        if first >= start:
            yield first
        return
    try:
        for local in rule.xafter(start.astimezone(zone_of(session)), count=_MAX_PER_SESSION, inc=True):
            yield local.astimezone(UTC)
    except (ValueError, OverflowError):  # dateutil gives up (e.g. past the year 9999)
        return


def starts_between(session: Session, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """UTC start moments of `session` in [start, end), without cancelled ones."""
    cancelled = exdates_of(session)
    moments = []
    for moment in starts_from(session, start):
        if moment >= end:
            break
        if moment not in cancelled:
            moments.append(moment)
    return moments


def upcoming(now: dt.datetime, days: int = 60, limit: int = 200) -> list[Occurrence]:
    """Occurrences from `now` for `days` days, soonest first."""
    end = now + dt.timedelta(days=days)
    query = (
        Session.select(Session, Person.name.alias("presenter_name"))
        .join(Person, on=(Session.presenter == Person.id), join_type=JOIN.LEFT_OUTER)
        .where((Session.rrule.is_null(False)) | (Session.starts_at >= to_utc_text(now)))
        .where(Session.starts_at < to_utc_text(end))
    )
    found: list[Occurrence] = []
    for session in objects(query):
        presenter = session.presenter_name
        for moment in starts_between(session, now, end):
            found.append(
                Occurrence(
                    session.id,
                    session.uuid,
                    session.title,
                    session.kind,
                    moment,
                    session.duration_minutes,
                    presenter,
                    session.timezone,
                )
            )
    found.sort(key=lambda o: (o.starts_at, o.title))
    return found[:limit]


def next_occurrence(now: dt.datetime) -> Occurrence | None:
    """The soonest occurrence from `now`: one rule step per recurring session, not a year of them."""
    soonest: tuple[dt.datetime, Session] | None = None
    one_off = (
        Session.select()
        .where(Session.rrule.is_null() & (Session.starts_at >= to_utc_text(now)))
        .order_by(Session.starts_at, Session.title)
    )
    def earlier(moment: dt.datetime, session: Session) -> bool:  # ties go by title, as in upcoming()
        return soonest is None or (moment, session.title) < (soonest[0], soonest[1].title)

    for session in one_off:
        if session.starts_at in exdates_of(session):
            continue
        if not earlier(session.starts_at, session):
            break
        soonest = (session.starts_at, session)
    for session in Session.select().where(Session.rrule.is_null(False)):
        cancelled = exdates_of(session)
        for moment in starts_from(session, now):
            if not earlier(moment, session):
                break
            if moment not in cancelled:
                soonest = (moment, session)
                break
    if soonest is None:
        return None
    moment, session = soonest
    presenter = session.presenter.name if session.presenter is not None else None
    return Occurrence(
        session.id, session.uuid, session.title, session.kind, moment, session.duration_minutes, presenter,
        session.timezone,
    )


def count() -> int:
    return Session.select().count()


def create_session(
    title: str,
    kind: str,
    starts_at: dt.datetime,
    duration_minutes: int = 60,
    rrule: str | None = None,
    timezone: str | None = None,
    presenter: Person | None = None,
    link: str | None = None,
    notes: str = "",
) -> Session:
    title = title.strip()
    if not title:
        raise ValueError("a title is required")
    if kind not in SESSION_KINDS:
        raise ValueError(f"kind must be one of {', '.join(SESSION_KINDS)}")
    if starts_at.tzinfo is None:
        raise ValueError("the start needs a time zone")
    recurrence.zone(timezone)  # ValueError for an unknown zone
    if rrule:
        problem = recurrence.problem(rrule, starts_at, timezone)
        if problem:
            raise ValueError(f"not a valid RRULE: {problem}")
    if duration_minutes <= 0:
        raise ValueError("the duration must be a positive number of minutes")
    return Session.create(
        title=title,
        kind=kind,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        rrule=rrule or None,
        timezone=timezone or None,
        presenter=presenter,
        link=link or None,
        notes=notes or "",
    )
