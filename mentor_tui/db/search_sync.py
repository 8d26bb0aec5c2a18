"""Keeping the search index in step when many rows are written at once (imports, the demo).

SQLite triggers keep `search_index` in step with every single write (see the
migration step `*_search_index.sql`). Per row, though, an FTS5 write inside a
trigger costs about ten times what the same write costs in one set-based
statement: each row's statement opens a savepoint, and FTS5 writes its
pending index data out at every savepoint. An import of a hundred files
writes a hundred thousand searchable rows, so writers of many rows wrap their
transaction in `bulk_writes()`:

- inside the transaction, the `search_*` triggers are set aside, and
  connection-local temporary triggers only note which rows were updated or
  deleted (a plain table insert per row); a row added has an id above the
  highest its table had at the start (SQLite's rule for a new rowid, and the
  importer's), so added rows need no note at all;
- at the end, those rows are indexed with one statement per kind, and the
  triggers are put back exactly as they were (their SQL is read from the
  schema). All inside the same transaction: a failed import rolls back its
  rows, its index changes and the trigger swap together.

SOURCES says what each kind indexes; it must say what the triggers do
(tests/test_search_store.py builds the index both ways and compares them).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mentor_tui.db.models import Person

CODES = 16  # rowid in the index = record id * CODES + code


@dataclass(frozen=True)
class Source:
    code: int
    table: str
    title: str  # SQL over the row's columns
    body: str
    has_text: str | None  # SQL: whether the row has anything to index (None: always)
    watched: tuple[str, ...]  # the columns an update must change to touch the index


SOURCES = (
    Source(1, "check_in", "''", '"progress" || char(10) || "blockers" || char(10) || "next_steps"',
           '"progress" <> \'\' OR "blockers" <> \'\' OR "next_steps" <> \'\'', ("progress", "blockers", "next_steps")),
    Source(2, "check_in", "''", '"private_notes"', '"private_notes" <> \'\'', ("private_notes",)),
    Source(3, "goal", '"title"', '"detail"', None, ("title", "detail")),
    Source(4, "lab", '"title"', '"detail"', None, ("title", "detail")),
    Source(5, "lab_item", "''", '"evidence"', '"evidence" <> \'\'', ("evidence",)),
    Source(6, "session", '"title"', '"notes"', None, ("title", "notes")),
    Source(7, "session_occurrence", "''", '"notes"', '"notes" <> \'\'', ("notes",)),
    Source(8, "incident", '"title"', '"lessons"', None, ("title", "lessons")),
    Source(9, "kudos", "''", '"text"', '"text" <> \'\'', ("text",)),
)

_DIRTY = "temp.search_dirty"  # unqualified inside the triggers (SQLite wants it so)


def _sql(statement: str, params: tuple[Any, ...] = ()) -> Any:
    return Person._meta.database.execute_sql(statement, params)  # type: ignore[attr-defined]


@contextmanager
def bulk_writes() -> Iterator[None]:
    """Inside a write transaction (rolled back on an error): index what the block writes
    all at once at its end."""
    triggers = _sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'"
    ).fetchall()
    if not triggers:  # already inside bulk_writes (or a store without the index)
        yield
        return
    for name, _sql_text in triggers:
        _sql(f'DROP TRIGGER "{name}"')
    _sql(f"CREATE TEMP TABLE IF NOT EXISTS {_DIRTY[5:]} (key INTEGER PRIMARY KEY, fresh INTEGER NOT NULL)")
    _sql(f"DELETE FROM {_DIRTY}")
    highest = {
        table: _sql(f'SELECT coalesce(max("id"), 0) FROM main."{table}"').fetchone()[0]
        for table in {source.table for source in SOURCES}
    }
    noted = _note_changes()
    try:
        yield
        _index_noted(highest)
    finally:  # on an error the caller's rollback puts the search triggers back
        for name in noted:
            _sql(f'DROP TRIGGER IF EXISTS temp."{name}"')
    for _name, sql_text in triggers:
        _sql(sql_text)


def _note_changes() -> list[str]:
    """Temporary triggers that note the key of each row updated or deleted."""
    names = []
    for source in SOURCES:
        key = f"* {CODES} + {source.code}"
        watched = ", ".join(f'"{c}"' for c in source.watched)
        for event, row, fresh in ((f"UPDATE OF {watched}", "OLD", 0), ("DELETE", "OLD", 0)):
            name = f"search_dirty_{source.code}_{event.split()[0].lower()}"
            _sql(
                f'CREATE TEMP TRIGGER "{name}" AFTER {event} ON main."{source.table}" BEGIN '
                f'INSERT OR IGNORE INTO {_DIRTY[5:]} (key, fresh) VALUES ({row}."id" {key}, {fresh}); END'
            )
            names.append(name)
    return names


def _index_noted(highest: dict[str, int]) -> None:
    """The noted rows and the rows added, indexed: old entries out, current text in,
    one statement per kind."""
    _sql(f'DELETE FROM "search_index" WHERE rowid IN (SELECT key FROM {_DIRTY} WHERE NOT fresh)')
    for source in SOURCES:
        condition = "" if source.has_text is None else f" AND ({source.has_text})"
        _sql(
            f'INSERT INTO "search_index" ("rowid", "title", "body") '
            f'SELECT "id" * {CODES} + {source.code}, {source.title}, {source.body} FROM "{source.table}" '
            f'WHERE ("id" > ? OR "id" IN (SELECT key / {CODES} FROM {_DIRTY} WHERE key % {CODES} = {source.code}))'
            f"{condition}",
            (highest[source.table],),
        )
    _sql(f"DELETE FROM {_DIRTY}")
