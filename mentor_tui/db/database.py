"""Opening the store: checks, pragmas, schema version and migrations.

The file is checked with the stdlib `sqlite3` module, read-only, before peewee
touches it, so a file that is not ours, or is newer than this app, is refused
with nothing written to it. Migrations are ordered steps; each runs in one
transaction that also bumps `PRAGMA user_version`, and a consistent copy of
the file (`VACUUM INTO`) is left beside it before the first step runs. The
steps are the SQL files of `mentor_tui.db.migrations`: the only source of the
schema (the models must match it; tests/test_migrations.py checks they do).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from mentor_tui import clock
from mentor_tui.config import ensure_private_dir
from mentor_tui.db import guard, migrations, models
from mentor_tui.db.guard import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    StoreError,
    check_openable,
    describe,
)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # NORMAL in WAL mode survives an app crash; never OFF.
    "synchronous": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def set_busy_timeout(ms: int) -> None:
    """How long connections made from now on wait for a lock (tests shorten it)."""
    guard.busy_timeout_ms = ms


def busy_timeout() -> int:
    return guard.busy_timeout_ms


def run_sql(db: SqliteDatabase, sql: str) -> None:
    """Run the statements of a step, inside the caller's transaction."""
    for statement in migrations.statements(sql):
        db.execute_sql(statement)


# MIGRATIONS[n] takes a database from user_version n to n + 1: one per step file.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [
    partial(run_sql, sql=step.sql) for step in migrations.load_steps()
]
assert len(MIGRATIONS) == SCHEMA_VERSION, "guard.SCHEMA_VERSION must match MIGRATIONS"


def _create_private_file(path: Path) -> None:
    ensure_private_dir(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)


def backup_path_for(path: Path, version: int) -> Path:
    """A new file name beside `path` for the copy taken before migrating from `version`."""
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    number = 1
    while candidate.exists():  # a copy from the same second (a restored file migrated again)
        number += 1
        candidate = path.with_name(f"{path.name}.v{version}-{stamp}-{number}.bak")
    return candidate


def copy_database(db: SqliteDatabase, target: Path) -> Path:
    """A consistent copy of the open database at `target` (mode 0600)."""
    if target.exists():
        raise StoreError(f"{target} already exists; choose another file")
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    os.close(fd)
    os.unlink(target)  # VACUUM INTO wants to create the file itself
    old_umask = os.umask(0o077)
    try:
        db.execute_sql("VACUUM INTO ?", (str(target),))
    finally:
        os.umask(old_umask)
    os.chmod(target, 0o600)
    return target


def make_database(path: Path) -> SqliteDatabase:
    """A peewee database for `path`; every connection (one per thread) gets PRAGMAS."""
    return SqliteDatabase(
        str(path),
        pragmas={**PRAGMAS, "busy_timeout": guard.busy_timeout_ms},
        timeout=guard.busy_timeout_ms / 1000,
        check_same_thread=False,
    )


def migrate(db: SqliteDatabase, path: Path, from_version: int) -> Path | None:
    """Run the pending migration steps; return the backup taken, if any."""
    backup = None
    newest = len(MIGRATIONS)
    if from_version < newest and path.exists() and path.stat().st_size > 0 and _has_content(db):
        backup = copy_database(db, backup_path_for(path, from_version))
    for version in range(from_version, newest):
        with db.atomic("IMMEDIATE"):
            # Read again under the write lock: another process may have opened the same
            # file at the same moment and run this step already.
            if db.execute_sql("PRAGMA user_version").fetchone()[0] > version:
                continue
            MIGRATIONS[version](db)
            db.execute_sql(f"PRAGMA user_version = {version + 1}")
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    return backup


def _has_content(db: SqliteDatabase) -> bool:
    cursor = db.execute_sql("SELECT count(*) FROM sqlite_master")
    tables = cursor.fetchone()[0]
    app_id = db.execute_sql("PRAGMA application_id").fetchone()[0]
    return bool(tables or app_id)


_current: SqliteDatabase | None = None


def open_database(path: Path | str) -> SqliteDatabase:
    """Open (creating or migrating as needed) the store at `path` and bind the models to it."""
    global _current
    path = Path(path).expanduser()
    close_database()
    # Two programs opening a new file at once: SQLite refuses one of them at once (not
    # after the busy timeout) while the other switches the file to WAL and migrates it.
    # That one is done in milliseconds, so try again for as long as the busy timeout.
    deadline = time.monotonic() + guard.busy_timeout_ms / 1000
    while True:
        db = None
        try:
            version = check_openable(path)
            _create_private_file(path)
            db = make_database(path)
            db.connect()
            models.database_proxy.initialize(db)
            migrate(db, path, version)
            break
        except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
            if db is not None:
                db.close()
            if "locked" in str(exc) and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            raise StoreError(describe(path, exc)) from None
        except StoreError as exc:  # the checks before opening read the file too
            if "locked" in str(exc) and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            raise
        except OSError as exc:
            raise StoreError(f"{path}: {exc.strerror or exc}") from None
    _current = db
    return db


def close_database() -> None:
    global _current
    if _current is not None:
        _current.close()
        _current = None


def worker_connection():
    """A context for one worker thread's store work: opens its connection, closes it after."""
    if _current is None:
        raise StoreError("the database is not open")
    return _current.connection_context()
