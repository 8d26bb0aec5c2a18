"""Snapshot tests of labs: the list filtered by competency, one lab with evidence, a stale
lab, the competency picker, the new-lab form with its checklist, the delete question,
and the Dashboard's stale labs."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people
from mentor_tui.db.models import Goal, Lab, Plan

from .pilot_helpers import settle

SIZE = (120, 40)


@pytest.fixture
def stale_demo_db(demo_db):
    """The demo, with the first lab of a plan I (Jonas Becker) mentor last practised in June."""
    database.open_database(demo_db)
    mine = Lab.select().join(Goal).join(Plan).where(Plan.mentor == people.me()).order_by(Lab.id).first()
    Lab.update(last_practised_on=dt.date(2026, 6, 1)).where(Lab.id == mine.id).execute()
    database.close_database()
    return demo_db


def _then(*keys: str, text: str = ""):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if text:
            pilot.app.screen.focused.insert(text)
            await settle(pilot)

    return run_before


def test_labs_filtered_by_competency(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE,
                        run_before=_then("3", "c", "down", "enter", "o"))


def test_competency_picker(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("3", "c"))


def test_lab_with_evidence(snap_compare, demo_db):
    """The Helm chart lab: two steps done, the first with a pull request as evidence."""
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE,
                        run_before=_then("3", "c", "down", "enter", "down", "enter"))


def test_stale_lab(snap_compare, stale_demo_db):
    assert snap_compare(MentorApp(db_path=stale_demo_db), terminal_size=SIZE, run_before=_then("3", "enter"))


def test_dashboard_lists_my_stale_labs(snap_compare, stale_demo_db):
    assert snap_compare(MentorApp(db_path=stale_demo_db), terminal_size=SIZE, run_before=_then())


def test_new_lab_form_with_a_checklist(snap_compare, demo_db):
    async def run_before(pilot) -> None:
        await _then("3", "n")(pilot)
        pilot.app.screen.query_one("#field-items").insert(
            "[x] Cordon the node\n[ ] Drain it\n[ ] Watch the PDB hold\n[ ] Uncordon")
        await settle(pilot)

    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=run_before)


def test_delete_lab_asks_first(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=_then("3", "d"))
