"""Validating one exchange file against the record-kind registry (`mentor_tui.schema`).

`parse_file` touches no database. It returns a `ParsedFile` whose records are
normalized (model field names, absent optional values filled in, moments in
UTC) and whose references (person uuids, competency keys, ...) are listed so
the importer can check them against the other files and the database.

Every problem is an `ExchangeError` with one line naming the file, the
record path (`plans[0].goals[2].due_on`) and what was expected. What a field
accepts is the registry's `value_problem`, the same check the forms and the
store use; this module adds what only a file has (types, unknown keys, paths).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor_tui import schema, series
from mentor_tui.date_range import FIRST_YEAR as _FIRST
from mentor_tui.date_range import LAST_YEAR as _LAST
from mentor_tui.exchange import fast_records, field_readers
from mentor_tui.exchange.file_table import FileContext, ParsedFile, Reference, Table
from mentor_tui.exchange.spec import FORMAT_NAME, FORMAT_VERSION, HEADER_KEYS, SCOPES
from mentor_tui.exchange.toml_text import key_path, load_toml, quote, show
from mentor_tui.text_safety import ANY_CONTROL, strip_controls
from mentor_tui.vocabulary import BUILTIN_KEYS

_control = ANY_CONTROL.search  # in a one-line value: a tab or newline too

__all__ = ["BUILTIN_KEYS", "ParsedFile", "Reference", "load_toml", "quote", "show", "validate_document"]


# How a plain field's value is accepted without the full check (the common case).
_ANY_STR, _NONBLANK, _CHOICE, _DATE_OK, _INT_OK, _BOOL_OK, _FULL, _MOMENT_OK = fast_records.FAST_KINDS
_DATE = dt.date
_MOMENT = dt.datetime
_UTC = dt.UTC
_MISSING = object()
Reader = Callable[[Table, schema.Field, dict[str, Any]], Any]


@dataclass(frozen=True)
class _ReadPlan:
    """What reading a record of one kind takes, worked out once from the registry."""

    kind: schema.Kind
    keys: tuple[str, ...]
    fields: tuple[tuple[str, str, int, schema.Field, Reader | None], ...]  # name, key, fast, field, reader
    children: tuple[tuple[_ReadPlan, str], ...]


def _fast(f: schema.Field) -> int:
    if f.longest is not None or f.pattern is not None:
        return _FULL
    if f.any_string:
        return _ANY_STR
    if f.type in (schema.LINE, schema.TEXT):
        return _NONBLANK
    fast = {schema.CHOICE: _CHOICE, schema.DATE: _DATE_OK, schema.INT: _INT_OK, schema.BOOL: _BOOL_OK}
    # every record's updated_at: an aware moment within the years the store reads back
    fast[schema.STAMP] = _MOMENT_OK
    return fast.get(f.type, _FULL)


def _read_plan(kind: schema.Kind) -> _ReadPlan:
    fields = []
    for f in kind.fields:
        reader: Reader | None
        if f.private:
            reader = field_readers.private
        elif f.name == kind.identity and f.type in (schema.LINE, schema.SLUG):
            reader = functools.partial(field_readers.identity, kind=kind)
        else:
            reader = field_readers.READERS.get(f.type)
        fields.append((f.name, f.file_key, _fast(f), f, reader))
    children = tuple((_read_plan(schema.KINDS[c]), schema.KINDS[c].key) for c in kind.children)
    return _ReadPlan(kind, kind.keys, tuple(fields), children)


def _record(ctx: FileContext, plan: _ReadPlan, path: str, data: Any, position: int) -> dict[str, Any]:
    """One record and its children, read and checked field by field (hot: ~500,000 fields
    for 100 files, so the common values are accepted inline and the rest fully checked)."""
    t = Table(ctx, path, data, plan.keys)
    get = t.data.get
    rec: dict[str, Any] = {}
    for name, key, fast, f, reader in plan.fields:
        if reader is not None:
            if reader is field_readers.private and key not in t.data:
                continue  # absent private notes are not set at all (never cleared)
            rec[name] = reader(t, f, rec)
            continue
        v = get(key, _MISSING)
        kind_of_v = type(v)
        if kind_of_v is str:
            if (
                fast == _ANY_STR
                or (fast == _NONBLANK and v and not v.isspace())
                or (fast == _CHOICE and v in f.choices)
            ) and (v.isprintable() or f.type == schema.TEXT or _control(v) is None):
                # (printable: no control character at all, the common case, without a regex)
                if f.type == schema.TEXT and not v.isprintable():
                    if "\r" in v:
                        v = v.replace("\r\n", "\n")  # one line ending in the store
                    v = strip_controls(v)  # never a terminal escape in a note
                rec[name] = f.empty if v == "" and not f.required else v
                continue
        elif (
            (kind_of_v is _DATE and fast == _DATE_OK and _FIRST <= v.year <= _LAST)
            or (kind_of_v is bool and fast == _BOOL_OK)
            or (kind_of_v is int and fast == _INT_OK and f.low <= v <= f.high)  # type: ignore[operator]
        ):
            rec[name] = v
            continue
        elif kind_of_v is _MOMENT and fast == _MOMENT_OK and v.tzinfo is not None and _FIRST <= v.year <= _LAST:
            # in UTC: the parser's own tzinfo cannot be pickled (a worker's result) and a moment is stored in UTC
            rec[name] = v.astimezone(_UTC)
            continue
        elif v is _MISSING and not f.required:
            rec[name] = f.empty
            continue
        rec[name] = field_readers.plain(t, f, rec)  # the full check: converts, or fails with the reason
    kind = plan.kind
    if kind.dates_in_order or kind.distinct:
        clash = schema.order_problem(kind, rec)
        if clash is not None:
            t.fail(kind.field(clash[0]).file_key, clash[1])
    if kind.positioned:
        rec["position"] = position
    for child, key in plan.children:
        rec[key] = [_record(ctx, child, p, d, i) for i, (p, d) in enumerate(t.tables(key))]
    if kind.name == "sessions" and rec.get("occurrences"):
        _moved_apart(t, rec)
    if kind.identity == "starts_at" and kind.parent is not None:
        _unique_occurrence(ctx, path, rec)
    ctx.counts[kind.name] += 1
    return rec


def _records(
    ctx: FileContext, plan: _ReadPlan, doc: dict[str, Any], pairs: list[tuple[str, Any]], consume: bool
) -> list[dict[str, Any]]:
    """The records of one top-level array. With `consume`, each parsed table is let go once
    it is read, so a big file does not hold its parsed and its checked records at once."""
    raw = doc.get(plan.kind.key) if consume else None
    fast = _FAST.get(plan.kind.name)
    out = []
    for i in range(len(pairs)):
        path, data = pairs[i]
        pairs[i] = ("", None)
        if isinstance(raw, list):
            raw[i] = None
        rec = fast(ctx, path, data, i) if fast is not None else None
        if rec is None:
            rec = _record(ctx, plan, path, data, i)
        if plan.kind.name == "plans":
            _goals_within(ctx, path, rec)
        elif plan.kind.name == "checkins":
            _actions_done_after(ctx, path, rec)
        out.append(rec)
        del data
    return out


def _goals_within(ctx: FileContext, path: str, plan: dict[str, Any]) -> None:
    """A plan's goals are due within its dates (as the goal and plan forms require)."""
    for i, goal in enumerate(plan["goals"]):
        problem = schema.due_outside_plan(goal["due_on"], plan["start_on"], plan["target_on"])
        if problem is not None:
            ctx.fail(f"{key_path(path, 'goals')}[{i}].due_on", problem)


def _actions_done_after(ctx: FileContext, path: str, checkin: dict[str, Any]) -> None:
    """An action item is done on or after the check-in that made it (as the check-in form requires)."""
    for i, item in enumerate(checkin["actions"]):
        if item["done_on"] is not None and item["done_on"] < checkin["held_on"]:
            ctx.fail(f"{key_path(path, 'actions')}[{i}].done_on",
                     f"the action item is done ({item['done_on']}) before its check-in was held ({checkin['held_on']})")


def _moved_apart(t: Table, session: dict[str, Any]) -> None:
    """No occurrence of a session is moved onto another one (the form refuses it too)."""
    moved = {o["starts_at"]: o["moved_to"] for o in session["occurrences"] if o.get("moved_to") is not None}
    clash = series.shared_time(session["starts_at"], session.get("timezone"), session.get("rrule"),
                               session.get("exdates") or (), moved) if moved else None
    if clash is not None:
        t.fail("occurrences", series.SHARED_TIME.format(when=clash))


def _unique_occurrence(ctx: FileContext, path: str, rec: dict[str, Any]) -> None:
    # occurrences are told apart by their start, within their session (path up to the last [i])
    parent = path.rsplit(".", 1)[0]
    slot = (parent, rec["starts_at"])
    earlier = ctx.occurrences.get(slot)
    if earlier is not None:
        ctx.fail(key_path(path, "starts_at"), f"duplicate occurrence (also at {earlier})")
    ctx.occurrences[slot] = path


# ---------------------------------------------------------------- the whole document


def _header(ctx: FileContext, doc: Any) -> None:
    if not isinstance(doc, dict):
        ctx.fail("", "expected a TOML table at the top level")
    # format and version first: a file that is not ours should say so, not list its keys
    if "format" not in doc:
        ctx.fail("format", f'required key is missing (a mentor-tui file starts with format = "{FORMAT_NAME}")')
    if doc["format"] != FORMAT_NAME:
        ctx.fail("format", f'expected "{FORMAT_NAME}", got {show(doc["format"])}')
    if "version" not in doc:
        ctx.fail("version", "required key is missing")
    version = doc["version"]
    if type(version) is not int or version < 1:
        ctx.fail("version", f"expected an integer version number ({FORMAT_VERSION}), got {show(version)}")
    if version > FORMAT_VERSION:
        ctx.fail(
            "version",
            f"the file is format version {show(version)}, written by a newer mentor-tui; "
            f"this one reads version {FORMAT_VERSION} (upgrade mentor-tui)",
        )


_HEADER_FIELDS = (
    schema.Field("exported_at", schema.MOMENT),
    schema.Field("exported_by", schema.LINE, nonblank=True),
    schema.Field("generator", schema.LINE),
    schema.Field("scope", schema.CHOICE, choices=SCOPES),
    schema.Field("includes_private", schema.BOOL),
)
_ARRAY_KEYS = tuple(schema.KINDS[k].key for k in schema.TOP_KINDS)
TOP_KEYS = HEADER_KEYS + _ARRAY_KEYS


_PLANS = {name: _read_plan(schema.KINDS[name]) for name in schema.TOP_KINDS}
# the common records of most kinds, read by code made for the kind (`fast_records`)
_FAST = {
    name: reader for name, plan in _PLANS.items()
    if (reader := fast_records.compile_reader(plan)) is not None
}


def validate_document(
    doc: Any, display: str, path: Path | None = None, template: bool = False, consume: bool = False
) -> ParsedFile:
    """Check a parsed document against the format; return its normalized records.

    A plan template (scope "template") is read only as one (`template=True`, exchange/templates.py).
    `consume`: the document is not used afterwards, and is emptied as it is read."""
    ctx, header = begin(doc, display, template)
    records: dict[str, list[dict[str, Any]]] = {name: [] for name in schema.TOP_KINDS}
    read_arrays(ctx, doc, records, consume)
    return finish(ctx, header, records, path if path is not None else Path(display), doc["version"])


def begin(doc: Any, display: str, template: bool = False) -> tuple[FileContext, dict[str, Any]]:
    """The checked header of a document (format, version, exported_at, ...) and a context to read its records in."""
    ctx = FileContext(display)
    _header(ctx, doc)
    if doc.get("scope") == "template" and not template:
        ctx.fail("scope", 'a plan template, not an export: start a plan from it with `mentor-tui new-plan '
                          '--template KEY` (or n in Plans) after putting it in the templates folder')
    top = Table(ctx, "", doc, TOP_KEYS)
    header = {f.name: top.value(f) for f in _HEADER_FIELDS}
    ctx.includes_private = bool(header["includes_private"])
    return ctx, header


def read_arrays(
    ctx: FileContext, doc: dict[str, Any], records: dict[str, list[dict[str, Any]]], consume: bool,
    pack: Callable[[str, list[dict[str, Any]]], bool] | None = None, piece: bool = False,
) -> None:
    """Read the top-level arrays of a document (or of one piece of a file: `ctx.counts` says
    where its arrays start) into `records`; `pack(kind, records)` may keep a kind's records apart."""
    top = Table(ctx, "", doc, _ARRAY_KEYS if piece else TOP_KEYS)  # a piece has no header
    for name in schema.TOP_KINDS:
        plan = _PLANS[name]
        found = _records(ctx, plan, doc, top.tables(plan.kind.key, ctx.counts[name]), consume)
        if found and (pack is None or not pack(name, found)):
            records[name].extend(found)


def finish(
    ctx: FileContext, header: dict[str, Any], records: dict[str, list[dict[str, Any]]], path: Path, version: int
) -> ParsedFile:
    defined = {ref: set(ctx.seen[kind]) for ref, kind in schema.REFERABLE.items()}
    return ParsedFile(
        path=path,
        display=ctx.display,
        includes_private=ctx.includes_private,
        scope=header["scope"],
        records=records,
        references=ctx.references,
        defined=defined,
        counts=dict(ctx.counts),
        version=version,
        exported_at=header["exported_at"],
        exported_by=header["exported_by"],
    )
