"""Start-up reads the Dashboard once, in the worker that opens the store; a section reads
once per visit; ticking my action item reads the counts, not every panel.

Each test counts the reads (the screens' `fetch`), since the time they save is measured
by the benchmarks, not here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import checkins, people
from mentor_tui.db.actions import NewAction
from mentor_tui.db.mentorships import create_mentorship
from mentor_tui.screens.dashboard import DashboardScreen
from mentor_tui.screens.plans import PlansScreen

from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)


@pytest.fixture
def reads(monkeypatch):
    """How many times each screen class read its data (its fetch ran)."""
    counted: dict[str, int] = {}

    def counting(cls):
        original = cls.fetch

        def fetch(self):
            counted[cls.__name__] = counted.get(cls.__name__, 0) + 1
            return original(self)

        monkeypatch.setattr(cls, "fetch", fetch)

    counting(DashboardScreen)
    counting(PlansScreen)
    return counted


async def test_the_dashboard_shows_what_start_up_read_without_reading_it_again(demo_db, reads):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.screen.data_shown
        text = screen_text(app)
        assert "Hello, " in text and "Next sessions" in text and "People\n–" not in text
        assert reads.get("DashboardScreen", 0) == 0  # read by open_store, shown in the first layout
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert reads["DashboardScreen"] == 1  # coming back reads again, once


async def test_a_first_visit_of_a_section_reads_once(demo_db, reads):
    # Textual posts ScreenResume twice when a mode is first shown; the section takes them as one.
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, PlansScreen) and reads["PlansScreen"] == 1
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert reads["PlansScreen"] == 2


async def test_ticking_my_action_item_updates_the_counts_without_reading_every_panel(store_with_me, reads):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    ship = create_mentorship(me.id, ana.id, dt.date(2026, 9, 1), cadence_days=14)
    checkins.create_checkin(ship.id, dt.date(2026, 11, 1), new_actions=[
        NewAction("Book the exam", me.id, dt.date(2026, 11, 10)), NewAction("Hers", ana.id, None),
    ])
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Open actions\n2" in screen_text(app)
        await pilot.press("tab", "space")  # into my action items, then tick the first
        await settle(pilot)
        await wait_until(pilot, lambda: "Open actions\n1" in screen_text(app), what="the count to go down")
        assert "Book the exam" not in screen_text(app)
        assert reads.get("DashboardScreen", 0) == 0
        await pilot.press("2")  # what the tick did not re-read is read on the next visit
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        assert "Open actions\n1" in screen_text(app) and reads["DashboardScreen"] == 1


async def test_r_reads_every_panel_again(store_with_me, reads):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "People\n1" in screen_text(app)
        people.add_person("Ana Ruiz", "mentee")  # as another program (a second mentor-tui) would
        await pilot.press("r")
        await settle(pilot)
        assert "People\n2" in screen_text(app) and reads["DashboardScreen"] == 1
        assert "Reloaded." in screen_text(app)  # once the data are in (the read shown clears the line)
        await pilot.press("r")  # nothing changed: said all the same
        await settle(pilot)
        assert "Reloaded." in screen_text(app) and reads["DashboardScreen"] == 2
        # a key in the key bar, a line in help and an entry in the command palette
        assert any(c.title == "Reload" for c in app.get_system_commands(app.screen))
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Reload" in screen_text(app)
