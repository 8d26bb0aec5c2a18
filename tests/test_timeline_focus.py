"""Which check-in of a timeline has the focus after its list changes."""

from __future__ import annotations

import datetime as dt

from mentor_tui.app import MentorApp
from mentor_tui.db import checkins, people
from mentor_tui.db.mentorships import create_mentorship
from mentor_tui.screens.checkin_form import CheckInForm
from mentor_tui.screens.timeline import CheckInCard, TimelineScreen

from .pilot_helpers import settle

SIZE = (120, 40)


def _weekly_checkins(weeks: int) -> None:
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    ship = create_mentorship(me.id, ana.id, dt.date(2026, 9, 1), cadence_days=7)
    for week in range(weeks):
        checkins.create_checkin(ship.id, dt.date(2026, 9, 1) + dt.timedelta(days=7 * week), progress=f"week {week}")


async def _timeline(pilot) -> TimelineScreen:
    """The app started, then 4 and enter: the timeline of the only mentorship."""
    await settle(pilot)
    await pilot.press("4", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TimelineScreen)
    return pilot.app.screen


async def test_a_check_in_just_recorded_has_the_focus_and_the_head_stays_in_view(store_with_me):
    _weekly_checkins(3)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        timeline = await _timeline(pilot)
        await pilot.press("down")  # an older one focused when the new one is recorded
        assert timeline.focused.entry.progress == "week 1"
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CheckInForm)
        form.query_one("#field-progress").text = "the new one"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is timeline
        assert isinstance(timeline.focused, CheckInCard) and timeline.focused.entry.progress == "the new one"
        assert timeline.query_one("#detail-body").scroll_y == 0


async def test_older_check_ins_shown_on_request_leave_the_focus_where_it_was(store_with_me):
    _weekly_checkins(8)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        timeline = await _timeline(pilot)
        await pilot.press("down")
        await pilot.press("o")
        await settle(pilot)
        assert len(timeline.query(CheckInCard)) == 8
        assert timeline.focused.entry.progress == "week 6"
