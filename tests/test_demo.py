"""The demo generator: a believable small team, exact sizes, deterministic output."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mentor_tui import demo, recurrence
from mentor_tui.db import database, guard, models
from mentor_tui.demo import small as small_team
from mentor_tui.exchange import toml_import
from mentor_tui.exchange.validate import validate_document
from mentor_tui.vocabulary import GOAL_STATUSES

from .cli_helpers import cli

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def small_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo.generate(path, today=TODAY)
    return path


@pytest.fixture
def small(small_path: Path):
    database.open_database(small_path)
    yield small_path
    database.close_database()


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_every_table_has_rows(small: Path) -> None:
    empty = [m.__name__ for m in models.ALL_MODELS if m.select().count() == 0]
    assert empty == []


def test_me_is_a_mentor_with_several_active_mentees(small: Path) -> None:
    mes = list(models.Person.select().where(models.Person.is_me))
    assert [(p.name, p.role) for p in mes] == [(demo.ME, "mentor")]
    active = models.Mentorship.select().where(
        (models.Mentorship.mentor == mes[0]) & models.Mentorship.ended_on.is_null()
    )
    assert active.count() >= 2
    assert {m.mentee.role for m in active} == {"mentee"}


def test_private_notes_and_open_and_done_action_items(small: Path) -> None:
    notes = models.CheckIn.select().where(models.CheckIn.private_notes != "")
    assert notes.count() >= 10
    assert models.ActionItem.select().where(models.ActionItem.done_on.is_null()).count() > 0
    assert models.ActionItem.select().where(models.ActionItem.done_on.is_null(False)).count() > 0
    latest = models.CheckIn.select().order_by(models.CheckIn.held_on.desc()).first()
    assert TODAY - dt.timedelta(days=14) <= latest.held_on <= TODAY


def test_an_upcoming_session_exists(small: Path) -> None:
    sessions = list(models.Session.select())
    assert all(s.starts_at.tzinfo is not None and s.timezone == "Europe/Berlin" for s in sessions)
    one_off_ahead = [s for s in sessions if s.rrule is None and s.starts_at.date() > TODAY]
    open_ended = [s for s in sessions if s.rrule and "COUNT=" not in s.rrule and "UNTIL=" not in s.rrule]
    assert one_off_ahead and open_ended
    assert any("INTERVAL=2" in s.rrule for s in open_ended)
    assert any(s.exdates for s in sessions)
    assert models.SessionOccurrence.select().where(models.SessionOccurrence.notes != "").count() > 0


def test_plans_goals_labs_look_like_a_program(small: Path) -> None:
    kinds = {p.kind for p in models.Plan.select()}
    assert {"onboarding", "skill", "leadership"} <= kinds
    assert {g.phase for g in models.Goal.select()} == {"day 30", "day 60", "day 90"}
    assert {g.status for g in models.Goal.select()} == set(GOAL_STATUSES)
    done_with_evidence = models.LabItem.select().where(models.LabItem.done & models.LabItem.evidence.is_null(False))
    assert done_with_evidence.count() > 0
    assert models.Feedback.select().where(models.Feedback.person.is_null()).count() > 0


def _bus_factor(competency_key: str, since: dt.date) -> int:
    latest: dict[int, tuple[dt.date, int]] = {}
    query = (
        models.SkillRating.select()
        .join(models.Competency)
        .switch(models.SkillRating)
        .join(models.Person, on=models.SkillRating.person == models.Person.id)
        .where((models.Competency.key == competency_key) & ~models.Person.archived)
    )
    for rating in query:
        key = rating.person_id
        if key not in latest or rating.rated_on > latest[key][0]:
            latest[key] = (rating.rated_on, rating.level)
    return sum(1 for rated_on, level in latest.values() if level >= 4 and rated_on >= since)


def test_a_single_point_of_knowledge_exists(small: Path) -> None:
    since = TODAY - dt.timedelta(days=180)
    assert _bus_factor("security", since) == 1
    assert _bus_factor("kubernetes", since) >= 2
    history = models.SkillRating.select().where(models.SkillRating.rated_by.is_null(False)).count()
    assert history > 0 and models.SkillRating.select().where(models.SkillRating.rated_by.is_null()).count() > 0


def test_the_team_file_reads_as_a_valid_exchange_document() -> None:
    data = small_team.load()
    assert [p["name"] for p in data["people"] if p.get("me")] == [demo.ME]
    parsed = validate_document(small_team.document(random.Random(1), TODAY), "team")
    assert parsed.includes_private
    kinds = {"people": "people", "plans": "plans", "goals": "goals", "lab_items": "items",
             "checkins": "checkins", "sessions": "sessions"}
    assert {size: parsed.counts[kind] for size, kind in kinds.items()} == demo.SMALL


def test_the_small_demo_is_its_exchange_document_imported(small: Path) -> None:
    parsed = validate_document(small_team.document(random.Random(42), TODAY), "again")
    again = toml_import.import_parsed([parsed])
    assert (again.added, again.updated, again.unchanged) == (0, 0, sum(parsed.counts.values()))


def test_the_demo_database_passes_check(small_path: Path) -> None:
    result = cli(small_path, "check")
    assert (result.returncode, result.stdout.strip()) == (0, "ok")


def _assert_occurrences_follow_the_rules(sessions) -> int:
    """Cancelled and held occurrences are starts of their session's rule; held ones are past."""
    seen = 0
    for session in sessions:
        until = session.starts_at + dt.timedelta(days=800)
        starts = set(recurrence.occurrences(session.starts_at, session.timezone, session.rrule, (),
                                            session.starts_at, until))
        cancelled = set(session.exdates)
        held = {o.starts_at for o in session.occurrences}
        assert cancelled <= starts and held <= starts - cancelled
        assert all(moment.date() < TODAY for moment in held)
        seen += len(cancelled) + len(held)
    return seen


def test_cancelled_and_held_occurrences_follow_the_rules(small: Path) -> None:
    assert _assert_occurrences_follow_the_rules(models.Session.select()) > 0
    upcoming = [moment for s in models.Session.select() for moment in s.exdates if moment.date() > TODAY]
    assert upcoming  # a cancellation announced ahead


def test_generation_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    demo.generate(a, today=TODAY, seed=7)
    demo.generate(b, today=TODAY, seed=7)
    assert _dump(a) == _dump(b)
    c = tmp_path / "c.sqlite3"
    demo.generate(c, today=TODAY, seed=8)
    assert _dump(a) != _dump(c)


def test_sizes_are_exact_and_me_survives(tmp_path: Path) -> None:
    path = tmp_path / "sized.sqlite3"
    demo.generate(path, people=20, plans=50, goals=500, lab_items=2000, checkins=500, sessions=50, today=TODAY)
    database.open_database(path)
    try:
        counts = {
            models.Person: 20,
            models.Plan: 50,
            models.Goal: 500,
            models.LabItem: 2000,
            models.CheckIn: 500,
            models.Session: 50,
        }
        assert {m.__name__: m.select().count() for m in counts} == {m.__name__: n for m, n in counts.items()}
        me = models.Person.get(models.Person.is_me)
        assert me.name == demo.ME
        assert models.Mentorship.select().where(models.Mentorship.mentor == me).count() >= 2
        team = {s["title"] for s in small_team.load()["sessions"]}
        synthetic = [s for s in models.Session.select() if s.title not in team]
        assert _assert_occurrences_follow_the_rules(synthetic) > 0
    finally:
        database.close_database()
    assert guard.integrity_problems(path) == []


def test_sizes_below_the_small_demo_are_refused(tmp_path: Path) -> None:
    with pytest.raises(demo.DemoError, match="people"):
        demo.generate(tmp_path / "x.sqlite3", people=3, today=TODAY)


def test_ensure_demo_creates_once_and_then_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "demo.sqlite3"
    demo.ensure_demo(path)
    assert path.exists()
    before = (path.stat().st_mtime_ns, path.read_bytes())
    demo.ensure_demo(path)
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


def test_command_line_refuses_an_existing_file_without_force(tmp_path: Path, capsys) -> None:
    path = tmp_path / "cli.sqlite3"
    assert demo.main([str(path), "--today", "2026-11-26"]) == 0
    assert "7 people" in capsys.readouterr().out
    assert demo.main([str(path)]) == 1
    assert "--force" in capsys.readouterr().err
    assert demo.main([str(path), "--force", "--people", "9", "--today", "2026-11-26"]) == 0
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM person").fetchone()[0] == 9
    finally:
        con.close()


def test_python_dash_m_runs_the_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "mentor_tui.demo", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--lab-items" in result.stdout
