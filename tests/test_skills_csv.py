"""`mentor-tui skills-csv` and the shared atomic writer."""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentor_tui import clock
from mentor_tui.db import models as m
from mentor_tui.db.database import close_database
from mentor_tui.exchange import skills_csv
from mentor_tui.exchange.atomic import write_atomic
from tests import report_fixtures as fx
from tests.cli_helpers import cli


@pytest.fixture
def team(tmp_path: Path) -> Iterator[fx.Team]:
    clock.freeze(fx.NOW)
    yield fx.build(tmp_path / "x.sqlite3")
    close_database()
    clock.freeze(None)


def expected_rows(team: fx.Team) -> list[list[str]]:
    header = ["person", "uuid", "role", *fx.EXPECTED_COMPETENCIES]
    people = [team.alice, team.bob, team.carol, team.eve]  # by name; Dave is archived
    return [header] + [
        [
            p.name,
            p.uuid,
            p.role,
            *(fx.EXPECTED_LEVELS[p.name].get(k, "") for k in fx.EXPECTED_COMPETENCIES),
        ]
        for p in people
    ]


def test_csv_parses_back_to_the_expected_matrix(team: fx.Team) -> None:
    text = skills_csv.skills_csv(fx.TODAY)
    assert list(csv.reader(io.StringIO(text))) == expected_rows(team)


def test_csv_quotes_awkward_names_and_leaves_out_private_notes(team: fx.Team) -> None:
    m.Person.update(name='Alice "Al", Example').where(m.Person.id == team.alice.id).execute()
    text = skills_csv.skills_csv(fx.TODAY)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == 'Alice "Al", Example'
    assert fx.SENTINEL not in text


def test_csv_of_an_empty_team_is_just_the_header(tmp_path: Path) -> None:
    from mentor_tui.db.database import open_database

    open_database(tmp_path / "x.sqlite3")
    try:
        rows = list(csv.reader(io.StringIO(skills_csv.skills_csv())))
        assert rows == [["person", "uuid", "role", *fx.EXPECTED_COMPETENCIES[:-1]]]
    finally:
        close_database()




def test_cli_skills_csv_to_stdout_and_to_a_private_file(tmp_path: Path) -> None:
    clock.freeze(fx.NOW)
    db = tmp_path / "x.sqlite3"
    team = fx.build(db)
    close_database()
    clock.freeze(None)
    # Ratings are all in the past, so the real "today" gives the same matrix.
    result = cli(db, "skills-csv")
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == expected_rows(team)

    out = tmp_path / "out" / "skills.csv"
    out.parent.mkdir()
    out.write_text("old content")
    os.chmod(out, 0o644)
    result = cli(db, "skills-csv", "-o", str(out))
    assert result.returncode == 1 and "already exists; add --force to replace it" in result.stderr
    assert out.read_text() == "old content"
    result = cli(db, "skills-csv", "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote the skills matrix to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with out.open(newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == expected_rows(team)
    assert sorted(p.name for p in out.parent.iterdir()) == ["skills.csv"]  # no temp file left

    result = cli(db, "skills-csv", "-o", str(tmp_path / "no-such-dir" / "s.csv"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- write_atomic


def test_write_atomic_replaces_with_mode_0600(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    os.chmod(target, 0o644)
    assert write_atomic(target, "né\n") == target
    assert target.read_bytes() == "né\n".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    write_atomic(target, b"\x00bytes", mode=0o640)
    assert target.read_bytes() == b"\x00bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_write_atomic_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(tmp_path / "missing" / "f.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_a_name_a_spreadsheet_would_run_as_a_formula_stays_text(team: fx.Team) -> None:
    m.Person.update(name="=HYPERLINK(\"http://x\")").where(m.Person.id == team.alice.id).execute()
    rows = list(csv.reader(io.StringIO(skills_csv.skills_csv())))
    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
