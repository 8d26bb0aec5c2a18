"""The Check-ins screens on the large database, in process under Pilot: at most 100 ms each.

Times, on a copy of the large database:
- the first time, as a user goes: enter on the mentorship list's first row (its
  timeline), enter on its newest check-in, e (its edit form);
- the median of several openings of the longest timeline, its newest check-in,
  that check-in's edit form and a new check-in's form (n on the timeline);
- on the Dashboard, space on my first open action item (ticked done; "me" owns
  none in the large database, so the copy gives "me" a few) and the Dashboard's
  refresh (every panel read again, as when it comes back into view).
"Me" in the large database is a mentor, so the list holds that mentor's
mentorships; a lead (all of them) is timed too, on the list's first page.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
from functools import partial
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built, repeats
from screen_timing import database_copy, query_all, query_one, repeat_opening, result, timed

BUDGET_S = 0.100
TICKS = repeats(3, 1)

LONGEST = "SELECT mentorship_id FROM check_in GROUP BY mentorship_id ORDER BY count(*) DESC, mentorship_id LIMIT 1"


def _give_me_items(db: Path) -> None:
    """A few open action items become "me"'s, for the Dashboard's tick to have something to tick."""
    with sqlite3.connect(db) as con:
        con.execute(
            "UPDATE action_item SET owner_id = (SELECT id FROM person WHERE is_me) WHERE id IN "
            "(SELECT id FROM action_item WHERE done_on IS NULL ORDER BY id LIMIT ?)", (TICKS * 2,))


async def _measure(db: Path) -> list[Result]:
    from mentor_tui.app import MentorApp
    from mentor_tui.screens.checkin_view import CheckInScreen
    from mentor_tui.screens.timeline import CheckInCard, TimelineScreen

    mentorship = query_one(db, LONGEST)[0]
    checkin = query_one(db, "SELECT max(id) FROM check_in WHERE mentorship_id = ? AND held_on = "
                                   "(SELECT max(held_on) FROM check_in WHERE mentorship_id = ?)", mentorship, mentorship)[0]
    total = query_one(db, "SELECT count(*) FROM check_in WHERE mentorship_id = ?", mentorship)[0]
    app = MentorApp(db_path=db)
    results = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        dashboard = app.screen
        mine = dashboard.query_one("#my-actions")
        mine.focus()  # tab: space ticks an item only with the action items focused
        await settle(app)
        open_before = mine.row_count
        ticks, cpus = [], []
        for _ in range(TICKS):
            wall, cpu = await timed(app, lambda: app.screen.run_action("tick_action"))  # space
            ticks.append(wall)
            cpus.append(cpu)
        if mine.row_count != open_before - TICKS:  # a tick that did nothing is no figure
            raise RuntimeError(f"space ticked {open_before - mine.row_count} of {TICKS} action items")
        results.append(result("Dashboard: tick my first open action item (space)", ticks, cpus))
        walls, cpus = [], []
        for _ in range(5):
            wall, cpu = await timed(app, partial(_reload, dashboard))
            walls.append(wall)
            cpus.append(cpu)
        results.append(result("Dashboard: refresh (every panel read again)", walls, cpus))

        await app.run_action("go('checkins')")
        await settle(app)
        # the cursor on the listed mentorship with the most check-ins ("me"'s: the longest of all may
        # be another mentor's), so its timeline has check-ins to open
        table = app.screen.table
        keys = [str(row.key) for row in table.table_rows]
        counts = dict(query_all(db, "SELECT mentorship_id, count(*) FROM check_in GROUP BY mentorship_id"))
        listed = max(range(len(keys)), key=lambda row: counts.get(int(keys[row]), 0))
        table.move_cursor(row=listed)
        await settle(app)
        # What the keys (enter, enter, e) run, as the other rows do: Pilot's press adds two idle
        # waits of 20 ms or more after each key, which a user does not wait for.
        card_focused = lambda: isinstance(app.screen.focused, CheckInCard)  # noqa: E731
        for label, action, until in (("open a timeline (first, from the list)", "open_row", card_focused),
                                     ("open a check-in (first)", "open_checkin", None),
                                     ("open its edit form (first)", "edit_checkin", None)):
            before = app.screen
            wall, cpu = await timed(app, lambda action=action: app.screen.run_action(action), until)
            if app.screen is before:
                raise RuntimeError(f"{action} opened nothing on {type(before).__name__}")
            results.append(result(f"check-ins: {label}", [wall], [cpu]))
        await repeat_to(app, app.screen_stack[0])

        base = app.screen
        walls, cpus = await repeat_opening(app, base, lambda: app.push_screen(TimelineScreen(mentorship)),
                                           check=lambda: isinstance(app.screen, TimelineScreen))
        results.append(result("check-ins: open the longest timeline", walls, cpus, note=f"{total} check-ins"))
        walls, cpus = await repeat_opening(app, base, lambda: app.push_screen(CheckInScreen(checkin)),
                                           check=lambda: isinstance(app.screen, CheckInScreen))
        results.append(result("check-ins: open its newest check-in", walls, cpus))
        view = CheckInScreen(checkin)
        await app.push_screen(view)
        await settle(app)
        walls, cpus = await repeat_opening(app, view, partial(view.run_action, "edit_checkin"),
                                           check=lambda: app.screen is not view)
        results.append(result("check-ins: the check-in's edit form (e)", walls, cpus))
        view.dismiss(None)
        await settle(app)
        timeline = TimelineScreen(mentorship)
        await app.push_screen(timeline)
        await settle(app)
        walls, cpus = await repeat_opening(app, timeline, partial(timeline.run_action, "new_checkin"),
                                           check=lambda: app.screen is not timeline)
        results.append(result("check-ins: a new check-in's form (n)", walls, cpus))
    return results


async def _reload(screen) -> None:
    screen.reload()


async def repeat_to(app, screen) -> None:
    while app.screen is not screen and len(app.screen_stack) > 1:
        app.pop_screen()
        await settle(app)


def _lead_list(db: Path) -> float:
    import datetime as dt
    import time

    from mentor_tui.db import database, mentorship_list

    database.open_database(db)
    try:
        started = time.perf_counter()
        mentorship_list.page(dt.date.today(), everyone=True)
        return time.perf_counter() - started
    finally:
        database.close_database()


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.screens.timeline  # noqa: F401
    except ImportError as exc:
        return [not_built("check-ins screens", str(exc), BUDGET_S)]
    with tempfile.TemporaryDirectory() as folder, database_copy(db, Path(folder)) as copy:
        _give_me_items(copy)
        results = asyncio.run(_measure(copy))
    results.append(Result("check-ins: a lead's mentorship list (query)", _lead_list(db), BUDGET_S))
    return results
