"""Snapshot tests of the Check-ins screens: the mentorship list, a timeline, a check-in, its form, the questions.

The demo team (frozen day 2026-11-26): "me" is Jonas Becker, mentor of three mentees.
"""

from __future__ import annotations

import pytest

from mentor_tui import demo
from mentor_tui.app import MentorApp
from mentor_tui.db import database, people

from .conftest import FROZEN_TODAY
from .pilot_helpers import settle

SIZE = (120, 40)


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.sqlite3"
    demo.generate(path, today=FROZEN_TODAY)
    return path


@pytest.fixture
def mentee_db(demo_db):
    """The demo's database, with its first mentee (who has private notes written about her) as "me"."""
    database.open_database(demo_db)
    amara = people.find("Amara Okafor")
    people.claim_me(amara.id)
    database.close_database()
    return demo_db


def _then(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_mentorship_list(snap_compare, demo_db):
    """Most due first; overdue in red; open actions; the latest blocker's age."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("4"))


def test_timeline(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("4", "enter"))


def test_checkin_view_with_the_private_panel(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("4", "enter", "enter"))


def test_new_checkin_form_with_items_carried_forward(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("4", "n", "ctrl+n"))


def test_delete_checkin_asks_first(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("4", "enter", "enter", "d"))


def test_checkin_view_of_a_mentee_has_no_private_panel(snap_compare, mentee_db):
    assert snap_compare(MentorApp(db_path=mentee_db), terminal_size=SIZE, run_before=_then("4", "enter", "enter"))
