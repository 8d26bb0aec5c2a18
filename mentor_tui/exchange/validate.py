"""Reading one exchange file: size cap, strict parse, and validation of every record.

`parse_file` touches no database. It returns a `ParsedFile` whose records are
normalized (model field names, absent optional values filled in, moments in
UTC) and whose references (person uuids, competency keys, ...) are listed so
the importer can check them against the other files and the database.

Every problem is an `ExchangeError` with one line naming the file, the
record path (`plans[0].goals[2].due_on`) and what was expected.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn
from zoneinfo import ZoneInfo

# The same parser as stdlib tomllib (vendored from it), compiled: about 3x faster.
import tomli

from mentor_tui import recurrence
from mentor_tui.db.models import (
    BUILTIN_COMPETENCIES,
    GOAL_KINDS,
    GOAL_STATUSES,
    INCIDENT_ROLES,
    OWNERSHIP_KINDS,
    PLAN_KINDS,
    PLAN_STATUSES,
    ROLES,
    SESSION_KINDS,
    SEVERITIES,
)
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.spec import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KINDS,
    MAX_FILE_BYTES,
    SCOPES,
    TOP_ARRAYS,
    TOP_KEYS,
)

BUILTIN_KEYS = frozenset(key for key, _name, _description in BUILTIN_COMPETENCIES)
MAX_DOTTED_PARTS = 64
# A key line or table header with very many dotted parts: tomllib takes time
# quadratic in the number of parts (30,000 parts: 15 s), so such files are refused first.
_LONG_DOTTED_KEY = re.compile(
    r"^[ \t]*\[{0,2}[ \t]*(?:(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.[ \t]*)"
    + f"{{{MAX_DOTTED_PARTS},}}",
    re.MULTILINE,
)
_RRULE_PARTS = frozenset(
    ["FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"]
)
_FREQS = frozenset(["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
_RRULE_VALUE = re.compile(r"^[A-Za-z0-9,+\-:TZ]+$")

# recurrence.problem is pure and costly (dateutil), and the same session travels in many files
_rrule_problem = functools.lru_cache(maxsize=4096)(recurrence.problem)


class Reference(NamedTuple):
    """A reference to check; its path is only spelled out for an error message.

    `where` is the full path, or with `key` the path of the table holding it.
    """

    kind: str  # person | mentorship | competency | session
    value: str
    where: str
    key: str | None = None

    @property
    def path(self) -> str:
        return self.where if self.key is None else _key_path(self.where, self.key)


@dataclass
class ParsedFile:
    """One validated file: its records per top-level kind, normalized."""

    path: Path
    display: str
    includes_private: bool
    scope: str | None
    records: dict[str, list[dict[str, Any]]]
    references: list[Reference] = field(default_factory=list)
    # uuids (competency keys) defined in this file, per referable kind
    defined: dict[str, set[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # records per kind, nested ones too


# ---------------------------------------------------------------- showing values in messages


def show(value: Any, limit: int = 60) -> str:
    """A short one-line rendering of a value for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value, limit)
    if isinstance(value, int):
        digits = str(value)  # ints from tomllib have at most 4,300 digits
        return digits if len(digits) <= 20 else f"{digits[:12]}… ({len(digits)} digits)"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        kind = "an offset date-time" if value.tzinfo is not None else "a local date-time"
        return f"{kind} {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"a date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"a time {value.isoformat()}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def quote(text: str, limit: int = 60) -> str:
    """`text` in double quotes, control and line-break characters escaped, capped."""
    cut = len(text) > limit
    text = text[:limit]
    out = []
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + ('…"' if cut else '"')


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_KEY_PARTS: dict[str, str] = {}  # key -> how it is spelled in a path, for the keys of the format


def _key_path(base: str, key: str) -> str:
    part = _KEY_PARTS.get(key)
    if part is None:
        part = key if _BARE_KEY.fullmatch(key) else quote(key, 40)
    return f"{base}.{part}" if base else part


# ---------------------------------------------------------------- reading the file


def load_toml(path: Path, display: str | None = None) -> dict[str, Any]:
    """The parsed TOML of `path`, or an ExchangeError naming the file."""
    name = display if display is not None else str(path)
    bad = f"{name}: not a valid mentor-tui file"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ExchangeError(f"{name}: no such file") from None
    except OSError as exc:
        raise ExchangeError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ExchangeError(f"{name}: is a folder, not a file")
    if info.st_size > MAX_FILE_BYTES:
        raise ExchangeError(f"{bad}: it is larger than 10 MiB ({info.st_size} bytes)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ExchangeError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError(f"{bad}: it is larger than 10 MiB")
    if b"\x00" in data:
        raise ExchangeError(f"{bad}: it is binary, not TOML text (NUL byte at offset {data.index(0)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{bad}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _LONG_DOTTED_KEY.search(text):
        raise ExchangeError(f"{bad}: a dotted key has {MAX_DOTTED_PARTS} or more parts")
    try:
        doc = tomli.loads(text)
    except RecursionError:
        raise ExchangeError(f"{bad}: arrays or tables are nested too deeply") from None
    except MemoryError:
        raise ExchangeError(f"{bad}: too large to read") from None
    except tomli.TOMLDecodeError as exc:
        raise ExchangeError(f"{bad}: {exc}") from None
    except (ValueError, UnicodeError, OverflowError) as exc:
        if "integer string conversion" in str(exc):
            raise ExchangeError(f"{bad}: an integer has more than 4300 digits") from None
        raise ExchangeError(f"{bad}: {exc}") from None
    return doc


# ---------------------------------------------------------------- validating records


class _FileContext:
    def __init__(self, display: str) -> None:
        self.display = display
        self.references: list[Reference] = []
        self.seen: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
        self.occurrences = 0

    def fail(self, path: str, message: str) -> NoReturn:
        where = f"{self.display}: {path}: " if path else f"{self.display}: "
        raise ExchangeError(where + message)

    def define(self, kind: str, value: str, record: str, key: str = "uuid", what: str = "uuid") -> None:
        """`value` (at `record`.`key`) names a record of `kind`; it must be the only one."""
        seen = self.seen[kind]
        earlier = seen.get(value)
        if earlier is not None:
            self.fail(_key_path(record, key), f"duplicate {what} {quote(value)} (also at {earlier})")
        seen[value] = record


_KNOWN_SETS: dict[tuple[str, ...], frozenset[str]] = {}
_DATE = dt.date


class _Table:
    """One table of the file: typed getters that fail with the key's path."""

    def __init__(self, ctx: _FileContext, path: str, data: Any, known: Iterable[str]) -> None:
        self.ctx = ctx
        self.path = path
        if type(data) is not dict and not isinstance(data, dict):
            ctx.fail(path, f"expected a table, got {show(data)}")
        self.data: dict[str, Any] = data
        known = known if type(known) is tuple else tuple(known)
        known_set = _KNOWN_SETS.get(known)
        if known_set is None:
            known_set = _KNOWN_SETS[known] = frozenset(known)
            for k in known:
                _KEY_PARTS[k] = k if _BARE_KEY.fullmatch(k) else quote(k, 40)
        if not data.keys() <= known_set:
            unknown = [k for k in data if k not in known_set]
            names = ", ".join(quote(k, 40) for k in unknown[:5])
            hint = ""
            if len(unknown) == 1:
                close = difflib.get_close_matches(unknown[0], known, n=1)
                if close:
                    hint = f" (did you mean {close[0]!r}?)"
            noun = "key" if len(unknown) == 1 else "keys"
            if not path:
                noun = "top-level " + noun
            ctx.fail(path, f"unknown {noun} {names}{hint}")

    def at(self, key: str) -> str:
        return _key_path(self.path, key)

    def fail(self, key: str, message: str) -> NoReturn:
        self.ctx.fail(self.at(key), message)

    def _value(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                self.ctx.fail(self.at(key), "required key is missing")
            return None
        return self.data[key]

    def expect(self, key: str, what: str, value: Any) -> NoReturn:
        self.fail(key, f"expected {what}, got {show(value)}")

    def string(self, key: str, required: bool = True, nonblank: bool = False) -> str | None:
        value = self.data.get(key)
        # the common case, checked cheaply (a string is blank when empty or all whitespace)
        if type(value) is str and (not nonblank or (value and not value.isspace())):
            return value.replace("\r\n", "\n")
        value = self._value(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.expect(key, "a string", value)
        if nonblank and not value.strip():
            self.expect(key, "a non-empty string", value)
        # One line ending in the store, whatever editor wrote the file (and an
        # export, which writes multi-line strings, reads back unchanged).
        return value.replace("\r\n", "\n")

    def req_string(self, key: str, nonblank: bool = False) -> str:
        value = self.string(key, True, nonblank)
        assert value is not None
        return value

    def optional_text(self, key: str) -> str | None:
        """An optional string stored as NULL when absent or empty."""
        value = self.string(key, required=False)
        return value or None

    def text(self, key: str, required: bool = True) -> str:
        """A (Markdown) text; absent (when optional) means empty."""
        value = self.string(key, required)
        return value or ""

    def date(self, key: str, required: bool = True) -> dt.date | None:
        value = self.data.get(key)
        if type(value) is _DATE:
            return value  # type: ignore[no-any-return]
        value = self._value(key, required)
        if value is None:
            return None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            self.expect(key, "a date (YYYY-MM-DD)", value)
        return value

    def req_date(self, key: str) -> dt.date:
        value = self.date(key, True)
        assert value is not None
        return value

    def moment(self, key: str, required: bool = True) -> dt.datetime | None:
        value = self._value(key, required)
        if value is None:
            return None
        return self._moment(key, value)

    def _moment(self, key: str, value: Any) -> dt.datetime:
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            self.expect(key, "an offset date-time (e.g. 2026-10-02T15:00:00Z)", value)
        return value.astimezone(dt.UTC).replace(microsecond=0)

    def integer(self, key: str, low: int, high: int, required: bool = True) -> int | None:
        value = self.data.get(key)
        if type(value) is int and low <= value <= high:
            return value
        value = self._value(key, required)
        if value is None:
            return None
        if type(value) is not int or not low <= value <= high:
            self.expect(key, f"an integer from {low} to {high}", value)
        return value

    def req_integer(self, key: str, low: int, high: int) -> int:
        value = self.integer(key, low, high, True)
        assert value is not None
        return value

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if value is True or value is False:
            return value
        value = self._value(key, True)
        if not isinstance(value, bool):
            self.expect(key, "true or false", value)
        return value

    def choice(self, key: str, choices: Iterable[str]) -> str:
        value = self.data.get(key)
        if type(value) is str and type(choices) is tuple and value in choices:
            return value
        value = self._value(key, True)
        choices = tuple(choices)
        if not isinstance(value, str) or value not in choices:
            self.expect(key, "one of " + ", ".join(f'"{c}"' for c in choices), value)
        return value

    def ref(self, key: str, kind: str, required: bool = True) -> str | None:
        value = self.data.get(key)
        if type(value) is not str or not value:
            value = self._value(key, required)
            if value is None:
                return None
            what = "a competency key" if kind == "competency" else f"a {kind} uuid"
            if not isinstance(value, str) or not value:
                self.expect(key, what, value)
        self.ctx.references.append(Reference(kind, value, self.path, key))
        return value

    def req_ref(self, key: str, kind: str) -> str:
        value = self.ref(key, kind, True)
        assert value is not None
        return value

    def uuid(self, kind: str) -> str:
        value = self.data.get("uuid")
        if type(value) is not str or not value:
            value = self._value("uuid", True)
            if not isinstance(value, str) or not value:
                self.expect("uuid", "a non-empty string", value)
        self.ctx.define(kind, value, self.path)
        return value

    def tables(self, key: str, required: bool = False) -> list[tuple[str, Any]]:
        """(path, table) of an array of tables; absent means none."""
        value = self._value(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.expect(key, f"an array of tables ([[{key}]])", value)
        base = self.at(key)
        return [(f"{base}[{i}]", item) for i, item in enumerate(value)]

    def order(self, first: str, first_value: Any, last: str, last_value: Any) -> None:
        if first_value is not None and last_value is not None and last_value < first_value:
            self.fail(last, f"expected a date on or after {first} ({first_value}), got {last_value}")


def _person(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "name", "role", "email"))
    return {
        "uuid": t.uuid("people"),
        "name": t.req_string("name", nonblank=True),
        "role": t.choice("role", ROLES),
        "email": t.optional_text("email"),
    }


_COMPETENCY_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _competency(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("key", "name", "description"))
    key = t.req_string("key")
    if len(key) > 100 or not _COMPETENCY_KEY.match(key):
        t.expect("key", "a slug of lower-case letters, digits and dashes (e.g. chaos-engineering)", key)
    ctx.define("competencies", key, t.path, "key", what="competency key")
    return {"key": key, "name": t.req_string("name", nonblank=True), "description": t.text("description")}


def _mentorship(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "mentor", "mentee", "started_on", "ended_on", "focus", "cadence_days"))
    rec: dict[str, Any] = {
        "uuid": t.uuid("mentorships"),
        "mentor": t.req_ref("mentor", "person"),
        "mentee": t.req_ref("mentee", "person"),
        "started_on": t.req_date("started_on"),
        "ended_on": t.date("ended_on", required=False),
        "focus": t.text("focus"),
        "cadence_days": t.req_integer("cadence_days", 1, 366),
    }
    t.order("started_on", rec["started_on"], "ended_on", rec["ended_on"])
    return rec


def _plan(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(
        ctx,
        path,
        data,
        ("uuid", "owner", "mentor", "title", "kind", "template", "start_on", "target_on", "status", "goals"),
    )
    rec: dict[str, Any] = {
        "uuid": t.uuid("plans"),
        "owner": t.req_ref("owner", "person"),
        "mentor": t.ref("mentor", "person", required=False),
        "title": t.req_string("title", nonblank=True),
        "kind": t.choice("kind", PLAN_KINDS),
        "template": t.optional_text("template"),
        "start_on": t.req_date("start_on"),
        "target_on": t.date("target_on", required=False),
        "status": t.choice("status", PLAN_STATUSES),
    }
    t.order("start_on", rec["start_on"], "target_on", rec["target_on"])
    rec["goals"] = [_goal(ctx, p, d, i) for i, (p, d) in enumerate(t.tables("goals"))]
    return rec


def _goal(ctx: _FileContext, path: str, data: Any, position: int) -> dict[str, Any]:
    t = _Table(
        ctx,
        path,
        data,
        ("uuid", "title", "competency", "kind", "phase", "due_on", "status", "done_on", "detail", "labs"),
    )
    rec: dict[str, Any] = {
        "uuid": t.uuid("goals"),
        "title": t.req_string("title", nonblank=True),
        # FORMAT.md shows a competency on every goal; the model allows none, and
        # the exporter leaves the key out then, so it is optional here.
        "competency": t.ref("competency", "competency", required=False),
        "kind": t.choice("kind", GOAL_KINDS),
        "phase": t.optional_text("phase"),
        "due_on": t.date("due_on", required=False),
        "status": t.choice("status", GOAL_STATUSES),
        "done_on": t.date("done_on", required=False),
        "detail": t.text("detail", required=False),
        "position": position,
    }
    rec["labs"] = [_lab(ctx, p, d, i) for i, (p, d) in enumerate(t.tables("labs"))]
    return rec


def _lab(ctx: _FileContext, path: str, data: Any, position: int) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "title", "detail", "link", "last_practised_on", "items"))
    rec: dict[str, Any] = {
        "uuid": t.uuid("labs"),
        "title": t.req_string("title", nonblank=True),
        "detail": t.text("detail", required=False),
        "link": t.optional_text("link"),
        "last_practised_on": t.date("last_practised_on", required=False),
        "position": position,
    }
    rec["items"] = [_item(ctx, p, d, i) for i, (p, d) in enumerate(t.tables("items"))]
    return rec


def _item(ctx: _FileContext, path: str, data: Any, position: int) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "text", "done", "done_on", "evidence"))
    return {
        "uuid": t.uuid("items"),
        "text": t.req_string("text", nonblank=True),
        "done": t.boolean("done"),
        "done_on": t.date("done_on", required=False),
        "evidence": t.optional_text("evidence"),
        "position": position,
    }


def _checkin(ctx: _FileContext, path: str, data: Any, includes_private: bool) -> dict[str, Any]:
    t = _Table(
        ctx,
        path,
        data,
        (
            "uuid",
            "mentorship",
            "held_on",
            "progress",
            "blockers",
            "next_steps",
            "confidence",
            "private_notes",
            "actions",
        ),
    )
    rec: dict[str, Any] = {
        "uuid": t.uuid("checkins"),
        "mentorship": t.req_ref("mentorship", "mentorship"),
        "held_on": t.req_date("held_on"),
        "progress": t.text("progress"),
        "blockers": t.text("blockers"),
        "next_steps": t.text("next_steps"),
        "confidence": t.integer("confidence", 1, 5, required=False),
    }
    if "private_notes" in t.data:
        if not includes_private:
            t.fail(
                "private_notes",
                "private notes in a file that says includes_private = false "
                "(set includes_private = true, or remove them)",
            )
        rec["private_notes"] = t.text("private_notes")
    rec["actions"] = [_action(ctx, p, d, i) for i, (p, d) in enumerate(t.tables("actions"))]
    return rec


def _action(ctx: _FileContext, path: str, data: Any, position: int) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "text", "owner", "due_on", "done_on"))
    return {
        "uuid": t.uuid("actions"),
        "text": t.req_string("text", nonblank=True),
        "owner": t.ref("owner", "person", required=False),
        "due_on": t.date("due_on", required=False),
        "done_on": t.date("done_on", required=False),
        "position": position,
    }


def _session(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(
        ctx,
        path,
        data,
        (
            "uuid",
            "title",
            "kind",
            "starts_at",
            "timezone",
            "duration_minutes",
            "rrule",
            "exdates",
            "presenter",
            "link",
            "notes",
            "occurrences",
        ),
    )
    rec: dict[str, Any] = {
        "uuid": t.uuid("sessions"),
        "title": t.req_string("title", nonblank=True),
        "kind": t.choice("kind", SESSION_KINDS),
        "starts_at": t.moment("starts_at"),
        "timezone": _timezone(t),
        "duration_minutes": t.req_integer("duration_minutes", 1, 7 * 24 * 60),
        "exdates": _exdates(t),
        "presenter": t.ref("presenter", "person", required=False),
        "link": t.optional_text("link"),
        "notes": t.text("notes", required=False),
    }
    rec["rrule"] = _rrule(t, rec["starts_at"], rec["timezone"])
    occurrences = []
    seen: dict[dt.datetime, str] = {}
    for p, d in t.tables("occurrences"):
        occ = _occurrence(ctx, p, d)
        if occ["starts_at"] in seen:
            ctx.fail(_key_path(p, "starts_at"), f"duplicate occurrence (also at {seen[occ['starts_at']]})")
        seen[occ["starts_at"]] = p
        occurrences.append(occ)
    rec["occurrences"] = occurrences
    return rec


def _timezone(t: _Table) -> str | None:
    name = t.string("timezone", required=False)
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError for odd paths, ...
        t.expect("timezone", "an IANA time zone (e.g. Europe/Berlin)", name)
    return name


def _rrule(t: _Table, starts_at: dt.datetime, zone_name: str | None) -> str | None:
    rule = t.string("rrule", required=False)
    if rule is None:
        return None
    body = rule[6:] if rule.upper().startswith("RRULE:") else rule
    parts: dict[str, str] = {}
    for part in body.split(";"):
        name, sep, value = part.partition("=")
        name = name.upper()
        if not sep or name not in _RRULE_PARTS or name in parts or not _RRULE_VALUE.match(value):
            t.expect("rrule", "an RFC 5545 RRULE value (e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=FR)", rule)
        parts[name] = value.upper()
    if parts.get("FREQ") not in _FREQS:
        t.expect("rrule", "an RRULE with FREQ=DAILY, WEEKLY, MONTHLY, ...", rule)
    problem = _rrule_problem(body, starts_at, zone_name)
    if problem:
        t.fail("rrule", f"not a usable RRULE: {problem} (got {show(rule)})")
    return body


def _exdates(t: _Table) -> list[dt.datetime]:
    value = t._value("exdates", False)
    if value is None:
        return []
    if not isinstance(value, list):
        t.expect("exdates", "an array of offset date-times", value)
    return [_moment_item(t, f"exdates[{i}]", item) for i, item in enumerate(value)]


def _moment_item(t: _Table, label: str, value: Any) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        t.ctx.fail(
            f"{t.path}.{label}", f"expected an offset date-time (e.g. 2026-10-02T15:00:00Z), got {show(value)}"
        )
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _occurrence(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("starts_at", "notes", "attendees"))
    rec: dict[str, Any] = {"starts_at": t.moment("starts_at"), "notes": t.text("notes")}
    value = t._value("attendees", True)
    if not isinstance(value, list):
        t.expect("attendees", "an array of person uuids", value)
    attendees: list[str] = []
    for i, item in enumerate(value):
        where = f"{t.at('attendees')}[{i}]"
        if not isinstance(item, str) or not item:
            ctx.fail(where, f"expected a person uuid, got {show(item)}")
        if item in attendees:
            ctx.fail(where, f"duplicate attendee {quote(item)}")
        ctx.references.append(Reference("person", item, where))
        attendees.append(item)
    rec["attendees"] = attendees
    ctx.occurrences += 1
    return rec


def _skill(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "person", "competency", "level", "rated_on", "rated_by", "evidence"))
    rec: dict[str, Any] = {
        "uuid": t.uuid("skills"),
        "person": t.req_ref("person", "person"),
        "competency": t.req_ref("competency", "competency"),
        "level": t.req_integer("level", 0, 5),
        "rated_on": t.req_date("rated_on"),
    }
    rated_by = t._value("rated_by", True)
    if not isinstance(rated_by, str) or not rated_by:
        t.expect("rated_by", 'a person uuid or "self"', rated_by)
    if rated_by == "self":
        rec["rated_by"] = None
    else:
        rec["rated_by"] = t.req_ref("rated_by", "person")
    rec["evidence"] = t.optional_text("evidence")
    return rec


def _incident(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "person", "occurred_on", "role", "severity", "title", "lessons", "session"))
    return {
        "uuid": t.uuid("incidents"),
        "person": t.req_ref("person", "person"),
        "occurred_on": t.req_date("occurred_on"),
        "role": t.choice("role", INCIDENT_ROLES),
        "severity": t.choice("severity", SEVERITIES),
        "title": t.req_string("title", nonblank=True),
        "lessons": t.text("lessons", required=False),
        "session": t.ref("session", "session", required=False),
    }


def _ownership(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "person", "kind", "name", "since", "until", "notes"))
    rec: dict[str, Any] = {
        "uuid": t.uuid("ownership"),
        "person": t.req_ref("person", "person"),
        "kind": t.choice("kind", OWNERSHIP_KINDS),
        "name": t.req_string("name", nonblank=True),
        "since": t.req_date("since"),
        "until": t.date("until", required=False),
        "notes": t.text("notes", required=False),
    }
    t.order("since", rec["since"], "until", rec["until"])
    return rec


def _kudos(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "from", "to", "given_on", "text", "for"))
    return {
        "uuid": t.uuid("kudos"),
        "giver": t.ref("from", "person", required=False),
        "receiver": t.req_ref("to", "person"),
        "given_on": t.req_date("given_on"),
        "text": t.req_string("text", nonblank=True),
        "for_ref": t.optional_text("for"),
    }


def _feedback(ctx: _FileContext, path: str, data: Any) -> dict[str, Any]:
    t = _Table(ctx, path, data, ("uuid", "given_on", "rating", "text", "person"))
    return {
        "uuid": t.uuid("feedback"),
        "given_on": t.req_date("given_on"),
        "rating": t.req_integer("rating", 1, 5),
        "text": t.text("text"),
        "person": t.ref("person", "person", required=False),
    }


_READERS = {
    "people": _person,
    "competencies": _competency,
    "mentorships": _mentorship,
    "plans": _plan,
    "sessions": _session,
    "skills": _skill,
    "incidents": _incident,
    "ownership": _ownership,
    "kudos": _kudos,
    "feedback": _feedback,
}


def validate_document(doc: Any, display: str, path: Path | None = None) -> ParsedFile:
    """Check a parsed document against FORMAT.md; return its normalized records."""
    ctx = _FileContext(display)
    if not isinstance(doc, dict):
        ctx.fail("", "expected a TOML table at the top level")
    # format and version first: a file that is not ours should say so, not list its keys
    if "format" not in doc:
        ctx.fail("format", f'required key is missing (a mentor-tui file starts with format = "{FORMAT_NAME}")')
    fmt = doc["format"]
    if fmt != FORMAT_NAME:
        ctx.fail("format", f'expected "{FORMAT_NAME}", got {show(fmt)}')
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
    top = _Table(ctx, "", doc, TOP_KEYS)
    top.moment("exported_at", required=False)
    top.string("generator", required=False)
    scope = None
    if "scope" in doc:
        scope = top.choice("scope", SCOPES)
    includes_private = False
    if "includes_private" in doc:
        includes_private = top.boolean("includes_private")

    records: dict[str, list[dict[str, Any]]] = {}
    for kind in TOP_ARRAYS:
        if kind == "checkins":
            records[kind] = [_checkin(ctx, p, d, includes_private) for p, d in top.tables(kind)]
        else:
            reader = _READERS[kind]
            records[kind] = [reader(ctx, p, d) for p, d in top.tables(kind)]

    defined = {
        "person": set(ctx.seen["people"]),
        "mentorship": set(ctx.seen["mentorships"]),
        "session": set(ctx.seen["sessions"]),
        "competency": set(ctx.seen["competencies"]),
    }
    counts = {kind: len(ctx.seen[kind]) for kind in KINDS}
    counts["occurrences"] = ctx.occurrences
    return ParsedFile(
        path=path if path is not None else Path(display),
        display=display,
        includes_private=includes_private,
        scope=scope,
        records=records,
        references=ctx.references,
        defined=defined,
        counts=counts,
    )


def parse_file(path: Path | str) -> ParsedFile:
    """Read and validate one file (no database access)."""
    display = str(path)
    path = Path(path)
    doc = load_toml(path, display)
    return validate_document(doc, display, path)
