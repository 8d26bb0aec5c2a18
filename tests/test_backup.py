"""`mentor-tui backup`: a consistent, private copy through SQLite's backup API."""

from __future__ import annotations

import re
import sqlite3
import stat
from pathlib import Path

import pytest

from mentor_tui import clock
from mentor_tui.db import backup
from mentor_tui.db import models as m
from mentor_tui.db.database import close_database, open_database
from mentor_tui.db.guard import integrity_problems
from tests import report_fixtures as fx
from tests.cli_helpers import cli


def row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            model._meta.table_name: con.execute(
                f'SELECT count(*) FROM "{model._meta.table_name}"'
            ).fetchone()[0]
            for model in m.ALL_MODELS
        }
    finally:
        con.close()


def header_ids(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0], con.execute(
            "PRAGMA application_id"
        ).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    clock.freeze(fx.NOW)
    path = tmp_path / "x.sqlite3"
    fx.build(path)
    close_database()
    clock.freeze(None)
    return path


def test_backup_is_private_sound_and_complete(db: Path, tmp_path: Path) -> None:
    store = open_database(db)
    try:
        # A write still in the WAL (not checkpointed) must be in the copy too.
        m.Kudos.create(
            receiver=m.Person.get(m.Person.name == "Eve Newcomer"), given_on=fx.TODAY, text="late"
        )
        copy = backup.backup_database(store, tmp_path / "copy.sqlite3")
    finally:
        close_database()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert integrity_problems(copy) == []
    assert row_counts(copy) == row_counts(db)
    assert row_counts(copy)["kudos"] == 3
    assert header_ids(copy) == header_ids(db)  # still recognised as ours, same schema
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == [
        "copy.sqlite3"
    ]


def test_backup_never_overwrites(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.sqlite3"
    target.write_bytes(b"precious")
    store = open_database(db)
    try:
        with pytest.raises(backup.BackupError, match="already exists"):
            backup.backup_database(store, target)
    finally:
        close_database()
    assert target.read_bytes() == b"precious"


def test_default_name_has_a_timestamp() -> None:
    clock.freeze(fx.NOW)
    try:
        assert re.fullmatch(r"mentor-\d{8}-\d{6}\.sqlite3", backup.default_backup_name())
    finally:
        clock.freeze(None)




def test_cli_backup_copy_passes_check(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.sqlite3"
    result = cli(db, "backup", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    check = cli(out, "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "ok"
    assert row_counts(out) == row_counts(db)

    again = cli(db, "backup", "-o", str(out))
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr


def test_cli_backup_default_name_in_the_current_folder(db: Path, tmp_path: Path) -> None:
    here = tmp_path / "here"
    here.mkdir()
    result = cli(db, "backup", cwd=here)
    assert result.returncode == 0, result.stderr
    written = [p.name for p in here.iterdir()]
    assert len(written) == 1 and re.fullmatch(r"mentor-\d{8}-\d{6}\.sqlite3", written[0])
    assert result.stdout.strip() == written[0]
    assert integrity_problems(here / written[0]) == []


def test_cli_backup_of_a_missing_database_fails_cleanly(tmp_path: Path) -> None:
    result = cli(tmp_path / "missing.sqlite3", "backup", "-o", str(tmp_path / "b.sqlite3"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_cli_backup_onto_the_database_itself_is_refused(db: Path) -> None:
    result = cli(db, "backup", "-o", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
