"""Kudos: recognition from one person to another, for a goal, a lab, an incident, a session or
free text (`for_ref`, see growth_refs). There is no ranking of people by kudos anywhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentor_tui import schema
from mentor_tui.db.growth_refs import person_or_error, stored_ref
from mentor_tui.db.models import Kudos


def _values(receiver_id, giver_id, given_on, text, for_ref) -> dict:
    values = {"given_on": given_on, "text": (text or "").strip(), "for_ref": stored_ref(for_ref)}
    schema.check("kudos", {**values, "giver": giver_id, "receiver": receiver_id})  # (not to oneself)
    values["giver"] = person_or_error(giver_id) if giver_id is not None else None
    return values


def create_kudos(
    receiver_id: int, giver_id: int | None, given_on: dt.date, text: str, for_ref: str | None = None
) -> Kudos:
    values = _values(receiver_id, giver_id, given_on, text, for_ref)
    return Kudos.create(receiver=person_or_error(receiver_id), **values)


def update_kudos(
    kudos_id: int, giver_id: int | None, given_on: dt.date, text: str, for_ref: str | None = None
) -> Kudos:
    existing: Any = get_kudos(kudos_id)
    receiver_id = existing.to_id  # (peewee names the receiver's id after its column)
    values = _values(receiver_id, giver_id, given_on, text, for_ref)
    Kudos.update(**values).where(Kudos.id == kudos_id).execute()
    return get_kudos(kudos_id)


def get_kudos(kudos_id: int) -> Kudos:
    kudos = Kudos.get_or_none(Kudos.id == kudos_id)
    if kudos is None:
        raise ValueError("those kudos are not here anymore")
    return kudos


def delete_kudos(kudos_id: int) -> None:
    Kudos.delete().where(Kudos.id == kudos_id).execute()
