"""Reading one field of a record, per field type (`validate._record` calls them).

Each reader takes the record's table, the field and the record read so far, and
returns the field's value in stored form or fails with the key's path.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from mentor_tui import recurrence, schema
from mentor_tui.date_range import RANGE_WORDS, in_range
from mentor_tui.exchange.file_table import Reference, Table
from mentor_tui.exchange.toml_text import key_path, quote, show
from mentor_tui.text_safety import strip_controls

# recurrence.problem is pure and costly (dateutil), and the same session travels in many files
_rule_problem = functools.lru_cache(maxsize=4096)(recurrence.problem)


def plain(t: Table, f: schema.Field, rec: dict[str, Any]) -> Any:
    value = t.value(f)
    if f.type == schema.TEXT and isinstance(value, str):
        value = strip_controls(value)
    if value is None or (value == "" and not f.required):
        return f.empty
    return value


def identity(t: Table, f: schema.Field, rec: dict[str, Any], *, kind: schema.Kind) -> Any:
    key = f.key or f.name
    value = t.data.get(key)
    if type(value) is not str or not value or value.isspace() or not value.isprintable() or f.type != schema.LINE:
        value = t.value(f)
    seen = t.ctx.seen[kind.name]
    if value in seen:
        what = "competency key" if kind.identity == "key" else "uuid"
        t.ctx.fail(key_path(t.path, key), f"duplicate {what} {quote(value)} (also at {seen[value]})")
    seen[value] = t.path
    return value


def ref(t: Table, f: schema.Field, rec: dict[str, Any]) -> Any:
    key = f.key or f.name
    value = t.data.get(key)
    if type(value) is str and value and f.self_word is None:
        t.ctx.references.append(Reference(f.ref, value, t.path, key))  # type: ignore[arg-type]
        return value
    value = t.value(f)
    if value is None or (f.self_word is not None and value == f.self_word):
        return None
    if not value:
        t.expect(f.file_key, schema.expected(f), value)
    assert f.ref is not None
    t.ctx.references.append(Reference(f.ref, value, t.path, f.file_key))
    return value


def refs(t: Table, f: schema.Field, rec: dict[str, Any]) -> list[str]:
    key = f.file_key
    value = t.data.get(key)
    if value is None:
        if f.required:
            t.fail(key, "required key is missing")
        return []
    if not isinstance(value, list):
        t.expect(key, schema.expected(f), value)
    assert f.ref is not None
    out: list[str] = []
    for i, item in enumerate(value):
        where = f"{t.at(key)}[{i}]"
        if not isinstance(item, str) or not item:
            t.ctx.fail(where, f"expected a {f.ref} uuid, got {show(item)}")
        if item in out:
            t.ctx.fail(where, f"duplicate {quote(item)}")
        t.ctx.references.append(Reference(f.ref, item, where))
        out.append(item)
    return out


def aliases(t: Table, f: schema.Field, rec: dict[str, Any]) -> list[str]:
    value = t.data.get(f.file_key)
    if value is None:
        return []
    problem = schema.value_problem(f, value)
    if problem is not None:
        t.expect(f.file_key, schema.expected(f), value)
    if rec.get("uuid") in value:
        t.fail(f.file_key, "a record's own uuid is not an alias of it")
    return list(value)


def moments(t: Table, f: schema.Field, rec: dict[str, Any]) -> list[dt.datetime]:
    key = f.file_key
    value = t.data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        t.expect(key, schema.expected(f), value)
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, dt.datetime) or item.tzinfo is None or not in_range(item):
            t.ctx.fail(f"{t.at(key)}[{i}]", f"expected an offset date-time (e.g. 2026-10-02T15:00:00Z) {RANGE_WORDS}, got {show(item)}")
        out.append(item.astimezone(dt.UTC).replace(microsecond=0))
    return out


def rule(t: Table, f: schema.Field, rec: dict[str, Any]) -> Any:
    rule = t.value(f)
    if rule is None:
        return None
    body = rule[6:] if rule.upper().startswith("RRULE:") else rule
    problem = _rule_problem(body, rec["starts_at"], rec.get("timezone"))
    if problem:
        t.fail(f.file_key, f"not a usable RRULE: {problem} (got {show(rule)})")
    return body


READERS: dict[str, Callable[[Table, schema.Field, dict[str, Any]], Any]] = {
    schema.REF: ref,
    schema.REFS: refs,
    schema.MOMENTS: moments,
    schema.ALIASES: aliases,
    schema.RULE: rule,
}


def private(t: Table, f: schema.Field, rec: dict[str, Any]) -> Any:
    if not t.ctx.includes_private:
        t.fail(
            f.file_key,
            "private notes in a file that says includes_private = false "
            "(set includes_private = true, or remove them)",
        )
    return plain(t, f, rec)
