"""The years a date or moment may fall in, on every path (forms, import, command line).

Dates outside them cannot be stored and read back safely (a year before 1000 loses
its leading zero in `strftime`, a year near 9999 overflows the first sum), and no
mentorship needs them. Standard library only: the registry and `dates` share it.
"""

from __future__ import annotations

import datetime as dt

FIRST_YEAR = 1900
LAST_YEAR = 2999
RANGE_WORDS = f"between {FIRST_YEAR} and {LAST_YEAR}"


def in_range(value: dt.date) -> bool:
    """Whether a date (or a moment, in UTC) falls in FIRST_YEAR..LAST_YEAR."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        try:
            value = value.astimezone(dt.UTC)
        except OverflowError:
            return False
    return FIRST_YEAR <= value.year <= LAST_YEAR


def year_problem(value: dt.date) -> str | None:
    """"the year … is not between 1900 and 2999", or None when `value` is in range."""
    if in_range(value):
        return None
    return f"the year {value.year} is not {RANGE_WORDS}"
