"""Each record kind described once: the registry behind validation, export, import and forms.

A `Kind` names its model, its array key in the exchange file, its parent and
children, and its `Field`s: the file key, the type, whether the file must have
it, its choices or range, what it refers to, whether it is private. Model
fields that never travel are listed as `local_only`. From this one description:

- `exchange.validate` reads and checks a file's records,
- `exchange.toml_export` writes them (field order = the order here),
- `db.transfer` knows which columns an import compares and writes,
- the forms take their choices and ranges, and the store's create and update
  rules call `check()`, so a value is accepted or refused the same way on
  every path (form, command line, import).

Standard library only: no peewee, no Textual.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mentor_tui.vocabulary import (
    GOAL_KINDS,
    GOAL_STATUSES,
    INCIDENT_ROLES,
    OWNERSHIP_KINDS,
    PLAN_KINDS,
    PLAN_STATUSES,
    ROLES,
    SESSION_KINDS,
    SEVERITIES,
)

# Field types. A `line` is one line of text; `text` may span lines (Markdown).
LINE = "line"
TEXT = "text"
SLUG = "slug"
DATE = "date"
MOMENT = "moment"
MOMENTS = "moments"  # an array of moments (cancelled occurrences)
INT = "int"
BOOL = "bool"
CHOICE = "choice"
REF = "ref"  # a uuid (or competency key) of another record
REFS = "refs"  # an array of person uuids (attendees)
ZONE = "zone"  # an IANA time zone name
RULE = "rule"  # an RFC 5545 RRULE value

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SLUG_MAX = 100


@dataclass(frozen=True)
class Field:
    name: str  # the model field
    type: str
    key: str = ""  # the key in the file; "" = name
    required: bool = False  # the file must have it; required fields are always written
    nonblank: bool = False  # not empty or only white space
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    ref: str | None = None  # person | mentorship | session | competency
    self_word: str | None = None  # a word the file may write instead of a reference (rated_by = "self")
    private: bool = False  # written and read only when the file includes private notes
    empty: Any = None  # what an absent optional value is stored as: None, or "" for texts
    doc: str = ""  # what it means, for docs/exchange-format.md

    @property
    def file_key(self) -> str:
        return self.key or self.name

    @functools.cached_property
    def any_string(self) -> bool:
        """Any string is valid (readers skip the full check for those)."""
        return self.type in (LINE, TEXT) and not self.nonblank


@dataclass(frozen=True)
class Kind:
    name: str  # plural, as counted: "goals"
    label: str  # as shown in summaries: "lab items"
    model: str  # the peewee model's class name
    key: str  # the array key in the file (under the parent's table for children)
    fields: tuple[Field, ...]
    parent: str | None = None  # the kind this one nests under
    parent_field: str | None = None  # the model field that points at the parent row
    children: tuple[str, ...] = ()
    identity: str = "uuid"  # uuid | key (competencies) | starts_at (occurrences, within a session)
    positioned: bool = False  # order in the file is the model's `position`
    local_only: tuple[str, ...] = ()  # model fields that never travel
    dates_in_order: tuple[tuple[str, str], ...] = ()  # (earlier, later) field names
    distinct: tuple[tuple[str, str, str], ...] = ()  # (field, field, message): must not be equal
    unique: tuple[str, ...] = ()  # one record per value (compared folded, see fold())
    referable_as: str | None = None  # what a REF field calls this kind
    summary: str = ""  # one line for the docs

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        """Every key a table of this kind may have in a file (children included)."""
        return (*(f.file_key for f in self.fields), *(KINDS[c].key for c in self.children))


def _f(name: str, type_: str, **kw: Any) -> Field:
    return Field(name, type_, **kw)


UUID = _f("uuid", LINE, required=True, nonblank=True, doc="any unique string; the app writes UUID4 text")

KINDS: dict[str, Kind] = {}


def _kind(kind: Kind) -> None:
    KINDS[kind.name] = kind


_kind(Kind(
    "people", "people", "Person", "people",
    (
        UUID,
        _f("name", LINE, required=True, nonblank=True, doc="people are picked by name: one person per name"),
        _f("role", CHOICE, required=True, choices=ROLES),
        _f("email", LINE),
    ),
    local_only=("id", "is_me", "archived"),
    unique=("name",),
    referable_as="person",
    summary="the people of the program",
))
_kind(Kind(
    "competencies", "competencies", "Competency", "competencies",
    (
        _f("key", SLUG, required=True, doc="what goals and ratings refer to, e.g. chaos-engineering"),
        _f("name", LINE, required=True, nonblank=True),
        _f("description", TEXT, required=True, empty=""),
    ),
    identity="key",
    local_only=("id", "builtin"),
    referable_as="competency",
    summary="user-made competencies (the built-in keys need not be listed)",
))
_kind(Kind(
    "mentorships", "mentorships", "Mentorship", "mentorships",
    (
        UUID,
        _f("mentor", REF, required=True, ref="person"),
        _f("mentee", REF, required=True, ref="person"),
        _f("started_on", DATE, required=True),
        _f("ended_on", DATE, doc="optional: ending keeps the history"),
        _f("focus", TEXT, required=True, empty=""),
        _f("cadence_days", INT, required=True, low=1, high=365, doc="how often a check-in is due, in days"),
    ),
    local_only=("id",),
    dates_in_order=(("started_on", "ended_on"),),
    distinct=(("mentor", "mentee", "a person cannot mentor themselves"),),
    referable_as="mentorship",
    summary="who mentors whom, since when, how often check-ins are due",
))
_kind(Kind(
    "plans", "plans", "Plan", "plans",
    (
        UUID,
        _f("owner", REF, required=True, ref="person", doc="the mentee who follows the plan"),
        _f("mentor", REF, ref="person"),
        _f("title", LINE, required=True, nonblank=True),
        _f("kind", CHOICE, required=True, choices=PLAN_KINDS),
        _f("template", LINE, doc="the built-in template it came from"),
        _f("start_on", DATE, required=True),
        _f("target_on", DATE),
        _f("status", CHOICE, required=True, choices=PLAN_STATUSES),
    ),
    children=("goals",),
    local_only=("id",),
    dates_in_order=(("start_on", "target_on"),),
    summary="learning plans, with their goals",
))
_kind(Kind(
    "goals", "goals", "Goal", "goals",
    (
        UUID,
        _f("title", LINE, required=True, nonblank=True),
        _f("competency", REF, ref="competency", doc="a competency key"),
        _f("kind", CHOICE, required=True, choices=GOAL_KINDS),
        _f("phase", LINE, doc="free text, e.g. 30 / 60 / 90"),
        _f("due_on", DATE),
        _f("status", CHOICE, required=True, choices=GOAL_STATUSES),
        _f("done_on", DATE),
        _f("detail", TEXT, empty="", doc="Markdown"),
    ),
    parent="plans",
    parent_field="plan",
    children=("labs",),
    positioned=True,
    local_only=("id", "position"),
    summary="the goals of a plan, in order",
))
_kind(Kind(
    "labs", "labs", "Lab", "labs",
    (
        UUID,
        _f("title", LINE, required=True, nonblank=True),
        _f("detail", TEXT, empty="", doc="Markdown"),
        _f("link", LINE),
        _f("last_practised_on", DATE),
    ),
    parent="goals",
    parent_field="goal",
    children=("items",),
    positioned=True,
    local_only=("id", "position"),
    summary="hands-on labs under a goal",
))
_kind(Kind(
    "items", "lab items", "LabItem", "items",
    (
        UUID,
        _f("text", TEXT, required=True, nonblank=True),
        _f("done", BOOL, required=True),
        _f("done_on", DATE),
        _f("evidence", TEXT, doc="a link or a short note"),
    ),
    parent="labs",
    parent_field="lab",
    positioned=True,
    local_only=("id", "position"),
    summary="the checklist of a lab, in order",
))
_kind(Kind(
    "checkins", "check-ins", "CheckIn", "checkins",
    (
        UUID,
        _f("mentorship", REF, required=True, ref="mentorship"),
        _f("held_on", DATE, required=True),
        _f("progress", TEXT, required=True, empty="", doc="Markdown"),
        _f("blockers", TEXT, required=True, empty="", doc="Markdown"),
        _f("next_steps", TEXT, required=True, empty="", doc="Markdown"),
        _f("confidence", INT, low=1, high=5),
        _f("private_notes", TEXT, private=True, empty="",
           doc="only in a file with includes_private = true"),
    ),
    children=("actions",),
    local_only=("id",),
    summary="check-ins of a mentorship, with action items",
))
_kind(Kind(
    "actions", "action items", "ActionItem", "actions",
    (
        UUID,
        _f("text", TEXT, required=True, nonblank=True),
        _f("owner", REF, ref="person"),
        _f("due_on", DATE),
        _f("done_on", DATE, doc="absent = open"),
    ),
    parent="checkins",
    parent_field="checkin",
    positioned=True,
    local_only=("id", "position"),
    summary="action items of a check-in",
))
_kind(Kind(
    "sessions", "sessions", "Session", "sessions",
    (
        UUID,
        _f("title", LINE, required=True, nonblank=True),
        _f("kind", CHOICE, required=True, choices=SESSION_KINDS),
        _f("starts_at", MOMENT, required=True, doc="the first occurrence"),
        _f("timezone", ZONE, doc="the IANA zone the rule repeats in; absent = UTC"),
        _f("duration_minutes", INT, required=True, low=5, high=600),
        _f("rrule", RULE, doc="an RFC 5545 RRULE value"),
        _f("exdates", MOMENTS, empty=(), doc="cancelled occurrences"),
        _f("presenter", REF, ref="person"),
        _f("link", LINE),
        _f("notes", TEXT, empty="", doc="Markdown"),
    ),
    children=("occurrences",),
    local_only=("id",),
    referable_as="session",
    summary="the knowledge-sharing calendar",
))
_kind(Kind(
    "occurrences", "session occurrences", "SessionOccurrence", "occurrences",
    (
        _f("starts_at", MOMENT, required=True, doc="which occurrence"),
        _f("notes", TEXT, required=True, empty=""),
        _f("attendees", REFS, required=True, ref="person", doc="person uuids"),
    ),
    parent="sessions",
    parent_field="session",
    identity="starts_at",
    local_only=("id",),
    summary="what happened at one occurrence: notes and attendance",
))
_kind(Kind(
    "skills", "skill ratings", "SkillRating", "skills",
    (
        UUID,
        _f("person", REF, required=True, ref="person"),
        _f("competency", REF, required=True, ref="competency"),
        _f("level", INT, required=True, low=0, high=5,
           doc="0 none, 1 aware, 2 learning, 3 practitioner, 4 proficient, 5 expert"),
        _f("rated_on", DATE, required=True),
        _f("rated_by", REF, required=True, ref="person", self_word="self", doc='a person uuid, or "self"'),
        _f("evidence", TEXT, doc="a uuid or a link"),
    ),
    local_only=("id",),
    summary="skill ratings; the history is kept",
))
_kind(Kind(
    "incidents", "incidents", "Incident", "incidents",
    (
        UUID,
        _f("person", REF, required=True, ref="person"),
        _f("occurred_on", DATE, required=True),
        _f("role", CHOICE, required=True, choices=INCIDENT_ROLES),
        _f("severity", CHOICE, required=True, choices=SEVERITIES),
        _f("title", LINE, required=True, nonblank=True),
        _f("lessons", TEXT, empty="", doc="Markdown"),
        _f("session", REF, ref="session", doc="the session where its lessons were presented"),
    ),
    local_only=("id",),
    summary="incidents and on-call shifts someone took part in",
))
_kind(Kind(
    "ownership", "ownership", "Ownership", "ownership",
    (
        UUID,
        _f("person", REF, required=True, ref="person"),
        _f("kind", CHOICE, required=True, choices=OWNERSHIP_KINDS),
        _f("name", LINE, required=True, nonblank=True),
        _f("since", DATE, required=True),
        _f("until", DATE),
        _f("notes", TEXT, empty="", doc="Markdown"),
    ),
    local_only=("id",),
    dates_in_order=(("since", "until"),),
    summary="services, SLOs, runbooks and initiatives someone owns",
))
_kind(Kind(
    "kudos", "kudos", "Kudos", "kudos",
    (
        UUID,
        _f("giver", REF, key="from", ref="person"),
        _f("receiver", REF, key="to", required=True, ref="person"),
        _f("given_on", DATE, required=True),
        _f("text", TEXT, required=True, nonblank=True),
        _f("for_ref", TEXT, key="for", doc="a uuid (goal, session, incident) or free text"),
    ),
    local_only=("id",),
    summary="recognition",
))
_kind(Kind(
    "feedback", "feedback", "Feedback", "feedback",
    (
        UUID,
        _f("given_on", DATE, required=True),
        _f("rating", INT, required=True, low=1, high=5),
        _f("text", TEXT, required=True, empty=""),
        _f("person", REF, ref="person", doc="absent = anonymous"),
    ),
    local_only=("id",),
    summary="program feedback",
))

# Top-level arrays of a file, in the order they are written.
TOP_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS.values() if k.parent is None)
# Attendance rows are stored by the occurrences' `attendees` field.
LINK_TABLES = {"Attendance": ("occurrences", "attendees", ("occurrence", "person"))}
REFERABLE: dict[str, str] = {k.referable_as: k.name for k in KINDS.values() if k.referable_as}


def kind_of_model(model_name: str) -> Kind:
    for kind in KINDS.values():
        if kind.model == model_name:
            return kind
    raise KeyError(model_name)


# ---------------------------------------------------------------- checking values


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
    if f.type == MOMENT:
        return "an offset date-time (e.g. 2026-10-02T15:00:00Z)"
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


def value_problem(f: Field, value: Any) -> str | None:
    """Why `value` (a Python value, None for absent) is not a valid `f`, or None.

    The answer is "required" or "expected …". The one check behind the forms,
    the store and the importer. References are resolved by the importer and
    the store; zones and rules are read by recurrence.py.
    """
    if value is None:
        return "required" if f.required else None
    t = f.type
    if t in (LINE, TEXT, SLUG, ZONE, RULE, REF):
        if not isinstance(value, str):
            return "expected a string" if t in (LINE, TEXT) else f"expected {expected(f)}"
        if f.nonblank and (not value or value.isspace()):
            return "expected a non-empty string"
        if t == SLUG and (len(value) > SLUG_MAX or not SLUG_PATTERN.match(value)):
            return f"expected {expected(f)}"
        return None
    if t == INT:
        if type(value) is not int or not f.low <= value <= f.high:  # type: ignore[operator]
            return f"expected {expected(f)}"
        return None
    if t == CHOICE:
        return None if isinstance(value, str) and value in f.choices else f"expected {expected(f)}"
    if t == DATE:
        ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        return None if ok else f"expected {expected(f)}"
    if t == MOMENT:
        ok = isinstance(value, dt.datetime) and value.tzinfo is not None
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


def form_range(kind_name: str, field_name: str) -> tuple[int, int]:
    """(low, high) of an integer field, for a form's input."""
    f = KINDS[kind_name].field(field_name)
    assert f.low is not None and f.high is not None
    return f.low, f.high


def choices(kind_name: str, field_name: str) -> tuple[str, ...]:
    return KINDS[kind_name].field(field_name).choices
