"""The rows an import upserts by uuid: cached, compared in stored form, inserted in batches.

`UpsertCache` keeps the rows an import has read or written (by uuid, per model),
inserts new ones in batches (`flush`: one executemany per table, ids given
here) and updates a row only when a value differs and the file's copy is the
newer one (`newer`). `record_writer.Writer` turns records into these upserts.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mentor_tui.db import index_sync, models, stamp_sync
from mentor_tui.db.gather import chunks
from mentor_tui.db.import_plan import FIELDS, MODELS, PRIVATE_FIELDS
from mentor_tui.db.models import BaseModel, Person, moments_from_text, moments_to_text
from mentor_tui.db.sql_table import SqlTable

Row = dict[str, Any]
_ID = operator.itemgetter("id")


class TransferError(Exception):
    """A write that could not be done (one line)."""


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



class UpsertCache:
    """Rows by uuid per model, pending inserts, and the compare-then-write of one row.

    Counts per kind are kept in `counts`. Run inside `transfer.write_transaction()`.
    """

    def __init__(self, kinds: Iterable[str], mapping: Any = None) -> None:
        self.counts: dict[str, KindCounts] = {k: KindCounts() for k in kinds}
        # incoming person / mentorship uuid -> the uuid it is kept under here (person_match)
        self._person_uuid: dict[str, str] = mapping.person_uuid if mapping is not None else {}
        self._mentorship_uuid: dict[str, str] = mapping.mentorship_uuid if mapping is not None else {}
        self._tables = {model: SqlTable(model) for model in FIELDS}
        self._rows: dict[type[BaseModel], dict[str, dict[str, Any]]] = {m: {} for m in FIELDS}
        self._absent: dict[type[BaseModel], set[str]] = {m: set() for m in FIELDS}
        # uuid -> id of the rows this import added to a table that was empty and let go (`forget`):
        # such a table's indexes are set aside (`index_sync`), its rows are looked up by id
        self._forgotten: dict[type[BaseModel], dict[str, int]] = {m: {} for m in FIELDS}
        self._private_columns = {model: tuple(k for k in fields if k in PRIVATE_FIELDS) for model, fields in FIELDS.items()}
        self._connection: Any = Person._meta.database.connection()  # type: ignore[attr-defined]
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
        for model, table in self._tables.items():
            if table.pending:
                stamp_sync.set_aside()
                batches, table.pending = table.pending, {}
                if self._empty[model]:
                    index_sync.set_aside(table.name)
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
        forgotten = self._forgotten[model]
        was_empty = self._was_empty(model)
        if was_empty:
            if not forgotten:
                return
            wanted = sorted(u for u in forgotten.keys() & set(uuids) if u not in cache)
        else:
            wanted = sorted({u for u in uuids if u not in cache and u not in absent})
        if not wanted:
            return
        fields = FIELDS[model]
        table = self._tables[model]
        key, keys = ("id", sorted(forgotten[u] for u in wanted)) if was_empty else ("uuid", wanted)
        with_id = ("id", *fields)
        for batch in chunks(keys):
            for row in self._sql(table.select_sql(fields, key, len(batch)), batch):
                cache[row[1]] = dict(zip(with_id, row, strict=True))
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
        if changes is not None and self._fills_notes(model, row, changes):
            # The same copy of the record, whose private notes an earlier import left out
            # (this one takes them): filled in, although the file's copy is not newer. Its stamp
            # moves on by a millisecond (an update that does not move it is stamped "now").
            self.flush()
            sets = ", ".join(f'"{table.columns[k]}" = ?' for k in changes)
            self._sql(
                f'UPDATE "{table.name}" SET {sets}, "updated_at" = '
                "strftime('%Y-%m-%dT%H:%M:%fZ', \"updated_at\", '+0.001 seconds') WHERE \"id\" = ?",
                (*changes.values(), row["id"]),
            )
            stamp = self._sql(f'SELECT "updated_at" FROM "{table.name}" WHERE "id" = ?', (row["id"],))
            row.update(changes, updated_at=stamp.fetchone()[0])
            counts.updated += 1
            return int(row["id"])
        self._apply(table, row, changes, counts)
        return int(row["id"])

    def _fills_notes(self, model: type[BaseModel], row: dict[str, Any], changes: dict[str, Any]) -> bool:
        """Whether `changes` only give private notes that are empty here (the stamp is the same)."""
        private = self._private_columns[model]
        return bool(private) and all(k in private and not row.get(k) for k in changes)

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

    def forget(self, keep: Iterable[str]) -> None:
        """Let go of the rows cached for every kind but `keep` (written first): a big import's
        memory stays flat. A later record of one of them is looked up in the database."""
        self.flush()
        kept = {MODELS[name] for name in keep if name in MODELS}
        for model, rows in self._rows.items():
            if model in kept:
                continue
            if rows and self._empty[model]:
                self._forgotten[model].update(zip(rows.keys(), map(_ID, rows.values()), strict=True))
            rows.clear()
            self._absent[model].clear()

    # -- batches



def _same(key: str, old: Any, new: Any) -> bool:
    if key == "exdates":
        return moments_to_text(moments_from_text(old)) == new
    return type(old) is type(new) and bool(old == new)
