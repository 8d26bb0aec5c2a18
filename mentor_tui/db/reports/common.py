"""What every report shares: references to people and competencies, and small query helpers.

Reports return small frozen dataclasses, never model objects, so the exchange
renderers and the Team screen cannot trigger lazy queries by accident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from peewee import Model, ModelAlias

from mentor_tui.db.models import Competency, Person
from mentor_tui.vocabulary import BUILTIN_COMPETENCIES, LEVELS

_BUILTIN_ORDER = {
    key: index for index, (key, _name, _description) in enumerate(BUILTIN_COMPETENCIES)
}


def level_name(level: int | None) -> str:
    """`4` → `"proficient"`; unknown or missing levels give an empty string."""
    return "" if level is None else LEVELS.get(level, "")


def percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


@dataclass(frozen=True)
class PersonRef:
    uuid: str
    name: str
    role: str
    is_me: bool = False
    archived: bool = False
    email: str | None = None
    team: str = ""


@dataclass(frozen=True)
class CompetencyRef:
    key: str
    name: str
    builtin: bool


def pk(model: type[Model] | ModelAlias[Any]) -> Any:
    """The implicit `id` column of a model (models.py declares no AutoField, so the
    peewee stubs do not know `Model.id`)."""
    return model._meta.primary_key if isinstance(model, type) else model.id


def each_row(query: Any) -> Iterator[Any]:
    """Iterate a `.tuples()` / `.dicts()` / annotated query (the stubs type every row as a model)."""
    return iter(query)


def person_ref(person: Person) -> PersonRef:
    return PersonRef(
        uuid=person.uuid,
        name=person.name,
        role=person.role,
        is_me=bool(person.is_me),
        archived=bool(person.archived),
        email=person.email,
        team=person.team or "",
    )


def competencies() -> list[CompetencyRef]:
    """All competencies: the built-in ones in their documented order, then the others by key."""
    refs = [
        CompetencyRef(key=c.key, name=c.name, builtin=bool(c.builtin))
        for c in Competency.select(Competency.key, Competency.name, Competency.builtin)
    ]
    return sorted(refs, key=lambda c: (competency_order(c.key), c.key))


def competency_order(key: str) -> int:
    """Where a competency sorts: built-in ones in their documented order, then the others."""
    return _BUILTIN_ORDER.get(key, len(_BUILTIN_ORDER))


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
