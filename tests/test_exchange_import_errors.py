"""Broken files: exit 1, one line naming the file and the problem, no traceback, nothing changed.

How fast a file is refused is measured by benchmarks/refusal_bench.py (`make bench`).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from mentor_tui.db import database
from mentor_tui.db.models import Mentorship, Plan
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files, read_files
from tests.cli_helpers import cli
from tests.exchange_fixtures import dump_db, file_hash, fill

BROKEN = Path(__file__).parent / "data" / "broken"

# file -> what its one-line error must say (after "<path>: ")
EXPECTED = {
    "action_done_before_checkin.toml": "checkins[0].actions[0].done_on: the action item is done (2026-10-10) before its check-in was held (2026-10-15)",
    "bad_date.toml": 'plans[0].goals[2].due_on: expected a date (YYYY-MM-DD), got "2026-13-01"',
    "bad_enum.toml": 'plans[0].status: expected one of "active", "paused", "done", "archived", got "finished"',
    "binary_garbage.toml": "not a valid mentor-tui file: it is binary",
    "checkin_after_end.toml": "checkins[0].held_on: the check-in (2026-10-15) is dated after its mentorship ended (2026-10-01)",
    "checkin_before_start.toml": "checkins[0].held_on: the check-in (2026-08-01) is dated before its mentorship started (2026-09-01)",
    "confidence_bool.toml": "checkins[0].confidence: expected an integer from 1 to 5, got true",
    "dangling_competency.toml": 'plans[0].goals[0].competency: competency key "basket-weaving" is neither in this file nor in the database',
    "dangling_reference.toml": 'checkins[0].mentorship: mentorship uuid "m-missing" is neither in this file nor in the database',
    "deep_nesting.toml": "not a valid mentor-tui file: arrays, tables or dotted keys are nested too deeply",
    "duplicate_uuid.toml": 'people[1].uuid: duplicate uuid "p-ana" (also at people[0])',
    "goal_due_after_target.toml": "plans[0].goals[1].due_on: due 2026-12-01 is after the plan's target date (2026-02-01)",
    "end_before_start.toml": "mentorships[0].ended_on: expected a date on or after started_on (2026-09-01), got 2026-08-01",
    "huge_integer.toml": "not a valid mentor-tui file: an integer is out of range (TOML integers are 64-bit) at line 17",
    "invalid_utf8.toml": "not a valid mentor-tui file: not UTF-8 text (byte 0xff",
    "level_out_of_range.toml": "skills[0].level: expected an integer from 0 to 5, got 7",
    "local_datetime.toml": "sessions[0].starts_at: expected an offset date-time (e.g. 2026-10-02T15:00:00Z), got a local date-time",
    "long_dotted_key.toml": "not a valid mentor-tui file: a dotted key has 64 or more parts",
    "missing_format.toml": "format: required key is missing",
    "missing_title.toml": "plans[0].goals[2].title: required key is missing",
    "newer_version.toml": "version: the file is format version 3, written by a newer mentor-tui",
    "not_toml.toml": "not a valid mentor-tui file: extra `=`, expected nothing at line 12 column 8",
    "plans_not_array.toml": 'plans: expected an array of tables ([[plans]]), got "all of them"',
    "not_a_day.toml": 'plans[0].goals[2].due_on: expected a date (YYYY-MM-DD), got "2026-02-30" '
                      "('2026-02-30' is not a day: February 2026 has 28 days)",
    "private_notes_not_included.toml": "checkins[0].private_notes: private notes in a file that says includes_private = false",
    "quoted_date.toml": 'plans[0].goals[2].due_on: expected a date (YYYY-MM-DD), got "2026-08-30" '
                        "(a string: TOML dates are written without quotes, due_on = 2026-08-30)",
    "rrule_interval_zero.toml": "sessions[0].rrule: not a usable RRULE: INTERVAL must be a whole number of at least 1",
    "rrule_impossible.toml": "sessions[0].rrule: not a usable RRULE: the rule has no occurrence in the ten years",
    "tab_in_name.toml": "people[0].name: expected text without control characters, got \\x09 at position 4",
    "unknown_attendee.toml": 'sessions[0].occurrences[0].attendees[1]: person uuid "p-ghost" is neither in this file nor in the database',
    "unknown_record_key.toml": "plans[0]: unknown key \"titel\" (did you mean 'title'?)",
    "unknown_top_key.toml": 'unknown top-level key "colour"',
    "wrong_format.toml": 'format: expected "mentor-tui", got "mentor-tool"',
    "wrong_type.toml": "people[0].name: expected a string, got 42",
}


@pytest.fixture(scope="module")
def team_db(tmp_path_factory):
    """A filled store file, closed (so its bytes are settled)."""
    path = tmp_path_factory.mktemp("store") / "team.sqlite3"
    database.open_database(path)
    fill()
    database.close_database()
    return path


def run_import(db: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return cli(db, "import", *map(str, files))


def test_the_corpus_is_complete():
    on_disk = sorted(p.name for p in BROKEN.iterdir())
    assert on_disk == sorted(EXPECTED)
    assert len(on_disk) >= 15


def assert_refused(result: subprocess.CompletedProcess[str], file: Path, fragment: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"mentor-tui: {file}: "), lines[0]
    assert fragment in lines[0], lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_refused_with_one_line_and_changes_nothing(team_db, name):
    file = BROKEN / name
    before = file_hash(team_db)
    result = run_import(team_db, file)
    assert_refused(result, file, EXPECTED[name])
    assert file_hash(team_db) == before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_is_refused_in_process_with_one_line(team_db, name):
    database.open_database(team_db)
    with pytest.raises(ExchangeError) as caught:
        import_files([BROKEN / name])
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{BROKEN / name}: ") and EXPECTED[name] in message


def test_a_file_over_the_cap_is_refused_before_parsing(team_db, tmp_path):
    from mentor_tui.exchange.spec import MAX_FILE_BYTES, MAX_FILE_WORDS

    big = tmp_path / "big.toml"
    with big.open("w", encoding="utf-8") as fh:
        fh.write('format = "mentor-tui"\nversion = 1\n')
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    before = file_hash(team_db)
    result = run_import(team_db, big)
    assert_refused(result, big, f"not a valid mentor-tui file: it is larger than {MAX_FILE_WORDS}")
    assert file_hash(team_db) == before


def test_a_missing_file_is_one_line(team_db, tmp_path):
    result = run_import(team_db, tmp_path / "nope.toml")
    assert_refused(result, tmp_path / "nope.toml", "no such file")


def test_one_bad_file_among_good_ones_changes_nothing(team_db, tmp_path):
    # good files: a fresh person's export from another store, and a newer copy of the team
    other = tmp_path / "other.sqlite3"
    database.open_database(other)
    fill()
    good_new = tmp_path / "new-team.toml"
    good_new.write_text(dumps(build_document()), encoding="utf-8")
    database.close_database()

    before_hash = file_hash(team_db)
    before_dump = dump_db(team_db)
    for bad_name in ("dangling_reference.toml", "bad_date.toml"):
        result = run_import(team_db, good_new, BROKEN / bad_name, good_new)
        assert_refused(result, BROKEN / bad_name, EXPECTED[bad_name])
        assert file_hash(team_db) == before_hash

    # in-process as well, with the bad file last (all good ones validated first)
    database.open_database(team_db)
    with pytest.raises(ExchangeError):
        import_files([good_new, BROKEN / "dangling_reference.toml"])
    database.close_database()
    assert dump_db(team_db) == before_dump

    # and the good file alone does import
    result = run_import(team_db, good_new)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 1 file: ")
    assert dump_db(team_db) != before_dump


def test_a_reference_to_a_record_already_in_the_database_is_fine(tmp_path):
    db = tmp_path / "x.sqlite3"
    database.open_database(db)
    team = fill()
    file = tmp_path / "checkin.toml"
    file.write_text(
        "\n".join(
            [
                'format = "mentor-tui"',
                "version = 1",
                "[[checkins]]",
                'uuid = "c-new"',
                f'mentorship = "{team.ana_mentorship.uuid}"',
                "held_on = 2026-11-20",
                'progress = "ok"',
                'blockers = ""',
                'next_steps = ""',
                "[[checkins.actions]]",
                'uuid = "a-new"',
                'text = "Do the thing"',
                f'owner = "{team.ana.uuid}"',
            ]
        ),
        encoding="utf-8",
    )
    assert read_files([file])[0].counts["actions"] == 1
    summary = import_files([file])
    assert summary.counts["checkins"].added == 1 and summary.counts["actions"].added == 1


def test_a_checkin_after_the_end_of_a_mentorship_in_the_database_is_refused(tmp_path):
    """The mentorship only in the database, ended there: the form and the store refuse such a
    check-in, and so does an import."""
    from mentor_tui.db import mentorships

    db = tmp_path / "x.sqlite3"
    database.open_database(db)
    team = fill()
    m = team.ana_mentorship
    mentorships.end_mentorship(m.id, max(m.started_on, dt.date(2026, 11, 1)))
    file = tmp_path / "late.toml"
    file.write_text("\n".join([
        'format = "mentor-tui"', "version = 1", "[[checkins]]", 'uuid = "c-late"',
        f'mentorship = "{m.uuid}"', "held_on = 2026-11-20", 'progress = "ok"', 'blockers = ""', 'next_steps = ""',
    ]), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"checkins\[0\]\.held_on: the check-in \(2026-11-20\) is dated after "
                                            r"its mentorship ended \(2026-11-01\)"):
        import_files([file])


def _header() -> list[str]:
    return ['format = "mentor-tui"', "version = 1", "exported_at = 2026-11-27T10:00:00Z"]


def test_a_newer_mentorship_that_ends_before_check_ins_kept_here_is_refused(tmp_path):
    """The file brings only the mentorship, ended before two check-ins the database holds: the
    form refuses that end date, and so does an import (it would leave check-ins no export of
    this database could bring in again)."""
    db = tmp_path / "x.sqlite3"
    database.open_database(db)
    team = fill()
    m = team.ana_mentorship
    file = tmp_path / "ended.toml"
    file.write_text("\n".join([
        *_header(), "[[mentorships]]", f'uuid = "{m.uuid}"', f'mentor = "{team.me.uuid}"', f'mentee = "{team.ana.uuid}"',
        "started_on = 2026-09-01", "ended_on = 2026-10-05", 'focus = "Kubernetes and on-call"', "cadence_days = 14",
        "updated_at = 2099-01-01T00:00:00Z",
    ]), encoding="utf-8")
    database.close_database()
    before = dump_db(db)
    database.open_database(db)
    try:
        with pytest.raises(ExchangeError, match="import refused, nothing was changed: .*ended.toml: the mentorship Bo Chen → Ana Ruiz "
                                                "would end 2026-10-05, before its check-in of 2026-10-15"):
            import_files([file])
        with pytest.raises(ExchangeError, match="would end 2026-10-05"):
            import_files([file], dry_run=True)
    finally:
        database.close_database()
    assert dump_db(db) == before


def test_a_newer_plan_whose_target_leaves_goals_kept_here_behind_is_refused(tmp_path):
    db = tmp_path / "x.sqlite3"
    database.open_database(db)
    team = fill()
    plan = team.ana_plan
    file = tmp_path / "plan.toml"
    file.write_text("\n".join([
        *_header(), "[[plans]]", f'uuid = "{plan.uuid}"', f'owner = "{team.ana.uuid}"', 'title = "Onboarding"',
        'kind = "onboarding"', "start_on = 2026-09-01", "target_on = 2026-09-10", 'status = "active"',
        "updated_at = 2099-01-01T00:00:00Z",
    ]), encoding="utf-8")
    try:
        with pytest.raises(ExchangeError, match="import refused, nothing was changed: .*plan.toml: the goal .* of the plan "
                                                "“Onboarding” would be due 2026-09-15, after the plan's target "
                                                r"date \(2026-09-10\)"):
            import_files([file])
        assert Plan.get_by_id(plan.id).target_on == dt.date(2026, 11, 30)
    finally:
        database.close_database()


def test_a_fault_the_database_had_before_does_not_refuse_an_import(tmp_path):
    """A check-in already outside its mentorship (an older version's data) is left for the user to
    fix; an import that does not bring it is not refused for it."""
    db = tmp_path / "x.sqlite3"
    database.open_database(db)
    team = fill()
    Mentorship.update(ended_on=dt.date(2026, 10, 2)).where(Mentorship.id == team.ana_mentorship.id).execute()
    file = tmp_path / "person.toml"
    file.write_text("\n".join([*_header(), "[[people]]", 'uuid = "p-new"', 'name = "New Person"', 'role = "mentee"']),
                    encoding="utf-8")
    try:
        assert import_files([file]).counts["people"].added == 1
    finally:
        database.close_database()


def test_an_import_while_another_program_writes_says_so_and_changes_nothing(team_db, tmp_path):
    """The write lock held elsewhere: one sentence that says what to do, nothing written."""
    import sqlite3

    from mentor_tui.exchange.toml_export import build_document, write_document

    good = tmp_path / "good.toml"
    database.open_database(team_db)
    write_document(build_document(), good)
    before = dump_db(team_db)
    holder = sqlite3.connect(team_db)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ExchangeError) as caught:
            import_files([good])
    finally:
        holder.rollback()
        holder.close()
    assert str(caught.value) == (  # a holder that writes nothing: no use waiting (tests/test_two_writers.py)
        "import failed, nothing was changed: the database is locked by another program that is not "
        "writing (another mentor-tui with a change pending?); try again when it is done"
    )
    database.close_database()
    assert dump_db(team_db) == before
