"""A consistent copy of the open database through SQLite's online backup API.

`sqlite3.Connection.backup` copies page by page from one read transaction, so
the copy is consistent even while the app writes (WAL content included). The
target is created first with mode 0600 and O_EXCL: an existing file is never
overwritten, and the copy is never readable by others, not even for a moment.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from mentor_tui import clock
from mentor_tui.config import ensure_private_dir
from mentor_tui.db import backup_files


class BackupError(Exception):
    """The copy could not be made; the message is one line for the user."""


def default_backup_name() -> str:
    """`mentor-YYYYMMDD-HHMMSS.sqlite3`, in local time."""
    return clock.now().astimezone().strftime("mentor-%Y%m%d-%H%M%S.sqlite3")


def backup_database(db: SqliteDatabase, target: Path) -> Path:
    """Copy the open database `db` to the new file `target` (mode 0600); return `target`.

    Raises BackupError when `target` exists, its folder is missing, or the copy
    fails; a partly written target is removed.
    """
    target = Path(target)
    try:
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise BackupError(f"{target} already exists; choose another file") from None
    except OSError as exc:
        raise BackupError(f"cannot create {target}: {exc.strerror or exc}") from None
    os.close(fd)
    try:
        os.chmod(target, 0o600)
        destination = sqlite3.connect(str(target))
        try:
            source: sqlite3.Connection = db.connection()
            source.backup(destination)
            # A self-contained single file: no -wal beside the copy.
            destination.execute("PRAGMA journal_mode=DELETE")
            destination.commit()
        finally:
            destination.close()
    except BaseException as exc:
        for leftover in (
            target,
            *(target.with_name(target.name + s) for s in ("-journal", "-wal", "-shm")),
        ):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise BackupError(f"backup to {target} failed: {exc}") from None
        raise
    return target


# ---------------------------------------------------------------- automatic backups


def take_automatic(db: SqliteDatabase, database: Path, reason: str) -> Path:
    """A copy of the open `db` (the file `database`) in its backups folder; the oldest
    automatic copies beyond backup_files.KEEP are removed. Raises BackupError."""
    folder = backup_files.folder_for(database)
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise BackupError(f"cannot create {folder}: {exc.strerror or exc}") from None
    written = backup_database(db, backup_files.new_name(database, reason, clock.now()))
    for old in backup_files.automatic_backups(database)[: -backup_files.KEEP]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return written


def daily_if_due(db: SqliteDatabase, database: Path) -> Path | None:
    """Today's automatic copy, unless one was taken today (UTC) already; never fails
    (a read-only folder, a full disk: the store still opens)."""
    today = clock.now().astimezone(dt.UTC).date()
    if any(b.taken_at.date() == today for b in backup_files.automatic_backups(database)):
        return None
    try:
        return take_automatic(db, database, "daily")
    except BackupError:
        return None
