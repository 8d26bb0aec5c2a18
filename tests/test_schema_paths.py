"""Property: for any value, the importer and the store's rules agree on accepting it.

The importer reads a file (`validate_document`); the forms and the command line
go through the store's create functions, which check with `schema.check`. For
random values of the fields people type, both must accept or both must refuse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mentor_tui import schema
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.validate import validate_document

PEOPLE = [
    {"uuid": "p-a", "name": "Ana Ruiz", "role": "mentee"},
    {"uuid": "p-b", "name": "Bo Chen", "role": "mentor"},
]
RECORDS: dict[str, dict[str, Any]] = {
    "mentorships": {"uuid": "m-1", "mentor": "p-b", "mentee": "p-a", "started_on": dt.date(2026, 9, 1),
                    "focus": "", "cadence_days": 14},
    "plans": {"uuid": "pl-1", "owner": "p-a", "title": "Track", "kind": "skill", "start_on": dt.date(2026, 9, 1),
              "status": "active"},
    "feedback": {"uuid": "f-1", "given_on": dt.date(2026, 9, 1), "rating": 3, "text": ""},
    "sessions": {"uuid": "s-1", "title": "Review", "kind": "other",
                 "starts_at": dt.datetime(2026, 9, 1, 13, tzinfo=dt.UTC), "duration_minutes": 45},
    "skills": {"uuid": "r-1", "person": "p-a", "competency": "kubernetes", "level": 3,
               "rated_on": dt.date(2026, 9, 1), "rated_by": "self"},
    "incidents": {"uuid": "i-1", "person": "p-a", "occurred_on": dt.date(2026, 9, 1), "role": "shadow",
                  "severity": "SEV3", "title": "DNS"},
}


def _import_accepts(kind: str, field: str, value: Any) -> bool:
    record = dict(RECORDS[kind], **{schema.KINDS[kind].field(field).file_key: value})
    doc = {"format": "mentor-tui", "version": 1, "people": PEOPLE, kind: [record]}
    try:
        validate_document(doc, "property.toml")
    except ExchangeError:
        return False
    return True


def _store_accepts(kind: str, field: str, value: Any) -> bool:
    try:
        schema.check(kind, {field: value})
    except schema.RecordError:
        return False
    return True


INTEGERS = [("mentorships", "cadence_days"), ("feedback", "rating"), ("sessions", "duration_minutes"),
            ("skills", "level")]
CHOICES = [("plans", "kind"), ("plans", "status"), ("incidents", "role"), ("incidents", "severity"),
           ("sessions", "kind")]
TITLES = [("plans", "title"), ("sessions", "title"), ("incidents", "title")]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(INTEGERS), st.integers(min_value=-2_000, max_value=20_000))
def test_integers_are_accepted_alike(where, value):
    kind, field = where
    assert _import_accepts(kind, field, value) == _store_accepts(kind, field, value)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CHOICES), st.one_of(st.text(max_size=20), st.sampled_from(
    [c for kind in schema.KINDS.values() for f in kind.fields for c in f.choices])))
def test_choices_are_accepted_alike(where, value):
    kind, field = where
    assert _import_accepts(kind, field, value) == _store_accepts(kind, field, value)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TITLES), st.text(alphabet=st.sampled_from(" \t\nabcZë李-"), max_size=8))
def test_titles_are_accepted_alike(where, value):
    kind, field = where
    assert _import_accepts(kind, field, value) == _store_accepts(kind, field, value)


def _plain_fields() -> list[tuple[str, str]]:
    """Fields whose value alone decides (no reference to resolve, no rule needing its start)."""
    skip = (schema.REF, schema.REFS, schema.RULE, schema.MOMENTS)
    return [
        (kind, f.name)
        for kind in RECORDS
        for f in schema.KINDS[kind].fields
        if f.type not in skip and f.name != "uuid"
    ]


ANY_VALUE = st.one_of(
    st.integers(min_value=-10, max_value=700),
    st.text(alphabet=st.sampled_from(" \tabcé李-/_:"), max_size=12),
    st.sampled_from(["Europe/Berlin", "UTC", "skill", "active", "SEV2", "shadow", "incident-review"]),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_plain_fields()), ANY_VALUE)
def test_any_value_of_any_plain_field_is_accepted_alike(where, value):
    """The reader's fast paths for common values never accept what the registry's check refuses."""
    kind, field = where
    record = dict(RECORDS[kind], **{field: value})
    try:
        schema.check(kind, record)
        store = True
    except schema.RecordError:
        store = False
    assert _import_accepts(kind, field, value) == store
