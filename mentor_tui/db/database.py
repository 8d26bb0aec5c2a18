"""Opening the store: checks, pragmas, schema version and migrations.

The file is checked with the stdlib `sqlite3` module, read-only, before peewee
touches it, so a file that is not ours, or is newer than this app, is refused
with nothing written to it. Migrations are ordered steps; each runs in one
transaction that also bumps `PRAGMA user_version`, and a consistent copy of
the file (SQLite's backup API) goes to `backups/` beside it before the first step
runs, and one a day on the first open (db/backup.py). The
steps are the SQL files of `mentor_tui.db.migrations`: the only source of the
schema (the models must match it; tests/test_migrations.py checks they do).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from mentor_tui.config import ensure_private_dir
from mentor_tui.db import backup as backups
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
    # A deleted or replaced note is overwritten with zeros, in the file, the WAL and so
    # in every backup: whatever the SQLite build's default.
    "secure_delete": 1,
}
# A database in a read-only file or folder is still read (check, export, reports).
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS, "query_only": 1}


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


def make_database(path: Path, read_only: bool = False) -> SqliteDatabase:
    """A peewee database for `path`; every connection (one per thread) gets PRAGMAS."""
    if read_only:
        return SqliteDatabase(
            guard.read_only_uri(path),
            pragmas={**READ_ONLY_PRAGMAS, "busy_timeout": guard.busy_timeout_ms},
            timeout=guard.busy_timeout_ms / 1000,
            check_same_thread=False,
            uri=True,
        )
    return SqliteDatabase(
        str(path),
        pragmas={**PRAGMAS, "busy_timeout": guard.busy_timeout_ms},
        timeout=guard.busy_timeout_ms / 1000,
        check_same_thread=False,
    )


def migrate(db: SqliteDatabase, path: Path, from_version: int) -> Path | None:
    """Run the pending migration steps; return the backup taken, if any.

    A database with content is copied to its backups folder first; when that copy
    cannot be made, nothing is migrated (StoreError)."""
    backup = None
    newest = len(MIGRATIONS)
    if from_version < newest and path.exists() and path.stat().st_size > 0 and _has_content(db):
        try:
            backup = backups.take_automatic(db, path, f"before-v{from_version}")
        except backups.BackupError as exc:
            raise StoreError(f"{exc}; the database was not upgraded") from None
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


def open_database(path: Path | str, read_only: bool = False, daily_backup: bool = True) -> SqliteDatabase:
    """Open (creating or migrating as needed) the store at `path` and bind the models to it.

    `read_only` opens an existing, current database without writing anything (no
    migration, no backup): for a file or folder the user may not write. The day's
    first open of an existing database copies it to its backups folder, unless
    `daily_backup` is False (the app takes it once its first screen is up).
    """
    global _current
    path = Path(path).expanduser()
    close_database()
    if read_only:
        _current = _open_read_only(path)
        return _current
    # Two programs opening a new file at once: SQLite refuses one of them at once (not
    # after the busy timeout) while the other switches the file to WAL and migrates it.
    # That one is done in milliseconds, so try again for as long as the busy timeout.
    deadline = time.monotonic() + guard.busy_timeout_ms / 1000
    existed = path.exists()  # a new store needs no daily copy yet
    while True:
        db = None
        try:
            if not path.exists():
                _create_store(path)
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
            if _disk_full(exc):  # SQLite ended the transaction itself; the rollback then failed
                raise StoreError(f"{path}: disk full: free some space and try again") from None
            raise StoreError(describe(path, exc)) from None
        except StoreError as exc:  # the checks before opening read the file too
            if db is not None:
                db.close()
            if "locked" in str(exc) and time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            raise
        except OSError as exc:
            raise StoreError(f"{path}: {exc.strerror or exc}") from None
    _current = db
    if existed and daily_backup:
        backups.daily_if_due(db, path)
    return db


def take_daily_backup() -> Path | None:
    """The day's automatic copy of the open store, unless taken already (never fails)."""
    db = _current
    if db is None or db.database.startswith("file:"):  # not open, or opened read-only
        return None
    return backups.daily_if_due(db, Path(db.database))


def _disk_full(exc: BaseException | None) -> bool:
    for _ in range(10):
        if exc is None:
            return False
        if "full" in str(exc).lower():
            return True
        exc = exc.__context__
    return False


def _create_store(path: Path) -> None:
    """A new, fully migrated store at `path`, made beside it and linked into place in one
    step: no program ever sees a half-made file there, and an empty file left by a crash
    is never ours to take over. When another program made one first, theirs is kept."""
    ensure_private_dir(path.parent)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    os.chmod(name, 0o600)
    temporary = Path(name)
    try:
        # A rollback journal, not WAL: each step is whole in the file once it commits, so
        # nothing can be lost with a -wal file that a full disk kept from folding back in.
        db = SqliteDatabase(str(temporary), pragmas={**PRAGMAS, "journal_mode": "delete"})
        try:
            db.connect()
            migrate(db, temporary, 0)
        finally:
            db.close()
        if any(Path(f"{temporary}{s}").exists() for s in ("-wal", "-journal")):
            raise StoreError(f"{path}: could not create the database (is the disk full?)")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another program was quicker: open theirs
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temporary, path)
    finally:
        for leftover in (temporary, *(Path(f"{temporary}{s}") for s in ("-wal", "-shm", "-journal"))):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _open_read_only(path: Path) -> SqliteDatabase:
    version = check_openable(path)
    if version == 0:
        raise StoreError(f"{path} does not exist")
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"{path} needs an upgrade (schema {version} to {SCHEMA_VERSION}), and it is read-only here: "
            "open it once where it can be written"
        )
    db = make_database(path, read_only=True)
    try:
        db.connect()
    except (sqlite3.DatabaseError, peewee.DatabaseError) as exc:
        raise StoreError(describe(path, exc)) from None
    models.database_proxy.initialize(db)
    return db


def writable(path: Path) -> bool:
    """Whether the store at `path` can be written here: the file and its folder (WAL)."""
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def close_database() -> None:
    global _current
    if _current is not None:
        _current.close()
        _current = None


@contextlib.contextmanager
def worker_connection() -> Iterator[None]:
    """A context for one worker thread's store work: opens its connection, closes it after.

    When the work changed something, the WAL is folded into the file and emptied on the
    way out (`scrub_wal`): a deleted or replaced note leaves no older copy in the WAL.
    """
    if _current is None:
        raise StoreError("the database is not open")
    db = _current
    with db.connection_context():
        yield
        if not db.is_closed() and db.connection().total_changes:
            scrub_wal(db)


def scrub_wal(db: SqliteDatabase | None = None) -> None:
    """Checkpoint and truncate the WAL, when no other program is reading: the older copies
    of changed pages it holds are gone (secure_delete already zeroes what was freed).
    Never waits: with a reader present it is simply done the next time."""
    db = db if db is not None else _current
    if db is None or db.in_transaction():
        return
    try:
        db.execute_sql("PRAGMA busy_timeout = 0")
        try:
            db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.execute_sql(f"PRAGMA busy_timeout = {guard.busy_timeout_ms}")
    except (sqlite3.DatabaseError, peewee.DatabaseError):
        pass
