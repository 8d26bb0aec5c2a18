"""The Check-ins screens on the large database, in process under Pilot: at most 100 ms each.

Times opening the mentorship list's first timeline (enter), a check-in from it
(enter), its edit form (e, which reads the open action items first), and
ticking an item done on the Dashboard (space). "Me" in the large database is
a mentor, so the list holds that mentor's mentorships; a lead (all of them)
is timed too, on the list's first page.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built

BUDGET_S = 0.100


async def _timed(app, action) -> float:
    started = time.perf_counter()
    await action()
    await settle(app)
    return time.perf_counter() - started


async def _measure(db: Path) -> list[tuple[str, float]]:
    from mentor_tui.app import MentorApp

    app = MentorApp(db_path=db)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        times.append(("Dashboard: tick my first open action item", await _timed(app, lambda: pilot.press("space"))))
        await app.run_action("go('checkins')")
        await settle(app)
        times.append(("open a timeline", await _timed(app, lambda: pilot.press("enter"))))
        times.append(("open a check-in", await _timed(app, lambda: pilot.press("enter"))))
        times.append(("open its edit form", await _timed(app, lambda: pilot.press("e"))))
    return times


def _lead_list(db: Path) -> float:
    import datetime as dt

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
    results = [Result(f"check-ins: {label}", elapsed, BUDGET_S) for label, elapsed in asyncio.run(_measure(db))]
    results.append(Result("check-ins: a lead's mentorship list (query)", _lead_list(db), BUDGET_S))
    return results
