"""The command line of sharing: --dry-run, --without-private, people merge, -o and --force."""

from __future__ import annotations

import datetime as dt
import os
import socket

import pytest

from mentor_tui.db import database, mentorships, people
from mentor_tui.db.models import Person, PersonAlias
from mentor_tui.exchange.output_files import export_file_name, file_stem
from tests.cli_helpers import cli
from tests.exchange_fixtures import fill


@pytest.fixture
def team_db(tmp_path):
    path = tmp_path / "team.sqlite3"
    database.open_database(path)
    fill()
    database.close_database()
    return path


@pytest.fixture
def private_export(team_db, tmp_path):
    out = tmp_path / "bo-PRIVATE.toml"
    result = cli(team_db, "export", "--include-private", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_dry_run_prints_the_counts_of_the_real_import_and_writes_nothing(private_export, tmp_path):
    target = tmp_path / "lead.sqlite3"
    database.open_database(target)
    people.set_me("Lea Lead", "lead")
    database.close_database()
    before = target.read_bytes()
    dry = cli(target, "import", "--dry-run", str(private_export))
    assert dry.returncode == 0, dry.stderr
    assert target.read_bytes() == before
    assert dry.stdout.splitlines()[0].startswith("Would import 1 file: ")
    assert dry.stdout.splitlines()[-1] == "Nothing was written (--dry-run)."
    assert "carries private pairing notes (left out)" in dry.stdout  # another mentor's: only when asked
    real = cli(target, "import", str(private_export))
    counts = [line.split(": ", 1)[1] for line in dry.stdout.splitlines() if line.startswith("  ")]
    assert counts == [line.split(": ", 1)[1] for line in real.stdout.splitlines() if line.startswith("  ")]


def test_without_private_leaves_the_notes_out(private_export, tmp_path):
    target = tmp_path / "lead.sqlite3"
    result = cli(target, "import", "--without-private", str(private_export))
    assert result.returncode == 0, result.stderr
    assert "carries private pairing notes (left out)" in result.stdout
    database.open_database(target)
    from mentor_tui.db.models import CheckIn

    assert {c.private_notes for c in CheckIn.select()} == {""}


def test_people_merge_prints_what_moves_and_never_waits_without_a_terminal(team_db):
    database.open_database(team_db)
    copy = people.add_person("Ana R.", "mentee", "ana.r@example.com")
    mentorships.create_mentorship(Person.get(Person.name == "Bo Chen").id, copy.id, dt.date(2026, 1, 5))
    copy_uuid = copy.uuid
    database.close_database()
    asked = cli(team_db, "people", "merge", "Ana Ruiz", "Ana R.")
    assert asked.returncode == 1
    assert "Merge Ana R." in asked.stdout and "moves mentorships as mentee: 1" in asked.stdout
    assert asked.stdout.splitlines()[1] == "  ⚠ the names differ: merge only if Ana R. and Ana Ruiz are one human"
    assert asked.stdout.splitlines()[-1] == "  a merge cannot be undone, except by restoring a backup"
    assert asked.stderr.strip() == "mentor-tui: not merged: no terminal to ask on; add --yes to merge without asking"
    done = cli(team_db, "people", "merge", "Ana Ruiz", copy_uuid, "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("merged: Ana R. is now Ana Ruiz")
    listing = cli(team_db, "people", "list")
    line = next(line for line in listing.stdout.splitlines() if line.startswith("Ana Ruiz"))
    assert f"also {copy_uuid}" in line and "ana@example.com" in line
    database.open_database(team_db)
    assert PersonAlias.get().uuid == copy_uuid and people.find(copy_uuid).name == "Ana Ruiz"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nobody", "Ana Ruiz"], "no person called 'Nobody'"),
        (["Ana Ruiz", "Ana Ruiz"], "a person cannot be merged with themselves"),
        (["Bo Chen", "Ana Ruiz"], "are in a mentorship with each other"),
    ],
)
def test_people_merge_refusals_are_one_line(team_db, args, message):
    result = cli(team_db, "people", "merge", *args, "--yes")
    assert result.returncode == 1 and message in result.stderr and result.stderr.count("\n") == 1


COMMANDS = [["export"], ["report", "--team"], ["skills-csv"]]


@pytest.mark.parametrize("command", COMMANDS)
def test_o_refuses_an_existing_file_unless_forced_and_says_where_it_wrote(team_db, tmp_path, command):
    out = tmp_path / "out.txt"
    first = cli(team_db, *command, "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("wrote ") and f" to {out}" in first.stdout
    out.write_text("keep me", encoding="utf-8")
    again = cli(team_db, *command, "-o", str(out))
    assert again.returncode == 1
    assert again.stderr.strip() == f"mentor-tui: {out} already exists; add --force to replace it"
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = cli(team_db, *command, "-o", str(out), "--force")
    assert forced.returncode == 0 and out.read_text(encoding="utf-8") != "keep me"


@pytest.mark.parametrize("command", COMMANDS)
def test_o_refuses_links_fifos_devices_and_folders(team_db, tmp_path, command):
    target = tmp_path / "real.txt"
    target.write_text("target", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for path, what in [(link, "is a symbolic link"), (fifo, "is a FIFO"), ("/dev/null", "is a device"),
                           (tmp_path, "is a folder"), (sock_path, "is a socket")]:
            result = cli(team_db, *command, "-o", str(path), "--force")
            assert result.returncode == 1 and what in result.stderr, (path, result.stderr)
            assert result.stderr.count("\n") == 1
    finally:
        sock.close()
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "target"
    assert fifo.exists() and not fifo.is_file()


def test_stdout_without_o_stays_available_for_pipes(team_db):
    result = cli(team_db, "skills-csv")
    assert result.returncode == 0 and result.stdout.startswith("person,") and "wrote" not in result.stdout


def test_backup_never_replaces_a_file_or_a_link(team_db, tmp_path):
    link = tmp_path / "dangling.sqlite3"
    link.symlink_to(tmp_path / "nowhere")
    result = cli(team_db, "backup", "-o", str(link))
    assert result.returncode == 1 and "already exists" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_default_export_names_keep_letters_of_every_script():
    day = dt.date(2026, 11, 27)
    assert export_file_name("Zoë 李雷", day) == "mentor-zoë-李雷-2026-11-27.toml"
    assert export_file_name("Zoë 李雷", day, private=True) == "mentor-zoë-李雷-2026-11-27-PRIVATE.toml"
    assert file_stem("../etc/passwd\x00 x") == "etc-passwd-x"
    assert file_stem("   ") == "export" and file_stem("Ωmega Σ") == "ωmega-σ"
    assert len(file_stem("é" * 500).encode()) <= 255


def test_o_takes_a_file_name_in_any_script(team_db, tmp_path):
    out = tmp_path / "mentor-zoë-李雷.toml"
    result = cli(team_db, "export", "--person", "Ana Ruiz", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"to {out}\n") and out.read_text(encoding="utf-8").startswith('format = "mentor-tui"')
