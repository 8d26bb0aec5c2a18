"""Session recurrence rules (RFC 5545 RRULE values), checked and parsed in one place.

A rule repeats in the session's IANA zone, so 17:00 Berlin stays 17:00 across
daylight saving. Knowledge-sharing sessions repeat daily at most: sub-daily
frequencies are refused, so are daily or weekly rules filtered by month or day of
month, and so is a rule with no occurrence in the ten years after its first start
(dateutil would search for one until the year 9999).
No peewee and no Textual: the store, the importer and the forms all use it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
HORIZON = dt.timedelta(days=3653)
# A session starts at the time of its first start: no rule parts for hours and below.
_REFUSED_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
# With a daily or weekly rule, filters by month or by day of month can be impossible
# (February 30) and dateutil then searches day by day until the year 9999.
_MONTH_PARTS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


def zone(name: str | None) -> dt.tzinfo:
    """The IANA zone `name`, or UTC when it is None; ValueError for an unknown name."""
    if not name:
        return dt.UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r} (expected e.g. Europe/Berlin)") from None


def parse(text: str, first: dt.datetime, zone_name: str | None = None) -> Any:
    """The dateutil rule for `text` starting at `first` (aware) in `zone_name`.

    Raises ValueError with a message a user can act on.
    """
    body = text[6:] if text.upper().startswith("RRULE:") else text
    parts = dict(part.partition("=")[::2] for part in body.upper().split(";") if part)
    if parts.get("FREQ") not in FREQUENCIES:
        raise ValueError("FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY")
    for name in _REFUSED_PARTS:
        if name in parts:
            raise ValueError(f"{name} is not supported: a session starts at the time of its first start")
    if parts["FREQ"] in ("DAILY", "WEEKLY"):
        for name in _MONTH_PARTS:
            if name in parts:
                raise ValueError(f"{name} needs FREQ=MONTHLY or YEARLY")
    interval = parts.get("INTERVAL", "1")
    if not interval.isdigit() or int(interval) < 1:
        raise ValueError("INTERVAL must be a whole number of at least 1")
    try:
        rule = rrulestr(body, dtstart=first.astimezone(zone(zone_name)))
    except (ValueError, TypeError, OverflowError) as exc:
        raise ValueError(str(exc) or "not a valid RRULE") from None
    # dateutil looks for a next occurrence until the year 9999: bound the check
    # with an UNTIL of our own, or an impossible rule (February 30) takes seconds.
    first_local = first.astimezone(zone(zone_name))
    bounded = rule.replace(count=None, until=first_local + HORIZON)
    if next(iter(bounded), None) is None:
        raise ValueError("the rule has no occurrence in the ten years after its start")
    return rule


def problem(text: str, first: dt.datetime, zone_name: str | None = None) -> str | None:
    """Why `text` is not a usable rule, or None when it is."""
    try:
        parse(text, first, zone_name)
    except ValueError as exc:
        return str(exc)
    return None
