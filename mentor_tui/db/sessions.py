"""The knowledge-sharing calendar: sessions and their computed occurrences.

Occurrences are not stored one row each: they come from the session's RRULE,
repeated in its IANA time zone (so 17:00 Berlin stays 17:00 across daylight
saving), minus its EXDATEs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr
from peewee import JOIN

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
    if not session.timezone:
        return UTC
    try:
        return ZoneInfo(session.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def exdates_of(session: Session) -> set[dt.datetime]:
    return {from_utc_text(line) for line in (session.exdates or "").split() if line}


@lru_cache(maxsize=4096)
def _rule(text: str, first: dt.datetime, zone_name: str | None) -> Any:
    """The parsed rule, repeating in the session's zone; None when it does not parse."""
    zone = ZoneInfo(zone_name) if zone_name else UTC
    try:
        return rrulestr(text, dtstart=first.astimezone(zone))
    except (ValueError, TypeError, ZoneInfoNotFoundError):
        return None


def rule_of(session: Session) -> Any:
    zone = zone_of(session)
    return _rule(session.rrule, session.starts_at, zone.key if isinstance(zone, ZoneInfo) else None)


def starts_between(session: Session, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """UTC start moments of `session` in [start, end), without cancelled ones."""
    first: dt.datetime = session.starts_at
    rule = rule_of(session) if session.rrule else None
    if rule is None:
        moments = [first] if start <= first < end else []
    else:
        zone = zone_of(session)
        moments = []
        for local in rule.xafter(start.astimezone(zone), count=_MAX_PER_SESSION, inc=True):
            moment = local.astimezone(UTC)
            if moment >= end:
                break
            moments.append(moment)
    cancelled = exdates_of(session)
    return [m for m in moments if m not in cancelled]


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
        rule = rule_of(session)
        if rule is None:
            continue
        cancelled = exdates_of(session)
        zone = zone_of(session)
        for local in rule.xafter(now.astimezone(zone), count=_MAX_PER_SESSION, inc=True):
            moment = local.astimezone(UTC)
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
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {timezone!r}; expected e.g. Europe/Berlin") from None
    if rrule:
        try:
            rrulestr(rrule, dtstart=starts_at)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"not a valid RRULE: {exc}") from None
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
