"""Database side of an import: its transaction, and which references exist here.

Writes match records by uuid (a competency by key, a session occurrence by
session and start) and touch a row only when a value differs, so importing
the same data twice writes nothing. Which columns an import compares and
writes comes from the record-kind registry (`mentor_tui.schema`).
The writing itself is `record_writer.Writer` (records -> rows) over
`upsert_cache.UpsertCache` (rows by uuid, batched inserts); the export side
(gathering rows) is `mentor_tui.db.gather`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from peewee import Database, DatabaseError

from mentor_tui import schema
from mentor_tui.db import index_sync, models, search_sync, stamp_sync
from mentor_tui.db.gather import Gathered, chunks, gather, plan_id_by_uuid
from mentor_tui.db.models import BaseModel, Person, to_change_text
from mentor_tui.db.record_writer import Writer
from mentor_tui.db.upsert_cache import KindCounts, TransferError, newer

__all__ = [
    "DatabaseError",
    "Gathered",
    "KindCounts",
    "TransferError",
    "Writer",
    "existing",
    "known_aliases",
    "newer",
    "to_change_text",
    "gather",
    "plan_id_by_uuid",
    "write_transaction",
]


def database() -> Database:
    return Person._meta.database  # type: ignore[no-any-return]


# Page cache while an import writes (KiB): inserting into every index of a large store
# misses the default 2 MiB cache; the memory is only taken as pages are read.
IMPORT_CACHE_KIB = 65536


@contextmanager
def write_transaction() -> Iterator[None]:
    """The one transaction an import runs in: reads that decide writes need IMMEDIATE.
    The search index takes the rows written all at once at the end (search_sync), and so
    do the stamps of rows added without one (stamp_sync) and the indexes of the tables
    filled from empty (index_sync)."""
    db = database()
    old = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        with db.atomic("IMMEDIATE"), search_sync.bulk_writes(), stamp_sync.bulk_inserts(), \
                index_sync.bulk_indexes():
            yield
    finally:
        db.execute_sql(f"PRAGMA cache_size = {int(old)}")


# what a reference names -> (model, the column it is matched by: a uuid, or a competency's key)
_REFERABLE: dict[str, tuple[type[BaseModel], str]] = {
    ref: (getattr(models, schema.KINDS[name].model), schema.KINDS[name].identity)
    for ref, name in schema.REFERABLE.items()
}


def existing(kind: str, values: Iterable[str]) -> set[str]:
    """Which of `values` (uuids, or competency keys) are already in the database."""
    model, column = _REFERABLE[kind]
    field_ = getattr(model, column)
    found: set[str] = set()
    for batch in chunks(sorted(set(values))):
        rows: Any = model.select(field_).where(field_.in_(batch)).tuples()
        found.update(r[0] for r in rows)
    return found


def known_aliases(uuids: Iterable[str]) -> set[str]:
    """Which of `uuids` are aliases of a person here."""
    found: set[str] = set()
    for batch in chunks(sorted(set(uuids))):
        rows: Any = models.PersonAlias.select(models.PersonAlias.uuid).where(models.PersonAlias.uuid.in_(batch)).tuples()
        found.update(r[0] for r in rows)
    return found
