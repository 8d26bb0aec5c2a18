"""Ownership: services, SLOs, SLIs, runbooks and initiatives a person owns, since/until."""

from __future__ import annotations

import datetime as dt

from mentor_tui import schema
from mentor_tui.db.growth_refs import person_or_error
from mentor_tui.db.models import Ownership


def _values(kind, name, since, until, notes) -> dict:
    values = {"kind": kind, "name": (name or "").strip(), "since": since, "until": until,
              "notes": (notes or "").strip()}
    schema.check("ownership", values)
    return values


def create_ownership(
    person_id: int, kind: str, name: str, since: dt.date, until: dt.date | None = None, notes: str = ""
) -> Ownership:
    values = _values(kind, name, since, until, notes)
    return Ownership.create(person=person_or_error(person_id), **values)


def update_ownership(
    ownership_id: int, kind: str, name: str, since: dt.date, until: dt.date | None = None, notes: str = ""
) -> Ownership:
    get_ownership(ownership_id)
    values = _values(kind, name, since, until, notes)
    Ownership.update(**values).where(Ownership.id == ownership_id).execute()
    return get_ownership(ownership_id)


def get_ownership(ownership_id: int) -> Ownership:
    ownership = Ownership.get_or_none(Ownership.id == ownership_id)
    if ownership is None:
        raise ValueError("that ownership is not here anymore")
    return ownership


def delete_ownership(ownership_id: int) -> None:
    Ownership.delete().where(Ownership.id == ownership_id).execute()
