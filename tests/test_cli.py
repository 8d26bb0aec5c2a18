"""The command line: version, help, check, and one-line errors with the right exit status."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from mentor_tui import __version__
from mentor_tui.db import database


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "mentor_tui", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mentor-tui {__version__}"


def test_help_lists_only_working_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "check" in result.stdout
    assert "--db PATH" in result.stdout and "--demo" in result.stdout


def test_check_on_a_sound_database(store):
    database.close_database()
    result = run("--db", str(store), "check")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "ok", "")


def test_check_also_takes_db_after_the_command(store):
    database.close_database()
    result = run("check", "--db", str(store))
    assert (result.returncode, result.stdout.strip()) == (0, "ok")


def test_check_on_a_damaged_database(store):
    database.close_database()
    con = sqlite3.connect(store)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(store.read_bytes())
    page_size = 4096
    for offset in range(page_size + 8, len(data), 5):  # scribble over every page but the header's
        data[offset] = 0xFF
    store.write_bytes(bytes(data))
    result = run("--db", str(store), "check")
    assert result.returncode == 1
    assert result.stdout.strip() != "ok"
    assert "malformed" in result.stdout + result.stderr or "damaged" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_not_a_database_is_one_line_and_exit_1(tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"\x00garbage" * 500)
    result = run("--db", str(path), "check")
    assert result.returncode == 1
    assert result.stderr.strip() == f"mentor-tui: {path} is not a mentor-tui database"
    assert result.stderr.count("\n") == 1


def test_opening_the_app_on_a_foreign_file_fails_before_the_screen(tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"not sqlite at all" * 100)
    result = run("--db", str(path))
    assert result.returncode == 1
    assert "is not a mentor-tui database" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_newer_database_is_refused_from_the_command_line(tmp_path):
    path = tmp_path / "future.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 5}")
    con.commit()
    con.close()
    before = path.read_bytes()
    result = run("--db", str(path))
    assert result.returncode == 1
    assert "newer mentor-tui" in result.stderr
    assert path.read_bytes() == before


def test_bad_usage_exits_2_with_one_line():
    result = run("no-such-command")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_missing_database_for_check_is_bad_input(tmp_path):
    result = run("--db", str(tmp_path / "missing.sqlite3"), "check")
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_environment_variable_sets_the_database(store, tmp_path):
    import os

    database.close_database()
    env = dict(os.environ, MENTOR_TUI_DB=str(store))
    result = run("check", env=env)
    assert (result.returncode, result.stdout.strip()) == (0, "ok")
