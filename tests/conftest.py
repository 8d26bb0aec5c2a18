"""Shared test setup: a private HOME for platformdirs, UTC, ISO dates, a frozen clock."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import time

import pytest

from mentor_tui import clock, dates

# Snapshot tests render dates and times: pin them.
FROZEN_NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
FROZEN_TODAY = FROZEN_NOW.date()


@pytest.fixture(autouse=True, scope="session")
def _private_dirs(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    saved = {
        k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_DOCUMENTS_DIR", "TZ", "MENTOR_TUI_DB")
    }
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_DOCUMENTS_DIR"] = str(home / "documents")  # where the TUI suggests exports go
    (home / "documents").mkdir()
    os.environ["TZ"] = "UTC"
    os.environ.pop("MENTOR_TUI_DB", None)
    time.tzset()
    dates.use_format("%Y-%m-%d")
    yield home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    time.tzset()


@pytest.fixture(autouse=True, scope="session")
def _short_busy_timeout():
    """A test that hits a lock waits 250 ms, not the users' 5 s."""
    from mentor_tui.db import database

    database.set_busy_timeout(250)
    yield
    database.set_busy_timeout(database.BUSY_TIMEOUT_MS)


@pytest.fixture(autouse=True)
def _frozen_clock():
    clock.freeze(FROZEN_NOW)
    yield
    clock.freeze(None)


@pytest.fixture
def report_now():
    """The clock at the time the reports' fixtures are dated from (tests/report_fixtures.py)."""
    from tests import report_fixtures

    clock.freeze(report_fixtures.NOW)
    yield
    clock.freeze(FROZEN_NOW)


@pytest.fixture(autouse=True)
def _closed_store():
    yield
    from mentor_tui.db import database

    database.close_database()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "mentor.sqlite3"


@pytest.fixture
def store(db_path, _empty_template):
    """An open, empty store (only the built-in competencies): a copy of one made for the session."""
    import shutil

    from mentor_tui.db import database

    shutil.copyfile(_empty_template, db_path)
    database.open_database(db_path)
    return db_path


@pytest.fixture(scope="session")
def _empty_template(tmp_path_factory):
    """A new store made once per test process, closed (one file: its WAL is gone)."""
    from pathlib import Path

    from mentor_tui.db import database

    path = tmp_path_factory.mktemp("empty") / "mentor.sqlite3"
    database.open_database(path)
    database.close_database()
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture
def store_with_me(store):
    from mentor_tui.db import people

    people.set_me("Bo Chen", "mentor")
    return store


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory):
    """The demo team made once per test process (generate closes the store: one file, no WAL)."""
    from mentor_tui import demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo.generate(path, today=FROZEN_TODAY)
    return path


@pytest.fixture
def demo_db(tmp_path, _demo_template):
    """The demo team, as of the frozen today (snapshots and Pilot tests of filled screens): a
    copy of the one made for the session, each test's own."""
    import shutil

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(_demo_template, path)
    return path


@pytest.fixture
def snap_compare(snap_compare):
    """pytest-textual-snapshot's `snap_compare`, with every text field's cursor shown steadily.

    A focused field's cursor blinks every 0.5 s from the moment it got the focus. Under load (six
    workers on two cores) the screenshot can come after the first blink, without the cursor: the
    snapshot then differs from the one stored for no change of the app."""

    from textual.widgets import Input, TextArea

    def compare(app, *args, run_before=None, **kwargs):
        async def then_steady(pilot) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            focused = pilot.app.focused
            if isinstance(focused, Input | TextArea):
                focused.cursor_blink = False  # (only the focused field's cursor blinks)

        return snap_compare(app, *args, run_before=then_steady, **kwargs)

    return compare


def pytest_collection_modifyitems(items):
    """The benchmarks' smoke run (tests/test_bench_smoke.py) is by far the longest test (a
    minute and more beside the others, at a lower priority): it goes first, so that it ends
    with the rest of the suite rather than a minute after it."""
    items.sort(key=lambda item: 0 if item.nodeid.startswith("tests/test_bench_smoke.py") else 1)


def pytest_unconfigure(config):
    """A process ends without walking the garbage of every app it ran.

    The apps the tests closed are cyclic garbage that the collector seldom reaches
    during the run (mentor_tui/collector.py collects the young less often). After
    this hook pytest collects five times in full, to report exceptions raised in
    finalizers: with a million objects and more in a worker that took 5-15 s per
    worker at the end of the run. Nothing is lost by skipping it: the process
    exits, and a finalizer run at that point can only report the exit itself (execnet
    interrupts a worker still collecting after 5 s, "KeyboardInterrupt ignored")."""
    import gc

    gc.freeze()
