"""The periods of the program's health: calendar months or quarters, cut to a since..until range.

No database here: `periods(since, until, "month")` lists the months that touch the
range, the first and last cut to it (`partial`), oldest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GRAINS = ("month", "quarter")


@dataclass(frozen=True)
class Period:
    label: str  # "2026-11" or "2026 Q4"
    start: dt.date  # the first day counted
    end: dt.date  # the last day counted
    full_start: dt.date  # the calendar period's own first day
    full_end: dt.date  # ... and last day

    @property
    def partial(self) -> bool:
        """Cut by the range asked for (the current month, a --since in the middle of one)."""
        return self.start != self.full_start or self.end != self.full_end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _months_of(grain: str) -> int:
    if grain not in GRAINS:
        raise ValueError(f"a period is a month or a quarter, not {grain!r}")
    return 1 if grain == "month" else 3


def period_start(day: dt.date, grain: str) -> dt.date:
    """The first day of the month or quarter `day` falls in."""
    step = _months_of(grain)
    return dt.date(day.year, (day.month - 1) // step * step + 1, 1)


def shift(start: dt.date, grain: str, count: int) -> dt.date:
    """The first day of the period `count` periods after (or, negative, before) the one starting at `start`."""
    index = start.year * 12 + start.month - 1 + count * _months_of(grain)
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def label_of(start: dt.date, grain: str) -> str:
    if grain == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d} Q{(start.month - 1) // 3 + 1}"


def periods(since: dt.date, until: dt.date, grain: str) -> list[Period]:
    """The months or quarters from `since` to `until` (both counted), oldest first."""
    if since > until:
        raise ValueError(f"{since.isoformat()} is after {until.isoformat()}")
    found = []
    start = period_start(since, grain)
    while start <= until:
        following = shift(start, grain, 1)
        full_end = following - dt.timedelta(days=1)
        found.append(Period(label_of(start, grain), max(start, since), min(full_end, until), start, full_end))
        start = following
    return found


def last_periods(until: dt.date, grain: str, count: int) -> dt.date:
    """The first day of the `count` most recent periods up to `until` (the current one included)."""
    return shift(period_start(until, grain), grain, -(count - 1))
