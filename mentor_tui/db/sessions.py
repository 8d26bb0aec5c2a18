"""The knowledge-sharing calendar: sessions and their computed occurrences.

Occurrences are not stored one row each: they come from the session's RRULE,
repeated in its IANA time zone (so 17:00 Berlin stays 17:00 across daylight
saving), minus its EXDATEs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from mentor_tui import recurrence, schema
from mentor_tui.db.models import Person, Session, objects, to_utc_text

UTC = dt.UTC


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


def starts_between(session: Session, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """UTC start moments of `session` in [start, end), without cancelled ones."""
    return list(
        recurrence.occurrences(session.starts_at, session.timezone, session.rrule, session.exdates, start, end)
    )


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
    found.sort(key=lambda o: (o.starts_at, o.title, o.session_id))
    return found[:limit]


def next_occurrence(now: dt.datetime) -> Occurrence | None:
    """The soonest occurrence from `now`: one rule step per recurring session, not a year of them."""
    found: list[tuple[dt.datetime, str, int, Session]] = []  # ties go by title, then id, as in upcoming()
    one_off = (
        Session.select()
        .where(Session.rrule.is_null() & (Session.starts_at >= to_utc_text(now)))
        .order_by(Session.starts_at, Session.title)
    )
    for session in one_off:
        if session.starts_at not in session.exdates:  # the soonest one-off that is not cancelled
            found.append((session.starts_at, session.title, session.id, session))
            break
    for session in Session.select().where(Session.rrule.is_null(False)):
        moment = recurrence.next_occurrence(
            session.starts_at, session.timezone, session.rrule, session.exdates, now
        )
        if moment is not None:
            found.append((moment, session.title, session.id, session))
    if not found:
        return None
    moment, _title, _id, session = min(found, key=lambda candidate: candidate[:3])
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
    all_day: bool = False,
) -> Session:
    title = title.strip()
    schema.check(
        "sessions",
        {"title": title, "kind": kind, "starts_at": starts_at, "duration_minutes": duration_minutes,
         "timezone": timezone or None, "link": link or None, "notes": notes or "", "all_day": all_day},
    )  # ValueError for an unknown zone
    if rrule:
        problem = recurrence.problem(rrule, starts_at, timezone)
        if problem:
            raise schema.RecordError("rrule", f"not a usable RRULE: {problem}")
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
        all_day=all_day,
    )
