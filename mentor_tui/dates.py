"""Showing and reading dates: stored as ISO, shown in the user's locale order.

The locale's date order (day-month-year, month-day-year or year-month-day) is
read once from LC_TIME; in the C/POSIX locale, and whenever the order cannot be
told, dates are shown as ISO `YYYY-MM-DD`. Typed dates are always read as ISO,
which is unambiguous whatever the locale.
"""

from __future__ import annotations

import calendar
import datetime as dt
import locale
import re

from mentor_tui.date_range import year_problem

_ISO = "%Y-%m-%d"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # (the app speaks English whatever LC_TIME says)
_format: str | None = None


def _locale_format() -> str:
    try:
        # The name as set (getlocale() reports C.UTF-8 as en_US, which it is not).
        name = locale.setlocale(locale.LC_TIME, "")
        if not name or name.split(".")[0] in ("C", "POSIX"):
            return _ISO
        sample = dt.date(2033, 11, 22).strftime("%x")
    except (locale.Error, ValueError):
        return _ISO
    positions = {"%Y": sample.find("33"), "%m": sample.find("11"), "%d": sample.find("22")}
    if -1 in positions.values():
        return _ISO
    order = sorted(positions, key=positions.__getitem__)
    sep = "/" if "/" in sample else "." if "." in sample else "-"
    return sep.join(order)


def date_format() -> str:
    global _format
    if _format is None:
        _format = _locale_format()
    return _format


def use_format(fmt: str | None) -> None:
    """Force a display format (tests use ISO); None goes back to the locale's."""
    global _format
    _format = fmt


def show(value: dt.date | None) -> str:
    return "" if value is None else value.strftime(date_format())


def show_moment(value: dt.datetime | None, tz: dt.tzinfo | None = None) -> str:
    """A moment in local time (or `tz`), e.g. `2026-11-27 17:00`."""
    if value is None:
        return ""
    local = value.astimezone(tz) if tz is not None else value.astimezone()
    return f"{show(local.date())} {local:%H:%M}"


def parse(text: str) -> dt.date:
    """An ISO date typed by the user; ValueError with a message a user can act on."""
    text = text.strip()
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(no_such_day(text) or f"expected a date like 2026-11-26 (YYYY-MM-DD), got {text!r}") from None
    problem = year_problem(value)
    if problem is not None:
        raise ValueError(f"{problem}: check the year of {text!r}")
    return value


def no_such_day(text: str) -> str | None:
    """What is wrong with a date written as YYYY-MM-DD that is not a day (2026-02-30), or None."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        return None
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}: {text!r} is not a date (YYYY-MM-DD)"
    last = calendar.monthrange(year, month)[1]
    return f"{text!r} is not a day: {_MONTHS[month - 1]} {year} has {last} days"
