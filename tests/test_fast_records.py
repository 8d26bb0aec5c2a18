"""The fast readers (exchange/fast_records.py) read a record exactly as validate._record does.

Each top-level record of a real export is read both ways and compared: the
record, and what each notes in the file's context (uuids seen, references,
counts). Then every value of a record (and of its first children) is changed
in turn (a wrong type, a blank, a control character, a date out of range, a key
dropped or added): the fast reader either gives what the full reading gives,
or gives up having noted nothing, so the full reading can say what is wrong.
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from typing import Any

import pytest

from mentor_tui.db import database
from mentor_tui.demo import generate
from mentor_tui.exchange import validate
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_table import FileContext
from mentor_tui.exchange.toml_export import build_document, dumps

ODD_VALUES = [
    "", " ", "\t", "x", "a\r\nb", "\x1b[31mred", "line\x00nul", "\u202eevil", "😀", "todo", "done",
    0, -1, 3, 10**9, True, False, 1.5,
    dt.date(1, 1, 1), dt.date(2026, 3, 1), dt.date(9999, 12, 31),
    dt.datetime(2026, 3, 1, 10, 0), dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC),
    dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    [], ["x"], {}, {"a": 1},
]


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> dict[str, Any]:
    """The demo team's export with private notes, parsed."""
    db = tmp_path_factory.mktemp("fast") / "demo.sqlite3"
    generate(db, seed=5)
    database.open_database(db)
    try:
        return tomllib.loads(dumps(build_document(include_private=True)))
    finally:
        database.close_database()


def _read(reader, name: str, data: Any, includes_private: bool) -> tuple[Any, FileContext]:
    """(the record, or the ExchangeError's message, or None when given up; the context after)."""
    ctx = FileContext("f.toml", includes_private)
    path = f"{validate._PLANS[name].kind.key}[0]"
    try:
        return reader(ctx, path, data), ctx
    except ExchangeError as exc:
        return str(exc), ctx


def _full(ctx: FileContext, path: str, data: Any, name: str) -> Any:
    return validate._record(ctx, validate._PLANS[name], path, data, 0)


def _fast(name: str):
    return lambda ctx, path, data: validate._FAST[name](ctx, path, data, 0)


def _noted(ctx: FileContext) -> tuple[Any, ...]:
    return ({k: v for k, v in ctx.seen.items() if v}, list(ctx.references), {k: v for k, v in ctx.counts.items() if v})


def test_the_bulky_kinds_have_a_fast_reader():
    # plans (goals, labs, steps) and check-ins (action items) are most of a person's export
    assert {"plans", "checkins", "kudos", "incidents", "mentorships"} <= set(validate._FAST)


def test_every_record_of_an_export_reads_the_same_both_ways(export):
    checked = 0
    for name in validate._FAST:
        for data in export.get(validate._PLANS[name].kind.key, []):
            for private in (True, False):
                full, full_ctx = _read(lambda c, p, d, n=name: _full(c, p, d, n), name, data, private)
                fast, fast_ctx = _read(_fast(name), name, data, private)
                if fast is None:  # given up: nothing noted (a private note, in a file without them)
                    assert _noted(fast_ctx) == ({}, [], {})
                    continue
                assert fast == full
                assert _noted(fast_ctx) == _noted(full_ctx)
                checked += 1
    assert checked > 50  # the fast readers did read the export's records


def _places(data: Any, path: tuple = ()) -> list[tuple]:
    """Every (table path, key) of a record and its children's tables."""
    out = [(path, key) for key in data]
    for key, value in data.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            for i, child in enumerate(value[:2]):
                out += _places(child, (*path, key, i))
    return out


def _changed(record: dict[str, Any]):
    """Copies of `record`, each with one change: a key dropped, an unknown key, an odd value."""
    for table_path, key in _places(record):
        for change in ("drop", "unknown", *range(len(ODD_VALUES))):
            copied = copy.deepcopy(record)
            table = copied
            for step in table_path:
                table = table[step]
            if change == "drop":
                del table[key]
            elif change == "unknown":
                table[key + "_x"] = "?"
            else:
                table[key] = ODD_VALUES[change]  # type: ignore[index]
            yield copied


def _same_or_given_up(name: str, record: dict[str, Any], ctx_of=lambda: None) -> bool:
    """Whether the fast reader read `record` (True) or gave up having noted nothing (False);
    fails the test when it read it otherwise than the full reading."""
    for private in (True, False):
        full, full_ctx = _read(lambda c, p, d: _full(c, p, d, name), name, record, private)
        fast, fast_ctx = _read(_fast(name), name, record, private)
        assert not isinstance(fast, str), "the fast reader leaves every error to the full reading"
        if fast is None:
            assert _noted(fast_ctx) == ({}, [], {})
            return False
        assert fast == full, (name, record)
        assert _noted(fast_ctx) == _noted(full_ctx)
    return True


def test_a_changed_value_is_read_the_same_or_left_to_the_full_reading(export):
    read = given_up = 0
    for name in sorted(validate._FAST):
        for record in (export.get(validate._PLANS[name].kind.key) or [])[:2]:
            for changed in _changed(record):
                if _same_or_given_up(name, changed):
                    read += 1
                else:
                    given_up += 1
    assert read > 100 and given_up > 100  # both ways were taken


def test_a_repeated_uuid_is_left_to_the_full_reading(export):
    plan = copy.deepcopy(next(p for p in export["plans"] if len(p.get("goals", [])) >= 2))
    plan["goals"][1]["uuid"] = plan["goals"][0]["uuid"]
    ctx = FileContext("f.toml")
    assert validate._FAST["plans"](ctx, "plans[0]", plan, 0) is None
    assert _noted(ctx) == ({}, [], {})
    with pytest.raises(ExchangeError, match="duplicate uuid"):
        validate._record(ctx, validate._PLANS["plans"], "plans[0]", plan, 0)
    # and a record whose uuid the file already had
    checkin = {k: v for k, v in export["checkins"][0].items() if k != "private_notes"}
    ctx = FileContext("f.toml")
    assert validate._FAST["checkins"](ctx, "checkins[0]", checkin, 0) is not None
    assert validate._FAST["checkins"](ctx, "checkins[1]", checkin, 1) is None
