"""A session's series as the calendar shows it, on top of the recurrence engine.

- `local_start(day, time, zone)`: a typed local time as a UTC moment, refusing a
  time that does not exist (the hour skipped when clocks go forward);
- `instances(...)`: every occurrence in a window with what happened to it
  (cancelled, moved elsewhere by "edit this occurrence only");
- `describe(...)`: the rule in plain words ("every 2 weeks on Friday at 15:00 Europe/Berlin");
- `ended(...)`: the rule with the series ended after a day (UNTIL).

No peewee and no Textual: the store, the importer and the screens share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from mentor_tui import recurrence

UTC = dt.UTC
_DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
              "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second to last"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def local_start(day: dt.date, time: dt.time, zone_name: str | None) -> dt.datetime:
    """`day` at `time` in the zone, as a UTC moment.

    Raises recurrence.RuleError when that local time does not exist there (it falls in
    the hour skipped when clocks go forward): saving it would silently move the session.
    An ambiguous time (the hour repeated when clocks go back) is its first, summer-time
    reading, as calendar apps take it.
    """
    tz = recurrence.zone(zone_name)
    wall = dt.datetime.combine(day, time.replace(second=0, microsecond=0))
    moment = wall.replace(tzinfo=tz)
    back = moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != wall:
        raise recurrence.RuleError(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {zone_name or 'UTC'}: the clocks skip that hour "
            f"(daylight saving starts); pick another time"
        )
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class Instance:
    """One occurrence: `original` is where the rule puts it (its identity), `starts_at`
    where it happens (the same unless moved), both UTC."""

    original: dt.datetime
    starts_at: dt.datetime
    cancelled: bool = False

    @property
    def moved(self) -> bool:
        return self.starts_at != self.original


def is_occurrence(starts_at: dt.datetime, zone_name: str | None, rule: str | None, moment: dt.datetime) -> bool:
    """Whether the series (first start, zone, rule) has an occurrence at `moment`."""
    found = recurrence.occurrences(starts_at, zone_name, rule, (), moment, moment + dt.timedelta(seconds=1))
    return next(found, None) is not None


def instances(
    starts_at: dt.datetime,
    zone_name: str | None,
    rule: str | None,
    exdates: Iterable[dt.datetime],
    moved: Mapping[dt.datetime, dt.datetime],
    after: dt.datetime,
    before: dt.datetime,
    with_cancelled: bool = False,
) -> Iterator[Instance]:
    """The occurrences that happen in [after, before), soonest first (by where they happen).

    `moved` maps an occurrence's original UTC start to where it was moved; a move
    whose original the rule no longer makes is ignored. With `with_cancelled`,
    cancelled occurrences (exdates) come too, marked, at their original start.
    """
    cancelled = frozenset(moment.astimezone(UTC) for moment in exdates)
    found: list[Instance] = []
    for original in recurrence.occurrences(starts_at, zone_name, rule, (), after, before):
        if original in cancelled:
            if with_cancelled:
                found.append(Instance(original, original, True))
        elif original not in moved:
            found.append(Instance(original, original))
    for original, target in moved.items():
        if original in cancelled or not (after <= target < before):
            continue
        if is_occurrence(starts_at, zone_name, rule, original):
            found.append(Instance(original, target))
    found.sort(key=lambda i: (i.starts_at, i.original))
    yield from found


SHARED_TIME = ("an occurrence is moved to {when:%Y-%m-%d %H:%M} UTC, where another occurrence of "
               "the series happens already")


def shared_time(
    starts_at: dt.datetime,
    zone_name: str | None,
    rule: str | None,
    exdates: Iterable[dt.datetime],
    moved: Mapping[dt.datetime, dt.datetime],
) -> dt.datetime | None:
    """A time two occurrences of one series would both start at (one moved onto another,
    or two moved to the same time), if any: the calendar would show that time twice."""
    exdates = tuple(exdates)
    return next((t for t in sorted(set(moved.values()))
                 if starts_twice(starts_at, zone_name, rule, exdates, moved, t)), None)


def starts_twice(
    starts_at: dt.datetime,
    zone_name: str | None,
    rule: str | None,
    exdates: Iterable[dt.datetime],
    moved: Mapping[dt.datetime, dt.datetime],
    at: dt.datetime,
) -> bool:
    """Whether two occurrences of the series (the rule's, or moved there) start at `at`."""
    there = instances(starts_at, zone_name, rule, exdates, moved, at, at + dt.timedelta(seconds=1))
    return len(list(there)) > 1


# ---------------------------------------------------------------- words


def _parts(rule: str) -> dict[str, str]:
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    parts = {}
    for part in body.upper().split(";"):
        name, _, value = part.partition("=")
        parts[name.strip()] = value.strip()
    return parts


def _day_words(item: str) -> str:
    name = _DAY_NAMES.get(item[-2:], item)
    number = item[:-2]
    if number:
        try:
            return f"the {_ORDINALS.get(int(number), number)} {name}"
        except ValueError:
            return item
    return name


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe(
    rule: str | None, starts_at: dt.datetime, zone_name: str | None, all_day: bool = False
) -> str:
    """The rule in plain words, e.g. "every 2 weeks on Friday at 15:00 Europe/Berlin"."""
    tz = recurrence.zone(zone_name)
    local = starts_at.astimezone(tz)
    at = "all day" if all_day else f"at {local:%H:%M} {zone_name or 'UTC'}"
    if not rule or not rule.strip():
        return f"once, on {local:%A %Y-%m-%d} {at}"
    if recurrence.problem(rule, starts_at, zone_name):
        return f"once (the rule {rule!r} cannot be used)"
    parts = _parts(rule)
    freq = parts.get("FREQ", "WEEKLY")
    interval = int(parts.get("INTERVAL", "1") or 1)
    unit = _UNITS.get(freq, "week")
    words = f"every {unit}" if interval == 1 else f"every {interval} {unit}s"
    if freq == "DAILY" and interval == 1:
        words = "every day"
    if "BYDAY" in parts:
        words += " on " + _join([_day_words(d) for d in parts["BYDAY"].split(",")])
    elif freq == "WEEKLY":
        words += f" on {local:%A}"
    if "BYMONTHDAY" in parts:
        words += " on day " + _join(parts["BYMONTHDAY"].split(","))
    elif freq == "MONTHLY" and "BYDAY" not in parts:
        words += f" on day {local.day}"
    if "BYMONTH" in parts:
        months = [_MONTHS[int(m) - 1] for m in parts["BYMONTH"].split(",") if m.isdigit() and 0 < int(m) <= 12]
        if months:
            words += " in " + _join(months)
    elif freq == "YEARLY" and "BYDAY" not in parts:
        words += f" on {local:%d %B}"
    words += f" {at}"
    if "COUNT" in parts:
        words += f", {parts['COUNT']} times"
    if "UNTIL" in parts:
        end = _until_day(parts["UNTIL"], tz)
        if end is not None:
            words += f", until {end.isoformat()}"
    return words


def _until_day(value: str, tz: dt.tzinfo) -> dt.date | None:
    text = value.replace("-", "").replace(":", "")
    try:
        if "T" not in text:
            return dt.datetime.strptime(text, "%Y%m%d").date()
        moment = dt.datetime.strptime(text.rstrip("Z"), "%Y%m%dT%H%M%S")
        if text.endswith("Z"):
            return moment.replace(tzinfo=UTC).astimezone(tz).date()
        return moment.date()
    except ValueError:
        return None


def ended(rule: str, starts_at: dt.datetime, zone_name: str | None, last_day: dt.date) -> str:
    """`rule` ending with `last_day` (in the session's zone): COUNT or UNTIL replaced by UNTIL.

    Raises recurrence.RuleError when no occurrence would be left (end before the first).
    """
    tz = recurrence.zone(zone_name)
    end = dt.datetime.combine(last_day, dt.time(23, 59, 59), tzinfo=tz).astimezone(UTC)
    kept = [p for p in rule.strip().removeprefix("RRULE:").split(";")
            if p.strip() and p.split("=")[0].strip().upper() not in ("COUNT", "UNTIL")]
    new = ";".join([*kept, f"UNTIL={end:%Y%m%dT%H%M%SZ}"])
    if starts_at.astimezone(tz).date() > last_day:
        raise recurrence.RuleError("the series would end before its first session: delete it instead")
    problem = recurrence.problem(new, starts_at, zone_name)
    if problem:
        raise recurrence.RuleError(problem)
    return new
