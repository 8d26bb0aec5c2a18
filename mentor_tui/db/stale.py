"""Was a record changed by someone else since a form was filled from it?

A form that edits a record notes the record's `updated_at` when it opens
(`stamp`); before saving it asks `check`, which raises ChangedElsewhere when the
record has moved on since (another mentor-tui on the same file, an import, the
command line). The user then sees their values in the form and the other change
in the message, and chooses: save theirs over it, or leave.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentor_tui import schema
from mentor_tui.db import models


class ChangedElsewhere(Exception):
    """The record changed since the form opened; `theirs` says how it is now (one line)."""

    def __init__(self, theirs: str, when: dt.datetime | None) -> None:
        super().__init__(theirs)
        self.theirs = theirs
        self.when = when


class RecordGone(ValueError):
    """The record was deleted since the form opened."""


def _model(name: str) -> Any:
    return getattr(models, name)


def stamp(model_name: str, record_id: int) -> dt.datetime | None:
    """The record's `updated_at` now (None: it has none, or it is gone)."""
    model = _model(model_name)
    row = model.get_or_none(model.id == record_id)
    return None if row is None else row.updated_at


def check(model_name: str, record_id: int, loaded: dt.datetime | None) -> None:
    """Raise ChangedElsewhere if the record's `updated_at` is no longer `loaded`."""
    model = _model(model_name)
    row = model.get_or_none(model.id == record_id)
    if row is None:
        raise RecordGone("it was deleted meanwhile (by another program, or an import)")
    if row.updated_at == loaded:
        return
    raise ChangedElsewhere(describe(model_name, row), row.updated_at)


def describe(model_name: str, row: Any) -> str:
    """The record's plain values as one line: "title: Kubernetes track · status: active"."""
    kind = next((k for k in schema.KINDS.values() if k.model == model_name), None)
    parts = []
    for f in kind.fields if kind is not None else ():
        if f.type in (schema.LINE, schema.TEXT, schema.CHOICE, schema.DATE, schema.INT, schema.BOOL) and not f.private:
            value = getattr(row, f.name, None)
            if value not in (None, ""):
                text = " ".join(str(value).split())
                parts.append(f"{f.name.replace('_', ' ')}: {text[:40]}{'…' if len(text) > 40 else ''}")
    return " · ".join(parts[:6])
