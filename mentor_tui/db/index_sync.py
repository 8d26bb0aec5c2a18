"""Setting a table's indexes aside while an import fills it from empty (imports).

Every row inserted into a table also goes into each of its indexes, and a uuid
index takes its rows in random order: a large import spends most of its
SQLite time there (a thousand person files: ~2.3 million rows, 4-5 index
entries each). Building an index once over a full table sorts it instead,
several times faster. So inside a write transaction `bulk_indexes()` lets the
importer drop the indexes of a table that was empty when the import began, at
its first insert into it (`set_aside`), and creates them again at the end of
the block, exactly as they were (their SQL is read from the schema).

Meanwhile nothing may look that table up by an index: the importer finds the
rows it added by id (`upsert_cache.UpsertCache`). A unique index made again
checks its rows as the inserts would have. All of it in the same transaction:
a failed import rolls back its rows and the index swap together. The same
pattern as `stamp_sync` and `search_sync`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from mentor_tui.db.set_aside import outermost_block
from mentor_tui.db.set_aside import sql as _sql


class _Bulk:
    def __init__(self) -> None:
        self.indexes: list[tuple[str, str]] = []  # (name, sql) in the order they were dropped
        self.tables: set[str] = set()


_open: list[_Bulk] = []  # the bulk_indexes block the import runs in (one at a time)


def bulk_indexes() -> AbstractContextManager[None]:
    """Inside a write transaction (rolled back on an error): the indexes `set_aside()` drops
    are created again at the block's end."""
    return outermost_block(_open, _Bulk, _put_back)


def _put_back(bulk: _Bulk) -> None:
    for _name, sql_text in bulk.indexes:
        _sql(sql_text)


def set_aside(table: str) -> None:
    """Before the first insert into `table`, a table that was empty: its indexes dropped until
    the end of the block (outside `bulk_indexes`, nothing is done). Only indexes declared
    with CREATE INDEX: SQLite's own (a UNIQUE column) cannot be dropped."""
    if not _open or table in _open[-1].tables:
        return
    bulk = _open[-1]
    bulk.tables.add(table)
    found = _sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for name, sql_text in found:
        _sql(f'DROP INDEX "{name}"')
        bulk.indexes.append((name, sql_text))
