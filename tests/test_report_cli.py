"""`mentor-tui report` on the command line: the brag doc, the team report, bad input."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from mentor_tui.db.database import close_database, open_database
from tests import report_fixtures as fx
from tests.cli_helpers import cli


@pytest.fixture
def db(tmp_path: Path, report_now: None) -> Path:
    path = tmp_path / "x.sqlite3"
    fx.build(path)
    close_database()
    return path


PERIOD = ("--since", "2025-11-26", "--until", "2026-11-26")


def test_cli_report_writes_the_brag_doc_of_me(db: Path) -> None:
    result = cli(db, "report", *PERIOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Brag doc: Alice Example")
    assert "2 → 4" in result.stdout
    assert fx.SENTINEL not in result.stdout


def test_cli_report_for_a_named_person_to_a_private_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bob.md"
    result = cli(db, "report", "--person", "bob mentor", "-o", str(out), *PERIOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote the report to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Brag doc: Bob Mentor")
    assert fx.SENTINEL not in text
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bob.md")] == []  # no temp left


def test_cli_team_report(db: Path) -> None:
    result = cli(db, "report", "--team", "--until", "2026-11-26")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Team report")
    assert "single point of knowledge: Carol Lead" in result.stdout
    assert fx.SENTINEL not in result.stdout


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("--since", "2026-13-01"), "--since"),
        (("--since", "20260101"), "--since"),
        (("--until", "yesterday"), "--until"),
    ],
)
def test_cli_bad_date_is_one_clear_line(db: Path, args: tuple[str, ...], option: str) -> None:
    result = cli(db, "report", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert option in lines[0] and "YYYY-MM-DD" in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_since_after_until_is_bad_input(db: Path) -> None:
    result = cli(db, "report", "--since", "2026-06-01", "--until", "2026-01-01")
    assert result.returncode == 1
    assert "--since" in result.stderr and "Traceback" not in result.stderr


def test_cli_person_and_team_together_is_bad_usage(db: Path) -> None:
    result = cli(db, "report", "--person", "Alice Example", "--team")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_cli_unknown_person_and_no_me(db: Path, tmp_path: Path) -> None:
    result = cli(db, "report", "--person", "Nobody")
    assert result.returncode == 1
    assert "Nobody" in result.stderr and "Traceback" not in result.stderr

    empty = tmp_path / "empty.sqlite3"
    open_database(empty)
    close_database()
    result = cli(empty, "report")
    assert result.returncode == 1
    assert "--person" in result.stderr and "Traceback" not in result.stderr


def test_cli_report_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    result = cli(missing, "report", "--team")
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert not missing.exists()
