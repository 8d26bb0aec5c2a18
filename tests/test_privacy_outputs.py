"""Private notes never leak: no output without --include-private holds them, every file is
0600 whatever the umask, and a deleted or replaced note leaves no trace in the database,
its WAL or a backup taken afterwards. (The TUI's export preview: tests/test_exchange_tui.py.)"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from mentor_tui import clock
from mentor_tui.db import backup_files, database
from mentor_tui.db import models as m
from tests.cli_helpers import cli
from tests.conftest import FROZEN_NOW
from tests.exchange_fixtures import SENTINEL, fill


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    path = tmp_path / "team.sqlite3"
    database.open_database(path)
    fill()
    database.close_database()
    return path


def _main(capsys, db: Path, *args: str) -> tuple[int, str]:
    """The command line in this process (the same code as `mentor-tui`, without a start-up each)."""
    from mentor_tui.cli import main

    status = main(["--db", str(db), *args])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_no_output_holds_a_private_note_and_every_file_is_private(team_db, tmp_path, umask, capsys):
    out = tmp_path / f"out-{umask:03o}"
    out.mkdir()
    previous = os.umask(umask)
    try:
        outputs = {
            "team.toml": ("export",),
            "ana.toml": ("export", "--person", "Ana Ruiz"),
            "team.md": ("report", "--team"),
            "ana.md": ("report", "--person", "Ana Ruiz"),
            "skills.csv": ("skills-csv",),
        }
        for name, args in outputs.items():
            status, text = _main(capsys, team_db, *args)
            assert status == 0 and SENTINEL not in text, args
            status, text = _main(capsys, team_db, *args, "-o", str(out / name))
            assert status == 0, (args, text)
            assert SENTINEL.encode() not in (out / name).read_bytes(), name
        status, _text = _main(capsys, team_db, "export", "--include-private", "-o", str(out / "private.toml"))
        assert status == 0 and SENTINEL.encode() in (out / "private.toml").read_bytes()
        assert _main(capsys, team_db, "backup", "-o", str(out / "copy.sqlite3"))[0] == 0
    finally:
        os.umask(previous)
    written = [*out.iterdir(), *backup_files.folder_for(team_db).iterdir(), team_db]
    assert {p.name for p in out.iterdir()} == {*outputs, "private.toml", "copy.sqlite3"}
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(backup_files.folder_for(team_db).stat().st_mode) == 0o700


DELETED = "DELETED-NOTE-9c1e "
REPLACED = "REPLACED-NOTE-4b7d "


def _store_with_two_sentinel_notes(path: Path) -> None:
    database.open_database(path)
    me = m.Person.create(name="Bo Chen", role="mentor", is_me=True)
    ana = m.Person.create(name="Ana Ruiz", role="mentee")
    pair = m.Mentorship.create(mentor=me, mentee=ana, started_on=dt.date(2026, 1, 1))
    for day, note in ((1, DELETED * 1200), (2, REPLACED * 1200)):  # ~20 KB each: overflow pages
        m.CheckIn.create(mentorship=pair, held_on=dt.date(2026, 2, day), private_notes=note)
    database.close_database()  # the last connection folds the WAL into the file


def _delete_and_replace(path: Path) -> None:
    """As the screens do: each edit in a worker's connection."""
    database.open_database(path)
    with database.worker_connection():
        m.CheckIn.delete().where(m.CheckIn.held_on == dt.date(2026, 2, 1)).execute()
    with database.worker_connection():
        m.CheckIn.update(private_notes="nothing to see").where(m.CheckIn.held_on == dt.date(2026, 2, 2)).execute()


def _traces(*paths: Path) -> list[str]:
    found = []
    for path in paths:
        if path.exists():
            data = path.read_bytes()
            found += [f"{path.name}: {marker.strip()}" for marker in (DELETED, REPLACED) if marker.encode() in data]
    return found


def test_a_deleted_or_replaced_note_leaves_no_trace_in_the_file_wal_or_backups(tmp_path):
    path = tmp_path / "notes.sqlite3"
    _store_with_two_sentinel_notes(path)
    _delete_and_replace(path)
    assert database.models.database_proxy.obj.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1
    assert _traces(path, Path(f"{path}-wal")) == []  # while still open
    database.close_database()
    assert _traces(path) == []
    before = set(backup_files.automatic_backups(path))  # taken while the notes were there
    assert cli(path, "backup", "-o", str(tmp_path / "copy.sqlite3")).returncode == 0
    clock.freeze(FROZEN_NOW + dt.timedelta(days=1))
    database.open_database(path)  # a new day's first open: the daily backup
    database.close_database()
    # The command above may have taken a daily copy of its own: every copy taken since is read.
    copies = [b for b in backup_files.automatic_backups(path) if b not in before]
    assert (FROZEN_NOW + dt.timedelta(days=1)).date() in {b.taken_at.date() for b in copies if b.reason == "daily"}
    assert _traces(tmp_path / "copy.sqlite3", *(b.path for b in copies)) == []


def test_without_secure_delete_the_same_steps_would_leave_the_notes_behind(tmp_path, monkeypatch):
    """The control: proves the test above can see a trace (so secure_delete is what removes it)."""
    monkeypatch.setitem(database.PRAGMAS, "secure_delete", 0)
    path = tmp_path / "notes.sqlite3"
    _store_with_two_sentinel_notes(path)
    _delete_and_replace(path)
    database.close_database()
    assert _traces(path) != []
