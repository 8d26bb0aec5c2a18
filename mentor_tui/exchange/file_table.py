"""One file's tables as the reader sees them: paths for messages, unknown keys refused.

`Table` wraps one TOML table of an exchange file; its `value(field)` returns the
value of a registry field or fails with one line naming the file, the record
path and what was expected. `FileContext` collects what one file defines and
refers to; `ParsedFile` is what reading a file gives the importer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from mentor_tui import dates, schema
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_text import BARE_KEY, KEY_PARTS, key_path, quote, show


class Reference(NamedTuple):
    """A reference to check; its path is only spelled out for an error message.

    `where` is the full path, or with `key` the path of the table holding it.
    """

    kind: str  # person | mentorship | session | competency
    value: str
    where: str
    key: str | None = None

    @property
    def path(self) -> str:
        return self.where if self.key is None else key_path(self.where, self.key)


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
    version: int = 1
    exported_at: dt.datetime | None = None  # the updated_at of records without one
    exported_by: str | None = None  # the uuid of the exporting database's "me"
    # Kinds kept apart, pickled (a list of records per blob): a file's checked records take
    # a fraction of the memory so until they are written (see `batches`).
    packed: dict[str, list[bytes]] = field(default_factory=dict)
    private_texts: bool = False  # whether a private note with text is in the file (when packed)
    # (mentorship uuid, held_on) of each packed check-in, in file order: the date check
    # (checkin_dates) then needs no unpickling of the check-ins, only their write does
    packed_checkin_dates: list[tuple[str, dt.date]] = field(default_factory=list)

    def checkin_dates(self) -> list[tuple[str, dt.date]]:
        """(mentorship uuid, held_on) of every check-in of the file, in file order."""
        here = [(c["mentorship"], c["held_on"]) for c in self.records.get("checkins", ())]
        return here + self.packed_checkin_dates

    def batches(self, kind: str) -> Iterator[list[dict[str, Any]]]:
        """The records of one top-level kind, a list at a time, in file order (those kept
        packed are in stored form: see `stored_batches`)."""
        for batch, _stored in self.stored_batches(kind):
            yield batch

    def stored_batches(self, kind: str) -> Iterator[tuple[list[dict[str, Any]], bool]]:
        """(records, whether they are in stored form: `db.stored_form`) of one top-level kind."""
        if self.records.get(kind):
            yield self.records[kind], False
        for blob in self.packed.get(kind, ()):
            yield pickle.loads(blob), True  # noqa: S301 - our own pickle, made by this program


class FileContext:
    def __init__(self, display: str, includes_private: bool = False) -> None:
        self.display = display
        self.includes_private = includes_private
        self.references: list[Reference] = []
        self.seen: dict[str, dict[str, str]] = {kind: {} for kind in schema.KINDS}
        self.counts: dict[str, int] = dict.fromkeys(schema.KINDS, 0)
        self.occurrences: dict[tuple[str, dt.datetime], str] = {}  # (session path, start) -> path

    def fail(self, path: str, message: str) -> NoReturn:
        where = f"{self.display}: {path}: " if path else f"{self.display}: "
        raise ExchangeError(where + message)


_KNOWN_SETS: dict[tuple[str, ...], frozenset[str]] = {}


class Table:
    """One table of the file: typed getters that fail with the key's path."""

    def __init__(self, ctx: FileContext, path: str, data: Any, known: tuple[str, ...]) -> None:
        self.ctx = ctx
        self.path = path
        if not isinstance(data, dict):
            ctx.fail(path, f"expected a table, got {show(data)}")
        self.data: dict[str, Any] = data
        known_set = _KNOWN_SETS.get(known)
        if known_set is None:
            known_set = _KNOWN_SETS[known] = frozenset(known)
            for k in known:
                KEY_PARTS[k] = k if BARE_KEY.fullmatch(k) else quote(k, 40)
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
        return key_path(self.path, key)

    def fail(self, key: str, message: str) -> NoReturn:
        self.ctx.fail(self.at(key), message)

    def expect(self, key: str, what: str, value: Any) -> NoReturn:
        self.fail(key, f"expected {what}, got {show(value)}")

    def value(self, f: schema.Field) -> Any:
        """The file's value of `f`, checked by the registry; None when absent and optional."""
        key = f.key or f.name
        data = self.data
        if key not in data:
            if f.required:
                self.fail(key, "required key is missing")
            return None
        value = data[key]
        # (the reader accepts common values before calling this: see validate._record)
        if type(value) is str:
            value = value.replace("\r\n", "\n")  # one line ending in the store
        elif f.type == schema.MOMENT and isinstance(value, dt.datetime) and value.tzinfo is not None:
            # e.g. 0001-01-01T00:00:00+01:00 overflows: the value_problem below says why
            with contextlib.suppress(OverflowError):
                value = value.astimezone(dt.UTC).replace(microsecond=0)
        problem = schema.value_problem(f, value)
        if problem is not None:
            # (a problem that already says what it got, e.g. the control character, says it once)
            message = problem if ", got " in problem else f"{problem}, got {show(value)}"
            self.fail(key, message + _quoted_date(f, value))
        return value

    def tables(self, key: str, first: int = 0) -> list[tuple[str, Any]]:
        """(path, table) of an array of tables; absent means none. `first`: the index of its
        first table in the whole file (a file read in pieces)."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.expect(key, f"an array of tables ([[{key}]])", value)
        base = self.at(key)
        return [(f"{base}[{i}]", item) for i, item in enumerate(value, start=first)]


def _quoted_date(f: schema.Field, value: Any) -> str:
    """What to do about a date or moment written as a string ("2026-08-30"): a hand editor
    sees nothing wrong with it. Empty when `value` is not such a string."""
    if type(value) is not str or f.type not in (schema.DATE, schema.MOMENT, schema.STAMP):
        return ""
    text = value.strip()
    try:
        if f.type == schema.DATE:
            dt.date.fromisoformat(text)
        else:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        # a date that is not a day (2026-02-30) says why, as the app's forms say it
        problem = dates.no_such_day(text) if f.type == schema.DATE else None
        return f" ({problem})" if problem else ""
    return f" (a string: TOML dates are written without quotes, {f.file_key} = {text})"
