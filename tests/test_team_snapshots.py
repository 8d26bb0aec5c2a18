"""Snapshot tests of the Team section (120 and 80 columns), the what-if dialog and the pairing screen,
on the demo team (frozen clock, fixed seed)."""

from __future__ import annotations

from mentor_tui.app import MentorApp

from .pilot_helpers import then as _then


def test_team_at_120_columns(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6"))


def test_team_at_80_columns(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24), run_before=_then("6"))


def test_what_if_dialog(snap_compare, demo_db):
    """The last row is Sofia Almeida, the demo's only security holder."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "end", "w"))


def test_pairing_screen(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "p"))


def test_team_grouped_by_team(snap_compare, demo_db):
    """The demo's three teams as headings; kubernetes is a silo of platform."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "g"))


def test_team_filter_dialog(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "t"))


def test_team_filtered_to_one_team_at_80_columns(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24),
                        run_before=_then("6", "t", "down", "down", "enter"))


def test_edit_person_form(snap_compare, demo_db):
    """e on the first row (Amara Okafor): her name, role, email and team."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=_then("6", "e"))
