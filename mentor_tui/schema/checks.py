"""Checking values against the registry: the one rule behind forms, store and import."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from collections.abc import Mapping
from typing import Any

from mentor_tui.date_range import RANGE_WORDS, in_range
from mentor_tui.schema.kinds import KINDS
from mentor_tui.schema.types import (
    ALIASES,
    BOOL,
    CHOICE,
    DATE,
    INT,
    LINE,
    MOMENT,
    MOMENTS,
    REF,
    REFS,
    RULE,
    SLUG,
    SLUG_MAX,
    SLUG_PATTERN,
    STAMP,
    TEXT,
    ZONE,
    Field,
    Kind,
)
from mentor_tui.text_safety import control_problem


def fold(text: str) -> str:
    """The key two names are compared by: NFC, case folded for every script, trimmed."""
    return unicodedata.normalize("NFC", text).casefold().strip()


def expected(f: Field) -> str:
    """What a value of `f` must be, as the end of "expected …"."""
    if f.type == CHOICE:
        return "one of " + ", ".join(f'"{c}"' for c in f.choices)
    if f.type == INT:
        return f"an integer from {f.low} to {f.high}"
    if f.type == DATE:
        return "a date (YYYY-MM-DD)"
    if f.type in (MOMENT, STAMP):
        return "an offset date-time (e.g. 2026-10-02T15:00:00Z)"
    if f.type == ALIASES:
        return "an array of uuids"
    if f.type == MOMENTS:
        return "an array of offset date-times"
    if f.type == BOOL:
        return "true or false"
    if f.type == SLUG:
        return "a slug of lower-case letters, digits and dashes (e.g. chaos-engineering)"
    if f.type == REF:
        what = "a competency key" if f.ref == "competency" else f"a {f.ref} uuid"
        return f'{what} or "{f.self_word}"' if f.self_word else what
    if f.type == REFS:
        return f"an array of {f.ref} uuids"
    if f.type == ZONE:
        return "an IANA time zone (e.g. Europe/Berlin)"
    if f.type == RULE:
        return "an RFC 5545 RRULE value (e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=FR)"
    return "a non-empty string" if f.nonblank else "a string"


def _is_zone(name: str) -> bool:
    """An IANA zone the system knows (UTC included); never an empty name or a path."""
    if not name or name != name.strip():
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError for odd paths, ...
        return False
    return True


def value_problem(f: Field, value: Any) -> str | None:
    """Why `value` (a Python value, None for absent) is not a valid `f`, or None.

    The answer is "required" or "expected …". The one check behind the forms,
    the store and the importer. References are resolved by the importer and
    the store; a rule needs its session's start, so recurrence.py reads it.
    """
    if value is None:
        return "required" if f.required else None
    t = f.type
    if t in (LINE, TEXT, SLUG, ZONE, RULE, REF):
        if not isinstance(value, str):
            return "expected a string" if t in (LINE, TEXT) else f"expected {expected(f)}"
        if f.nonblank and (not value or value.isspace()):
            return "expected a non-empty string"
        if t != TEXT:
            problem = control_problem(value)  # longer texts are stripped of them instead
            if problem is not None:
                return problem
        if f.longest is not None and len(value) > f.longest:
            return f"expected at most {f.longest} characters, got {len(value)}"
        if f.pattern is not None and value and re.fullmatch(f.pattern, value) is None:
            return f"expected {f.pattern_words}"
        if t == SLUG and (len(value) > SLUG_MAX or not SLUG_PATTERN.match(value)):
            return f"expected {expected(f)}"
        if t == ZONE and not _is_zone(value):
            return f"expected {expected(f)}"
        return None
    if t == MOMENTS:
        ok = isinstance(value, list | tuple) and all(
            isinstance(m, dt.datetime) and m.tzinfo is not None for m in value
        )
        if ok and not all(in_range(m) for m in value):
            return f"expected {expected(f)} {RANGE_WORDS}"
        return None if ok else f"expected {expected(f)}"
    if t == INT:
        if type(value) is not int or not f.low <= value <= f.high:  # type: ignore[operator]
            return f"expected {expected(f)}"
        return None
    if t == CHOICE:
        return None if isinstance(value, str) and value in f.choices else f"expected {expected(f)}"
    if t == DATE:
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        if ok and not in_range(value):
            return f"expected {expected(f)} {RANGE_WORDS}"
        return None if ok else f"expected {expected(f)}"
    if t == ALIASES:
        ok = isinstance(value, list | tuple) and all(isinstance(u, str) and u.strip() for u in value)
        return None if ok and len(set(value)) == len(value) else f"expected {expected(f)}"
    if t in (MOMENT, STAMP):
        ok = isinstance(value, dt.datetime) and value.tzinfo is not None
        if ok and not in_range(value):
            return f"expected {expected(f)} {RANGE_WORDS}"
        return None if ok else f"expected {expected(f)}"
    if t == BOOL:
        return None if isinstance(value, bool) else f"expected {expected(f)}"
    return None


def order_problem(kind: Kind, values: Mapping[str, Any]) -> tuple[str, str] | None:
    """(field, message) when two fields of one record contradict each other."""
    for first, last in kind.dates_in_order:
        a, b = values.get(first), values.get(last)
        if a is not None and b is not None and b < a:
            return last, f"expected a date on or after {first} ({a}), got {b}"
    for one, other, message in kind.distinct:
        a, b = values.get(one), values.get(other)
        if a is not None and a == b:
            return other, message
    return None


class RecordError(ValueError):
    """A value the registry refuses; `field` names it (the model field name)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# Plainer words than "expected …" where a form shows the message.
_MESSAGES = {("mentorships", "cadence_days"): "check-ins are due every 1 to 365 days"}
_DATE_WORDS = {
    "start_on": "the start date", "target_on": "the target date", "started_on": "the start date",
    "ended_on": "the end date", "since": "the start date", "until": "the end date",
}


def _a(label: str) -> str:
    return f"an {label}" if label[:1] in "aeiou" else f"a {label}"


def check(kind_name: str, values: Mapping[str, Any]) -> None:
    """Raise RecordError for the first value of `values` the registry refuses.

    For the store's create and update rules: only the fields given are checked
    (an update passes the changed ones), plus the cross-field rules whose both
    fields are given. The message says what is wrong in words for the user.
    """
    kind = KINDS[kind_name]
    for f in kind.fields:
        if f.name not in values:
            continue
        value = values[f.name]
        if f.type in (REF, REFS) and value is not None:
            continue  # the store refers by id; whether the row exists is the store's check
        problem = value_problem(f, value)
        if problem is not None:
            label = f.name.replace("_", " ")
            if (kind_name, f.name) in _MESSAGES:
                problem = _MESSAGES[(kind_name, f.name)]
            elif problem in ("required", "expected a non-empty string"):
                problem = f"{_a(label)} is required"
            else:
                problem = f"{label}: {problem}"
            raise RecordError(f.name, problem)
    clash = order_problem(kind, values)
    if clash is not None:
        field_name, message = clash
        for first, last in kind.dates_in_order:
            if last == field_name:
                message = f"{_DATE_WORDS.get(last, last)} is before {_DATE_WORDS.get(first, first)}"
        raise RecordError(field_name, message)


def due_outside_plan(due_on: Any, start_on: Any, target_on: Any) -> str | None:
    """Why a goal's due date does not fit its plan's dates, or None (the store and the reader)."""
    if not isinstance(due_on, dt.date):
        return None
    if isinstance(start_on, dt.date) and due_on < start_on:
        return f"due {due_on} is before the plan starts ({start_on})"
    if isinstance(target_on, dt.date) and due_on > target_on:
        return f"due {due_on} is after the plan's target date ({target_on})"
    return None
