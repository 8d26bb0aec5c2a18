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
    assert result.stderr.strip() == f"mentor-tui: {path} is not a mentor-tui database (not an SQLite file, or damaged)"
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


def test_demo_and_db_together_is_bad_usage(tmp_path):
    result = run("--db", str(tmp_path / "mine.sqlite3"), "--demo", "check")
    assert result.returncode == 2
    assert "--demo" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "mine.sqlite3").exists()


def test_export_from_a_missing_database_creates_nothing(tmp_path):
    missing = tmp_path / "typo.sqlite3"
    result = run("--db", str(missing), "export")
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert not missing.exists()


def test_database_errors_are_phrased_for_the_user(tmp_path):
    import sqlite3

    from mentor_tui.db.guard import describe

    path = tmp_path / "x.sqlite3"
    assert "needs to write in its folder" in describe(path, sqlite3.OperationalError("unable to open database file"))
    assert "locked by another program" in describe(path, sqlite3.OperationalError("database is locked"))
    assert "is not a mentor-tui database" in describe(path, sqlite3.DatabaseError("file is not a database"))


def test_a_locked_database_is_one_line_and_changes_nothing(store, tmp_path):
    import sqlite3

    from mentor_tui.db import people
    from mentor_tui.exchange.toml_export import build_document, write_document

    people.add_person("Ana Ruiz", "mentee")
    export = write_document(build_document(), tmp_path / "team.toml")
    database.close_database()
    other = tmp_path / "other.sqlite3"
    database.open_database(other)
    database.close_database()

    holder = sqlite3.connect(other, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another program is writing
    try:
        result = run("--db", str(other), "import", str(export))
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1
    assert "locked" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    database.open_database(other)
    from mentor_tui.db.models import Person

    assert Person.select().count() == 0


def test_a_reader_that_goes_away_is_not_an_error(tmp_path):
    """`mentor-tui import ... | head -1`: a closed pipe ends the command quietly."""
    import os
    import subprocess
    import sys

    from mentor_tui import demo

    db = tmp_path / "demo.sqlite3"
    demo.generate(db)
    # stdout is a pipe whose reading end is already closed: the first write fails, every time
    script = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
        "from mentor_tui.cli import main\n"
        f"sys.exit(main(['--db', {str(db)!r}, 'report', '--team']))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MENTOR_TUI_DB"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert result.stderr == "", result.stderr
    assert result.returncode == 141
