"""The session calendar as iCalendar (RFC 5545), for the calendar app everyone uses.

One VEVENT per series: UID (the session's uuid), DTSTART with its TZID and the
VTIMEZONE that TZID needs, DTEND, RRULE, EXDATE for cancelled occurrences, and a
VEVENT with RECURRENCE-ID for each occurrence moved on its own. The session's
kind is its CATEGORIES, its link the URL, its notes the DESCRIPTION. What stays
here: occurrence notes, attendance, the presenter, linked incidents and every
private note (nothing private is even read).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from mentor_tui import clock
from mentor_tui.db.calendar_io import SeriesRecord
from mentor_tui.exchange.atomic import write_atomic
from mentor_tui.exchange.errors import ExchangeError

PRODID = "-//mentor-tui//Knowledge-sharing calendar//EN"
CALENDAR_NAME = "Knowledge-sharing sessions"
UTC = dt.UTC


def _zone(record: SeriesRecord) -> dt.tzinfo:
    return UTC if not record.timezone or record.timezone == "UTC" else ZoneInfo(record.timezone)


def _start(record: SeriesRecord, moment: dt.datetime) -> dt.date | dt.datetime:
    """A moment as the event writes it: a date for an all-day session, else local time in its zone."""
    if record.all_day:
        return moment.astimezone(UTC).date()
    return moment.astimezone(_zone(record))


def _end(record: SeriesRecord, moment: dt.datetime) -> dt.date | dt.datetime:
    if record.all_day:
        return moment.astimezone(UTC).date() + dt.timedelta(days=1)
    return (moment + dt.timedelta(minutes=record.duration_minutes)).astimezone(_zone(record))


def _event(record: SeriesRecord, stamp: dt.datetime, start: dt.datetime) -> Event:
    event = Event()
    event.add("uid", record.uuid)
    event.add("dtstamp", stamp)
    event.add("summary", record.title)
    event.add("dtstart", _start(record, start))
    event.add("dtend", _end(record, start))
    event.add("categories", [record.kind])
    if record.link:
        event.add("url", record.link)
    if record.notes:
        event.add("description", record.notes)
    return event


def series_events(record: SeriesRecord, stamp: dt.datetime) -> list[Event]:
    """The VEVENT of a series and one per moved occurrence."""
    master = _event(record, stamp, record.starts_at)
    if record.modified is not None:  # an import of this file keeps a series changed here since
        master.add("last-modified", record.modified.astimezone(dt.UTC).replace(microsecond=0))
    if not record.rrule:
        return [master]
    master.add("rrule", vRecur.from_ical(record.rrule.strip().removeprefix("RRULE:")))
    if record.exdates:
        master.add("exdate", [_start(record, m) for m in record.exdates])
    events = [master]
    cancelled = set(record.exdates)
    for original, moved_to in record.moves:
        if original in cancelled:
            continue  # cancelled wins: the EXDATE says it
        override = _event(record, stamp, moved_to)
        override.add("recurrence-id", _start(record, original))
        events.append(override)
    return events


def build_calendar(records: Iterable[SeriesRecord], stamp: dt.datetime | None = None) -> Calendar:
    records = list(records)
    stamp = (stamp or clock.now()).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)
    for record in records:
        for event in series_events(record, stamp):
            cal.add_component(event)
    if records:
        years = [r.starts_at.year for r in records]
        # VTIMEZONE transitions from the first session's year, twenty years past the last one's.
        first, last = dt.date(max(min(years), 1970), 1, 1), dt.date(min(max(years) + 20, 2100), 1, 1)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal


def calendar_bytes(stamp: dt.datetime | None = None) -> bytes:
    """Every session of the open store as an .ics file's bytes (CRLF lines, as RFC 5545 says)."""
    from mentor_tui.db import calendar_io

    return build_calendar(calendar_io.export_records(), stamp).to_ical()


def write_calendar(path: Path, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` atomically (mode 0600); an existing file only with `force`."""
    from mentor_tui.exchange.output_files import output_problem

    path = Path(path).expanduser()
    problem = output_problem(path, replace=force)  # a link, FIFO, device, folder or database: never
    if problem is not None:
        raise ExchangeError(problem)
    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise ExchangeError(f"cannot write {path}: {exc.strerror or exc}") from None


def count_events(data: bytes) -> int:
    return data.count(b"BEGIN:VEVENT")


__all__ = ["build_calendar", "calendar_bytes", "write_calendar", "series_events"]
