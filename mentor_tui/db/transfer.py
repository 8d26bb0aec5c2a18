"""Database side of the TOML exchange: gathering records to export, writing imported ones.

`mentor_tui.exchange` parses, validates and serializes; this module is where
the queries live. Rows travel as plain dicts keyed by model field name (a
foreign key holds the referenced row's id); the exchange layer maps them to
and from the file's shape.

Writes match records by uuid (a competency by key, a session occurrence by
session and start) and touch a row only when a value differs, so importing
the same data twice writes nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from peewee import Database, DatabaseError

from mentor_tui.db.models import (
    ActionItem,
    Attendance,
    BaseModel,
    CheckIn,
    Competency,
    Feedback,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Mentorship,
    Ownership,
    Person,
    Plan,
    Session,
    SessionOccurrence,
    SkillRating,
    from_utc_text,
    stored_value,
    to_utc_text,
)

__all__ = ["DatabaseError", "Gathered", "KindCounts", "TransferError", "Writer", "existing", "gather"]

Row = dict[str, Any]
CHUNK = 500
_AS_STORED = frozenset([str, int, float])  # types kept as they are (not bool: stored as 0/1)


class TransferError(Exception):
    """A write that could not be done (one line)."""


def database() -> Database:
    return Person._meta.database  # type: ignore[no-any-return]


def write_transaction() -> Any:
    """The one transaction an import runs in: reads that decide writes need IMMEDIATE."""
    return database().atomic("IMMEDIATE")


def _chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------- export: gathering


@dataclass
class Gathered:
    """The rows of one export, each list in a stable order (id, or position then id)."""

    people: list[Row] = field(default_factory=list)
    competencies: list[Row] = field(default_factory=list)  # non-builtin ones referenced
    mentorships: list[Row] = field(default_factory=list)
    plans: list[Row] = field(default_factory=list)
    goals: list[Row] = field(default_factory=list)
    labs: list[Row] = field(default_factory=list)
    items: list[Row] = field(default_factory=list)
    checkins: list[Row] = field(default_factory=list)
    actions: list[Row] = field(default_factory=list)
    sessions: list[Row] = field(default_factory=list)
    occurrences: list[Row] = field(default_factory=list)
    attendance: list[Row] = field(default_factory=list)  # occurrence id, person id
    skills: list[Row] = field(default_factory=list)
    incidents: list[Row] = field(default_factory=list)
    ownership: list[Row] = field(default_factory=list)
    kudos: list[Row] = field(default_factory=list)
    feedback: list[Row] = field(default_factory=list)
    # id -> uuid (or key) of every row the records above refer to
    person_uuid: dict[int, str] = field(default_factory=dict)
    competency_key: dict[int, str] = field(default_factory=dict)
    mentorship_uuid: dict[int, str] = field(default_factory=dict)
    session_uuid: dict[int, str] = field(default_factory=dict)


def plan_id_by_uuid(plan_uuid: str) -> int | None:
    rows = _tuples(Plan.select(Plan.id).where(Plan.uuid == plan_uuid).limit(1))
    return int(rows[0][0]) if rows else None


def _rows(query: Any) -> list[Row]:
    return list(query.dicts())


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    return list(query.tuples())


def _ids(rows: Iterable[Row], key: str = "id") -> list[int]:
    return [r[key] for r in rows if r.get(key) is not None]


def _by_ids(model: type[BaseModel], ids: Iterable[int]) -> list[Row]:
    rows: list[Row] = []
    for batch in _chunks(sorted(set(ids))):
        rows.extend(_rows(model.select().where(model.id.in_(batch))))
    rows.sort(key=lambda r: r["id"])
    return rows


def gather(person_ids: Iterable[int] = (), plan_ids: Iterable[int] = ()) -> Gathered:
    """The rows of an export: everything when nothing is selected (scope team), else
    the union of the selected people's records and the selected plans."""
    persons = sorted(set(person_ids))
    plan_list = sorted(set(plan_ids))
    if not persons and not plan_list:
        return _gather_team()
    g = Gathered()
    g.plans = _rows(
        Plan.select().where(Plan.owner.in_(persons) | Plan.id.in_(plan_list)).order_by(Plan.id)
    )
    _gather_plan_children(g, _ids(g.plans))
    if persons:
        g.mentorships = _rows(
            Mentorship.select()
            .where(Mentorship.mentor.in_(persons) | Mentorship.mentee.in_(persons))
            .order_by(Mentorship.id)
        )
        _gather_checkins(g, _ids(g.mentorships))
        g.skills = _rows(SkillRating.select().where(SkillRating.person.in_(persons)).order_by(SkillRating.id))
        g.incidents = _rows(Incident.select().where(Incident.person.in_(persons)).order_by(Incident.id))
        g.ownership = _rows(Ownership.select().where(Ownership.person.in_(persons)).order_by(Ownership.id))
        g.kudos = _rows(
            Kudos.select().where(Kudos.giver.in_(persons) | Kudos.receiver.in_(persons)).order_by(Kudos.id)
        )
        g.feedback = _rows(Feedback.select().where(Feedback.person.in_(persons)).order_by(Feedback.id))
        attended = (
            SessionOccurrence.select(SessionOccurrence.session)
            .join(Attendance)
            .where(Attendance.person.in_(persons))
        )
        session_ids = {
            r[0]
            for r in _tuples(
                Session.select(Session.id).where(Session.presenter.in_(persons) | Session.id.in_(attended))
            )
        }
        session_ids.update(_ids(g.incidents, "session"))
        g.sessions = _by_ids(Session, session_ids)
        _gather_occurrences(g, _ids(g.sessions))
    _gather_people(g, persons)
    return g


def _gather_team() -> Gathered:
    g = Gathered()
    g.plans = _rows(Plan.select().order_by(Plan.id))
    g.goals = _rows(Goal.select().order_by(Goal.plan, Goal.position, Goal.id))
    g.labs = _rows(Lab.select().order_by(Lab.goal, Lab.position, Lab.id))
    g.items = _rows(LabItem.select().order_by(LabItem.lab, LabItem.position, LabItem.id))
    g.mentorships = _rows(Mentorship.select().order_by(Mentorship.id))
    g.checkins = _rows(CheckIn.select().order_by(CheckIn.id))
    g.actions = _rows(ActionItem.select().order_by(ActionItem.checkin, ActionItem.position, ActionItem.id))
    g.sessions = _rows(Session.select().order_by(Session.id))
    g.occurrences = _rows(
        SessionOccurrence.select().order_by(SessionOccurrence.session, SessionOccurrence.starts_at)
    )
    g.attendance = _rows(Attendance.select().order_by(Attendance.id))
    g.skills = _rows(SkillRating.select().order_by(SkillRating.id))
    g.incidents = _rows(Incident.select().order_by(Incident.id))
    g.ownership = _rows(Ownership.select().order_by(Ownership.id))
    g.kudos = _rows(Kudos.select().order_by(Kudos.id))
    g.feedback = _rows(Feedback.select().order_by(Feedback.id))
    g.people = _rows(Person.select().order_by(Person.id))
    g.person_uuid = {r["id"]: r["uuid"] for r in g.people}
    g.mentorship_uuid = {r["id"]: r["uuid"] for r in g.mentorships}
    g.session_uuid = {r["id"]: r["uuid"] for r in g.sessions}
    _gather_competencies(g)
    return g


def _gather_plan_children(g: Gathered, plan_ids: list[int]) -> None:
    for batch in _chunks(plan_ids):
        g.goals.extend(_rows(Goal.select().where(Goal.plan.in_(batch))))
    g.goals.sort(key=lambda r: (r["plan"], r["position"], r["id"]))
    for batch in _chunks(_ids(g.goals)):
        g.labs.extend(_rows(Lab.select().where(Lab.goal.in_(batch))))
    g.labs.sort(key=lambda r: (r["goal"], r["position"], r["id"]))
    for batch in _chunks(_ids(g.labs)):
        g.items.extend(_rows(LabItem.select().where(LabItem.lab.in_(batch))))
    g.items.sort(key=lambda r: (r["lab"], r["position"], r["id"]))


def _gather_checkins(g: Gathered, mentorship_ids: list[int]) -> None:
    for batch in _chunks(mentorship_ids):
        g.checkins.extend(_rows(CheckIn.select().where(CheckIn.mentorship.in_(batch))))
    g.checkins.sort(key=lambda r: r["id"])
    for batch in _chunks(_ids(g.checkins)):
        g.actions.extend(_rows(ActionItem.select().where(ActionItem.checkin.in_(batch))))
    g.actions.sort(key=lambda r: (r["checkin"], r["position"], r["id"]))


def _gather_occurrences(g: Gathered, session_ids: list[int]) -> None:
    for batch in _chunks(session_ids):
        g.occurrences.extend(_rows(SessionOccurrence.select().where(SessionOccurrence.session.in_(batch))))
    g.occurrences.sort(key=lambda r: (r["session"], r["starts_at"], r["id"]))
    for batch in _chunks(_ids(g.occurrences)):
        g.attendance.extend(_rows(Attendance.select().where(Attendance.occurrence.in_(batch))))
    g.attendance.sort(key=lambda r: r["id"])


def _gather_people(g: Gathered, persons: list[int]) -> None:
    """The selected people and everyone the gathered records refer to."""
    ids: set[int] = set(persons)
    refs = (
        (g.plans, ("owner", "mentor")),
        (g.mentorships, ("mentor", "mentee")),
        (g.actions, ("owner",)),
        (g.sessions, ("presenter",)),
        (g.attendance, ("person",)),
        (g.skills, ("person", "rated_by")),
        (g.incidents, ("person",)),
        (g.ownership, ("person",)),
        (g.kudos, ("giver", "receiver")),
        (g.feedback, ("person",)),
    )
    for rows, keys in refs:
        for row in rows:
            ids.update(row[k] for k in keys if row[k] is not None)
    g.people = _by_ids(Person, ids)
    g.person_uuid = {r["id"]: r["uuid"] for r in g.people}
    g.mentorship_uuid = {r["id"]: r["uuid"] for r in g.mentorships}
    g.session_uuid = {r["id"]: r["uuid"] for r in g.sessions}
    _gather_competencies(g)


def _gather_competencies(g: Gathered) -> None:
    ids = set(_ids(g.goals, "competency")) | set(_ids(g.skills, "competency"))
    rows = _by_ids(Competency, ids)
    g.competency_key = {r["id"]: r["key"] for r in rows}
    g.competencies = sorted((r for r in rows if not r["builtin"]), key=lambda r: r["key"])


# ---------------------------------------------------------------- import: reading


_REFERABLE: dict[str, tuple[type[BaseModel], str]] = {
    "person": (Person, "uuid"),
    "mentorship": (Mentorship, "uuid"),
    "session": (Session, "uuid"),
    "competency": (Competency, "key"),
}


def existing(kind: str, values: Iterable[str]) -> set[str]:
    """Which of `values` (uuids, or competency keys) are already in the database."""
    model, column = _REFERABLE[kind]
    field_ = getattr(model, column)
    found: set[str] = set()
    for batch in _chunks(sorted(set(values))):
        found.update(r[0] for r in _tuples(model.select(field_).where(field_.in_(batch))))
    return found


# ---------------------------------------------------------------- import: writing


@dataclass
class KindCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


def normalize_exdates(moments: Iterable[dt.datetime]) -> str:
    """Session.exdates as stored: sorted distinct UTC ISO moments, one per line."""
    return "\n".join(sorted({to_utc_text(m) for m in moments}))


def _stored_exdates(text: str) -> str:
    try:
        return normalize_exdates(from_utc_text(line.strip()) for line in text.splitlines() if line.strip())
    except ValueError:
        return text


class _Table:
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


# The fields an import compares and writes, per model (uuid first).
# In an order where a row only refers to rows of the tables before it (and
# competencies, written at once): pending inserts are flushed in this order.
_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {
    Person: ("uuid", "name", "role", "email"),
    Mentorship: ("uuid", "mentor", "mentee", "started_on", "ended_on", "focus", "cadence_days"),
    Plan: ("uuid", "owner", "mentor", "title", "kind", "template", "start_on", "target_on", "status"),
    Goal: ("uuid", "plan", "competency", "title", "detail", "kind", "phase", "due_on", "status", "done_on", "position"),
    Lab: ("uuid", "goal", "title", "detail", "link", "last_practised_on", "position"),
    LabItem: ("uuid", "lab", "text", "done", "done_on", "evidence", "position"),
    CheckIn: ("uuid", "mentorship", "held_on", "progress", "blockers", "next_steps", "confidence", "private_notes"),
    ActionItem: ("uuid", "checkin", "text", "owner", "due_on", "done_on", "position"),
    Session: (
        "uuid", "title", "kind", "starts_at", "timezone", "duration_minutes", "rrule", "exdates",
        "presenter", "link", "notes",
    ),
    SkillRating: ("uuid", "person", "competency", "level", "rated_on", "rated_by", "evidence"),
    Incident: ("uuid", "person", "occurred_on", "role", "severity", "title", "lessons", "session"),
    Ownership: ("uuid", "person", "kind", "name", "since", "until", "notes"),
    Kudos: ("uuid", "giver", "receiver", "given_on", "text", "for_ref"),
    Feedback: ("uuid", "given_on", "rating", "text", "person"),
}


class Writer:
    """Upserts validated records (plain dicts, references as uuids / keys).

    A record dict holds the model's field names; references hold the uuid (or
    competency key) of the row they point at, resolved here. Nested lists
    (`goals`, `labs`, `items`, `actions`, `occurrences`) are written after
    their parent. Rows are compared in stored form and written only when a
    value differs. Counts per kind are kept in `counts`. Run inside
    `write_transaction()`.
    """

    def __init__(self, kinds: Iterable[str]) -> None:
        self.counts: dict[str, KindCounts] = {k: KindCounts() for k in kinds}
        self._tables = {model: _Table(model) for model in _FIELDS}
        self._rows: dict[type[BaseModel], dict[str, dict[str, Any]]] = {m: {} for m in _FIELDS}
        self._absent: dict[type[BaseModel], set[str]] = {m: set() for m in _FIELDS}
        self._competencies: dict[str, dict[str, Any]] | None = None
        self._connection: Any = database().connection()

    def _sql(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self._connection.execute(sql, tuple(params))

    def flush(self) -> None:
        """Run the inserts still pending, parents before children."""
        for table in self._tables.values():
            if table.pending:
                batches, table.pending = table.pending, {}
                for fields, rows in batches.items():
                    self._connection.executemany(table.insert_with_id_sql(fields), rows)

    def _next_id(self, table: _Table) -> int:
        # The id SQLite would give (the highest + 1): nothing else writes inside the
        # IMMEDIATE transaction, and the tables have no AUTOINCREMENT.
        if table.last_id is None:
            row = self._connection.execute(f'SELECT max("id") FROM "{table.name}"').fetchone()
            table.last_id = int(row[0] or 0)
        table.last_id += 1
        return table.last_id

    # -- lookups

    def load(self, model: type[BaseModel], uuids: Iterable[str]) -> None:
        """Fetch the rows with these uuids (in batches) so upserts need no query each."""
        cache = self._rows[model]
        absent = self._absent[model]
        wanted = sorted({u for u in uuids if u not in cache and u not in absent})
        if not wanted:
            return
        fields = _FIELDS[model]
        table = self._tables[model]
        for batch in _chunks(wanted):
            for row in self._sql(table.select_sql(fields, "uuid", len(batch)), batch):
                cache[row[1]] = {"id": row[0], **dict(zip(fields, row[1:], strict=True))}
        absent.update(u for u in wanted if u not in cache)

    def id_of(self, model: type[BaseModel], uuid: str | None) -> int | None:
        if uuid is None:
            return None
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
            self._competencies = {
                r[1]: {"id": r[0], "key": r[1], "name": r[2], "description": r[3], "builtin": bool(r[4])}
                for r in self._sql('SELECT "id", "key", "name", "description", "builtin" FROM "competency"')
            }
        return self._competencies

    # -- the generic upsert

    def _upsert(self, model: type[BaseModel], kind: str, values: dict[str, Any]) -> int:
        """Insert or update one row; `values` in stored form, "uuid" among them."""
        uuid = values["uuid"]
        rows = self._rows[model]
        row = rows.get(uuid)
        if row is None and uuid not in self._absent[model]:
            self.load(model, (uuid,))
            row = rows.get(uuid)
        counts = self.counts[kind]
        table = self._tables[model]
        if row is None:
            full = {**table.defaults, **values} if table.defaults else values
            new_id = self._next_id(table)
            fields = tuple(full)
            pending = table.pending.get(fields)
            if pending is None:
                pending = table.pending[fields] = []
            pending.append((new_id, *full.values()))
            rows[uuid] = {"id": new_id, **values}
            self._absent[model].discard(uuid)
            counts.added += 1
            return new_id
        changes = None
        for k, v in values.items():
            old = row.get(k)
            # cheap test first: most values are equal and of the same type
            if (k == "exdates" or type(old) is not type(v) or old != v) and not _same(k, old, v):
                if changes is None:
                    changes = {}
                changes[k] = v
        if changes:
            self.flush()  # the row may be one of the pending inserts
            self._sql(table.update_sql(tuple(changes)), (*changes.values(), row["id"]))
            row.update(changes)
            counts.updated += 1
        else:
            counts.unchanged += 1
        return int(row["id"])

    def _values(self, rec: Row, *keys: str, **refs: Any) -> dict[str, Any]:
        values = {
            k: v if (v := rec[k]) is None or type(v) in _AS_STORED else stored_value(v) for k in keys
        }
        values.update(refs)
        return values

    # -- one method per kind of record

    def person(self, rec: Row) -> None:
        # is_me and archived are never written by an import: a new person is an
        # ordinary one, and an existing one keeps both.
        self._upsert(Person, "people", self._values(rec, "uuid", "name", "role", "email"))

    def competency(self, rec: Row) -> None:
        rows = self._competency_rows()
        row = rows.get(rec["key"])
        counts = self.counts["competencies"]
        values = {"name": rec["name"], "description": rec["description"]}
        if row is None:
            self.flush()
            cur = self._sql(
                'INSERT INTO "competency" ("key", "name", "description", "builtin") VALUES (?, ?, ?, 0)',
                (rec["key"], rec["name"], rec["description"]),
            )
            rows[rec["key"]] = {"id": int(cur.lastrowid), "key": rec["key"], "builtin": False, **values}
            counts.added += 1
        elif row["builtin"] or all(row[k] == v for k, v in values.items()):
            counts.unchanged += 1  # built-in competencies are the app's, not the file's
        else:
            self.flush()
            self._sql(
                'UPDATE "competency" SET "name" = ?, "description" = ? WHERE "id" = ?',
                (rec["name"], rec["description"], row["id"]),
            )
            row.update(values)
            counts.updated += 1

    def mentorship(self, rec: Row) -> None:
        values = self._values(
            rec,
            "uuid",
            "started_on",
            "ended_on",
            "focus",
            "cadence_days",
            mentor=self.id_of(Person, rec["mentor"]),
            mentee=self.id_of(Person, rec["mentee"]),
        )
        self._upsert(Mentorship, "mentorships", values)

    def plan(self, rec: Row) -> None:
        values = self._values(
            rec,
            "uuid",
            "title",
            "kind",
            "template",
            "start_on",
            "target_on",
            "status",
            owner=self.id_of(Person, rec["owner"]),
            mentor=self.id_of(Person, rec["mentor"]),
        )
        plan_id = self._upsert(Plan, "plans", values)
        for goal in rec["goals"]:
            gv = self._values(
                goal,
                "uuid",
                "title",
                "detail",
                "kind",
                "phase",
                "due_on",
                "status",
                "done_on",
                "position",
                plan=plan_id,
                competency=self.competency_id(goal["competency"]),
            )
            goal_id = self._upsert(Goal, "goals", gv)
            for lab in goal["labs"]:
                lv = self._values(lab, "uuid", "title", "detail", "link", "last_practised_on", "position", goal=goal_id)
                lab_id = self._upsert(Lab, "labs", lv)
                for item in lab["items"]:
                    iv = self._values(item, "uuid", "text", "done", "done_on", "evidence", "position", lab=lab_id)
                    self._upsert(LabItem, "items", iv)

    def checkin(self, rec: Row) -> None:
        keys = ["uuid", "held_on", "progress", "blockers", "next_steps", "confidence"]
        # Private notes come only from a file that includes them, and an empty value
        # never wipes notes kept here: a copy that travelled without notes must not
        # erase the mentor's.
        if rec.get("private_notes"):
            keys.append("private_notes")
        values = self._values(rec, *keys, mentorship=self.id_of(Mentorship, rec["mentorship"]))
        checkin_id = self._upsert(CheckIn, "checkins", values)
        for action in rec["actions"]:
            av = self._values(
                action,
                "uuid",
                "text",
                "due_on",
                "done_on",
                "position",
                checkin=checkin_id,
                owner=self.id_of(Person, action["owner"]),
            )
            self._upsert(ActionItem, "actions", av)

    def session(self, rec: Row) -> None:
        values = self._values(
            rec,
            "uuid",
            "title",
            "kind",
            "starts_at",
            "timezone",
            "duration_minutes",
            "rrule",
            "link",
            "notes",
            exdates=normalize_exdates(rec["exdates"]),
            presenter=self.id_of(Person, rec["presenter"]),
        )
        session_id = self._upsert(Session, "sessions", values)
        for occ in rec["occurrences"]:
            self._occurrence(session_id, occ)

    def _occurrence(self, session_id: int, occ: Row) -> None:
        counts = self.counts["occurrences"]
        attendees = {self.id_of(Person, u) for u in occ["attendees"]}
        starts_at = stored_value(occ["starts_at"])
        self.flush()  # the session and the attendees may be pending inserts
        row = self._sql(
            'SELECT "id", "notes" FROM "session_occurrence" WHERE "session_id" = ? AND "starts_at" = ?',
            (session_id, starts_at),
        ).fetchone()
        changed = False
        if row is None:
            cur = self._sql(
                'INSERT INTO "session_occurrence" ("session_id", "starts_at", "notes") VALUES (?, ?, ?)',
                (session_id, starts_at, occ["notes"]),
            )
            occ_id = int(cur.lastrowid)
            present: set[int] = set()
        else:
            occ_id = int(row[0])
            if row[1] != occ["notes"]:
                self._sql('UPDATE "session_occurrence" SET "notes" = ? WHERE "id" = ?', (occ["notes"], occ_id))
                changed = True
            present = {
                r[0] for r in self._sql('SELECT "person_id" FROM "attendance" WHERE "occurrence_id" = ?', (occ_id,))
            }
        for person_id in sorted(p for p in attendees - present if p is not None):
            self._sql('INSERT INTO "attendance" ("occurrence_id", "person_id") VALUES (?, ?)', (occ_id, person_id))
            changed = True
        if row is None:
            counts.added += 1
        elif changed:
            counts.updated += 1
        else:
            counts.unchanged += 1

    def skill(self, rec: Row) -> None:
        values = self._values(
            rec,
            "uuid",
            "level",
            "rated_on",
            "evidence",
            person=self.id_of(Person, rec["person"]),
            competency=self.competency_id(rec["competency"]),
            rated_by=self.id_of(Person, rec["rated_by"]),
        )
        self._upsert(SkillRating, "skills", values)

    def incident(self, rec: Row) -> None:
        values = self._values(
            rec,
            "uuid",
            "occurred_on",
            "role",
            "severity",
            "title",
            "lessons",
            person=self.id_of(Person, rec["person"]),
            session=self.id_of(Session, rec["session"]),
        )
        self._upsert(Incident, "incidents", values)

    def ownership(self, rec: Row) -> None:
        values = self._values(
            rec, "uuid", "kind", "name", "since", "until", "notes", person=self.id_of(Person, rec["person"])
        )
        self._upsert(Ownership, "ownership", values)

    def kudos(self, rec: Row) -> None:
        values = self._values(
            rec,
            "uuid",
            "given_on",
            "text",
            "for_ref",
            giver=self.id_of(Person, rec["giver"]),
            receiver=self.id_of(Person, rec["receiver"]),
        )
        self._upsert(Kudos, "kudos", values)

    def feedback(self, rec: Row) -> None:
        values = self._values(rec, "uuid", "given_on", "rating", "text", person=self.id_of(Person, rec["person"]))
        self._upsert(Feedback, "feedback", values)

    # -- batches

    def write(self, kind: str, records: list[Row]) -> None:
        """Upsert the top-level records of one kind (as named in the file)."""
        try:
            self._preload(kind, records)
            method = getattr(self, _TOP_METHODS[kind])
            for rec in records:
                method(rec)
            self.flush()
        except sqlite3.Error as exc:
            raise TransferError(str(exc)) from None

    def _preload(self, kind: str, records: list[Row]) -> None:
        """One batched SELECT per model for every uuid the records (and their children) carry."""
        model = _TOP_MODELS.get(kind)
        if model is None:
            return
        self.load(model, (r["uuid"] for r in records))
        if kind == "plans":
            goals = [g for r in records for g in r["goals"]]
            labs = [lab for g in goals for lab in g["labs"]]
            self.load(Goal, (g["uuid"] for g in goals))
            self.load(Lab, (lab["uuid"] for lab in labs))
            self.load(LabItem, (i["uuid"] for lab in labs for i in lab["items"]))
        elif kind == "checkins":
            self.load(ActionItem, (a["uuid"] for r in records for a in r["actions"]))


_TOP_MODELS: dict[str, type[BaseModel]] = {
    "people": Person,
    "mentorships": Mentorship,
    "plans": Plan,
    "checkins": CheckIn,
    "sessions": Session,
    "skills": SkillRating,
    "incidents": Incident,
    "ownership": Ownership,
    "kudos": Kudos,
    "feedback": Feedback,
}
_TOP_METHODS = {
    "people": "person",
    "competencies": "competency",
    "mentorships": "mentorship",
    "plans": "plan",
    "checkins": "checkin",
    "sessions": "session",
    "skills": "skill",
    "incidents": "incident",
    "ownership": "ownership",
    "kudos": "kudos",
    "feedback": "feedback",
}


def _same(key: str, old: Any, new: Any) -> bool:
    if key == "exdates":
        return _stored_exdates(old or "") == new
    return type(old) is type(new) and bool(old == new)
