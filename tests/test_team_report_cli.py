"""`mentor-tui report --team`: pairing, what-if, check-in health, the ladder, kudos, feedback; never private notes."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

from mentor_tui.db import database, mentorships, people
from mentor_tui.db import models as m

from .cli_helpers import cli
from .conftest import FROZEN_TODAY as TODAY

SECRET = "PRIVATE-NOTE-4c1d: mentee struggling at home"


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def rate(who, key, level, days, by=None):
    m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == key), level=level,
                         rated_on=ago(days), rated_by=by)


def build(path: Path) -> Path:
    database.open_database(path)
    bo = people.set_me("Bo Chen", "lead")
    sofia = people.add_person("Sofia Almeida", "mentor")
    mei = people.add_person("Mei Tanaka", "mentee")
    lucas = people.add_person("Lucas Moreau", "mentee")
    rate(sofia, "security", 5, 10)
    rate(mei, "security", 3, 10, by=sofia)
    rate(lucas, "security", 2, 10)
    rate(bo, "cloud", 5, 400)  # stale
    late = mentorships.create_mentorship(sofia.id, lucas.id, ago(90), 14)
    m.CheckIn.create(mentorship=late, held_on=ago(30), progress="Labs going well",
                     private_notes=SECRET)
    mentorships.create_mentorship(bo.id, mei.id, ago(5), 14)
    for role, days in (("shadow", 100), ("secondary", 50), ("primary", 8)):
        m.Incident.create(person=mei, occurred_on=ago(days), role=role, title=f"{role} shift")
    m.Incident.create(person=lucas, occurred_on=ago(20), role="scribe", title="Scribed the review")
    m.Kudos.create(giver=sofia, receiver=mei, given_on=ago(3), text="Calm primary")
    m.Kudos.create(giver=bo, receiver=mei, given_on=ago(60), text="Great runbook")
    m.Feedback.create(given_on=dt.date(2026, 10, 5), rating=5, text="Loved the incident reviews")
    m.Feedback.create(given_on=dt.date(2026, 10, 25), rating=3, text="", person=lucas)
    m.Feedback.create(given_on=dt.date(2026, 11, 20), rating=2, text="Too | *many* meetings", person=mei)
    database.close_database()
    return path


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_report_team_has_every_part_and_no_private_notes(db_path, tmp_path):
    build(db_path)
    out = tmp_path / "team.md"
    result = cli(db_path, "report", "--team", "--until", TODAY.isoformat(), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert SECRET not in text and "PRIVATE-NOTE" not in text
    doc = sections(text)

    assert "| Security | 1 | single point of knowledge: Sofia Almeida | **flagged** |" in doc["Bus factor"]
    assert "| Cloud | 0 | nobody | **flagged** |" in doc["Bus factor"]  # Bo's 5 is 400 days old
    assert "within the last 12 months (since 2025-11-26)" in doc["Bus factor"]
    assert "5\\~" in doc["Skills matrix"]

    pairing = doc["Pairing suggestions"].strip().splitlines()
    start = pairing.index("- **Security** (single point of knowledge: Sofia Almeida):")
    assert pairing[start + 1] == "  - Sofia Almeida with Mei Tanaka, level 3 practitioner"
    assert pairing[start + 2] == "  - Sofia Almeida with Lucas Moreau, level 2 learning (already a mentorship)"
    assert "- **Cloud** (nobody): nobody to pair from" in doc["Pairing suggestions"]

    assert "- Without **Sofia Almeida**: Security → nobody." in doc["What if a single point of knowledge left"]

    health = doc["Check-in health"]
    assert "| Sofia Almeida | Lucas Moreau | 14 days | 2026-10-27 | 2026-11-10 | **16 days overdue** |" in health
    assert "| Bo Chen | Mei Tanaka | 14 days | none yet | 2026-12-05 | on time |" in health

    assert "| Mei Tanaka | 1 | 1 | 1 | 0 | 0 | Primary | 2026-11-18 |" in doc["On-call ladder and incidents"]
    assert "| Lucas Moreau | 0 | 0 | 0 | 0 | 1 | not on the ladder yet | 2026-11-06 |" in (
        doc["On-call ladder and incidents"])

    assert "| Mei Tanaka | 2 | 0 |" in doc["Kudos"] and "| Sofia Almeida | 0 | 1 |" in doc["Kudos"]

    feedback = doc["Program feedback"]
    assert "3 entries, average 3.3 of 5." in feedback
    assert "| 2026-10 | 4.0 | 2 |" in feedback and "| 2026-11 | 2.0 | 1 |" in feedback
    assert "“Too \\| \\*many\\* meetings”" in feedback  # escaped
    assert "Loved the incident reviews" in feedback
    latest = feedback.split("### Latest comments")[1]
    assert "Mei Tanaka" not in latest and "Lucas Moreau" not in latest  # comments travel without names


def test_report_team_to_stdout_with_the_window_from_the_settings_file(db_path, tmp_path):
    build(db_path)
    config_home = tmp_path / "config"
    (config_home / "mentor-tui").mkdir(parents=True)
    (config_home / "mentor-tui" / "settings.toml").write_text("bus_factor_months = 24\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MENTOR_TUI_DB"} | {"XDG_CONFIG_HOME": str(config_home)}
    result = subprocess.run(
        [sys.executable, "-m", "mentor_tui", "--db", str(db_path), "report", "--team", "--until", TODAY.isoformat()],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert result.returncode == 0, result.stderr
    doc = sections(result.stdout)
    assert "within the last 24 months" in doc["Bus factor"]
    assert "| Cloud | 1 | single point of knowledge: Bo Chen | **flagged** |" in doc["Bus factor"]


def test_report_team_on_an_empty_team_says_nobody_and_none(store_with_me):
    database.close_database()
    result = cli(store_with_me, "report", "--team")
    assert result.returncode == 0, result.stderr
    doc = sections(result.stdout)
    assert "single point of knowledge:" not in doc["Bus factor"]
    assert doc["Bus factor"].count("| 0 | nobody | **flagged** |") == 8
    assert "No active mentorships." in doc["Check-in health"]
    assert "No incidents or on-call shifts logged." in doc["On-call ladder and incidents"]
    assert "No kudos yet." in doc["Kudos"] and "No program feedback yet." in doc["Program feedback"]
    assert "Nobody holds a competency alone." in doc["What if a single point of knowledge left"]


def test_report_team_counts_one_feedback_entry_in_the_singular(store_with_me):
    database.close_database()
    assert cli(store_with_me, "feedback", "4", "Good pace").returncode == 0
    result = cli(store_with_me, "report", "--team")
    assert result.returncode == 0, result.stderr
    assert "1 entry, average 4.0 of 5." in result.stdout and "1 entries" not in result.stdout
