"""Snapshots of the growth view (120 and 80 columns), its forms and the delete question."""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people

from .pilot_helpers import then as _then


def test_my_growth_view_from_the_dashboard(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("m"))


def test_growth_view_at_80_columns(snap_compare, demo_db):
    """A mentee's growth view (enter on the first person in Team) on a small terminal."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24), run_before=_then("6", "enter"))


def test_growth_view_at_80_columns_scrolled_to_the_ladder(snap_compare, demo_db):
    """tab moves to the upper pane, which scrolls: the ladder, ownership and kudos below the skills."""
    keys = ("6", "enter", "tab", "pagedown", "pagedown")
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24), run_before=_then(*keys))


def test_growth_view_of_someone_with_nothing_yet(snap_compare, tmp_path):
    path = tmp_path / "mentor.sqlite3"
    database.open_database(path)
    people.set_me("Bo Chen", "mentor")
    people.add_person("Ana Ruiz", "mentee")
    database.close_database()
    assert snap_compare(MentorApp(db_path=path), terminal_size=(120, 40), run_before=_then("6", "enter"))


def test_rate_a_skill_form(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "enter", "s"))


def test_log_an_incident_form(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "enter", "l"))


def test_delete_asks_first(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "enter", "d"))
