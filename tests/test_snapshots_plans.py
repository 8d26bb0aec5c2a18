"""Snapshot tests of plans: the plan view in both groupings, the goal view, the template picker,
the delete question, a lab's summary, and the Dashboard's plans as a mentee sees them."""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people

from .pilot_helpers import then as _then

SIZE = (120, 40)


def test_plan_view_grouped_by_phase(snap_compare, demo_db):
    """Amara's onboarding: day 30/60/90, two goals overdue, lab progress."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("2", "enter"))


def test_plan_view_grouped_by_competency(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("2", "enter", "tab"))


def test_plans_list_at_80_columns(snap_compare, demo_db):
    """No kind column and a shorter bar: Start and Target whole (they were cut)."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24), run_before=_then("2"))


def test_plan_view_at_80_columns(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24), run_before=_then("2", "enter"))


def test_goal_view(snap_compare, demo_db):
    """The game-day goal: its Markdown detail and its lab at 2/4."""
    keys = ("2", "enter", *["down"] * 6, "enter")
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then(*keys))


def test_lab_opened_from_a_goal(snap_compare, demo_db):
    keys = ("2", "enter", *["down"] * 6, "enter", "enter")
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then(*keys))


def test_template_picker(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("2", "n"))


def test_delete_goal_asks_first(snap_compare, demo_db):
    keys = ("2", "enter", "down", "d")
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then(*keys))


def test_dashboard_as_a_mentee_shows_her_plan_and_what_is_due(snap_compare, demo_db):
    database.open_database(demo_db)
    people.claim_me(people.find("Amara Okafor").id)
    database.close_database()
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then())
