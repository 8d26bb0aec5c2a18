"""Time zones of an iCalendar file as IANA names, and its times as UTC moments.

A TZID may be an IANA name (Google, Thunderbird), a Windows name (Outlook:
"W. Europe Standard Time") or a name only the file's VTIMEZONE explains; a time
may be UTC ("Z"), floating (no zone: the calendar's X-WR-TIMEZONE, else the
user's) or a date (all-day). A session repeats in an IANA zone, so every time is
read as its wall-clock time in the IANA zone its TZID stands for.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import zoneinfo
from typing import Any

from icalendar.timezone import tzids_from_tzinfo
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from mentor_tui import recurrence, timezones

UTC = dt.UTC
_UTC_NAMES = {"UTC", "Z", "GMT", "Etc/UTC", "Etc/GMT", "UTC+00:00", "Coordinated Universal Time"}


class Skip(Exception):
    """An event mentor-tui cannot hold; the text says why (one sentence)."""


def _iana(tzid: str, tzinfo: dt.tzinfo | None, year: int | None = None) -> str | None:
    name = tzid.strip().strip('"')
    if name in _UTC_NAMES:
        return None
    if timezones.is_valid(name) and "/" in name:
        return name
    mapped = WINDOWS_TO_OLSON.get(name)
    if mapped and timezones.is_valid(mapped):
        return mapped
    key = getattr(tzinfo, "key", None)
    if isinstance(key, str) and timezones.is_valid(key):
        return key
    if tzinfo is not None:
        candidates: tuple[str, ...] = ()
        with contextlib.suppress(Exception):  # a VTIMEZONE icalendar cannot compare: treated as unknown
            candidates = tuple(tzids_from_tzinfo(tzinfo))
        for candidate in candidates:
            if "/" in candidate and timezones.is_valid(candidate):
                return candidate
    if timezones.is_valid(name):
        return name
    if tzinfo is not None and year is not None:
        found = _same_offsets(tzinfo, year)
        if found is not None:
            return found
    raise Skip(f"its time zone {name!r} is not one mentor-tui knows")


def _same_offsets(tzinfo: dt.tzinfo, year: int) -> str | None:
    """An IANA zone with the offsets a VTIMEZONE of another name gives (Outlook's "Customized
    Time Zone"): compared at noon on the 1st and 15th of every month of `year`."""
    samples = [dt.datetime(year, month, day, 12) for month in range(1, 13) for day in (1, 15)]
    try:
        wanted = [tzinfo.utcoffset(moment) for moment in samples]
    except Exception:  # a VTIMEZONE its library cannot evaluate
        return None
    candidates = [*dict.fromkeys(WINDOWS_TO_OLSON.values()), *sorted(zoneinfo.available_timezones())]
    for name in candidates:
        if "/" not in name or not timezones.is_valid(name):
            continue
        zone = recurrence.zone(name)
        if all(zone.utcoffset(moment) == offset for moment, offset in zip(samples, wanted, strict=True)):
            return name
    return None


def zone_of(prop: Any, fallback: str | None) -> str | None:
    """The IANA zone of a DTSTART / EXDATE / RECURRENCE-ID property (None: UTC)."""
    value = getattr(prop, "dt", None)
    if value is None and getattr(prop, "dts", None):
        value = prop.dts[0].dt
    if not isinstance(value, dt.datetime):
        return None
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    if tzid:
        return _iana(str(tzid), value.tzinfo, value.year)
    if value.tzinfo is None:
        return fallback or None  # floating time
    if value.utcoffset() == dt.timedelta(0):
        return None
    key = getattr(value.tzinfo, "key", None)
    if isinstance(key, str) and timezones.is_valid(key):
        return key
    raise Skip("one of its times has an offset but no time zone name")


def as_utc(value: dt.date | dt.datetime, zone: str | None, reference: dt.datetime | None = None) -> dt.datetime:
    """A time of the file as a UTC moment, read as wall-clock time in `zone` (None: UTC).

    A date stands for midnight UTC (all-day), or, given the series' first start
    `reference`, for that day at the series' local time (an EXDATE written as a date).
    """
    tz = recurrence.zone(zone)
    if not isinstance(value, dt.datetime):
        if reference is None or zone is None:
            return dt.datetime.combine(value, dt.time(), tzinfo=UTC)
        local = reference.astimezone(tz)
        return dt.datetime.combine(value, local.time(), tzinfo=tz).astimezone(UTC)
    if value.tzinfo is not None and zone is None:
        return value.astimezone(UTC).replace(microsecond=0)
    wall = value.replace(tzinfo=None, microsecond=0)
    return wall.replace(tzinfo=tz).astimezone(UTC)
