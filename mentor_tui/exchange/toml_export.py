"""Exporting to the TOML exchange format (FORMAT.md).

    doc = build_document(persons=["Ana Ruiz"], include_private=False)
    count_records(doc)          # {"people": 2, "plans": 1, "goals": 7, ...} for a preview
    write_document(doc, path)   # atomic, mode 0600; or dumps(doc) for stdout

Each record is built from an explicit allow-list of fields: a new column in
the database never leaks into an export by accident. Private notes are written
only when asked for by name (`include_private`), and the header says so.
Records come in a stable order (id, or position within their parent) so the
same data always gives the same file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import tomli_w

from mentor_tui import clock
from mentor_tui.db import people, transfer
from mentor_tui.db.models import from_utc_text
from mentor_tui.exchange.atomic import write_atomic
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.spec import FORMAT_NAME, FORMAT_VERSION, GENERATOR, KINDS, TOP_ARRAYS

Record = dict[str, Any]


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _put(rec: Record, key: str, value: Any) -> None:
    """Set an optional value; absent (None or empty) values are left out."""
    if value is not None and value != "" and value != []:
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
    person = g.person_uuid
    competency = g.competency_key
    out: dict[str, list[Record]] = {}

    out["people"] = []
    for r in g.people:
        rec: Record = {"uuid": r["uuid"], "name": r["name"], "role": r["role"]}
        _put(rec, "email", r["email"])
        out["people"].append(rec)

    out["competencies"] = [
        {"key": r["key"], "name": r["name"], "description": r["description"]} for r in g.competencies
    ]

    out["mentorships"] = []
    for r in g.mentorships:
        rec = {"uuid": r["uuid"], "mentor": person[r["mentor"]], "mentee": person[r["mentee"]]}
        rec["started_on"] = r["started_on"]
        _put(rec, "ended_on", r["ended_on"])
        rec["focus"] = r["focus"]
        rec["cadence_days"] = r["cadence_days"]
        out["mentorships"].append(rec)

    items_of: dict[int, list[Record]] = defaultdict(list)
    for r in g.items:
        rec = {"uuid": r["uuid"], "text": r["text"], "done": bool(r["done"])}
        _put(rec, "done_on", r["done_on"])
        _put(rec, "evidence", r["evidence"])
        items_of[r["lab"]].append(rec)
    labs_of: dict[int, list[Record]] = defaultdict(list)
    for r in g.labs:
        rec = {"uuid": r["uuid"], "title": r["title"]}
        _put(rec, "detail", r["detail"])
        _put(rec, "link", r["link"])
        _put(rec, "last_practised_on", r["last_practised_on"])
        _put(rec, "items", items_of.get(r["id"]))
        labs_of[r["goal"]].append(rec)
    goals_of: dict[int, list[Record]] = defaultdict(list)
    for r in g.goals:
        rec = {"uuid": r["uuid"], "title": r["title"]}
        if r["competency"] is not None:
            rec["competency"] = competency[r["competency"]]
        rec["kind"] = r["kind"]
        _put(rec, "phase", r["phase"])
        _put(rec, "due_on", r["due_on"])
        rec["status"] = r["status"]
        _put(rec, "done_on", r["done_on"])
        _put(rec, "detail", r["detail"])
        _put(rec, "labs", labs_of.get(r["id"]))
        goals_of[r["plan"]].append(rec)
    out["plans"] = []
    for r in g.plans:
        rec = {"uuid": r["uuid"], "owner": person[r["owner"]]}
        if r["mentor"] is not None:
            rec["mentor"] = person[r["mentor"]]
        rec["title"] = r["title"]
        rec["kind"] = r["kind"]
        _put(rec, "template", r["template"])
        rec["start_on"] = r["start_on"]
        _put(rec, "target_on", r["target_on"])
        rec["status"] = r["status"]
        _put(rec, "goals", goals_of.get(r["id"]))
        out["plans"].append(rec)

    actions_of: dict[int, list[Record]] = defaultdict(list)
    for r in g.actions:
        rec = {"uuid": r["uuid"], "text": r["text"]}
        if r["owner"] is not None:
            rec["owner"] = person[r["owner"]]
        _put(rec, "due_on", r["due_on"])
        _put(rec, "done_on", r["done_on"])
        actions_of[r["checkin"]].append(rec)
    out["checkins"] = []
    for r in g.checkins:
        rec = {
            "uuid": r["uuid"],
            "mentorship": g.mentorship_uuid[r["mentorship"]],
            "held_on": r["held_on"],
            "progress": r["progress"],
            "blockers": r["blockers"],
            "next_steps": r["next_steps"],
        }
        _put(rec, "confidence", r["confidence"])
        if include_private:
            _put(rec, "private_notes", r["private_notes"] or None)  # only notes that exist
        _put(rec, "actions", actions_of.get(r["id"]))
        out["checkins"].append(rec)

    attendees_of: dict[int, list[str]] = defaultdict(list)
    for r in g.attendance:
        attendees_of[r["occurrence"]].append(person[r["person"]])
    occurrences_of: dict[int, list[Record]] = defaultdict(list)
    for r in g.occurrences:
        occurrences_of[r["session"]].append(
            {
                "starts_at": _utc(r["starts_at"]),
                "notes": r["notes"],
                "attendees": sorted(attendees_of.get(r["id"], [])),
            }
        )
    out["sessions"] = []
    for r in g.sessions:
        rec = {"uuid": r["uuid"], "title": r["title"], "kind": r["kind"], "starts_at": _utc(r["starts_at"])}
        _put(rec, "timezone", r["timezone"])
        rec["duration_minutes"] = r["duration_minutes"]
        _put(rec, "rrule", r["rrule"])
        _put(rec, "exdates", _exdates(r["exdates"]))
        if r["presenter"] is not None:
            rec["presenter"] = person[r["presenter"]]
        _put(rec, "link", r["link"])
        _put(rec, "notes", r["notes"])
        _put(rec, "occurrences", occurrences_of.get(r["id"]))
        out["sessions"].append(rec)

    out["skills"] = []
    for r in g.skills:
        rec = {
            "uuid": r["uuid"],
            "person": person[r["person"]],
            "competency": competency[r["competency"]],
            "level": r["level"],
            "rated_on": r["rated_on"],
            "rated_by": "self" if r["rated_by"] is None else person[r["rated_by"]],
        }
        _put(rec, "evidence", r["evidence"])
        out["skills"].append(rec)

    out["incidents"] = []
    for r in g.incidents:
        rec = {
            "uuid": r["uuid"],
            "person": person[r["person"]],
            "occurred_on": r["occurred_on"],
            "role": r["role"],
            "severity": r["severity"],
            "title": r["title"],
        }
        _put(rec, "lessons", r["lessons"])
        if r["session"] is not None:
            rec["session"] = g.session_uuid[r["session"]]
        out["incidents"].append(rec)

    out["ownership"] = []
    for r in g.ownership:
        rec = {"uuid": r["uuid"], "person": person[r["person"]], "kind": r["kind"], "name": r["name"]}
        rec["since"] = r["since"]
        _put(rec, "until", r["until"])
        _put(rec, "notes", r["notes"])
        out["ownership"].append(rec)

    out["kudos"] = []
    for r in g.kudos:
        rec = {"uuid": r["uuid"]}
        if r["giver"] is not None:
            rec["from"] = person[r["giver"]]
        rec["to"] = person[r["receiver"]]
        rec["given_on"] = r["given_on"]
        rec["text"] = r["text"]
        _put(rec, "for", r["for_ref"])
        out["kudos"].append(rec)

    out["feedback"] = []
    for r in g.feedback:
        rec = {"uuid": r["uuid"], "given_on": r["given_on"], "rating": r["rating"], "text": r["text"]}
        if r["person"] is not None:
            rec["person"] = person[r["person"]]
        out["feedback"].append(rec)
    return out


def _exdates(text: str) -> list[dt.datetime]:
    moments = set()
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            try:
                moments.add(_utc(from_utc_text(line)))
            except ValueError:
                continue  # a damaged line is not worth failing the export for
    return sorted(moments)


# ---------------------------------------------------------------- counting (for a preview)


_NESTED = {"plans": "goals", "goals": "labs", "labs": "items", "checkins": "actions", "sessions": "occurrences"}


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


def _prepare(value: Any) -> Any:
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
    return "".join(out)


def write_document(doc: Mapping[str, Any], path: Path | str) -> Path:
    """Write the document to `path` atomically (temp file beside it, fsync, rename), mode 0600."""
    path = Path(path)
    try:
        return write_atomic(path, dumps(doc), mode=0o600)
    except OSError as exc:
        raise ExchangeError(f"cannot write {path}: {exc.strerror or exc}") from None
