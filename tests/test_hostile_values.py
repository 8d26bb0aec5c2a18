"""Values the store can always read back, and text that never drives the terminal.

Each case here was once a real defect: a year-226 date that broke every start, a
check-in in 9999 that broke the Dashboard, rules with no occurrence accepted, and
a name holding an OSC escape that retitled the terminal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentor_tui import dates, recurrence
from mentor_tui.db import models as m
from mentor_tui.db import people, sessions
from mentor_tui.db.database import close_database
from mentor_tui.exchange.skills_csv import _cell
from mentor_tui.schema import RecordError
from mentor_tui.screens.section import clip
from mentor_tui.text_safety import escape_controls, one_line, strip_controls
from mentor_tui.widgets.record_table import plain_cells
from tests.cli_helpers import cli
from tests.exchange_fixtures import file_hash

HEAD = 'format = "mentor-tui"\nversion = 1\nscope = "team"\nincludes_private = false\n'
ANA = "11111111-1111-4111-8111-111111111111"
BO = "22222222-2222-4222-8222-222222222222"
PAIR = "33333333-3333-4333-8333-333333333333"
PEOPLE = f"""
[[people]]
uuid = "{ANA}"
name = "Ana"
role = "mentor"

[[people]]
uuid = "{BO}"
name = "Bo"
role = "mentee"
"""
EVIL = "Evil \x1b]0;pwned\x07 Name"


def import_text(db: Path, tmp_path: Path, body: str):
    file = tmp_path / "in.toml"
    file.write_text(HEAD + body, encoding="utf-8")
    return cli(db, "import", str(file)), file


def refused_one_line(result, *fragments: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "unexpected error" not in lines[0] and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def seeded(db_path: Path) -> Path:
    """A database file holding two people, closed (the CLI opens it)."""
    from mentor_tui.db import database

    database.open_database(db_path)
    people.add_person("Ana", "mentor")
    close_database()
    return db_path


# ---------------------------------------------------------------- 1. dates within 1900-2999


def test_a_session_in_year_999_is_refused_on_import_naming_the_field(seeded, tmp_path):
    before = file_hash(seeded)
    body = PEOPLE + """
[[sessions]]
uuid = "44444444-4444-4444-8444-444444444444"
title = "Old"
kind = "other"
starts_at = 0999-12-31T00:00:00Z
duration_minutes = 60
"""
    result, file = import_text(seeded, tmp_path, body)
    refused_one_line(result, str(file), "sessions[0].starts_at", "between 1900 and 2999")
    assert file_hash(seeded) == before


def test_a_checkin_in_9999_is_refused_on_import_naming_the_field(seeded, tmp_path):
    body = PEOPLE + f"""
[[mentorships]]
uuid = "{PAIR}"
mentor = "{ANA}"
mentee = "{BO}"
started_on = 2026-01-01
focus = ""
cadence_days = 14

[[checkins]]
uuid = "55555555-5555-4555-8555-555555555555"
mentorship = "{PAIR}"
held_on = 9999-12-25
confidence = 3
"""
    result, _file = import_text(seeded, tmp_path, body)
    refused_one_line(result, "checkins[0].held_on", "between 1900 and 2999")


def test_an_exdate_out_of_range_is_refused(seeded, tmp_path):
    body = PEOPLE + """
[[sessions]]
uuid = "44444444-4444-4444-8444-444444444444"
title = "Weekly"
kind = "other"
starts_at = 2026-01-02T12:00:00Z
duration_minutes = 60
rrule = "FREQ=WEEKLY"
exdates = [0001-01-01T00:00:00+01:00]
"""
    result, _file = import_text(seeded, tmp_path, body)
    refused_one_line(result, "sessions[0].exdates[0]", "between 1900 and 2999")


def test_a_one_digit_year_typed_in_a_form_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="the year 226 is not between 1900 and 2999"):
        dates.parse("0226-11-26")
    assert dates.parse("2999-12-31") == dt.date(2999, 12, 31)
    assert dates.parse("1900-01-01") == dt.date(1900, 1, 1)


def test_the_store_refuses_a_moment_out_of_range_naming_the_field(store):
    with pytest.raises(RecordError) as caught:
        sessions.create_session("Old", "other", dt.datetime(226, 11, 26, 16, tzinfo=dt.UTC))
    assert caught.value.field == "starts_at"
    assert "between 1900 and 2999" in str(caught.value)
    with pytest.raises(RecordError, match="between 1900 and 2999"):
        sessions.create_session("Late", "other", dt.datetime(9999, 1, 1, tzinfo=dt.UTC))


def test_report_options_refuse_years_out_of_range(seeded):
    result = cli(seeded, "report", "--team", "--since", "0999-01-01")
    refused_one_line(result, "--since", "between 1900 and 2999")


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;UNTIL=20250101", "UNTIL is before the first start"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT=0 gives no occurrence"),
        ("FREQ=WEEKLY;COUNT=-1", "COUNT must be a whole number of at least 1"),
        ("FREQ=MONTHLY;BYDAY=+53MO", "must be from 1 to 5"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "no occurrence"),
    ],
)
def test_rules_with_no_occurrence_or_out_of_range_parts_are_refused_in_words(rule, words):
    first = dt.datetime(2026, 1, 2, 12, tzinfo=dt.UTC)
    problem = recurrence.problem(rule, first, "Europe/Berlin")
    assert problem is not None and words in problem, problem


def test_rules_near_the_last_year_compute_without_overflow():
    first = dt.datetime(2999, 12, 20, 12, tzinfo=dt.UTC)
    for rule in ("FREQ=DAILY", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;INTERVAL=100"):
        assert recurrence.problem(rule, first, "Pacific/Kiritimati") is None
        after = dt.datetime(2999, 12, 1, tzinfo=dt.UTC)
        moments = list(recurrence.occurrences(first, "Pacific/Kiritimati", rule, (), after, after + dt.timedelta(days=400)))
        assert moments and all(first <= moment for moment in moments)
        assert recurrence.next_occurrence(first, "Pacific/Kiritimati", rule, (), dt.datetime(3100, 1, 1, tzinfo=dt.UTC)) is None


def test_the_dashboard_computes_due_dates_at_the_last_year(store_with_me):
    from mentor_tui.db import checkins, dashboard, mentorships

    me = people.me()
    mentee = people.add_person("Late", "mentee")
    pair = mentorships.create_mentorship(me.id, mentee.id, dt.date(2999, 12, 20), cadence_days=365)
    checkins.create_checkin(pair.id, dt.date(2999, 12, 25))
    assert dashboard.checkins_due(me, dt.date(2999, 12, 31)) == []


# ---------------------------------------------------------------- 2. text is text


def test_a_name_with_a_terminal_escape_is_refused_on_import(seeded, tmp_path):
    before = file_hash(seeded)
    body = f"""
[[people]]
uuid = "{ANA}"
name = "Evil \\u001b]0;pwned\\u0007 Name"
role = "mentor"
"""
    result, _file = import_text(seeded, tmp_path, body)
    line = refused_one_line(result, "people[0].name", "control characters")
    assert "\x1b" not in line and "\x07" not in line
    assert line.count(", got ") == 1  # what it got, said once: the escape and where it is
    assert file_hash(seeded) == before


def test_the_store_refuses_control_characters_in_names_and_titles(store):
    with pytest.raises(RecordError, match="control characters"):
        people.add_person(EVIL, "mentee")
    with pytest.raises(RecordError, match="control characters"):
        sessions.create_session("Reset \x1bc", "other", dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    with pytest.raises(RecordError, match="control characters"):  # a tab too (tests/test_one_line_controls.py)
        people.add_person("Tab\tin a name", "mentee")


def test_imported_notes_are_stripped_of_control_characters(store, tmp_path):
    close_database()
    body = PEOPLE + f"""
[[mentorships]]
uuid = "{PAIR}"
mentor = "{ANA}"
mentee = "{BO}"
started_on = 2026-01-01
focus = ""
cadence_days = 14

[[checkins]]
uuid = "55555555-5555-4555-8555-555555555555"
mentorship = "{PAIR}"
held_on = 2026-02-01
progress = "line one\\u001b[2J\\nline two\\tend\\u009b"
blockers = ""
next_steps = ""
confidence = 3
"""
    result, _file = import_text(store, tmp_path, body)
    assert result.returncode == 0, result.stderr
    from mentor_tui.db import database

    database.open_database(store)
    assert m.CheckIn.get().progress == "line one[2J\nline two\tend"


@pytest.fixture
def legacy(store) -> Path:
    """A database written before control characters were refused: they are in a name."""
    person = people.add_person("Plain", "mentee")
    m.Person.update(name=EVIL + "\x1bc\x9b31m").where(m.Person.id == person.id).execute()
    close_database()
    return store


@pytest.mark.parametrize(
    "args",
    [("skills-csv",), ("report", "--person", EVIL + "\x1bc\x9b31m"), ("export",), ("export", "--person", "nobody\x1bc")],
)
def test_no_command_writes_a_control_character_to_the_terminal(legacy, args):
    result = cli(legacy, *args)
    for text in (result.stdout, result.stderr):
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, text
    assert result.returncode in (0, 1)
    if result.returncode == 0:
        assert "Evil \\x1b" in result.stdout or "Evil \\u001b" in result.stdout


def test_files_written_by_commands_hold_no_raw_control_character(legacy, tmp_path):
    for command, name in (("skills-csv", "m.csv"), ("report", "r.md"), ("export", "t.toml")):
        extra = ("--team",) if command == "report" else ()
        result = cli(legacy, command, *extra, "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        data = (tmp_path / name).read_text(encoding="utf-8")
        assert "\x1b" not in data and "\x9b" not in data, name


def test_screens_show_control_characters_escaped_and_markup_literally():
    assert clip(EVIL, 100) == "Evil \\x1b]0;pwned\\x07 Name"
    cell = plain_cells([EVIL + " [bold]x[/]"])[0]
    assert cell.plain == "Evil \\x1b]0;pwned\\x07 Name [bold]x[/]"
    assert one_line("a\nb\tc\x9b") == "a b c\\x9b"


def test_helpers_keep_newline_and_tab():
    assert strip_controls("a\r\nb\x00c\td\x7f") == "a\nbc\td"
    assert escape_controls("x,y\r\n") == "x,y\r\n"
    assert escape_controls("a\rb") == "a\\x0db"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "\n"])
def test_a_csv_cell_that_a_spreadsheet_would_run_gets_a_protective_quote(start):
    assert _cell(start + "cmd|' /C calc'!A0") == "'" + start + "cmd|' /C calc'!A0"


def test_check_finds_a_date_an_older_version_let_in(store):
    """The year-226 moment that once broke every start: `check` names it instead of saying ok."""
    import sqlite3

    sessions.create_session("Weekly", "other", dt.datetime(2026, 11, 26, 16, tzinfo=dt.UTC))
    close_database()
    con = sqlite3.connect(store)
    con.execute("UPDATE session SET starts_at = '226-11-26T16:00:00Z'")
    con.commit()
    con.close()
    result = cli(store, "check")
    assert result.returncode == 1
    assert "session.starts_at: 1 value cannot be read back" in result.stdout
    assert "'226-11-26T16:00:00Z'" in result.stdout


async def test_the_team_and_person_screens_show_a_legacy_escape_escaped(legacy):
    """The name that retitled the terminal: shown as text in the table, the person screen and its title."""
    from mentor_tui.app import MentorApp
    from tests.pilot_helpers import screen_text, settle, wait_until

    database_path = legacy
    from mentor_tui.db import database

    database.open_database(database_path)
    people.set_me("Bo Chen", "mentor")
    close_database()
    app = MentorApp(db_path=database_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await wait_until(pilot, lambda: "Evil \\x1b]0;pwned" in screen_text(app), what="the escaped name")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.screen.sub_title.startswith("6 Team › Evil"), what="the person screen")
        assert "\x1b" not in app.screen.sub_title and "\\x1b]0;pwned\\x07" in app.screen.sub_title
        assert "\x1b" not in screen_text(app)
