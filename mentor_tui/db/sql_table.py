"""Plain parameterized SQL for one model, for writers of many rows (the importer)."""

from __future__ import annotations

from typing import Any

from mentor_tui.db.models import BaseModel, stored_value


class SqlTable:
    """Plain parameterized SQL for one model: the import writes many rows, and
    building each statement through peewee's query builder costs ~10x more."""

    def __init__(self, model: type[BaseModel]) -> None:
        meta: Any = model._meta
        self.name: str = meta.table_name
        self.columns: dict[str, str] = {name: f.column_name for name, f in meta.fields.items()}
        self._insert_sql: dict[tuple[str, ...], str] = {}
        # Inserts wait here (rows with their id given, per column list) until `Writer.flush`:
        # one executemany per table instead of one statement per row.
        self.pending: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        self.last_id: int | None = None  # the highest id in the table, once an insert needs it
        # peewee's defaults live in Python, not in the schema: a plain INSERT must give them
        self.defaults: dict[str, Any] = {
            name: stored_value(f.default)
            for name, f in meta.fields.items()
            if name not in ("id", "uuid") and f.default is not None and not callable(f.default)
        }

    def select_sql(self, fields: tuple[str, ...], key: str, count: int) -> str:
        cols = ", ".join(f'"{self.columns[f]}"' for f in fields)
        marks = ", ".join("?" * count)
        return f'SELECT "id", {cols} FROM "{self.name}" WHERE "{self.columns[key]}" IN ({marks})'

    def insert_sql(self, fields: tuple[str, ...]) -> str:
        sql = self._insert_sql.get(fields)
        if sql is None:
            cols = ", ".join(f'"{self.columns[f]}"' for f in fields)
            sql = f'INSERT INTO "{self.name}" ({cols}) VALUES ({", ".join("?" * len(fields))})'
            self._insert_sql[fields] = sql
        return sql

    def insert_with_id_sql(self, fields: tuple[str, ...]) -> str:
        """INSERT giving the id too (fields without "id")."""
        return self.insert_sql(("id", *fields))

    def update_sql(self, fields: tuple[str, ...]) -> str:
        sets = ", ".join(f'"{self.columns[f]}" = ?' for f in fields)
        return f'UPDATE "{self.name}" SET {sets} WHERE "id" = ?'
