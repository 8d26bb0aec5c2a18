"""Checks of a database file before anything opens it.

Standard library only: the command line runs these before the first frame,
and importing peewee there would slow every start. SCHEMA_VERSION and TABLES
come from the migration step files, the same ones `database.py` applies.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mentor_tui.db.migrations import load_steps, tables_after
from mentor_tui.words import plural

# "MTUI" in the SQLite header's application_id: marks the file as ours.
APPLICATION_ID = 0x4D545549
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000  # what users get; database.set_busy_timeout changes busy_timeout_ms
busy_timeout_ms = BUSY_TIMEOUT_MS
SCHEMA_VERSION = len(load_steps())
TABLES = tables_after(load_steps())


class StoreError(Exception):
    """A problem with the database file, phrased for the user (one line)."""


def describe(path: Path, exc: Exception) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"{path} is locked by another program; close it and try again"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        from mentor_tui.db.backup_files import restore_hint

        return f"{path} is not a mentor-tui database (or it is damaged: {text})" + restore_hint(Path(path))
    if "unable to open database file" in text or "readonly" in text:
        return f"{path}: {text} (mentor-tui needs to write in its folder: the -wal and -shm files live beside it)"
    return f"{path}: {text}"


def read_only_uri(path: Path) -> str:
    """A URI that reads `path` and writes nothing beside it.

    Without a -wal file there is nothing but the file itself to read, so it is opened
    immutable: SQLite then makes no -wal or -shm (a damaged file, a read-only folder).
    With one, its committed content must be read, through the usual read-only locks.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=busy_timeout_ms / 1000)


def damaged(path: Path, message: str) -> StoreError:
    """A StoreError for a file that cannot be opened, naming the newest backup if any."""
    from mentor_tui.db.backup_files import restore_hint

    return StoreError(message + restore_hint(path))


def _inspect(path: Path) -> tuple[int, int, set[str]]:
    """(user_version, application_id, table names) of an existing non-empty file."""
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: {exc.strerror or exc}") from None
    if header != SQLITE_MAGIC:
        raise damaged(path, f"{path} is not a mentor-tui database (not an SQLite file, or damaged)")
    try:
        con = read_only(path)
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        text = describe(path, exc)
        raise (StoreError(text) if "locked" in text else damaged(path, text)) from None
    return version, app_id, tables


def check_openable(path: Path) -> int:
    """Refuse a file we must not open; return its schema version (0 for a new file).

    An empty file, or an SQLite file of no program (no tables, no application id),
    is refused: such a file is never taken over without asking (a new store is made
    beside its path and linked into place complete, so it never looks like that).
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if not path.exists():
        return 0
    if path.stat().st_size == 0:
        raise damaged(
            path,
            f"{path} is an empty file (0 bytes), not a mentor-tui database; "
            "delete it to start a new database there",
        )
    version, app_id, tables = _inspect(path)
    foreign = {t for t in tables if not t.startswith("sqlite_")} - TABLES
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and foreign):
        raise damaged(path, f"{path} is not a mentor-tui database")
    if app_id == 0 and not tables:
        raise damaged(
            path,
            f"{path} is an empty SQLite database of another program, not a mentor-tui one; "
            "delete it to start a new database there",
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer mentor-tui (schema {version}, this app knows "
            f"{SCHEMA_VERSION}); upgrade mentor-tui to open it"
        )
    return version


def integrity_problems(path: Path) -> list[str]:
    """What `PRAGMA integrity_check` and `foreign_key_check` report (empty when sound)."""
    check_openable(path)
    try:
        con = read_only(path)
        try:
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            rows += [f"foreign key broken in {r[0]} row {r[1]}" for r in con.execute("PRAGMA foreign_key_check")]
            if rows == ["ok"]:
                rows += unreadable_values(con)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [describe(path, exc)]
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


# What a stored date or moment must look like to be read back (years 1000-2999; the app
# writes 1900-2999). An older mentor-tui let a year such as 226 in, written "226-11-26".
_DATE_GLOB = "[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]"
_MOMENT_GLOB = _DATE_GLOB + "T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z"
_STAMP_GLOB = _DATE_GLOB + "T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z"  # updated_at: milliseconds


def unreadable_values(con: sqlite3.Connection) -> list[str]:
    """One line per date or moment column holding a value the app cannot read back."""
    found = []
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        if table not in TABLES:
            continue
        for _cid, column, declared, *_rest in con.execute(f'PRAGMA table_info("{table}")'):
            if declared.upper() == "DATE":
                pattern = _DATE_GLOB
            elif column == "updated_at":
                pattern = _STAMP_GLOB
            elif column.endswith("_at"):
                pattern = _MOMENT_GLOB
            else:
                continue
            bad = con.execute(
                f'SELECT id, "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}" NOT GLOB ?',
                (pattern,),
            ).fetchall()
            if bad:
                row, value = bad[0]
                found.append(
                    f"{table}.{column}: {plural(len(bad), 'value')} cannot be read back, e.g. row {row}: {str(value)[:40]!r} "
                    "(restore a backup from before it came in, or correct it)"
                )
    return found
