"""`mentor-tui search TEXT`: hits on stdout, private notes only when asked, exit codes."""

from __future__ import annotations

import pytest

from mentor_tui.db import database, people
from mentor_tui.db.models import Person

from .cli_helpers import cli
from .exchange_fixtures import SENTINEL, fill


@pytest.fixture
def team_db(store):
    fill()
    database.close_database()
    return store


def test_search_prints_kind_date_title_and_the_snippet(team_db):
    result = cli(team_db, "search", "staging")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2026-10-01  check-in: Bo Chen → Ana Ruiz",
        "    Finished the kind lab. No access to staging. Shadow on-call.",
    ]
    assert result.stderr == ""


def test_several_words_all_needed_and_kinds_named(team_db):
    result = cli(team_db, "search", "DNS")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "2026-10-10  incident: DNS resolution failures (Ana Ruiz · SEV2)" in lines
    assert any(line.endswith("session notes: Incident review: October (notes of this occurrence)") for line in lines)
    assert cli(team_db, "search", "DNS", "outage").stdout.count("\n") == 2  # only the occurrence has both


def test_private_notes_are_left_out_unless_asked_for(team_db):
    without = cli(team_db, "search", "nervous")
    assert without.returncode == 1
    assert without.stdout == ""
    assert "nothing matches 'nervous'" in without.stderr
    assert SENTINEL not in without.stdout + without.stderr

    everything = cli(team_db, "search", "on-call")  # also in the private note: still left out
    assert everything.returncode == 0
    assert "PRIVATE" not in everything.stdout and "nervous" not in everything.stdout

    with_private = cli(team_db, "search", "--include-private", "nervous")
    assert with_private.returncode == 0, with_private.stderr
    assert with_private.stdout.splitlines() == [
        "2026-10-01  private note: Bo Chen → Ana Ruiz  PRIVATE",
        f"    {SENTINEL}",
    ]


def test_include_private_shows_nothing_to_a_mentee_who_is_me(team_db):
    database.open_database(team_db)
    people.claim_me(Person.get(Person.name == "Ana Ruiz").id)
    database.close_database()
    result = cli(team_db, "search", "--include-private", "nervous")
    assert result.returncode == 1
    assert "nervous" not in result.stdout and SENTINEL not in result.stdout


@pytest.mark.parametrize("text", ['"kind', "kind*", "-- -kind", "AND kind", "NEAR(kind", "^kind", "kind:", "k\"i'n(d)"])
def test_hostile_text_is_searched_as_words(team_db, text):
    args = text.split()
    result = cli(team_db, "search", *args)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "error" not in result.stderr.lower()


def test_text_with_syntax_around_a_word_finds_the_word(team_db):
    result = cli(team_db, "search", '"kind*', "^lab:")
    assert result.returncode == 0, result.stderr
    assert "check-in: Bo Chen → Ana Ruiz" in result.stdout


def test_text_without_any_word_is_bad_input(team_db):
    result = cli(team_db, "search", '"', "*", "-")
    assert result.returncode == 1
    assert result.stderr.strip() == "mentor-tui: nothing to search for in '\" * -': give at least one word"


def test_usage_errors_exit_2(team_db):
    assert cli(team_db, "search").returncode == 2
    bad_limit = cli(team_db, "search", "kind", "--limit", "0")
    assert bad_limit.returncode == 2
    assert "--limit must be between 1 and 500" in bad_limit.stderr


def test_limit_caps_the_hits(team_db):
    result = cli(team_db, "search", "on", "--limit", "1")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2


def test_a_missing_database_is_an_error_not_a_new_file(tmp_path):
    path = tmp_path / "none.sqlite3"
    result = cli(path, "search", "kind")
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert not path.exists()


def test_control_characters_of_a_note_never_reach_the_terminal(team_db):
    database.open_database(team_db)
    from mentor_tui.db.models import Kudos

    Kudos.create(receiver=Person.get(Person.name == "Ana Ruiz"), given_on="2026-11-02", text="wombat \x1b[2J\x1b]0;pwned\x07 done")
    database.close_database()
    result = cli(team_db, "search", "wombat")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "wombat [2J ]0;pwned done" in result.stdout
