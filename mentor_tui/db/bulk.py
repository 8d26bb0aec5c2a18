"""Fast bulk inserts for generated data (the demo and benchmark databases).

`insert_rows` writes many rows of one model with a single prepared statement
(`executemany`), so there is no SQLite variable limit to chunk around and no
per-row peewee overhead. Values must already be in their stored form: ISO
dates (`2026-11-26`), UTC moments (`models.to_utc_text`), 0/1 booleans, ints,
text or None. Call it inside `database.atomic()` so all rows land in one
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
