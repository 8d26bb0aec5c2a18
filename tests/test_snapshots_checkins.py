"""Snapshot tests of the Check-ins screens: the mentorship list, a timeline, a check-in, its form, the questions.

The demo team (frozen day 2026-11-26): "me" is Jonas Becker, mentor of three mentees.
"""

from __future__ import annotations

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people

from .pilot_helpers import then as _then

SIZE = (120, 40)


@pytest.fixture
def mentee_db(demo_db):
    """The demo's database, with its first mentee (who has private notes written about her) as "me"."""
    database.open_database(demo_db)
    amara = people.find("Amara Okafor")
    people.claim_me(amara.id)
    database.close_database()
    return demo_db


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


@pytest.fixture
def blocked_db(tmp_path):
    """Me (Bo Chen) with three mentees: one blocked for three check-ins, one due, one ended."""
    import datetime as dt

    from mentor_tui.db import checkins, mentorships
    from mentor_tui.db.actions import NewAction

    path = tmp_path / "blocked.sqlite3"
    database.open_database(path)
    me = people.set_me("Bo Chen", "mentor")
    ana, cy, dee = (people.add_person(n, "mentee") for n in ("Ana Ruiz", "Cy Dunn", "Dee Lin"))
    blocked = mentorships.create_mentorship(me.id, ana.id, dt.date(2026, 9, 1), 14, "Kubernetes")
    for day in (dt.date(2026, 10, 15), dt.date(2026, 10, 29), dt.date(2026, 11, 12)):
        checkins.create_checkin(blocked.id, day, blockers="No **staging** access yet",
                                new_actions=[NewAction(f"Chase access ({day})", me.id, day + dt.timedelta(days=7))])
    mentorships.create_mentorship(me.id, cy.id, dt.date(2026, 11, 1), 30, "On-call readiness")
    ended = mentorships.create_mentorship(me.id, dee.id, dt.date(2026, 1, 1), 14, "Terraform")
    checkins.create_checkin(ended.id, dt.date(2026, 5, 1), progress="Done")
    mentorships.end_mentorship(ended.id, dt.date(2026, 6, 1))
    database.close_database()
    return path


@pytest.fixture
def long_name_db(tmp_path):
    """Me (Bo Chen) mentoring Amara Okafor-Nwachukwu, whose owner label takes 31 cells; an item of hers open."""
    import datetime as dt

    from mentor_tui.db import checkins, mentorships
    from mentor_tui.db.actions import NewAction

    path = tmp_path / "long-name.sqlite3"
    database.open_database(path)
    me = people.set_me("Bo Chen", "mentor")
    amara = people.add_person("Amara Okafor-Nwachukwu", "mentee")
    ship = mentorships.create_mentorship(me.id, amara.id, dt.date(2026, 9, 1), 14, "Observability")
    checkins.create_checkin(ship.id, dt.date(2026, 11, 12), new_actions=[
        NewAction("Write the alert runbook", amara.id, dt.date(2026, 11, 30))])
    database.close_database()
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_checkin_form_shows_a_long_owner_name_whole(snap_compare, long_name_db, size):
    """The owner's column is as wide as the name (checkins.tcss gave it 25 columns: the name was cut)."""
    assert snap_compare(MentorApp(db_path=long_name_db), terminal_size=size,
                        run_before=_then("4", "n", "ctrl+n"))


def test_mentorship_list_flags_an_old_blocker_and_lists_ended_ones_last(snap_compare, blocked_db):
    assert snap_compare(MentorApp(db_path=blocked_db), terminal_size=SIZE, run_before=_then("4"))


def test_timeline_says_how_long_a_blocker_is_open(snap_compare, blocked_db):
    assert snap_compare(MentorApp(db_path=blocked_db), terminal_size=SIZE, run_before=_then("4", "enter"))


def test_mentorship_list_at_80_columns_keeps_the_blocker_flag_in_view(snap_compare, blocked_db):
    assert snap_compare(MentorApp(db_path=blocked_db), terminal_size=(80, 24), run_before=_then("4"))


async def test_an_old_blocker_is_flagged_beside_the_names_too(blocked_db):
    from .pilot_helpers import press_settled, settle

    app = MentorApp(db_path=blocked_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_settled(pilot, "4")
        firsts = {str(app.screen.table.get_row_at(i)[0]) for i in range(app.screen.table.row_count)}
        assert "⚠ Bo Chen → Ana Ruiz" in firsts and "Bo Chen → Cy Dunn" in firsts
