"""The common records of a file read by code written for their kind (the reader's hot path).

`validate._record` reads any record field by field, looking up each field's
rules as it goes: general, and most of a big import's reading time. Here each
kind's rules are turned once into a Python function (`compile_reader`) that
accepts the common values of that kind inline: text, dates, numbers and
references as the export writes them. Anything else (a missing required key,
an unknown key, a value that needs the full check, a duplicate uuid, dates out
of order) makes the function give up, with nothing noted yet, and
`validate._record` reads the record instead, which accepts it or says what is
wrong. So what is read is exactly what `validate._record` gives; only faster.

Nothing is noted in the file's context (uuids seen, references, counts) until
the whole record, children included, is accepted: a record given up on is
read from scratch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from mentor_tui import schema
from mentor_tui.date_range import FIRST_YEAR, LAST_YEAR
from mentor_tui.exchange import field_readers
from mentor_tui.exchange.file_table import FileContext, Reference
from mentor_tui.exchange.toml_text import key_path
from mentor_tui.text_safety import ANY_CONTROL, strip_controls

# How a plain field's common values are accepted (validate._fast says which a field has)
FAST_KINDS = ANY_STR, NONBLANK, CHOICE, DATE_OK, INT_OK, BOOL_OK, FULL, MOMENT_OK = range(8)

FastReader = Callable[[FileContext, str, Any, int], "dict[str, Any] | None"]


class _Noted:
    """What an accepted record notes in the file's context, kept until all of it is accepted."""

    __slots__ = ("counts", "references", "seen")

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, str]] = {}  # kind -> uuid -> path, as FileContext.seen
        self.references: list[Reference] = []
        self.counts: list[str] = []


def compile_reader(plan: Any) -> FastReader | None:
    """A fast reader for the records of `plan` (validate._ReadPlan), or None when its kind (or a
    child kind) has a field only the full reading handles."""
    lines: list[str] = []
    env: dict[str, Any] = {
        "_MISSING": _MISSING, "_DATE": dt.date, "_MOMENT": dt.datetime, "_UTC": dt.UTC,
        "_FIRST": FIRST_YEAR, "_LAST": LAST_YEAR, "_control": ANY_CONTROL.search, "_strip": strip_controls,
        "_Reference": Reference, "_key_path": key_path, "_order_problem": schema.order_problem,
    }
    if not _function(plan, lines, env):
        return None
    name = _name(plan)
    lines += [
        "def read(ctx, path, data, position):",
        "    noted = _Noted()",
        f"    rec = {name}(ctx, path, data, position, noted)",
        "    if rec is None:",
        "        return None",
        "    for kind, mine in noted.seen.items():",
        "        ctx.seen[kind].update(mine)",
        "    ctx.references.extend(noted.references)",
        "    counts = ctx.counts",
        "    for kind in noted.counts:",
        "        counts[kind] += 1",
        "    return rec",
    ]
    env["_Noted"] = _Noted
    exec("\n".join(lines), env)  # noqa: S102 - code made here from the registry, no outside text
    return env["read"]  # type: ignore[no-any-return]


_MISSING = object()


def _name(plan: Any) -> str:
    return f"_read_{plan.kind.name}"


def _function(plan: Any, lines: list[str], env: dict[str, Any]) -> bool:
    """Append the function for one kind (after its children's); False when it cannot be made."""
    kind = plan.kind
    if kind.name in ("sessions", "occurrences"):  # checked across records (moved apart, unique starts)
        return False
    for child, _key in plan.children:
        if not _function(child, lines, env):
            return False
    k = kind.name
    env[f"_known_{k}"] = frozenset(plan.keys)
    env[f"_kind_{k}"] = kind
    body = [
        f"def {_name(plan)}(ctx, path, data, position, noted):",
        f"    if type(data) is not dict or not data.keys() <= _known_{k}:",
        "        return None",
        "    get = data.get",
        "    rec = {}",
    ]
    for index, (name, key, fast, f, reader) in enumerate(plan.fields):
        env[f"_f_{k}_{index}"] = f
        env[f"_empty_{k}_{index}"] = f.empty
        lines_of = _field(k, index, name, key, fast, f, reader, env)
        if lines_of is None:
            return False
        body += ["    " + line for line in lines_of]
    if kind.dates_in_order or kind.distinct:
        body += [f"    if _order_problem(_kind_{k}, rec) is not None:", "        return None"]
    if kind.positioned:
        body.append('    rec["position"] = position')
    for child, key in plan.children:
        body += [
            f"    value = get({key!r})",
            "    if value is None:",
            f"        rec[{key!r}] = []",
            "    elif type(value) is list:",
            f"        base = _key_path(path, {key!r})",
            "        children = []",
            "        for i, item in enumerate(value):",
            f'            child = {_name(child)}(ctx, f"{{base}}[{{i}}]", item, i, noted)',
            "            if child is None:",
            "                return None",
            "            children.append(child)",
            f"        rec[{key!r}] = children",
            "    else:",
            "        return None",
        ]
    body += [f"    noted.counts.append({k!r})", "    return rec", ""]
    lines += body
    return True


def _field(k: str, index: int, name: str, key: str, fast: int, f: schema.Field, reader: Any,
           env: dict[str, Any]) -> list[str] | None:
    """The lines that read one field into rec[name] or give up (return None); None: cannot be made."""
    empty = f"_empty_{k}_{index}"
    missing = (["elif v is _MISSING:", f"    rec[{name!r}] = {empty}"] if not f.required else [])
    if reader is not None:
        func = getattr(reader, "func", reader)
        if func is field_readers.identity and f.type == schema.LINE:
            return [
                f"v = get({key!r})",
                "if type(v) is not str or not v or v.isspace() or not v.isprintable():",
                "    return None",
                f"mine = noted.seen.get({k!r})",
                "if mine is None:",
                f"    mine = noted.seen[{k!r}] = {{}}",
                f"if v in ctx.seen[{k!r}] or v in mine:",
                "    return None",
                "mine[v] = path",
                f"rec[{name!r}] = v",
            ]
        if reader is field_readers.ref and f.self_word is None:
            env[f"_ref_{k}_{index}"] = f.ref
            return [
                f"v = get({key!r}, _MISSING)",
                "if type(v) is str and v:",
                f"    noted.references.append(_Reference(_ref_{k}_{index}, v, path, {key!r}))",
                f"    rec[{name!r}] = v",
                *(["elif v is _MISSING:", f"    rec[{name!r}] = None"] if not f.required else []),
                "else:",
                "    return None",
            ]
        if reader is field_readers.private:
            # absent: not set at all (never cleared); present (a file that includes them: rare),
            # the full reading checks it
            return [f"if {key!r} in data:", "    return None"]
        return None
    if fast in (ANY_STR, NONBLANK, CHOICE):
        if fast == ANY_STR:
            accepted = "type(v) is str"
        elif fast == NONBLANK:
            accepted = "type(v) is str and v and not v.isspace()"
        else:
            env[f"_choices_{k}_{index}"] = f.choices
            accepted = f"type(v) is str and v in _choices_{k}_{index}"
        if f.type == schema.TEXT:
            return [f"v = get({key!r}, _MISSING)", f"if {accepted}:",
                    *_text_lines(name, empty, f.required, "    "), *missing, "else:", "    return None"]
        return [
            f"v = get({key!r}, _MISSING)",
            f"if {accepted} and (v.isprintable() or _control(v) is None):",
            f"    rec[{name!r}] = {empty} if v == '' and not {f.required!r} else v",
            *missing, "else:", "    return None",
        ]
    if fast == DATE_OK:
        test, value = "type(v) is _DATE and _FIRST <= v.year <= _LAST", "v"
    elif fast == BOOL_OK:
        test, value = "type(v) is bool", "v"
    elif fast == INT_OK:
        env[f"_low_{k}_{index}"], env[f"_high_{k}_{index}"] = f.low, f.high
        test, value = f"type(v) is int and _low_{k}_{index} <= v <= _high_{k}_{index}", "v"
    elif fast == MOMENT_OK:
        test = "type(v) is _MOMENT and v.tzinfo is not None and _FIRST <= v.year <= _LAST"
        value = "v.astimezone(_UTC)"
    else:
        return None
    return [f"v = get({key!r}, _MISSING)", f"if {test}:", f"    rec[{name!r}] = {value}",
            *missing, "else:", "    return None"]


def _text_lines(name: str, empty: str, required: bool, indent: str) -> list[str]:
    """A note's text as validate._record keeps it: one line ending, no control characters."""
    return [
        indent + "if not v.isprintable():",
        indent + "    if '\\r' in v:",
        indent + "        v = v.replace('\\r\\n', '\\n')",
        indent + "    v = _strip(v)",
        indent + f"rec[{name!r}] = {empty} if v == '' and not {required!r} else v",
    ]
