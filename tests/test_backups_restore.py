"""Automatic backups, `backups`, `restore`, and files that must never be taken over."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from mentor_tui import clock
from mentor_tui.db import backup_files, database, guard, people
from tests.cli_helpers import cli
from tests.conftest import FROZEN_NOW


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


@pytest.fixture
def saved(db_path: Path) -> Path:
    """A closed database with one person, written before today (no backup yet)."""
    database.open_database(db_path)
    people.add_person("Ana Ruiz", "mentor")
    database.close_database()
    return db_path


def test_the_first_open_of_a_day_takes_a_private_backup_and_the_last_five_are_kept(saved):
    folder = saved.parent / "backups"
    database.open_database(saved)
    database.close_database()
    (first,) = backup_files.automatic_backups(saved)
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    con = sqlite3.connect(first.path)
    assert con.execute("SELECT name FROM person").fetchall() == [("Ana Ruiz",)]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()

    database.open_database(saved)  # the same day: no second copy
    database.close_database()
    assert len(backup_files.automatic_backups(saved)) == 1

    for day in range(1, 8):
        clock.freeze(FROZEN_NOW + dt.timedelta(days=day))
        database.open_database(saved)
        database.close_database()
    kept = backup_files.automatic_backups(saved)
    assert len(kept) == backup_files.KEEP
    assert [b.taken_at.date() for b in kept] == [(FROZEN_NOW + dt.timedelta(days=d)).date() for d in range(3, 8)]
    assert not first.path.exists()


def test_a_new_database_has_no_backup_and_no_leftovers(db_path):
    database.open_database(db_path)
    database.close_database()
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_backups_lists_them_and_names_the_restore_command(saved):
    database.open_database(saved)
    database.close_database()
    result = cli(saved, "backups")
    assert result.returncode == 0, result.stderr
    (backup,) = backup_files.automatic_backups(saved)
    assert str(backup.path) in result.stdout and "daily" in result.stdout
    assert f"mentor-tui --db {saved} restore FILE" in result.stdout


def _backup_of(saved: Path) -> Path:
    database.open_database(saved)
    database.close_database()
    return backup_files.automatic_backups(saved)[-1].path


def test_restore_asks_and_never_waits_without_a_terminal(saved):
    backup = _backup_of(saved)
    before = _bytes(saved)
    result = cli(saved, "restore", str(backup))  # stdin is not a terminal here
    assert result.returncode == 1
    assert "add --yes" in result.stderr and result.stderr.count("\n") == 1
    assert _bytes(saved) == before


def test_restore_yes_puts_the_backup_in_place_and_keeps_the_current_file_aside(saved):
    backup = _backup_of(saved)
    database.open_database(saved)
    people.add_person("Bo Chen", "mentee")  # after the backup: only in the current file
    database.close_database()

    result = cli(saved, "restore", "--yes", str(backup))
    assert result.returncode == 0, result.stderr
    (aside,) = saved.parent.glob(f"{saved.name}.before-restore-*")
    assert f"kept as {aside}" in result.stdout
    names = lambda p: [r[0] for r in sqlite3.connect(p).execute("SELECT name FROM person ORDER BY name")]  # noqa: E731
    assert names(saved) == ["Ana Ruiz"]
    assert names(aside) == ["Ana Ruiz", "Bo Chen"]
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert backup.exists()


@pytest.mark.parametrize("kind", ["foreign", "damaged", "newer", "empty"])
def test_restore_refuses_a_file_that_is_not_a_sound_mentor_tui_database(saved, tmp_path, kind):
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE photos (x)")
        con.commit()
        con.close()
    elif kind == "damaged":
        data = bytearray(_backup_of(saved).read_bytes())
        data[100:4000] = b"\xff" * 3900
        bad.write_bytes(bytes(data))
    elif kind == "newer":
        bad.write_bytes(_backup_of(saved).read_bytes())
        con = sqlite3.connect(bad)
        con.execute(f"PRAGMA user_version = {guard.SCHEMA_VERSION + 1}")
        con.commit()
        con.close()
    else:
        bad.write_bytes(b"")
    before = _bytes(saved)
    result = cli(saved, "restore", "--yes", str(bad))
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("mentor-tui: ") and result.stderr.count("\n") == 1
    assert "cannot be restored" in result.stderr or "no such file" in result.stderr
    assert _bytes(saved) == before
    assert not list(saved.parent.glob("*.before-restore-*"))


def _damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[:16] = b"garbage!garbage!"
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("args", [("export",), ("check",), ("report", "--team"), ("skills-csv",), ()])
def test_a_damaged_database_names_the_newest_backup_and_is_left_untouched(saved, args):
    backup = _backup_of(saved)
    damaged = _damage(saved)
    result = cli(saved, *args)
    assert result.returncode == 1
    line = result.stderr.strip()
    assert "\n" not in line
    assert f"the newest backup is {backup}" in line
    assert f"mentor-tui --db {saved} restore {backup}" in line
    assert _bytes(saved) == damaged


def test_the_app_exits_1_when_the_store_cannot_be_opened(tmp_path, monkeypatch):
    """A file that looks sound before the app but fails to open in it: the app says so, exit 1."""
    from mentor_tui import cli as cli_module
    from mentor_tui.app import MentorApp

    ran = []

    def fake_run(self):
        self._store_failed("cannot open")  # what the open_store worker reports
        ran.append(self.store_failed)

    monkeypatch.setattr(MentorApp, "_store_failed", lambda self, message: setattr(self, "store_failed", True))
    monkeypatch.setattr(MentorApp, "run", fake_run)
    assert cli_module.main(["--db", str(tmp_path / "new.sqlite3")]) == 1
    assert ran == [True]


def test_an_empty_file_is_never_taken_over(tmp_path):
    empty = tmp_path / "mentor.sqlite3"
    empty.write_bytes(b"")
    golden = Path(__file__).parent / "data" / "golden" / "demo-person.toml"
    for args in (("check",), ("export",), ("import", str(golden)), ()):
        result = cli(empty, *args)
        assert result.returncode == 1, args
        assert "is an empty file (0 bytes), not a mentor-tui database" in result.stderr
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mentor.sqlite3"]


def test_a_table_less_sqlite_file_of_another_program_is_never_taken_over(tmp_path):
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.commit()
    con.close()
    before = _bytes(other)
    with pytest.raises(guard.StoreError, match="empty SQLite database of another program"):
        database.open_database(other)
    assert _bytes(other) == before


@pytest.mark.parametrize("content", ["garbage", "sound"])
def test_check_leaves_no_file_behind(saved, content):
    if content == "garbage":
        _damage(saved)
    before = sorted(p.name for p in saved.parent.iterdir())
    result = cli(saved, "check")
    assert result.returncode == (1 if content == "garbage" else 0)
    assert sorted(p.name for p in saved.parent.iterdir()) == before


@pytest.fixture
def read_only_folder(saved, tmp_path):
    """`saved` copied into a folder the commands may not write in: a read-only mount as
    root (root writes through permissions), else a folder without write permission."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
        if mounted.returncode == 0:
            (folder / saved.name).write_bytes(saved.read_bytes())
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder / saved.name
            subprocess.run(["umount", str(folder)], check=True)
            return
    (folder / saved.name).write_bytes(saved.read_bytes())  # (root without the right to mount:
    os.chmod(folder / saved.name, 0o400)  # a weaker check, root writes through 0500)
    os.chmod(folder, 0o500)
    yield folder / saved.name
    os.chmod(folder, 0o700)


def test_a_database_in_a_read_only_folder_can_be_checked_and_exported(read_only_folder):
    path = read_only_folder
    result = cli(path, "check")
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr
    result = cli(path, "export")
    assert result.returncode == 0, result.stderr
    assert 'name = "Ana Ruiz"' in result.stdout
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


async def test_the_app_takes_the_daily_backup_once_its_first_screen_is_up(saved):
    from mentor_tui.app import MentorApp
    from tests.pilot_helpers import settle, wait_until

    app = MentorApp(db_path=saved)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: len(backup_files.automatic_backups(saved)) == 1, what="the daily backup")
    (backup,) = backup_files.automatic_backups(saved)
    assert backup.reason == "daily" and stat.S_IMODE(backup.path.stat().st_mode) == 0o600


def test_a_new_store_that_cannot_be_finished_leaves_nothing_at_its_path(tmp_path, monkeypatch):
    """A full disk while the new store is built: nothing half-made is left to be opened later."""

    def full(db):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database, "MIGRATIONS", [*database.MIGRATIONS[:-1], full])
    path = tmp_path / "new.sqlite3"
    with pytest.raises(guard.StoreError, match="disk full"):
        database.open_database(path)
    assert list(tmp_path.iterdir()) == []
