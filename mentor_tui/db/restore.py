"""Putting a backup back: check it, keep the current file aside, copy the backup in.

Standard library only (the backup is checked read-only with `sqlite3`): a
database that cannot be opened can still be restored. Nothing is deleted: the
current file (and its -wal, -shm) is renamed beside itself with a time stamp.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from mentor_tui import clock
from mentor_tui.db import guard


class RestoreError(Exception):
    """The backup cannot be put back; one line for the user."""


_SIDES = ("-wal", "-shm", "-journal")


def check_backup(source: Path) -> str:
    """Check `source` is a sound mentor-tui database this app can open; a summary of it."""
    if not source.is_file():
        raise RestoreError(f"{source}: no such file")
    try:
        version = guard.check_openable(source)
    except guard.StoreError as exc:
        raise RestoreError(f"{source} cannot be restored: {exc}") from None
    try:
        con = guard.read_only(source)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            problems = [r[0] for r in con.execute("PRAGMA integrity_check")]
            people = con.execute('SELECT count(*) FROM "person"').fetchone()[0] if version else 0
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{source} cannot be restored: it is damaged ({exc})") from None
    if app_id != guard.APPLICATION_ID or version == 0:
        raise RestoreError(f"{source} cannot be restored: it is not a mentor-tui database")
    if problems != ["ok"]:
        raise RestoreError(f"{source} cannot be restored: the integrity check failed ({problems[0]})")
    return f"schema {version}, {people} people"


def restore(source: Path, database: Path) -> Path | None:
    """Copy `source` over `database`; return where the previous file was kept (None: there was none).

    The copy is written beside the database first and renamed into place, so a crash
    leaves the old file or the new one. The caller has checked `source`.
    """
    folder = database.parent if str(database.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{database.name}.", suffix=".restore", dir=folder)
    os.close(fd)
    temporary = Path(name)
    try:
        os.chmod(temporary, 0o600)
        try:
            _copy_consistent(source, temporary)
        except (OSError, sqlite3.Error) as exc:
            raise RestoreError(f"cannot copy {source}: {exc}") from None
        aside = _set_aside(database)
        os.replace(temporary, database)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return aside


def _copy_consistent(source: Path, target: Path) -> None:
    """SQLite's backup API when the source has a WAL (its content included), else a file copy."""
    if Path(f"{source}-wal").exists():
        src = guard.read_only(source)
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        return
    with source.open("rb") as fh, target.open("wb") as out:
        shutil.copyfileobj(fh, out)
        out.flush()
        os.fsync(out.fileno())


def _set_aside(database: Path) -> Path | None:
    """Rename the database (and its side files together) beside itself; the new name."""
    if not database.exists():
        return None
    stamp = clock.now().strftime("%Y%m%dT%H%M%SZ")
    aside = database.with_name(f"{database.name}.before-restore-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = database.with_name(f"{database.name}.before-restore-{stamp}-{number}")
    for side in _SIDES:  # the side files first: the main file last, so a crash keeps them together
        current = Path(f"{database}{side}")
        if current.exists():
            os.rename(current, Path(f"{aside}{side}"))
    os.rename(database, aside)
    return aside
