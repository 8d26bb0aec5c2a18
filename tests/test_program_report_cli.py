"""`mentor-tui report --team --since/--until [--by]`: what changed, then the program's health per period."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mentor_tui.db import database, mentorships, people
from mentor_tui.db import models as m

from .cli_helpers import cli

D = dt.date


def rate(who, key, level, day, by=None):
    m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == key), level=level,
                         rated_on=day, rated_by=by)


def build(path: Path) -> Path:
    """Before 2026-06-01: Kubernetes held by Sofia alone, Security by Sofia and Mei (both platform).
    Since: Lucas (payments) came to hold Kubernetes; Mei's Security went down to 3."""
    database.open_database(path)
    me = people.set_me("Bo Chen", "lead")
    sofia = m.Person.create(name="Sofia Almeida", role="mentor", team="platform")
    mei = m.Person.create(name="Mei Tanaka", role="mentee", team="platform")
    lucas = m.Person.create(name="Lucas Moreau", role="mentee", team="payments")
    rate(sofia, "kubernetes", 5, D(2026, 3, 2))
    rate(sofia, "security", 5, D(2026, 3, 2))
    rate(mei, "security", 4, D(2026, 3, 2), by=sofia)
    rate(lucas, "kubernetes", 4, D(2026, 7, 14), by=sofia)
    rate(mei, "security", 3, D(2026, 8, 3), by=sofia)
    ship = mentorships.create_mentorship(sofia.id, lucas.id, D(2026, 6, 1), 14)
    for day in (D(2026, 6, 10), D(2026, 6, 24), D(2026, 7, 20)):
        checkin = m.CheckIn.create(mentorship=ship, held_on=day, private_notes="PRIVATE-abc")
        m.ActionItem.create(checkin=checkin, text="do it", done_on=day + dt.timedelta(days=3))
    m.Incident.create(person=lucas, occurred_on=D(2026, 7, 2), role="shadow", title="first shift")
    m.Incident.create(person=lucas, occurred_on=D(2026, 8, 9), role="primary", title="first primary")
    m.Kudos.create(giver=me, receiver=lucas, given_on=D(2026, 8, 10), text="calm primary")
    m.Feedback.create(given_on=D(2026, 7, 5), rating=4)
    m.Feedback.create(given_on=D(2026, 7, 6), rating=5)
    database.close_database()
    return path


def sections(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return [(parts[i].strip(), parts[i + 1]) for i in range(1, len(parts), 2)]


def test_report_team_since_opens_with_what_changed_then_a_table_per_month(db_path, tmp_path):
    build(db_path)
    out = tmp_path / "team.md"
    result = cli(db_path, "report", "--team", "--since", "2026-06-01", "--until", "2026-08-31", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "PRIVATE-abc" not in text
    found = sections(text)
    title, changed = found[0]
    assert title == "What changed since 2026-06-01"
    assert "on 2026-05-31 and on 2026-08-31: held by one person or nobody 7 → 7, silos 1 → 0." in changed
    improved, worse = changed.split("### Got worse")
    assert ("- Kubernetes is no longer a single point of knowledge: held by Lucas Moreau and Sofia Almeida "
            "(only Sofia Almeida before).") in improved
    assert "- Security became a single point of knowledge: only Sofia Almeida holds it" in worse

    titles = [t for t, _ in found]
    assert titles[1:4] == ["Program health per month", "Bus factor per month", "Incidents by role per month"]
    health = dict(found)["Program health per month"]
    rows = [line for line in health.splitlines() if line.startswith("| 2026-")]
    assert [row.split(" | ")[0] for row in rows] == ["| 2026-06", "| 2026-07", "| 2026-08"]
    june, july, august = ([cell.strip() for cell in row.strip("|").split("|")] for row in rows)
    # Period, single points, silos, check-ins held/due, actions, sessions, attending, incidents, ladder, kudos, feedback
    assert june[1:5] == ["7", "1", "2 / 2", "2"]
    assert july[3:5] == ["1 / 2", "1"] and july[7:9] == ["1 (1 shadow)", "1"] and july[10] == "4.5"
    assert august[1:3] == ["7", "0"] and august[7:10] == ["1 (1 primary)", "1", "1"] and august[10] == "—"
    bus = dict(found)["Bus factor per month"]
    assert re.search(r"^\| 2026-06 \| \*\*1\*\* \|.*\| 2 \(silo\) \|", bus, flags=re.MULTILINE)
    assert re.search(r"^\| 2026-08 \| 2 \|.*\| \*\*1\*\* \|", bus, flags=re.MULTILINE)
    # the rest of the team report follows, as of --until
    assert titles[4] == "People" and "Bus factor" in titles


def test_report_team_by_quarter_and_a_partial_first_period(db_path):
    build(db_path)
    result = cli(db_path, "report", "--team", "--since", "2026-05-15", "--until", "2026-09-30", "--by", "quarter")
    assert result.returncode == 0, result.stderr
    health = dict(sections(result.stdout))["Program health per quarter"]
    rows = [line.split(" | ")[0] for line in health.splitlines() if line.startswith("| 2026")]
    assert rows == ["| 2026 Q2\\*", "| 2026 Q3"]
    assert "\\* Part of the quarter only: 2026 Q2: 2026-05-15 to 2026-06-30." in health


def test_report_team_without_since_covers_the_last_year_from_the_programs_start(db_path):
    build(db_path)
    result = cli(db_path, "report", "--team", "--until", "2026-11-26")
    assert result.returncode == 0, result.stderr
    found = dict(sections(result.stdout))
    assert "What changed since 2026-03-01" in found  # the first rating: March 2026
    rows = [line.split(" | ")[0] for line in found["Program health per month"].splitlines()
            if line.startswith("| 20")]
    assert rows[0] == "| 2026-03" and rows[-1] == "| 2026-11\\*" and len(rows) == 9


@pytest.mark.parametrize(("args", "message"), [
    (("--since", "2026-13-01"), "--since: '2026-13-01' is not a date; expected YYYY-MM-DD"),
    (("--since", "26-01-01"), "--since: '26-01-01' is not a date; expected YYYY-MM-DD"),
    (("--until", "3000-01-01"), "--until: the year 3000 is not between 1900 and 2999"),
    (("--since", "1899-12-31"), "--since: the year 1899 is not between 1900 and 2999"),
    (("--since", "2026-09-01", "--until", "2026-08-31"), "--since 2026-09-01 is after --until 2026-08-31"),
])
def test_report_team_refuses_bad_dates_in_one_line(db_path, args, message):
    build(db_path)
    result = cli(db_path, "report", "--team", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr


def test_by_goes_with_team_only(db_path):
    build(db_path)
    result = cli(db_path, "report", "--by", "quarter")
    assert result.returncode == 2 and "--by goes with --team" in result.stderr
    result = cli(db_path, "report", "--team", "--by", "week")
    assert result.returncode == 2 and "invalid choice: 'week'" in result.stderr
