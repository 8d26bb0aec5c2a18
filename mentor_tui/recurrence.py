"""Session recurrence rules (RFC 5545 RRULE values): the one place that reads and expands them.

A rule repeats in the session's IANA zone, so 15:00 Berlin stays 15:00 across
daylight saving. Knowledge-sharing sessions repeat daily at most: sub-daily
frequencies and BYHOUR/BYMINUTE/BYSECOND are refused. Every problem with a rule
is one plain sentence a user can act on; dateutil only ever sees checked values.
Expansion is bounded: a window far after the first start skips whole periods,
and no series is expanded more than a century after its first start.
No peewee and no Textual: the store, the importer and the forms all use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule as du

from mentor_tui import recurrence_days

UTC = dt.UTC
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
HORIZON = dt.timedelta(days=3653)
"""A rule must have an occurrence this soon after its first start; next_occurrence looks this far."""
SPAN = dt.timedelta(days=36525)
"""No occurrence is computed more than a century after the first start."""
# The last moment worked with: a margin below datetime.max so that any zone can show it.
_LAST = dt.datetime.max.replace(tzinfo=UTC) - dt.timedelta(days=2)
PARTS = (
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH",
    "BYYEARDAY", "BYWEEKNO", "BYSETPOS", "WKST",
)
_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
_SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
# A session starts at the time of its first start: no rule parts for hours and below.
_REFUSED_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY_ITEM = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", re.ASCII)
_INT_ITEM = re.compile(r"[+-]?\d{1,3}", re.ASCII)
_UNTIL = re.compile(r"(\d{8})(?:T(\d{6})(Z?))?", re.ASCII)
# Integer list parts: (what they list, largest value, negative values allowed).
_INT_LISTS = {
    "BYMONTH": ("months", 12, False),
    "BYMONTHDAY": ("days of the month", 31, True),
    "BYYEARDAY": ("days of the year", 366, True),
    "BYWEEKNO": ("weeks of the year", 53, True),
    "BYSETPOS": ("positions", 366, True),
}
_NEEDS_YEARLY = ("BYYEARDAY", "BYWEEKNO")
_DATEUTIL_NAMES = {
    "BYMONTH": "bymonth", "BYMONTHDAY": "bymonthday", "BYYEARDAY": "byyearday",
    "BYWEEKNO": "byweekno", "BYSETPOS": "bysetpos",
}


class RuleError(ValueError):
    """A rule or zone the user must fix; the text is one sentence for them."""


def zone(name: str | None) -> dt.tzinfo:
    """The IANA zone `name`, or UTC when it is None; RuleError for an unknown name."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        raise RuleError(f"unknown time zone {name!r} (expected e.g. Europe/Berlin)") from None


@dataclass(frozen=True)
class _Rule:
    """A checked rule, with the parts dateutil fills in from the first start made explicit
    (so the same rule can restart at a later anchor)."""

    freq: int
    interval: int
    wkst: int
    by: tuple[tuple[str, tuple[Any, ...]], ...]  # dateutil keyword arguments
    first: dt.datetime  # the first start in the rule's zone, whole seconds
    count: int | None
    until: dt.datetime | None  # UTC, as written
    end: dt.datetime | None  # UTC, the last possible occurrence (from COUNT or UNTIL)

    def series(self, dtstart: dt.datetime, until: dt.datetime | None, count: int | None = None) -> du.rrule:
        return du.rrule(
            self.freq, dtstart=dtstart, interval=self.interval, wkst=self.wkst,
            count=count, until=until, **dict(self.by),
        )


def _later(moment: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """`moment + delta`, or _LAST when that is past what a datetime holds."""
    try:
        return min(moment + delta, _LAST)
    except OverflowError:
        return _LAST


def _show(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _parts(text: str) -> dict[str, str]:
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    if not body.strip():
        raise RuleError("the rule is empty: write e.g. FREQ=WEEKLY;BYDAY=FR")
    parts: dict[str, str] = {}
    for part in body.upper().split(";"):
        name, sep, value = (piece.strip() for piece in part.partition("="))
        if not part.strip():
            raise RuleError("the rule has an empty part (';;' or a ';' at the end): remove the extra ';'")
        if not sep or not name:
            raise RuleError(f"the part {_show(part)} is not NAME=VALUE: write e.g. BYDAY=FR")
        if name in _REFUSED_PARTS:
            raise RuleError(f"{name} is not supported: a session starts at the time of its first start")
        if name not in PARTS:
            raise RuleError(f"{_show(name)} is not a rule part: use {', '.join(PARTS[:-1])} or WKST")
        if name in parts:
            raise RuleError(f"{name} is given twice: keep one {name} part")
        if not value:
            raise RuleError(f"{name} has no value: write {name}= followed by its value")
        parts[name] = value
    return parts


def _ints(name: str, value: str) -> tuple[int, ...]:
    what, most, negative = _INT_LISTS[name]
    items = value.split(",")
    if all(_INT_ITEM.fullmatch(item) for item in items):
        numbers = tuple(int(item) for item in items)
        if all(0 < n <= most or (negative and -most <= n < 0) for n in numbers):
            return numbers
    counted = f" (or -{most} to -1 counting from the end)" if negative else ""
    raise RuleError(f"{name} must list {what} from 1 to {most}{counted}, not {_show(value)}")


def _whole(name: str, value: str) -> int:
    if not (value.isascii() and value.isdigit()):  # int() refuses some Unicode digits ("²")
        raise RuleError(f"{name} must be a whole number of at least 1, not {_show(value)}")
    if len(value) > 6:
        raise RuleError(f"{name}={value} is too large: use at most 999999")
    return int(value)


def _until(value: str, tz: dt.tzinfo) -> dt.datetime:
    """UNTIL as a UTC moment: a date means the end of that day in the rule's zone."""
    found = _UNTIL.fullmatch(value.replace("-", "").replace(":", ""))
    try:
        if found is None:
            raise ValueError
        day = dt.datetime.strptime(found[1], "%Y%m%d").date()
        if found[2] is None:
            return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=tz).astimezone(UTC)
        time = dt.datetime.strptime(found[2], "%H%M%S").time()
        return dt.datetime.combine(day, time, tzinfo=UTC if found[3] else tz).astimezone(UTC)
    except (ValueError, OverflowError):
        raise RuleError(
            f"UNTIL must be a date like 20261231 or a UTC moment like 20261231T170000Z, not {_show(value)}"
        ) from None


def _byday(value: str, freq: str, parts: dict[str, str]) -> tuple[du.weekday, ...]:
    days = []
    for item in value.split(","):
        found = _BYDAY_ITEM.fullmatch(item)
        if found is None:
            raise RuleError(f"BYDAY must list weekdays like MO,WE or, monthly, 1MO or -1FR, not {_show(value)}")
        number = int(found[1]) if found[1] else None
        if number is not None:
            if freq not in ("MONTHLY", "YEARLY"):
                raise RuleError(f"BYDAY={item} (with a number) needs FREQ=MONTHLY or YEARLY")
            if freq == "YEARLY" and "BYWEEKNO" in parts:
                raise RuleError(f"BYDAY={item} (with a number) cannot be used with BYWEEKNO")
            most = 5 if freq == "MONTHLY" or "BYMONTH" in parts else 53
            if not (0 < abs(number) <= most):
                raise RuleError(f"the number in BYDAY={item} must be from 1 to {most} (or -{most} to -1)")
        days.append(du.weekdays[_DAYS.index(found[2])](number))
    return tuple(days)


def _check(text: str, first: dt.datetime, zone_name: str | None) -> _Rule:
    """The checked rule; RuleError with one sentence when it is not usable."""
    if first.tzinfo is None:
        raise RuleError("the first start needs a time zone")
    tz = zone(zone_name)
    parts = _parts(text)
    freq = parts.get("FREQ")
    if freq is None:
        raise RuleError("the rule has no FREQ: start it with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY")
    if freq in _SUB_DAILY:
        raise RuleError(f"FREQ={freq} is not supported: sessions repeat daily at most (DAILY, WEEKLY, MONTHLY or YEARLY)")
    if freq not in _FREQ:
        raise RuleError(f"FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY, not {_show(freq)}")
    interval = _whole("INTERVAL", parts.get("INTERVAL", "1"))
    if interval < 1:
        raise RuleError("INTERVAL must be a whole number of at least 1, not 0")
    count = None
    if "COUNT" in parts:
        count = _whole("COUNT", parts["COUNT"])
        if count == 0:
            raise RuleError("COUNT=0 gives no occurrence: COUNT must be at least 1")
        if "UNTIL" in parts:
            raise RuleError("COUNT and UNTIL cannot be used together: keep one of them")
    until = _until(parts["UNTIL"], tz) if "UNTIL" in parts else None
    if "WKST" in parts and parts["WKST"] not in _DAYS:
        raise RuleError(f"WKST must be a weekday like MO or SU, not {_show(parts['WKST'])}")
    wkst = _DAYS.index(parts.get("WKST", "MO"))
    for name in _NEEDS_YEARLY:
        if name in parts and freq != "YEARLY":
            raise RuleError(f"{name} needs FREQ=YEARLY")
    if "BYMONTHDAY" in parts and freq == "WEEKLY":
        raise RuleError("BYMONTHDAY cannot be used with FREQ=WEEKLY: use FREQ=MONTHLY")
    if "BYSETPOS" in parts and not any(n.startswith("BY") and n != "BYSETPOS" for n in parts):
        raise RuleError("BYSETPOS needs another BY part to pick from, e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")
    by: dict[str, tuple[Any, ...]] = {
        _DATEUTIL_NAMES[name]: _ints(name, value) for name, value in parts.items() if name in _INT_LISTS
    }
    if "BYDAY" in parts:
        by["byweekday"] = _byday(parts["BYDAY"], freq, parts)
    local = first.astimezone(tz).replace(microsecond=0)
    # dateutil takes missing days from the first start; made explicit so an anchor can move.
    if not by.keys() & {"byweekno", "byyearday", "bymonthday", "byweekday"}:
        if freq == "YEARLY":
            by.setdefault("bymonth", (local.month,))
        if freq in ("YEARLY", "MONTHLY"):
            by["bymonthday"] = (local.day,)
        elif freq == "WEEKLY":
            by["byweekday"] = (local.weekday(),)
    rule = _Rule(_FREQ[freq], interval, wkst, tuple(sorted(by.items())), local, count, until, until)
    if until is not None and until < local:
        shown = local.strftime("%Y-%m-%d %H:%M")
        raise RuleError(f"UNTIL is before the first start ({shown}): the rule has no occurrence")
    horizon = _later(local, HORIZON)
    soonest = horizon if until is None else min(until, horizon)
    if next(iter(rule.series(local, soonest)), None) is None:
        if until is not None and until < horizon:
            raise RuleError("the rule has no occurrence between its first start and UNTIL")
        raise RuleError("the rule has no occurrence in the ten years after its first start")
    if count is not None:
        last = deque(islice(rule.series(local, _later(local, SPAN)), count), maxlen=1)[0]  # there is one
        rule = _Rule(rule.freq, interval, wkst, rule.by, local, count, None, last.astimezone(UTC))
    return rule


@lru_cache(maxsize=4096)
def _outcome(text: str, first: dt.datetime, zone_name: str | None) -> _Rule | str:
    """The checked rule, or why it is not usable (cached: the same session is read often)."""
    try:
        return _check(text, first, zone_name)
    except RuleError as exc:
        return str(exc)
    except (ValueError, OverflowError):  # dateutil or datetime at the edge of the calendar
        return "the first start is too close to the year 1 or 9999 for a repeating session"


def parse(text: str, first: dt.datetime, zone_name: str | None = None) -> du.rrule:
    """The dateutil rule for `text` starting at `first` (aware) in `zone_name`.

    Raises RuleError (a ValueError) with one sentence a user can act on.
    """
    rule = _outcome(text, first, zone_name)
    if isinstance(rule, str):
        raise RuleError(rule)
    return rule.series(rule.first, rule.until, rule.count)


def problem(text: str, first: dt.datetime, zone_name: str | None = None) -> str | None:
    """Why `text` is not a usable rule (one sentence), or None when it is."""
    rule = _outcome(text, first, zone_name)
    return rule if isinstance(rule, str) else None


# ---------------------------------------------------------------- expansion


def _period(freq: int, day: dt.date, wkst: int) -> int:
    """The index of the period (day, week starting on wkst, month, year) holding `day`."""
    if freq == du.DAILY:
        return day.toordinal()
    if freq == du.WEEKLY:
        return (day.toordinal() - 1 - wkst) // 7  # ordinal 1 is a Monday
    if freq == du.MONTHLY:
        return day.year * 12 + day.month - 1
    return day.year


def _period_start(freq: int, index: int, wkst: int) -> dt.date:
    if freq == du.DAILY:
        return dt.date.fromordinal(index)
    if freq == du.WEEKLY:
        return dt.date.fromordinal(index * 7 + 1 + wkst)
    if freq == du.MONTHLY:
        return dt.date(index // 12, index % 12 + 1, 1)
    return dt.date(index, 1, 1)


def _anchor(rule: _Rule, target: dt.datetime) -> dt.datetime:
    """Where to restart the series to find its occurrences from `target`: the first day of
    the period holding `target`, or of an earlier one a whole number of INTERVALs after
    the first start's. dateutil picks every occurrence of a period inside that period."""
    first = _period(rule.freq, rule.first.date(), rule.wkst)
    periods = _period(rule.freq, target.astimezone(rule.first.tzinfo).date(), rule.wkst) - first
    periods -= periods % rule.interval
    if periods <= 0:
        return rule.first
    day = _period_start(rule.freq, first + periods, rule.wkst)
    return dt.datetime.combine(day, rule.first.time(), tzinfo=rule.first.tzinfo)


def _expand(rule: _Rule, after: dt.datetime, before: dt.datetime) -> Iterator[dt.datetime]:
    start = max(after, rule.first)
    last = min(before, _later(rule.first, SPAN)) if rule.end is None else min(before, rule.end)
    if start > last:
        return
    try:
        for local in rule.series(_anchor(rule, start), last):
            moment = local.astimezone(UTC)
            if moment >= before:
                return
            if moment >= start:
                yield moment
    except (ValueError, OverflowError):  # dateutil steps past the year 9999
        return


def occurrences(
    starts_at: dt.datetime,
    zone_name: str | None,
    rule: str | None,
    exdates: Iterable[dt.datetime],
    after: dt.datetime,
    before: dt.datetime,
) -> Iterator[dt.datetime]:
    """UTC starts of a session's occurrences with after <= start < before, soonest first.

    `starts_at` is the aware first start, `rule` repeats it in `zone_name`, and
    `exdates` are the UTC moments of cancelled occurrences. A session without a
    rule, or whose rule is not usable (see `problem`), happens once at `starts_at`.
    """
    if starts_at.tzinfo is None or after.tzinfo is None or before.tzinfo is None:
        raise ValueError("occurrences need timezone-aware moments")
    after, before = after.astimezone(UTC), min(before.astimezone(UTC), _LAST)
    # cheap: a series whose weekdays or time of day are elsewhere (a short window of a busy calendar)
    outside = not after <= starts_at < before
    if rule and outside and not recurrence_days.may_occur(rule, starts_at, zone_name, after, before):
        return
    cancelled = frozenset(moment.astimezone(UTC) for moment in exdates)
    checked = _outcome(rule, starts_at.astimezone(UTC), zone_name or None) if rule and rule.strip() else None
    if not isinstance(checked, _Rule):
        first = starts_at.astimezone(UTC)
        if after <= first < before and first not in cancelled:
            yield first
        return
    for moment in _expand(checked, after, before):
        if moment not in cancelled:
            yield moment


def next_occurrence(
    starts_at: dt.datetime,
    zone_name: str | None,
    rule: str | None,
    exdates: Iterable[dt.datetime],
    after: dt.datetime,
) -> dt.datetime | None:
    """The first occurrence at or after `after` (looking HORIZON past the later of it and the start)."""
    before = _later(max(after, starts_at), HORIZON)
    return next(occurrences(starts_at, zone_name, rule, exdates, after, before), None)
