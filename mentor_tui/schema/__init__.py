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

from mentor_tui.schema.checks import (
    RecordError,
    check,
    due_outside_plan,
    expected,
    fold,
    order_problem,
    value_problem,
)
from mentor_tui.schema.kinds import KINDS, LINK_TABLES, REFERABLE, TOP_KINDS
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

__all__ = [
    "ALIASES", "BOOL", "CHOICE", "DATE", "INT", "KINDS", "LINE", "LINK_TABLES", "MOMENT", "MOMENTS", "REF",
    "REFERABLE", "REFS", "RULE", "SLUG", "SLUG_MAX", "SLUG_PATTERN", "STAMP", "TEXT", "TOP_KINDS", "ZONE",
    "Field", "Kind", "RecordError", "check", "due_outside_plan", "expected", "fold",
    "order_problem", "value_problem",
]
