"""`mentor-tui report`: the brag doc, the team report, and the queries behind them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentor_tui.db import models as m
from mentor_tui.db import team_skills
from mentor_tui.db.database import close_database, open_database
from mentor_tui.db.reports.brag import person_period
from mentor_tui.db.reports.skills import skill_changes, skills_matrix
from mentor_tui.db.reports.team import team_overview
from mentor_tui.exchange import markdown_report
from mentor_tui.exchange.markdown_report import EMPTY, md
from mentor_tui.exchange.team_report import team_report
from tests import report_fixtures as fx


@pytest.fixture
def team(tmp_path: Path, report_now: None) -> Iterator[fx.Team]:
    yield fx.build(tmp_path / "x.sqlite3")
    close_database()


def sections(text: str) -> dict[str, str]:
    """The body of each `## ` section, by heading."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def brag(person: m.Person, since: str = "2025-11-26", until: str = "2026-11-26") -> str:
    period = person_period(person, fx.d(since), fx.d(until))
    return markdown_report.person_report(period, generated_on=fx.TODAY)


# ---------------------------------------------------------------- the brag doc


def test_brag_doc_shows_plan_progress(team: fx.Team) -> None:
    plans = sections(brag(team.alice))["Plans"]
    row = next(line for line in plans.splitlines() if "Kubernetes track" in line)
    assert "2 / 4 (50%)" in row  # goals
    assert "4 / 5 (80%)" in row  # lab items
    assert "Old archived plan" not in plans


def test_brag_doc_lists_goals_done_in_the_period_only(team: fx.Team) -> None:
    goals = sections(brag(team.alice))["Goals done"]
    assert "Deploy stateful workloads" in goals
    assert "2026-05-01" in goals
    assert "Pass the CKA practice exam" not in goals  # done before the period
    assert "Write the cluster upgrade runbook" not in goals  # not done


def test_brag_doc_shows_a_done_lab_with_its_evidence(team: fx.Team) -> None:
    labs = sections(brag(team.alice))["Labs done"]
    assert "Run a StatefulSet with backups" in labs
    assert f"<{fx.EVIDENCE_URL}>" in labs  # a clickable link
    assert "screenshot in the wiki \\| ops space" in labs  # a note, escaped
    assert "Upgrade a kind cluster" not in labs  # one item still open


def test_brag_doc_shows_skill_change_with_level_names(team: fx.Team) -> None:
    skills = sections(brag(team.alice))["Skills"]
    row = next(line for line in skills.splitlines() if line.startswith("| Kubernetes"))
    assert "2 → 4" in row
    assert "learning → proficient" in row
    assert "+2" in row
    iac = next(line for line in skills.splitlines() if "Infrastructure as code" in line)
    assert "3 practitioner, unchanged" in iac
    pipes = next(line for line in skills.splitlines() if "Terraform \\| modules" in line)
    assert "new: 1" in pipes and "first rating" in pipes and "| new |" in pipes  # rated first in the period
    assert "unchanged" not in pipes


def test_brag_doc_groups_incidents_by_role(team: fx.Team) -> None:
    incidents = sections(brag(team.alice))["Incidents handled"]
    assert "### Shadow (2)" in incidents
    assert "### Primary (1)" in incidents
    primary = incidents.split("### Primary (1)")[1]
    assert "Checkout latency spike" in primary
    assert "DNS flapping" not in primary
    assert "Old outage before the period" not in incidents


def test_brag_doc_shows_ownership_kudos_and_sessions(team: fx.Team) -> None:
    doc = sections(brag(team.alice))
    current, past = doc["Ownership"].split("### Past")
    assert "Checkout availability SLO" in current
    assert "Build runner disk runbook" in past
    assert "Ancient service" not in doc["Ownership"]
    assert fx.KUDOS_TEXT in doc["Kudos received"]
    assert "Bob Mentor" in doc["Kudos received"]
    assert fx.OLD_KUDOS_TEXT not in doc["Kudos received"]
    assert fx.SESSION_TITLE in doc["Sessions presented"]
    assert "Old talk" not in doc["Sessions presented"]


def presented(person: m.Person, since: str, until: str) -> str:
    return sections(brag(person, since, until))["Sessions presented"]


def series(team: fx.Team, title: str, first: dt.datetime, rule: str, **more: object) -> None:
    m.Session.create(title=title, presenter=team.alice, timezone="Europe/Berlin", starts_at=first, rrule=rule, **more)


def test_a_series_that_ended_before_the_period_is_not_presented_in_it(team: fx.Team) -> None:
    series(team, "Terraform course", dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC), "FREQ=WEEKLY;COUNT=3")
    series(team, "Clinic until 2025", dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC), "FREQ=WEEKLY;UNTIL=20250630")
    assert "Terraform course" not in presented(team.alice, "2026-01-01", "2026-12-31")
    assert "Clinic until 2025" not in presented(team.alice, "2026-01-01", "2026-12-31")
    assert "Terraform course" in presented(team.alice, "2024-01-01", "2024-12-31")


def test_a_series_still_running_is_presented_in_the_period(team: fx.Team) -> None:
    series(team, "SRE clinic", dt.datetime(2024, 3, 5, 14, tzinfo=dt.UTC), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    assert "SRE clinic** (other), repeats (FREQ=WEEKLY;INTERVAL=2;BYDAY=TU)" in presented(
        team.alice, "2026-01-01", "2026-12-31"
    )


def test_a_session_cancelled_throughout_the_period_is_not_presented(team: fx.Team) -> None:
    cancelled = (dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC),)
    series(team, "Monthly demo", dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC), "FREQ=MONTHLY;COUNT=2", exdates=cancelled)
    assert "Monthly demo" in presented(team.alice, "2026-06-01", "2026-06-30")
    assert "Monthly demo" not in presented(team.alice, "2026-07-01", "2026-07-31")


def test_the_period_narrows_every_section(team: fx.Team) -> None:
    doc = sections(brag(team.alice, since="2026-03-01", until="2026-03-31"))
    assert "Checkout latency spike" in doc["Incidents handled"]
    assert "DNS flapping" not in doc["Incidents handled"]
    assert fx.KUDOS_TEXT in doc["Kudos received"]
    assert doc["Goals done"].strip() == EMPTY
    assert doc["Labs done"].strip() == EMPTY
    assert fx.SESSION_TITLE in doc["Sessions presented"]


def test_empty_sections_say_so(team: fx.Team) -> None:
    nobody = m.Person.create(name="Frank Fresh", role="mentee")
    doc = sections(brag(nobody))
    assert set(doc) == {
        "Plans",
        "Goals done",
        "Labs done",
        "Skills",
        "Incidents handled",
        "Ownership",
        "Kudos received",
        "Sessions presented",
    }
    for title, body in doc.items():
        assert body.strip() == EMPTY, title


def test_private_notes_never_appear_in_any_report(team: fx.Team) -> None:
    for person in (team.alice, team.bob, team.carol, team.eve):
        assert fx.SENTINEL not in brag(person, since="2000-01-01", until="2030-01-01")
    team_md = team_report(team_overview(fx.TODAY), generated_on=fx.TODAY)
    assert fx.SENTINEL not in team_md


def test_skill_change_starts_from_the_level_held_when_the_period_began(team: fx.Team) -> None:
    changes = {c.competency_key: c for c in skill_changes(team.alice, fx.d("2026-03-01"), fx.TODAY)}
    k8s = changes["kubernetes"]
    assert (k8s.from_level, k8s.to_level, k8s.ratings_in_period) == (2, 4, 2)
    assert (k8s.from_name, k8s.to_name) == ("learning", "proficient")
    # As of mid-April only the 3 exists in the period.
    earlier = {c.competency_key: c for c in skill_changes(team.alice, fx.d("2026-03-01"), fx.d("2026-04-30"))}
    assert (earlier["kubernetes"].from_level, earlier["kubernetes"].to_level) == (2, 3)


# ---------------------------------------------------------------- Markdown safety


def test_md_escapes_table_pipes_and_block_starts() -> None:
    assert md("a | b") == "a \\| b"
    assert md("# not a heading") == "\\# not a heading"
    assert md("- not a list") == "\\- not a list"
    assert md("1. not a list") == "1\\. not a list"
    assert md("*bold* _it_ [x](y) <b>") == "\\*bold\\* \\_it\\_ \\[x\\](y) \\<b\\>"
    assert md("two\nlines") == "two lines"


def test_user_text_cannot_break_a_table(team: fx.Team) -> None:
    m.Plan.create(owner=team.alice, title="# *Urgent* | fix\nit", start_on=fx.d("2026-01-01"))
    plans = sections(brag(team.alice))["Plans"]
    rows = [line for line in plans.splitlines() if line.startswith("|")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in rows}
    assert len(widths) == 1  # every row has the header's number of cells
    assert "\\# \\*Urgent\\* \\| fix it" in plans


# ---------------------------------------------------------------- the team


def test_team_report_lists_people_plans_matrix_and_bus_factor(team: fx.Team) -> None:
    text = team_report(team_overview(fx.TODAY), generated_on=fx.TODAY)
    doc = sections(text)
    assert "### Mentees (2)" in doc["People"]
    assert "Alice Example (me)" in doc["People"]
    assert "Dave Gone" not in text  # archived
    eve = next(line for line in doc["Active plans"].splitlines() if "Eve Newcomer" in line)
    assert "Onboarding" in eve and "1 / 3 (33%)" in eve
    assert "Old archived plan" not in doc["Active plans"]
    header = next(line for line in doc["Skills matrix"].splitlines() if line.startswith("| Person"))
    assert "Terraform \\| modules" in header
    alice = next(line for line in doc["Skills matrix"].splitlines() if line.startswith("| Alice"))
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", alice)[1:-1]]
    assert cells[:4] == ["Alice Example", "mentee", "4", "3\\~"]  # iac: rated in 2024, stale
    assert "| Eve Newcomer | mentee |   | 2 |" in doc["Skills matrix"]  # iac: her latest (self) rating
    security = next(line for line in doc["Bus factor"].splitlines() if line.startswith("| Security"))
    assert "| 1 | single point of knowledge: Carol Lead | **flagged** |" in security
    kubernetes = next(line for line in doc["Bus factor"].splitlines() if line.startswith("| Kubernetes"))
    assert kubernetes.endswith("| 2 | Alice Example, Bob Mentor |   |")
    cloud = next(line for line in doc["Bus factor"].splitlines() if line.startswith("| Cloud"))
    assert "| 0 | nobody | **flagged** |" in cloud and "single point" not in cloud
    assert "- Without **Carol Lead**: CI/CD → single point of knowledge: Bob Mentor; Security → nobody." in doc["What if a single point of knowledge left"]


def bus_factor(day: dt.date) -> dict[str, team_skills.BusFactor]:
    return {f.competency.key: f for f in team_skills.team_skills(day).bus_factors}


def test_bus_factor_counts_active_recent_experts_by_their_latest_rating(team: fx.Team) -> None:
    factors = bus_factor(fx.TODAY)
    assert list(factors) == fx.EXPECTED_COMPETENCIES
    assert factors["kubernetes"].names == ("Alice Example", "Bob Mentor")  # Dave is archived
    assert not factors["kubernetes"].flagged
    assert factors["security"].names == ("Carol Lead",)  # Dave is archived
    assert factors["security"].flagged
    assert factors["observability"].count == 0  # Bob's 4 is from 2024: stale
    assert factors["iac"].count == 0  # Eve's latest rating (2) replaced her 4
    assert factors["cicd"].count == 2
    assert all(factors[k].flagged for k in ("cloud", "leadership", "observability", "iac"))


def test_bus_factor_is_read_as_of_the_matrix_day(team: fx.Team) -> None:
    # On 2026-05-01 nobody is a Kubernetes expert yet and Eve's 4 in iac still counts.
    may = bus_factor(fx.d("2026-05-01"))
    assert may["kubernetes"].names == ()
    assert may["iac"].names == ("Eve Newcomer",)
    assert may["cicd"].names == ("Bob Mentor", "Carol Lead")
    # By June 2027 the January and March cicd ratings are stale; Bob's June 2026 one is not.
    june = bus_factor(fx.d("2027-06-01"))
    assert june["kubernetes"].names == ("Alice Example", "Bob Mentor")
    assert june["cicd"].names == ()
    assert list(bus_factor(fx.TODAY)) == fx.EXPECTED_COMPETENCIES


def test_bus_factor_recency_window_and_future_ratings(tmp_path: Path, report_now: None) -> None:
    open_database(tmp_path / "x.sqlite3")
    try:
        today = fx.d("2026-11-26")
        a, b, c = (m.Person.create(name=name, role="mentor") for name in "ABC")
        fx.rate(a, "cloud", 4, (today - dt.timedelta(days=365)).isoformat())  # just recent
        fx.rate(b, "cloud", 5, (today - dt.timedelta(days=366)).isoformat())  # just stale
        fx.rate(c, "cloud", 5, (today + dt.timedelta(days=1)).isoformat())  # not yet
        assert bus_factor(today)["cloud"].names == ("A",) and bus_factor(today)["cloud"].flagged
        # One day later, C's rating exists and A's has gone stale.
        assert bus_factor(today + dt.timedelta(days=1))["cloud"].names == ("C",)
    finally:
        close_database()


def test_matrix_and_bus_factor_cost_a_few_queries_on_a_large_team(tmp_path: Path, report_now: None) -> None:
    open_database(tmp_path / "x.sqlite3")
    try:
        people = [m.Person.create(name=f"Person {i:02d}", role="mentee") for i in range(50)]
        comps = list(m.Competency.select())
        rows = [
            {"person": p, "competency": c, "level": (i + j + k) % 6,
             "rated_on": fx.TODAY - dt.timedelta(days=30 * k), "uuid": f"{i}-{j}-{k}"}
            for i, p in enumerate(people) for j, c in enumerate(comps) for k in range(25)
        ]
        with m.database_proxy.atomic():
            for start in range(0, len(rows), 500):
                m.SkillRating.insert_many(rows[start : start + 500]).execute()
        statements: list[str] = []
        m.database_proxy.connection().set_trace_callback(statements.append)
        try:
            matrix = skills_matrix(fx.TODAY)
        finally:
            m.database_proxy.connection().set_trace_callback(None)
        assert 0 < len(statements) <= 4, statements  # people, competencies, keys, the window query: not per rating
        statements.clear()
        m.database_proxy.connection().set_trace_callback(statements.append)
        try:
            skills = team_skills.team_skills(fx.TODAY)
            factors = skills.bus_factors
        finally:
            m.database_proxy.connection().set_trace_callback(None)
        assert 0 < len(statements) <= 3, statements  # competencies, people, the window query
        assert len(matrix.rows) == 50 and len(skills.rows) == 50
        assert all(
            row.cells[c.key].level == (i + j) % 6 for i, row in enumerate(skills.rows) for j, c in enumerate(skills.competencies)
        )
        # Latest (k = 0) level of person i in competency j is (i + j) % 6.
        assert all(
            row.levels[c.key] == (i + j) % 6 for i, row in enumerate(matrix.rows) for j, c in enumerate(matrix.competencies)
        )
        for j, factor in enumerate(factors):
            assert factor.count == sum(1 for i in range(50) if (i + j) % 6 >= 4)
    finally:
        close_database()
