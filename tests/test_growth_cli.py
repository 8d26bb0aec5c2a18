"""`mentor-tui rate`, `incident`, `kudos`, `feedback`: one line per record, bad values one line and exit 1."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from mentor_tui.db import database, people, sessions

from .cli_helpers import cli
from .conftest import FROZEN_TODAY

TODAY = FROZEN_TODAY.isoformat()  # the command runs in this process, on the frozen clock


@pytest.fixture
def db(store_with_me):
    """Bo Chen (me, mentor) and Ana Ruiz (mentee), the store closed for the subprocess."""
    people.add_person("Ana Ruiz", "mentee")
    database.close_database()
    return store_with_me


def _rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def _fails(result, message):
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"mentor-tui: {message}"]


def test_rate_a_skill_by_self_and_by_a_mentor(db):
    self_rating = cli(db, "rate", "ana ruiz", "kubernetes", "2", "--on", "2026-11-01")
    assert self_rating.returncode == 0, self_rating.stderr
    (line,) = self_rating.stdout.splitlines()
    assert line.startswith("rated Ana Ruiz: kubernetes 2 learning (self) on 2026-11-01  ")
    mentor = cli(db, "rate", "Ana Ruiz", "kubernetes", "proficient", "--by", "Bo Chen", "--evidence", "https://pr/7")
    assert mentor.returncode == 0, mentor.stderr
    assert mentor.stdout.startswith(
        f"rated Ana Ruiz: kubernetes 4 proficient (by Bo Chen) on {TODAY} · evidence: https://pr/7  "
    )
    rows = _rows(db, "SELECT r.level, r.rated_on, p.name, r.evidence, r.uuid FROM skill_rating r "
                     "LEFT JOIN person p ON p.id = r.rated_by_id ORDER BY r.id")
    assert [row[:4] for row in rows] == [(2, "2026-11-01", None, None), (4, TODAY, "Bo Chen", "https://pr/7")]
    assert line.endswith(rows[0][4])  # the uuid, for scripts


def test_a_rating_dated_in_the_future_is_taken_and_said_so(db):
    result = cli(db, "rate", "Ana Ruiz", "kubernetes", "4", "--on", "2099-01-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("rated Ana Ruiz: kubernetes 4 proficient (self) on 2099-01-01  ")
    assert result.stderr.splitlines() == [
        "mentor-tui: dated in the future: until 2099-01-01 the rating before it is the current one"
    ]
    assert _rows(db, "SELECT level, rated_on FROM skill_rating") == [(4, "2099-01-01")]
    today = cli(db, "rate", "Ana Ruiz", "kubernetes", "3")
    assert today.stderr == ""


@pytest.mark.parametrize(("args", "message"), [
    # a number without a level word is refused as a word that is not one is (one message)
    (("Ana Ruiz", "kubernetes", "6"), "LEVEL: '6' is not a whole number from 0 to 5 or one of none, aware, "
                                      "learning, practitioner, proficient, expert"),
    (("Ana Ruiz", "kubernetes", "-1"), "LEVEL: '-1' is not a whole number from 0 to 5 or one of none, aware, "
                                       "learning, practitioner, proficient, expert"),
    (("Ana Ruiz", "kubernetes", "great"), "LEVEL: 'great' is not a whole number from 0 to 5 or one of none, aware, "
                                          "learning, practitioner, proficient, expert"),
    (("Ana Ruiz", "k8s", "3"), "no competency 'k8s'; known: cicd, cloud, incident-response, iac, kubernetes, "
                               "leadership, observability, security"),
    (("Nobody", "kubernetes", "3"), "no person called 'Nobody'"),
    (("Ana Ruiz", "kubernetes", "3", "--by", "Nobody"), "--by: no person called 'Nobody'"),
    (("Ana Ruiz", "kubernetes", "3", "--on", "26/11/2026"), "--on: '26/11/2026' is not a date; expected YYYY-MM-DD"),
])
def test_rate_refuses_bad_values_in_one_line(db, args, message):
    _fails(cli(db, "rate", *args), message)
    assert _rows(db, "SELECT COUNT(*) FROM skill_rating") == [(0,)]


def test_log_an_incident_and_a_shift(db):
    database.open_database(db)
    review = sessions.create_session("Incident review", "incident-review", dt.datetime(2026, 11, 27, 15, tzinfo=dt.UTC))
    database.close_database()
    (db.parent / "lessons.md").write_text("- page earlier\n- check the queue\n", encoding="utf-8")
    shift = cli(db, "incident", "Ana Ruiz", "First primary week", "--role", "primary", "--on", "2026-11-20")
    assert shift.returncode == 0, shift.stderr
    assert shift.stdout.startswith("logged for Ana Ruiz: primary · SEV3 · First primary week on 2026-11-20  ")
    incident = cli(db, "incident", "Ana Ruiz", "Queue backlog", "--role", "secondary", "--severity", "SEV2",
                   "--lessons-file", str(db.parent / "lessons.md"), "--session", review.uuid)
    assert incident.returncode == 0, incident.stderr
    assert len(incident.stdout.splitlines()) == 1
    assert _rows(db, "SELECT role, severity, title, lessons, session_id IS NOT NULL FROM incident ORDER BY id") == [
        ("primary", "SEV3", "First primary week", "", 0),
        ("secondary", "SEV2", "Queue backlog", "- page earlier\n- check the queue", 1),
    ]


def test_a_shift_dated_in_the_future_is_taken_and_said_so(db):
    shift = cli(db, "incident", "Ana Ruiz", "Secondary week", "--role", "secondary", "--on", "2099-01-01")
    assert shift.returncode == 0 and len(shift.stdout.splitlines()) == 1
    assert shift.stderr.strip() == "mentor-tui: dated in the future: it counts on the on-call ladder from 2099-01-01"


@pytest.mark.parametrize(("args", "message"), [
    (("--role", "hero"), 'role: expected one of "shadow", "secondary", "primary", "incident-commander", '
                         '"scribe", "comms"'),
    (("--role", "primary", "--severity", "SEV9"), 'severity: expected one of "SEV1", "SEV2", "SEV3", "SEV4"'),
    (("--role", "primary", "--session", "no-such-uuid"), "no session with uuid 'no-such-uuid'"),
])
def test_incident_refuses_bad_values_in_one_line(db, args, message):
    _fails(cli(db, "incident", "Ana Ruiz", "Disk full", *args), message)
    assert _rows(db, "SELECT COUNT(*) FROM incident") == [(0,)]


def test_incident_needs_a_role_usage_error(db):
    result = cli(db, "incident", "Ana Ruiz", "Disk full")
    assert result.returncode == 2
    assert "--role" in result.stderr


def test_give_kudos_from_me_or_someone_named(db):
    mine = cli(db, "kudos", "Ana Ruiz", "Calm on the call", "--for", "the checkout outage")
    assert mine.returncode == 0, mine.stderr
    assert mine.stdout.startswith(f"kudos to Ana Ruiz from Bo Chen for the checkout outage on {TODAY}  ")
    hers = cli(db, "kudos", "Bo Chen", "Great pairing", "--from", "Ana Ruiz")
    assert hers.returncode == 0, hers.stderr
    assert _rows(db, "SELECT g.name, r.name, k.text, k.for_ref FROM kudos k JOIN person g ON g.id = k.from_id "
                     "JOIN person r ON r.id = k.to_id ORDER BY k.id") == [
        ("Bo Chen", "Ana Ruiz", "Calm on the call", "the checkout outage"),
        ("Ana Ruiz", "Bo Chen", "Great pairing", None),
    ]


def test_kudos_dated_in_the_future_are_taken_and_said_so(db):
    later = cli(db, "kudos", "Ana Ruiz", "Calm on the call", "--on", "2099-01-01")
    assert later.returncode == 0 and len(later.stdout.splitlines()) == 1
    assert later.stderr.strip() == "mentor-tui: dated in the future: 2099-01-01"


@pytest.mark.parametrize(("args", "message"), [
    (("Ana Ruiz", "  "), "a text is required"),
    (("Ana Ruiz", "Hi", "--from", "Nobody"), "--from: no person called 'Nobody'"),
    (("Nobody", "Hi"), "no person called 'Nobody'"),
    (("Ana Ruiz", "Hi", "--from", "Ana Ruiz"), "kudos are for someone else: the giver cannot be the receiver"),
    (("Bo Chen", "Hi"), "kudos are for someone else: the giver cannot be the receiver"),  # from me, to me
])
def test_kudos_refuses_bad_values_in_one_line(db, args, message):
    _fails(cli(db, "kudos", *args), message)
    assert _rows(db, "SELECT COUNT(*) FROM kudos") == [(0,)]


def test_feedback_is_anonymous_unless_signed(db):
    anonymous = cli(db, "feedback", "4", "More labs, please")
    assert anonymous.returncode == 0, anonymous.stderr
    assert anonymous.stdout.startswith(f"program feedback 4/5 (anonymous) on {TODAY}  ")
    signed = cli(db, "feedback", "5", "--from", "Ana Ruiz", "--on", "2026-11-25")
    assert signed.returncode == 0, signed.stderr
    assert signed.stdout.startswith("program feedback 5/5 (from Ana Ruiz) on 2026-11-25  ")
    assert _rows(db, "SELECT rating, text, person_id IS NULL FROM feedback ORDER BY id") == [
        (4, "More labs, please", 1), (5, "", 0),
    ]


@pytest.mark.parametrize(("args", "message"), [
    (("0",), "rating: expected an integer from 1 to 5"),
    (("6", "great"), "rating: expected an integer from 1 to 5"),
    (("four",), "RATING: 'four' is not a whole number"),
])
def test_feedback_refuses_bad_values_in_one_line(db, args, message):
    _fails(cli(db, "feedback", *args), message)
    assert _rows(db, "SELECT COUNT(*) FROM feedback") == [(0,)]


def test_the_commands_refuse_a_missing_database(tmp_path):
    _fails(cli(tmp_path / "none.sqlite3", "feedback", "4"), f"{tmp_path / 'none.sqlite3'} does not exist")
