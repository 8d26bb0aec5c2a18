"""Stamping new rows' `updated_at` all at once when many rows are added (imports).

SQLite triggers (`*_updated_at_insert`, migration step `*_updated_at_*.sql`)
give a row added without an `updated_at` the time it was written. Such a
trigger costs every insert a little, even one that brings its own stamp, as
nearly every imported record does: about a third of an import's inserts.
Inside a write transaction, `bulk_inserts()` sets those triggers aside (at
the first batch of inserts: `set_aside`) and, at its end, stamps the rows
added without one in one statement per table (a row added has an id above
the highest its table had at the start), then puts the triggers back exactly
as they were (their SQL is read from the schema).
All of it in the same transaction: a failed import rolls back its rows and
the trigger swap together. The same pattern as the search index's `search_sync`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from mentor_tui.db.set_aside import outermost_block
from mentor_tui.db.set_aside import sql as _sql

NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"  # as the triggers write it


class _Bulk:
    def __init__(self) -> None:
        self.triggers: list[tuple[str, str, str]] = []
        self.highest: dict[str, int] = {}


_open: list[_Bulk] = []  # the bulk_inserts block the import runs in (one at a time)


def bulk_inserts() -> AbstractContextManager[None]:
    """Inside a write transaction (rolled back on an error): once `set_aside()` is called, the
    rows the block adds without an `updated_at` get the time at its end."""
    return outermost_block(_open, _Bulk, _put_back)


def _put_back(bulk: _Bulk) -> None:
    for table, last in bulk.highest.items():
        _sql(f'UPDATE "{table}" SET "updated_at" = {NOW} WHERE "id" > ? AND "updated_at" IS NULL', (last,))
    for _name, _table, sql_text in bulk.triggers:
        _sql(sql_text)


def set_aside() -> None:
    """Before the first of many inserts: the triggers out of the way (only then, so an import
    that adds nothing leaves the schema as it was, to the order of its entries)."""
    if not _open or _open[-1].highest:
        return
    bulk = _open[-1]
    bulk.triggers = _sql(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE '%\\_updated\\_at\\_insert' ESCAPE '\\'"
    ).fetchall()
    bulk.highest = {table: _sql(f'SELECT coalesce(max("id"), 0) FROM main."{table}"').fetchone()[0] for _n, table, _s in bulk.triggers}
    for name, _table, _sql_text in bulk.triggers:
        _sql(f'DROP TRIGGER "{name}"')
