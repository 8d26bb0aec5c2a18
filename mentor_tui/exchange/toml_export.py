"""Exporting to the TOML exchange format (FORMAT.md).

    doc = build_document(persons=["Ana Ruiz"], include_private=False)
    count_records(doc)          # {"people": 2, "plans": 1, "goals": 7, ...} for a preview
    write_document(doc, path)   # atomic, mode 0600; or dumps(doc) for stdout

Each record is built from an explicit allow-list of fields: a new column in
the database never leaks into an export by accident. Private notes are written
only when asked for by name (`include_private`), and the header says so; and
only the mentor's own (of check-ins where "me" is the mentor), never notes that
came in with an import from another mentor.
Records come in a stable order (id, or position within their parent) so the
same data always gives the same file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import tomli_w

from mentor_tui import clock, schema
from mentor_tui.db import people, transfer
from mentor_tui.exchange.atomic import write_atomic
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.spec import FORMAT_NAME, FORMAT_VERSION, GENERATOR, KINDS, TOP_ARRAYS

Record = dict[str, Any]


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _put(rec: Record, key: str, value: Any) -> None:
    """Set an optional value; absent (None, empty or false) values are left out."""
    if value is not None and value is not False and value != "" and value != [] and value != ():
        rec[key] = value


def build_document(
    persons: Iterable[str] = (), plans: Iterable[str] = (), include_private: bool = False
) -> dict[str, Any]:
    """The export as a TOML-ready dict. `persons` are names or uuids, `plans` uuids.

    Nothing selected: everything (scope "team"). Only persons: scope "person";
    only plans: scope "plan"; both: their union, scope "team".
    Raises ExchangeError for a person or plan that is not in the database.
    """
    person_names = list(persons)
    plan_uuids = list(plans)
    person_ids = []
    for name in person_names:
        try:
            person_ids.append(people.find(name).id)
        except people.PersonNotFound as exc:
            raise ExchangeError(str(exc)) from None
    plan_ids = []
    for plan_uuid in plan_uuids:
        plan_id = transfer.plan_id_by_uuid(plan_uuid)
        if plan_id is None:
            raise ExchangeError(f"no plan with uuid {plan_uuid!r}")
        plan_ids.append(plan_id)
    if person_ids and not plan_ids:
        scope = "person"
    elif plan_ids and not person_ids:
        scope = "plan"
    else:
        scope = "team"
    g = transfer.gather(person_ids, plan_ids)
    doc: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": _utc(clock.now()),
        **({"exported_by": me.uuid} if (me := people.me()) is not None else {}),
        "generator": GENERATOR,
        "scope": scope,
        "includes_private": bool(include_private),
    }
    arrays = _records(g, include_private)
    for kind in TOP_ARRAYS:
        if arrays.get(kind):
            doc[kind] = arrays[kind]
    return doc


def _records(g: transfer.Gathered, include_private: bool) -> dict[str, list[Record]]:
    """The file's records, built field by field from the registry (its order is the file's)."""
    refs: dict[str, Mapping[int, str]] = {
        "person": g.person_uuid,
        "competency": g.competency_key,
        "mentorship": g.mentorship_uuid,
        "session": g.session_uuid,
    }
    me = people.me()
    # An empty private note is written only by the mentor's own database (it clears an
    # older one on import); anyone else's empty note says nothing.
    mentored_here = {m["id"] for m in g.mentorships if me is not None and m["mentor"] == me.id}
    attendees_of: dict[int, list[str]] = defaultdict(list)
    for r in g.attendance:
        attendees_of[r["occurrence"]].append(g.person_uuid[r["person"]])
    built: dict[str, dict[int, list[Record]]] = {}  # child kind -> parent id -> records
    out: dict[str, list[Record]] = {}
    # children before their parents, so a parent finds its children built
    for name in reversed(schema.KINDS):
        kind = schema.KINDS[name]
        rows = getattr(g, name)
        records = [
            _record(kind, r, refs, attendees_of, g.aliases, built, include_private, mentored_here) for r in rows
        ]
        if kind.parent is None:
            out[name] = records
        else:
            by_parent: dict[int, list[Record]] = defaultdict(list)
            for r, rec in zip(rows, records, strict=True):
                by_parent[r[kind.parent_field]].append(rec)
            built[name] = by_parent
    return out


def _record(
    kind: schema.Kind,
    row: Mapping[str, Any],
    refs: Mapping[str, Mapping[int, str]],
    attendees_of: Mapping[int, list[str]],
    aliases_of: Mapping[int, list[str]],
    built: Mapping[str, Mapping[int, list[Record]]],
    include_private: bool,
    mentored_here: set[int],
) -> Record:
    rec: Record = {}
    for f in kind.fields:
        # a private note goes out only when asked for, and only the mentor's own: those of check-ins
        # where "me" is the mentor (the only ones the app shows me; others came in with an import)
        if f.private and not (include_private and row.get("mentorship") in mentored_here):
            continue
        if f.type == schema.ALIASES:
            _put(rec, f.file_key, aliases_of.get(row["id"]))
            continue
        if f.type == schema.REFS:
            value: Any = sorted(attendees_of.get(row["id"], []))
        else:
            value = row[f.name]
            if f.type == schema.REF:
                value = f.self_word if value is None else refs[f.ref or ""][value]
            elif f.type == schema.MOMENT:
                value = None if value is None else _utc(value)
            elif f.type == schema.STAMP:
                value = None if value is None else _stamp(value)
            elif f.type == schema.MOMENTS:
                value = list(value)  # the store's field gives them sorted, distinct, in UTC
            elif f.type == schema.BOOL:
                value = bool(value)
        if f.required or (f.private and row.get("mentorship") in mentored_here):
            rec[f.file_key] = value
        else:
            _put(rec, f.file_key, value)
    for child in kind.children:
        _put(rec, schema.KINDS[child].key, built[child].get(row["id"]))
    return rec


# ---------------------------------------------------------------- counting (for a preview)


# kind -> its child kind (every kind has at most one)
_NESTED = {name: kind.children[0] for name, kind in schema.KINDS.items() if kind.children}


def count_records(doc: Mapping[str, Any]) -> dict[str, int]:
    """Records per kind in a document, nested ones (goals, labs, items, ...) included."""
    counts = dict.fromkeys(KINDS, 0)

    def walk(kind: str, records: Any) -> None:
        if not isinstance(records, list):
            return
        counts[kind] += len(records)
        child = _NESTED.get(kind)
        if child is not None:
            for rec in records:
                if isinstance(rec, Mapping):
                    walk(child, rec.get(child))

    for kind in TOP_ARRAYS:
        walk(kind, doc.get(kind))
    return counts


# ---------------------------------------------------------------- writing


class _UTCMoment(dt.datetime):
    """A UTC datetime that tomli-w writes as `2026-11-26T10:15:00Z` (it uses str())."""

    def __str__(self) -> str:
        return self.strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(value: dt.datetime) -> _UTCMoment:
    if value.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    v = _utc(value)
    return _UTCMoment(v.year, v.month, v.day, v.hour, v.minute, v.second, tzinfo=dt.UTC)


class _UTCStamp(dt.datetime):
    """`updated_at`, written to the millisecond: `2026-11-26T10:15:00.250Z`."""

    def __str__(self) -> str:
        return self.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _stamp(value: dt.datetime) -> _UTCStamp:
    v = value.astimezone(dt.UTC)
    return _UTCStamp(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond // 1000 * 1000, tzinfo=dt.UTC)


def _prepare(value: Any) -> Any:
    if isinstance(value, _UTCStamp):
        return value
    if isinstance(value, dt.datetime):
        return _moment(value)
    if isinstance(value, list):
        return [_prepare(v) for v in value]
    return value


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _emit(out: list[str], table: Mapping[str, Any], name: str) -> None:
    """A table's `key = value` lines (via tomli-w), then its arrays of tables as [[name.key]]."""
    scalars = {k: _prepare(v) for k, v in table.items() if not _is_table_array(v)}
    if scalars:
        out.append(tomli_w.dumps(scalars, multiline_strings=True))
    for key, records in table.items():
        if not _is_table_array(records):
            continue
        full = f"{name}.{key}" if name else key
        for rec in records:
            out.append(f"\n[[{full}]]\n")
            _emit(out, rec, full)


def dumps(doc: Mapping[str, Any]) -> str:
    """The document as TOML text: header keys, then one [[kind]] table per record."""
    out: list[str] = []
    _emit(out, doc, "")
    text = "".join(out)
    # tomli-w escapes C0 controls but writes C1 ones (8-bit CSI, OSC) raw: never to a terminal.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _C1.search(text) else text


_C1 = re.compile(r"[\x80-\x9f]")  # only ever inside strings, and tomli-w writes basic strings


def write_document(doc: Mapping[str, Any], path: Path | str) -> Path:
    """Write the document to `path` atomically (temp file beside it, fsync, rename), mode 0600."""
    path = Path(path)
    try:
        return write_atomic(path, dumps(doc), mode=0o600)
    except OSError as exc:
        raise ExchangeError(f"cannot write {path}: {exc.strerror or exc}") from None
