"""A form's fields as data: `Field`, `record_field` (a field of the record-kind registry)
and `FormResult` (what a saved form gives back). `screens/form.py` builds the form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mentor_tui import schema

_WIDGETS = {schema.CHOICE: "select", schema.INT: "int", schema.DATE: "date", schema.TEXT: "textarea"}


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text | textarea | select | date | int
    required: bool = False
    default: Any = None
    options: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""
    minimum: int | None = None
    maximum: int | None = None
    private: bool = False  # shown with a visible "private" mark
    check: Callable[[Any], str | None] | None = None  # extra check: a message, or None
    empty: Any = None  # the value of a field left empty ("" for texts the store keeps as "")
    verbatim: bool = False  # a text area's text is kept exactly as typed (not trimmed)
    suggestions: Sequence[str] = ()  # a text field completes from these (→ takes the completion)


def record_field(record_kind: str, name: str, label: str, *, key: str = "", **overrides: Any) -> Field:
    """A form field for a field of the record-kind registry: its widget, choices, range,
    whether it must be filled and whether it is private come from `mentor_tui.schema`,
    so a form accepts what an import accepts. `key` names the form field when it differs."""
    f = schema.KINDS[record_kind].field(name)
    values: dict[str, Any] = {
        "kind": _WIDGETS.get(f.type, "text"),
        # a text may be empty unless it must not be blank; dates, choices and numbers the file must have
        "required": f.nonblank or (f.required and f.type not in (schema.LINE, schema.TEXT)),
        "options": [(c, c) for c in f.choices],
        "minimum": f.low,
        "maximum": f.high,
        "private": f.private,
        "empty": f.empty,
    }
    values.update(overrides)
    return Field(key or name, label, **values)


@dataclass
class FormResult:
    values: dict[str, Any]
    saved: Any = None
