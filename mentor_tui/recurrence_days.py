"""Whether a rule can have an occurrence in a short window, told without expanding it.

The Dashboard's next sessions and a day of the calendar look at a day or a week of
a calendar that may hold hundreds of series, and expanding one (checking the rule,
building its dateutil rrule) costs about 0.1 ms. A weekly series has occurrences on
its weekdays only, at the time of day of its first start (in its zone), so most
series cannot have one in a window of a day. This is a necessary condition only: a
rule that passes may still have no occurrence there (INTERVAL, COUNT, UNTIL,
cancelled ones), and `recurrence.occurrences` decides. Whatever this module does not
read for sure (monthly and yearly rules without BYDAY, an unknown zone, a rule with
a problem) answers "maybe", so the engine decides those too.

No peewee and no Textual.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

UTC = dt.UTC
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Parts that pick days by their date, not their weekday: without BYDAY, any weekday is possible.
_BY_DATE = frozenset({"BYMONTHDAY", "BYYEARDAY", "BYWEEKNO"})
# An occurrence is the first start's local time on a day of the rule (dateutil builds it so);
# the margin keeps the answer right when that local time is ambiguous or skipped (clocks
# changing by at most a few hours; a skipped day moves it by one day, covered by the days looked at).
MARGIN = dt.timedelta(hours=3)
MOST_DAYS = 8  # a longer window: "maybe" (a weekly series has an occurrence in any 7 days)

Shape = tuple[frozenset[int], dt.time, dt.tzinfo]


@lru_cache(maxsize=4096)
def _shape(rule: str, first: dt.datetime, zone_name: str | None) -> Shape | None:
    """(weekdays, local time of day, zone) of every occurrence of `rule`, or None when not sure."""
    try:
        tz: dt.tzinfo = ZoneInfo(zone_name) if zone_name else UTC
        local = first.astimezone(tz)
    except (ValueError, OSError, KeyError, OverflowError):  # an unknown zone: the engine says why
        return None
    body = rule.strip().upper().removeprefix("RRULE:")
    parts = {}
    for part in body.split(";"):
        name, _, value = part.partition("=")
        parts[name.strip()] = value.strip()
    freq = parts.get("FREQ")
    if parts.get("BYDAY"):
        items = parts["BYDAY"].split(",")
        if not all(item.strip()[-2:] in _DAYS for item in items):
            return None
        days = frozenset(_DAYS.index(item.strip()[-2:]) for item in items)
    elif freq == "WEEKLY" and not parts.keys() & _BY_DATE:
        days = frozenset({local.weekday()})
    elif freq == "DAILY" and not parts.keys() & (_BY_DATE | {"BYMONTH"}):
        days = frozenset(range(7))
    else:
        return None
    return days, local.replace(microsecond=0, tzinfo=None, fold=0).time(), tz


def may_occur(rule: str, first: dt.datetime, zone_name: str | None,
              after: dt.datetime, before: dt.datetime) -> bool:
    """False only when `rule` (repeating `first` in `zone_name`) has no occurrence in [after, before)."""
    shape = _shape(rule, first, zone_name)
    if shape is None:
        return True
    days, time, tz = shape
    one = dt.timedelta(days=1)
    try:
        low, high = after - MARGIN, before + MARGIN
        day, last = low.astimezone(tz).date() - one, high.astimezone(tz).date() + one
        if (last - day).days > MOST_DAYS:
            return True
        while day <= last:
            if day.weekday() in days:
                moment = dt.datetime.combine(day, time, tzinfo=tz).astimezone(UTC)
                if low <= moment < high:
                    return True
            day += one
    except OverflowError:  # at the edge of the calendar: the engine decides
        return True
    return False
