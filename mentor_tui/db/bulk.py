"""Fast bulk inserts for generated data (the demo and benchmark databases).

`insert_rows` writes many rows of one model with a single prepared statement
(`executemany`), so there is no SQLite variable limit to chunk around and no
per-row peewee overhead. Values must already be in their stored form: ISO
dates (`2026-11-26`), UTC moments (`models.to_utc_text`), 0/1 booleans, ints,
text or None. Call it inside `database.atomic()` so all rows land in one
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from mentor_tui.db.models import BaseModel


def insert_rows(model: type[BaseModel], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` (tuples in the order of `fields`, model field names) into `model`'s table."""
    meta = model._meta  # type: ignore[attr-defined]
    columns = ", ".join(f'"{meta.fields[name].column_name}"' for name in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    cursor = meta.database.cursor()
    cursor.executemany(sql, rows)
    return int(cursor.rowcount)


def query(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of a plain read (the generator reads back ids it continues from)."""
    from mentor_tui.db.models import Person

    return list(Person._meta.database.execute_sql(sql, tuple(params)).fetchall())  # type: ignore[attr-defined]


@contextmanager
def transaction() -> Iterator[None]:
    """One write transaction for a batch of inserts; the search index takes the rows at its end."""
    from mentor_tui.db import search_sync
    from mentor_tui.db.models import Person

    with Person._meta.database.atomic(), search_sync.bulk_writes():  # type: ignore[attr-defined]
        yield


def table_of(model: type[BaseModel]) -> str:
    return str(model._meta.table_name)  # type: ignore[attr-defined]


def has_uuid(model: type[BaseModel]) -> bool:
    return "uuid" in model._meta.fields  # type: ignore[attr-defined]


def stored_defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Every field of `model` (in table order) with the value a plain INSERT must give when
    a row leaves it out: peewee's defaults live in Python, not in the schema."""
    return {
        f.name: None if callable(f.default) else f.db_value(f.default)
        for f in model._meta.sorted_fields  # type: ignore[attr-defined]
    }
