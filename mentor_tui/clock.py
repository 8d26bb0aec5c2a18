"""The one place that asks what day and time it is, so tests can freeze it."""

from __future__ import annotations

import datetime as dt

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current moment, timezone-aware, in UTC."""
    return _frozen if _frozen is not None else dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today's date in the user's local time zone."""
    if _frozen is not None:
        return _frozen.date()
    return dt.date.today()


def freeze(moment: dt.datetime | None) -> None:
    """Pin now() and today() to `moment` (None thaws). For tests and demos."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    _frozen = moment
