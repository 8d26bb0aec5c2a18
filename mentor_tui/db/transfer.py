"""Database side of an import: checking references, writing validated records.

Writes match records by uuid (a competency by key, a session occurrence by
session and start) and touch a row only when a value differs, so importing
the same data twice writes nothing. Which columns an import compares and
writes comes from the record-kind registry (`mentor_tui.schema`).
The export side (gathering rows) is `mentor_tui.db.gather`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from peewee import Database, DatabaseError

from mentor_tui import schema
from mentor_tui.db import models, search_sync
from mentor_tui.db.gather import Gathered, chunks, gather, plan_id_by_uuid
from mentor_tui.db.import_plan import (
    COMPETENCY,
    COMPETENCY_VALUES,
    DATE,
    FIELDS,
    MODELS,
    MOMENTS,
    OCCURRENCE_VALUES,
    PERSON,
    PLAIN,
    PLANS,
    PRIVATE,
    PRIVATE_FIELDS,
    REF_MODELS,
    STAMP,
    KindPlan,
)
from mentor_tui.db.models import (
    BaseModel,
    Person,
    moments_from_text,
    moments_to_text,
    stored_value,
    to_change_text,
)
from mentor_tui.db.sql_table import SqlTable

__all__ = [
    "DatabaseError",
    "Gathered",
    "KindCounts",
    "TransferError",
    "Writer",
    "existing",
    "known_aliases",
    "to_change_text",
    "gather",
    "plan_id_by_uuid",
    "write_transaction",
]

Row = dict[str, Any]


class TransferError(Exception):
    """A write that could not be done (one line)."""


def database() -> Database:
    return Person._meta.database  # type: ignore[no-any-return]


# Page cache while an import writes (KiB): inserting into every index of a large store
# misses the default 2 MiB cache; the memory is only taken as pages are read.
IMPORT_CACHE_KIB = 65536


@contextmanager
def write_transaction() -> Iterator[None]:
    """The one transaction an import runs in: reads that decide writes need IMMEDIATE.
    The search index takes the rows written all at once at the end (search_sync)."""
    db = database()
    old = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        with db.atomic("IMMEDIATE"), search_sync.bulk_writes():
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


@dataclass
class KindCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # differed, but the copy here was changed later: kept

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.kept


def newer(stamp: str | None, than: str | None) -> bool:
    """Whether a file's `updated_at` (stored text) wins over the one kept here.

    No stamp never wins over a row (it only adds new ones); equal stamps keep
    what is here, so importing the same copy twice writes nothing.
    """
    return stamp is not None and (than is None or stamp > than)


class Writer:
    """Upserts validated records (plain dicts, references as uuids / keys).

    A record dict holds the model's field names; references hold the uuid (or
    competency key) of the row they point at, resolved here. Nested lists
    (`goals`, `labs`, `items`, `actions`, `occurrences`) are written after
    their parent. Rows are compared in stored form and written only when a
    value differs. Counts per kind are kept in `counts`. Run inside
    `write_transaction()`.
    """

    def __init__(self, kinds: Iterable[str], mapping: Any = None) -> None:
        self.counts: dict[str, KindCounts] = {k: KindCounts() for k in kinds}
        # Per file, set by the caller: the `updated_at` of records without one (the file's
        # exported_at, stored text), and whether its private notes are taken.
        self.stamp: str | None = None
        self.private = False
        self._stamp_texts: dict[Any, str] = {}
        # incoming person / mentorship uuid -> the uuid it is kept under here (person_match)
        self._person_uuid: dict[str, str] = mapping.person_uuid if mapping is not None else {}
        self._mentorship_uuid: dict[str, str] = mapping.mentorship_uuid if mapping is not None else {}
        self._tables = {model: SqlTable(model) for model in FIELDS}
        self._competency_table = SqlTable(models.Competency)
        self._occurrence_table = SqlTable(models.SessionOccurrence)
        self._rows: dict[type[BaseModel], dict[str, dict[str, Any]]] = {m: {} for m in FIELDS}
        self._absent: dict[type[BaseModel], set[str]] = {m: set() for m in FIELDS}
        # uuids this import added to a table that was empty, whose rows it let go (`forget`)
        self._forgotten: dict[type[BaseModel], set[str]] = {m: set() for m in FIELDS}
        self._competencies: dict[str, dict[str, Any]] | None = None
        self._private_columns = {model: tuple(k for k in fields if k in PRIVATE_FIELDS) for model, fields in FIELDS.items()}
        self._connection: Any = database().connection()
        # defaults of the columns an import may leave out: local-only ones, and private notes
        self._extra_defaults = {
            model: {
                k: v for k, v in table.defaults.items() if k not in FIELDS[model] or k in PRIVATE_FIELDS
            }
            for model, table in self._tables.items()
        }
        self._empty = {
            model: self._sql(f'SELECT 1 FROM "{table.name}" LIMIT 1').fetchone() is None
            for model, table in self._tables.items()
        }

    def _sql(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self._connection.execute(sql, tuple(params))

    def flush(self) -> None:
        """Run the inserts still pending, parents before children."""
        for table in self._tables.values():
            if table.pending:
                batches, table.pending = table.pending, {}
                for fields, rows in batches.items():
                    self._connection.executemany(table.insert_with_id_sql(fields), rows)

    def _next_id(self, table: SqlTable) -> int:
        # The id SQLite would give (the highest + 1): nothing else writes inside the
        # IMMEDIATE transaction, and the tables have no AUTOINCREMENT.
        if table.last_id is None:
            row = self._connection.execute(f'SELECT max("id") FROM "{table.name}"').fetchone()
            table.last_id = int(row[0] or 0)
        table.last_id += 1
        return table.last_id

    # -- lookups

    def _was_empty(self, model: type[BaseModel]) -> bool:
        """Whether the table had no rows when this import began (then only the rows it added
        and let go are looked up: every other row it needs is one it adds, in the cache)."""
        return self._empty[model]

    def _may_be_stored(self, model: type[BaseModel], uuid: str) -> bool:
        if self._empty[model]:
            return uuid in self._forgotten[model]
        return uuid not in self._absent[model]

    def load(self, model: type[BaseModel], uuids: Iterable[str]) -> None:
        """Fetch the rows with these uuids (in batches) so upserts need no query each."""
        cache = self._rows[model]
        absent = self._absent[model]
        if self._was_empty(model):
            forgotten = self._forgotten[model]
            if not forgotten:
                return
            wanted = sorted({u for u in uuids if u in forgotten and u not in cache})
        else:
            wanted = sorted({u for u in uuids if u not in cache and u not in absent})
        if not wanted:
            return
        fields = FIELDS[model]
        table = self._tables[model]
        for batch in chunks(wanted):
            for row in self._sql(table.select_sql(fields, "uuid", len(batch)), batch):
                cache[row[1]] = {"id": row[0], **dict(zip(fields, row[1:], strict=True))}
        absent.update(u for u in wanted if u not in cache)

    def id_of(self, model: type[BaseModel], uuid: str | None) -> int | None:
        if uuid is None:
            return None
        if model is Person:
            uuid = self._person_uuid.get(uuid, uuid)
        elif model is models.Mentorship:
            uuid = self._mentorship_uuid.get(uuid, uuid)
        row = self._rows[model].get(uuid)
        if row is None:
            self.load(model, (uuid,))
            row = self._rows[model].get(uuid)
        if row is None:
            raise TransferError(f"no {model.__name__.lower()} with uuid {uuid!r}")
        return int(row["id"])

    def competency_id(self, key: str | None) -> int | None:
        if key is None:
            return None
        row = self._competency_rows().get(key)
        if row is None:
            raise TransferError(f"no competency {key!r}")
        return int(row["id"])

    def _competency_rows(self) -> dict[str, dict[str, Any]]:
        if self._competencies is None:
            columns = ", ".join(f'"{c}"' for c in COMPETENCY_VALUES)
            self._competencies = {
                r[1]: {"id": r[0], "key": r[1], "builtin": bool(r[2]), **dict(zip(COMPETENCY_VALUES, r[3:], strict=True))}
                for r in self._sql(f'SELECT "id", "key", "builtin", {columns} FROM "competency"')
            }
        return self._competencies

    # -- the generic upsert

    def _upsert(self, model: type[BaseModel], kind: str, values: dict[str, Any]) -> int:
        """Insert or update one row; `values` in stored form, "uuid" among them."""
        uuid = values["uuid"]
        rows = self._rows[model]
        row = rows.get(uuid)
        # (_may_be_stored, inlined: hot)
        if row is None and (uuid in self._forgotten[model] if self._empty[model] else uuid not in self._absent[model]):
            self.load(model, (uuid,))
            row = rows.get(uuid)
        table = self._tables[model]
        if row is None:
            # peewee's defaults live in Python, not in the schema: give the ones not in `values`
            extra = self._extra_defaults[model]
            missing = [k for k in extra if k not in values] if extra else None
            full = {**{k: extra[k] for k in missing}, **values} if missing else values
            if table.last_id is None:
                new_id = self._next_id(table)
            else:
                new_id = table.last_id = table.last_id + 1
            fields = tuple(full)
            pending = table.pending.get(fields)
            if pending is None:
                pending = table.pending[fields] = []
            pending.append((new_id, *full.values()))
            values["id"] = new_id  # the cached row: what a later record of this uuid is compared with
            rows[uuid] = values
            if not self._empty[model]:
                self._absent[model].discard(uuid)
            self.counts[kind].added += 1
            return new_id
        counts = self.counts[kind]
        row_id = values["id"] = row["id"]
        for k in self._private_columns[model]:  # notes a file leaves out are left alone
            if k not in values and k in row:
                values[k] = row[k]
        if values == row:  # the same record in another file (common): one comparison in C
            counts.unchanged += 1
            return int(row_id)
        del values["id"]
        changes = None
        for k, v in values.items():
            old = row.get(k)
            # cheap test first: most values are equal and of the same type
            if (k == "exdates" or type(old) is not type(v) or old != v) and not _same(k, old, v):
                if changes is None:
                    changes = {}
                changes[k] = v
        self._apply(table, row, changes, counts)
        return int(row["id"])

    def _apply(self, table: SqlTable, row: dict[str, Any], changes: dict[str, Any] | None, counts: KindCounts) -> None:
        """Write `changes` to an existing row if the file's copy is the newer one."""
        if not changes:
            counts.unchanged += 1
            return
        stamp = changes.get("updated_at", row.get("updated_at"))
        real = len(changes) - ("updated_at" in changes)  # besides the stamp
        if not newer(stamp, row.get("updated_at")):
            if real:
                counts.kept += 1
            else:
                counts.unchanged += 1
            return
        self.flush()  # the row may be one of the pending inserts
        self._sql(table.update_sql(tuple(changes)), (*changes.values(), row["id"]))
        row.update(changes)
        if real:
            counts.updated += 1
        else:
            counts.unchanged += 1  # the same values, changed later elsewhere: only the stamp moves

    def competency(self, rec: Row) -> None:
        rows = self._competency_rows()
        row = rows.get(rec["key"])
        counts = self.counts["competencies"]
        values = {name: rec[name] for name in COMPETENCY_VALUES}
        values["updated_at"] = self._stamp_of(rec)
        if row is None:
            self.flush()
            columns = ", ".join(f'"{c}"' for c in ("key", *values, "builtin"))
            cur = self._sql(
                f'INSERT INTO "competency" ({columns}) VALUES ({", ".join("?" * (len(values) + 2))})',
                (rec["key"], *values.values(), 0),
            )
            rows[rec["key"]] = {"id": int(cur.lastrowid), "key": rec["key"], "builtin": False, **values}
            counts.added += 1
        elif row["builtin"]:
            counts.unchanged += 1  # built-in competencies are the app's, not the file's
        else:
            changes = {k: v for k, v in values.items() if row[k] != v}
            self._apply(self._competency_table, row, changes, counts)

    def _occurrence(self, session_id: int, occ: Row) -> None:
        counts = self.counts["occurrences"]
        attendees = {self.id_of(Person, u) for u in occ["attendees"]}
        starts_at = stored_value(occ["starts_at"])
        self.flush()  # the session and the attendees may be pending inserts
        values = {name: stored_value(occ[name]) for name in OCCURRENCE_VALUES}
        values["updated_at"] = self._stamp_of(occ)
        columns = ", ".join(f'"{c}"' for c in values)
        row = self._sql(
            f'SELECT "id", {columns} FROM "session_occurrence" WHERE "session_id" = ? AND "starts_at" = ?',
            (session_id, starts_at),
        ).fetchone()
        attended = False
        if row is None:
            marks = ", ".join("?" * len(values))
            cur = self._sql(
                f'INSERT INTO "session_occurrence" ("session_id", "starts_at", {columns}) VALUES (?, ?, {marks})',
                (session_id, starts_at, *values.values()),
            )
            occ_id = int(cur.lastrowid)
            present: set[int] = set()
        else:
            occ_id = int(row[0])
            here = {"id": occ_id, **dict(zip(values, row[1:], strict=True))}
            changes = {k: v for k, v in values.items() if here[k] != v}
            outcome = KindCounts()
            self._apply(self._occurrence_table, here, changes, outcome)
            present = {
                r[0] for r in self._sql('SELECT "person_id" FROM "attendance" WHERE "occurrence_id" = ?', (occ_id,))
            }
        for person_id in sorted(p for p in attendees - present if p is not None):
            self._sql('INSERT INTO "attendance" ("occurrence_id", "person_id") VALUES (?, ?)', (occ_id, person_id))
            attended = True
        # attendance only grows: a newer attendee list elsewhere never unticks one here
        if row is None:
            counts.added += 1
        elif outcome.updated or attended:
            counts.updated += 1
        elif outcome.kept:
            counts.kept += 1
        else:
            counts.unchanged += 1

    def _record(self, plan: KindPlan, rec: Row, parent_id: int | None = None) -> None:
        """Upsert one record and, after it, its children (hot: ~300,000 calls for 100 files)."""
        values: dict[str, Any] = {}
        people = self._rows[Person]
        v: Any
        for name, op in plan.steps:
            if op == PLAIN:
                v = rec[name]
                kind_of_v = type(v)
                # the common types first: most values are text, numbers or missing
                if kind_of_v is str or v is None or kind_of_v is int:
                    pass
                elif kind_of_v is DATE:
                    v = v.isoformat()
                elif kind_of_v is bool:
                    v = int(v)
                else:
                    v = stored_value(v)
            elif op == STAMP:
                moment = rec.get("updated_at")
                v = self.stamp if moment is None else self._stamp_texts.get(moment) or self._stamp_of(rec)
            elif op == PERSON:
                v = rec[name]
                if v is not None:
                    row = people.get(self._person_uuid.get(v, v))
                    v = row["id"] if row is not None else self.id_of(Person, v)
            elif op == COMPETENCY:
                v = self.competency_id(rec[name])
            elif op == PRIVATE:
                # Private notes come only from a file that includes them (and only when
                # the user takes them); a record without the key leaves the notes here
                # alone, an empty value in a newer record clears them.
                if not self.private or name not in rec:
                    continue
                v = rec[name]
            elif op == MOMENTS:
                v = moments_to_text(rec[name])
            else:
                v = self.id_of(REF_MODELS[op], rec[name])
            values[name] = v
        if plan.name == "people":
            values["uuid"] = self._person_uuid.get(values["uuid"], values["uuid"])
        elif plan.name == "mentorships":
            values["uuid"] = self._mentorship_uuid.get(values["uuid"], values["uuid"])
        if plan.parent_field:
            values[plan.parent_field] = parent_id
        if plan.positioned:
            values["position"] = rec["position"]
        row_id = self._upsert(plan.model, plan.name, values)
        for child, key in plan.children:
            if child is None:
                for child_rec in rec[key]:
                    self._occurrence(row_id, child_rec)
            else:
                for child_rec in rec[key]:
                    self._record(child, child_rec, row_id)

    def _stamp_of(self, rec: Row) -> str | None:
        moment = rec.get("updated_at")
        if moment is None:
            return self.stamp
        # records written together share their moment: format each one once (strftime is slow)
        text = self._stamp_texts.get(moment)
        if text is None:
            text = self._stamp_texts[moment] = to_change_text(moment)
        return text

    def forget(self, keep: Iterable[str]) -> None:
        """Let go of the rows cached for every kind but `keep` (written first): a big import's
        memory stays flat. A later record of one of them is looked up in the database."""
        self.flush()
        kept = {MODELS[name] for name in keep if name in MODELS}
        for model, rows in self._rows.items():
            if model in kept:
                continue
            if rows and self._empty[model]:
                self._forgotten[model].update(rows)
            rows.clear()
            self._absent[model].clear()

    # -- batches

    def write(self, kind: str, records: list[Row]) -> None:
        """Upsert the top-level records of one kind (as named in the file)."""
        try:
            if kind == "competencies":
                for rec in records:
                    self.competency(rec)
                return
            self._preload(schema.KINDS[kind], records)
            plan = PLANS[kind]
            for rec in records:
                self._record(plan, rec)
            self.flush()
        except sqlite3.Error as exc:
            raise TransferError(str(exc)) from None

    def _preload(self, kind: schema.Kind, records: list[Row]) -> None:
        """One batched SELECT per model for every uuid the records (and their children) carry."""
        if kind.identity != "uuid":
            return
        self.load(MODELS[kind.name], (r["uuid"] for r in records))
        for child_name in kind.children:
            child = schema.KINDS[child_name]
            self._preload(child, [c for r in records for c in r[child.key]])


def _same(key: str, old: Any, new: Any) -> bool:
    if key == "exdates":
        return moments_to_text(moments_from_text(old)) == new
    return type(old) is type(new) and bool(old == new)
