"""Writing validated records: each kind's fields in stored form, references resolved.

A record dict holds the model's field names; references hold the uuid (or
competency key) of the row they point at, resolved here. Nested lists
(`goals`, `labs`, `items`, `actions`, `occurrences`) are written after their
parent. Competencies (matched by key) and session occurrences (by session and
start) are written apart; every other kind goes through `UpsertCache`.
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mentor_tui import schema
from mentor_tui.db import models
from mentor_tui.db.import_plan import (
    COMPETENCY,
    COMPETENCY_VALUES,
    DATE,
    MODELS,
    MOMENTS,
    OCCURRENCE_VALUES,
    PERSON,
    PLAIN,
    PLANS,
    PRIVATE,
    REF_MODELS,
    STAMP,
    KindPlan,
)
from mentor_tui.db.models import Person, moments_to_text, stored_value, to_change_text
from mentor_tui.db.sql_table import SqlTable
from mentor_tui.db.upsert_cache import KindCounts, Row, TransferError, UpsertCache

_UUID = operator.itemgetter("uuid")


class Writer(UpsertCache):
    """Upserts validated records (plain dicts, references as uuids / keys).

    Rows are compared in stored form and written only when a value differs.
    Counts per kind are kept in `counts`. Run inside `transfer.write_transaction()`.
    """

    def __init__(self, kinds: Iterable[str], mapping: Any = None) -> None:
        super().__init__(kinds, mapping)
        # Per file, set by the caller: the `updated_at` of records without one (the file's
        # exported_at, stored text), and whether its private notes are taken.
        self.stamp: str | None = None
        self.private = False
        self._stamp_texts: dict[Any, str] = {}
        self._competency_table = SqlTable(models.Competency)
        self._occurrence_table = SqlTable(models.SessionOccurrence)
        self._competencies: dict[str, dict[str, Any]] | None = None
        # per kind: its kept fields' values of a record, as a tuple (one C call: hot)
        self._kept_values = {name: _getter(plan.kept) for name, plan in _all_plans(PLANS.values())}

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
        values: dict[str, Any] = {name: rec[name] for name in plan.copied}
        v: Any
        for name in plan.dated:
            v = values[name]
            if v is not None:
                values[name] = v.isoformat() if type(v) is DATE else stored_value(v)
        people = self._rows[Person]
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
        elif plan.name == "kudos":
            _not_to_oneself(values)
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

    def _stored_records(self, plan: KindPlan, records: list[Row], parent_id: int | None = None) -> None:
        """`_record` for records already in stored form (`stored_form`), each followed by its
        children: only references and private notes are left to do (hot: most of an import's
        records come this way, so what is the same for all of them is looked up once)."""
        kept, kept_values = plan.kept, self._kept_values[plan.name]
        stamp_field, ref_steps, parent_field = plan.stamp, plan.ref_steps, plan.parent_field
        positioned, model, name_of_kind = plan.positioned, plan.model, plan.name
        children = [(child, key) for child, key in plan.children if child is not None]
        people = self._rows[Person]
        person_uuid = self._person_uuid
        upsert = self._upsert
        v: Any
        for rec in records:
            values: dict[str, Any] = dict(zip(kept, kept_values(rec), strict=True))
            if stamp_field is not None and values[stamp_field] is None:
                values[stamp_field] = self.stamp
            for name, op in ref_steps:
                if op == PERSON:
                    v = rec[name]
                    if v is not None:
                        row = people.get(person_uuid.get(v, v))
                        v = row["id"] if row is not None else self.id_of(Person, v)
                elif op == COMPETENCY:
                    v = self.competency_id(rec[name])
                elif op == PRIVATE:  # as in _record
                    if not self.private or name not in rec:
                        continue
                    v = rec[name]
                else:
                    v = self.id_of(REF_MODELS[op], rec[name])
                values[name] = v
            if name_of_kind == "kudos":
                _not_to_oneself(values)
            if parent_field:
                values[parent_field] = parent_id
            if positioned:
                values["position"] = rec["position"]
            row_id = upsert(model, name_of_kind, values)
            for child, key in children:
                self._stored_records(child, rec[key], row_id)

    def _stamp_of(self, rec: Row) -> str | None:
        moment = rec.get("updated_at")
        if moment is None:
            return self.stamp
        # records written together share their moment: format each one once (strftime is slow)
        text = self._stamp_texts.get(moment)
        if text is None:
            text = self._stamp_texts[moment] = to_change_text(moment)
        return text

    def write(self, kind: str, records: list[Row], stored: bool = False) -> None:
        """Upsert the top-level records of one kind (as named in the file); `stored`: records in
        stored form (`stored_form`: a reader did that part)."""
        try:
            if kind == "competencies":
                for rec in records:
                    self.competency(rec)
                return
            self._preload(schema.KINDS[kind], records)
            plan = PLANS[kind]
            if stored:
                self._stored_records(plan, records)
            else:
                for rec in records:
                    self._record(plan, rec)
            self.flush()
        except sqlite3.Error as exc:
            raise TransferError(str(exc)) from None

    def _preload(self, kind: schema.Kind, records: list[Row]) -> None:
        """One batched SELECT per model for every uuid the records (and their children) carry."""
        if kind.identity != "uuid":
            return
        self.load(MODELS[kind.name], map(_UUID, records))
        for child_name in kind.children:
            child = schema.KINDS[child_name]
            self._preload(child, [c for r in records for c in r[child.key]])


def _not_to_oneself(kudos: dict[str, Any]) -> None:
    """Kudos whose giver and receiver are one person here (two uuids of one human, an alias after
    a merge) keep their text with no giver, as a merge keeps them: never kudos to oneself."""
    if kudos["giver"] is not None and kudos["giver"] == kudos["receiver"]:
        kudos["giver"] = None


def _getter(names: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    if len(names) == 1:
        name = names[0]
        return lambda rec: (rec[name],)
    return operator.itemgetter(*names) if names else lambda rec: ()


def _all_plans(plans: Iterable[KindPlan]) -> Iterator[tuple[str, KindPlan]]:
    for plan in plans:
        yield plan.name, plan
        yield from _all_plans(child for child, _key in plan.children if child is not None)
