"""`mentor-tui export` and `mentor-tui import` on the command line, and the atomic write."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mentor_tui.cli import main
from mentor_tui.db import database
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_export import build_document, write_document
from tests.cli_helpers import cli
from tests.exchange_fixtures import fill, parse, without_time


@pytest.fixture
def team_db(tmp_path):
    path = tmp_path / "team.sqlite3"
    database.open_database(path)
    team = fill()
    database.close_database()
    return path, team




def test_export_to_stdout(team_db):
    db, _team = team_db
    result = cli(db, "export")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    doc = parse(result.stdout)
    assert doc["scope"] == "team" and len(doc["people"]) == 5


def test_export_to_a_file(team_db, tmp_path):
    db, _team = team_db
    out = tmp_path / "out" / "team.toml"
    out.parent.mkdir()
    result = cli(db, "export", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and str(out) in result.stdout
    assert out.stat().st_mode & 0o777 == 0o600
    assert parse(out.read_text(encoding="utf-8"))["format"] == "mentor-tui"
    assert sorted(os.listdir(out.parent)) == ["team.toml"]


def test_export_person_by_name_and_by_uuid(team_db):
    db, team = team_db
    by_name = cli(db, "export", "--person", "Ana Ruiz")
    by_uuid = cli(db, "export", "--person", team.ana.uuid)
    assert by_name.returncode == by_uuid.returncode == 0
    assert parse(by_name.stdout)["scope"] == "person"
    assert without_time(parse(by_name.stdout)) == without_time(parse(by_uuid.stdout))
    both = parse(cli(db, "export", "--person", "Ana Ruiz", "--person", "Cai Müller").stdout)
    assert len(both["plans"]) == 2


def test_export_plan(team_db):
    db, team = team_db
    result = cli(db, "export", "--plan", team.cai_plan.uuid)
    assert result.returncode == 0, result.stderr
    doc = parse(result.stdout)
    assert doc["scope"] == "plan" and [p["title"] for p in doc["plans"]] == ["Kubernetes track"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--person", "Nobody"), "mentor-tui: no person called 'Nobody'"),
        (("--plan", "no-such-plan"), "mentor-tui: no plan with uuid 'no-such-plan'"),
        (("-o", "/nonexistent-folder/x.toml"), "mentor-tui: cannot write /nonexistent-folder/x.toml"),
    ],
)
def test_export_bad_input_is_one_line_exit_1(team_db, args, message):
    db, _team = team_db
    result = cli(db, "export", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_import_prints_a_summary(team_db, tmp_path):
    db, _team = team_db
    file = tmp_path / "team.toml"
    assert cli(db, "export", "-o", str(file)).returncode == 0
    target = tmp_path / "empty.sqlite3"
    first = cli(target, "import", str(file))
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("Imported 1 file: ") and "0 updated, 0 unchanged" in lines[0]
    assert "  people: 5 added, 0 updated, 0 unchanged" in lines
    assert "  lab items: 2 added, 0 updated, 0 unchanged" in lines
    second = cli(target, "import", str(file), str(file))
    assert second.returncode == 0
    assert second.stdout.splitlines()[0].startswith("Imported 2 files: 0 added, 0 updated, ")


def test_commands_work_in_process(team_db, tmp_path, capsys):
    db, _team = team_db
    out = tmp_path / "x.toml"
    assert main(["--db", str(db), "export", "--person", "Ana Ruiz", "-o", str(out)]) == 0
    assert main(["--db", str(tmp_path / "y.sqlite3"), "import", str(out)]) == 0
    assert "Imported 1 file" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(db), "import"])  # FILE is required: bad usage
    assert usage.value.code == 2


# ---------------------------------------------------------------- atomic write


def test_failed_write_leaves_the_old_file_and_no_temp_files(team_db, tmp_path, monkeypatch):
    db, _team = team_db
    database.open_database(db)
    out = tmp_path / "export.toml"
    out.write_text("the old export\n", encoding="utf-8")
    doc = build_document()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExchangeError, match="cannot write .*No space left on device"):
        write_document(doc, out)
    assert out.read_text(encoding="utf-8") == "the old export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")) == []


def test_failed_fsync_leaves_the_old_file_and_no_temp_files(team_db, tmp_path, monkeypatch):
    db, _team = team_db
    database.open_database(db)
    out = tmp_path / "export.toml"
    out.write_text("the old export\n", encoding="utf-8")
    doc = build_document()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ExchangeError):
        write_document(doc, out)
    assert out.read_text(encoding="utf-8") == "the old export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_over_an_existing_file_replaces_it_with_mode_0600(team_db, tmp_path):
    db, _team = team_db
    database.open_database(db)
    out = tmp_path / "export.toml"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o644)
    write_document(build_document(), out)
    assert out.stat().st_mode & 0o777 == 0o600
    assert parse(out.read_text(encoding="utf-8"))["scope"] == "team"


@pytest.mark.parametrize("command", [["export"], ["skills-csv"], ["report", "--team"]])
def test_output_never_overwrites_the_database(tmp_path, command):
    import hashlib

    from mentor_tui.db import database, people

    db = tmp_path / "mine.sqlite3"
    database.open_database(db)
    people.set_me("Bo Chen", "mentor")
    database.close_database()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for target in (db, tmp_path / "mine.sqlite3-wal"):
        result = subprocess.run(
            [sys.executable, "-m", "mentor_tui", "--db", str(db), *command, "-o", str(target)],
            capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 1, result.stderr
        assert "is a database file; choose another name" in result.stderr
        assert result.stderr.count("\n") == 1
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_import_takes_a_folder_of_exports(team_db, tmp_path):
    db, _team = team_db
    folder = tmp_path / "exports"
    folder.mkdir()
    assert cli(db, "export", "--person", "Ana Ruiz", "-o", str(folder / "ana.toml")).returncode == 0
    assert cli(db, "export", "--person", "Bo Chen", "-o", str(folder / "bo.toml")).returncode == 0
    (folder / "README.txt").write_text("not an export")
    lead = tmp_path / "lead.sqlite3"
    result = cli(lead, "import", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 2 files:")


def test_import_of_a_folder_without_exports_is_an_error(team_db, tmp_path):
    db, _team = team_db
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli(db, "import", str(empty))
    assert result.returncode == 1
    assert result.stderr.strip() == f"mentor-tui: {empty}: no .toml files in this folder"


def test_a_big_batch_is_written_while_read_with_the_same_outcome(team_db, tmp_path, capsys, monkeypatch):
    """`mentor-tui import` of a batch big enough for worker processes opens the store first and
    writes while they read (import_stream): the same summary, and a bad file still changes nothing."""
    from mentor_tui.exchange import parallel_read
    from tests.exchange_fixtures import dump_db

    db, _team = team_db
    files = [tmp_path / "ana.toml", tmp_path / "bo.toml"]
    assert main(["--db", str(db), "export", "--person", "Ana Ruiz", "-o", str(files[0])]) == 0
    assert main(["--db", str(db), "export", "--person", "Bo Chen", "-o", str(files[1])]) == 0
    capsys.readouterr()
    outputs = []
    for parallel in (False, True):
        monkeypatch.setattr(parallel_read, "PARALLEL_MIN_BYTES", 0 if parallel else 1 << 60)
        assert main(["--db", str(tmp_path / f"lead-{parallel}.sqlite3"), "import", *map(str, files)]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and outputs[0].startswith("Imported 2 files: ")
    before = dump_db(tmp_path / "lead-True.sqlite3")
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "mentor-tui"\nversion = 2\n[[people]]\nuuid = "x"\n', encoding="utf-8")
    assert main(["--db", str(tmp_path / "lead-True.sqlite3"), "import", *map(str, files), str(bad)]) == 1
    assert "people[0].name: required key is missing" in capsys.readouterr().err
    assert dump_db(tmp_path / "lead-True.sqlite3") == before
