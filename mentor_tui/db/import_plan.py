"""How an import writes each record kind, worked out once from the registry.

For every kind matched by uuid: its model, the columns an import compares and
writes, and a plan of steps per field (keep the value, resolve a reference,
join moments, skip empty private notes) that `transfer.Writer` follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui import schema
from mentor_tui.db import models
from mentor_tui.db.models import BaseModel

# The kinds an import upserts by uuid, parents before children (the order pending
# inserts are flushed in): a row only refers to rows of the kinds before it.
UPSERTED = tuple(k for k in schema.KINDS.values() if k.identity == "uuid")
MODELS: dict[str, type[BaseModel]] = {k.name: getattr(models, k.model) for k in UPSERTED}
# what a reference names -> the model it is looked up in by uuid (competencies go by key)
REF_MODELS: dict[str, type[BaseModel]] = {
    ref: MODELS[name] for ref, name in schema.REFERABLE.items() if name in MODELS
}


# Fields stored in other tables: attendees (attendance), a person's aliases (person_alias).
_NOT_COLUMNS = (schema.REFS, schema.ALIASES)


def _columns(kind: schema.Kind) -> tuple[str, ...]:
    """The model fields an import compares and writes for `kind` (uuid first)."""
    names = [f.name for f in kind.fields if f.type not in _NOT_COLUMNS]
    if kind.parent_field:
        names.append(kind.parent_field)
    if kind.positioned:
        names.append("position")
    return tuple(names)


FIELDS: dict[type[BaseModel], tuple[str, ...]] = {MODELS[k.name]: _columns(k) for k in UPSERTED}


PLAIN, PERSON, COMPETENCY, MOMENTS, PRIVATE, STAMP = "plain", "person", "competency", "moments", "private", "stamp"
DATE = dt.date


@dataclass(frozen=True)
class KindPlan:
    """How to turn a validated record of one kind into column values, worked out once."""

    name: str
    model: type[BaseModel]
    # Plain fields kept as they are (text, numbers, choices), or dates (ISO text once not None):
    # one dict comprehension for these, the writer's steps for the others.
    copied: tuple[str, ...]
    dated: tuple[str, ...]
    steps: tuple[tuple[str, str], ...]  # (field, op): an op above, or a referable kind
    # For a record the reader already put in stored form (`stored_form`): the fields taken as
    # they are, the stamp's field, and the steps left (references, private notes).
    kept: tuple[str, ...]
    stamp: str | None
    ref_steps: tuple[tuple[str, str], ...]
    converted: tuple[tuple[str, str], ...]  # (field, op, or "date") what the reader converts
    parent_field: str | None
    positioned: bool
    children: tuple[tuple[KindPlan | None, str], ...]  # None: occurrences, written apart


# Field types whose checked values are already in stored form (text, numbers).
_KEPT_TYPES = (schema.LINE, schema.TEXT, schema.CHOICE, schema.INT, schema.ZONE, schema.RULE)


def _op(f: schema.Field) -> str:
    if f.private:
        return PRIVATE
    if f.type == schema.REF:
        return f.ref or ""
    if f.type == schema.STAMP:
        return STAMP
    return MOMENTS if f.type == schema.MOMENTS else PLAIN


def _plan(kind: schema.Kind) -> KindPlan:
    children = tuple(
        (None if schema.KINDS[c].identity == "starts_at" else _plan(schema.KINDS[c]), schema.KINDS[c].key)
        for c in kind.children
    )
    fields = [f for f in kind.fields if f.type not in _NOT_COLUMNS]
    copied = tuple(f.name for f in fields if _op(f) == PLAIN and f.type in _KEPT_TYPES + (schema.DATE,))
    dated = tuple(f.name for f in fields if _op(f) == PLAIN and f.type == schema.DATE)
    steps = tuple((f.name, _op(f)) for f in fields if f.name not in copied)
    converted = tuple((name, "date") for name in dated) + tuple(
        (name, op) for name, op in steps if op in (PLAIN, MOMENTS, STAMP)
    )
    ref_steps = tuple((name, op) for name, op in steps if op not in (PLAIN, MOMENTS, STAMP))
    kept = tuple(f.name for f in fields if f.name not in dict(ref_steps))
    stamp = next((name for name, op in steps if op == STAMP), None)
    return KindPlan(
        kind.name, MODELS[kind.name], copied, dated, steps, kept, stamp, ref_steps, converted,
        kind.parent_field, kind.positioned, children,
    )


PLANS = {k.name: _plan(k) for k in UPSERTED if k.parent is None}
PRIVATE_FIELDS = frozenset(f.name for k in UPSERTED for f in k.fields if f.private)

# The columns besides the identity that a competency and a session occurrence carry
# (both are matched by something else than a uuid, so the writer handles them apart).
COMPETENCY_VALUES = tuple(f.name for f in schema.KINDS["competencies"].fields if f.name != "key")
OCCURRENCE_VALUES = tuple(
    f.name for f in schema.KINDS["occurrences"].fields if f.name != "starts_at" and f.type not in _NOT_COLUMNS
)
