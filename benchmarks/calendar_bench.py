"""The Calendar on the large database (2,000 sessions): what its views read, 100 ms each
(the budget of opening a screen), and an .ics export and import of all 2,000 series, 2 s
each (DESIGN.md has no .ics budget; most of it is the icalendar library writing and
reading the text, about 0.9 s and 1.1 s here).

Timed in process on the store functions the screens call in their workers (the month
view reads the six weeks of its grid, the agenda its 60 days, the Dashboard the next three),
then under Pilot on a copy: the month view (tab), a month after and before (] [), and the
new session's form (n), each the median of several, 100 ms each.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
import time
from functools import partial
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, is_missing_code, median, not_built
from screen_timing import database_copy, repeat_opening, result, timed

SCREEN_S = 0.100
FILE_S = 2.0
RUNS = 3


def _timed(fn) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return median(times)


def run(db: Path) -> list[Result]:
    try:
        from mentor_tui.db import database, occurrences
        from mentor_tui.exchange import ical_export, ical_import
    except ImportError as exc:
        if is_missing_code(exc):
            return [not_built("calendar", str(exc), SCREEN_S)]
        raise
    database.open_database(db)
    try:
        now = dt.datetime.now(dt.UTC)
        grid_start, grid_end = now - dt.timedelta(days=35), now + dt.timedelta(days=14)
        results = [
            Result("calendar: agenda, next 60 days", _timed(lambda: occurrences.agenda(now)), SCREEN_S),
            Result("calendar: month grid (six weeks)",
                   _timed(lambda: occurrences.window(grid_start, grid_end, with_cancelled=True)), SCREEN_S),
            Result("calendar: Dashboard's next three", _timed(lambda: occurrences.next_few(now)), SCREEN_S),
        ]
        data = ical_export.calendar_bytes()
        results.append(Result("calendar: .ics export of every session", _timed(ical_export.calendar_bytes), FILE_S,
                              note=f"{ical_export.count_events(data)} events, {len(data):,} bytes"))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "all.ics"
            path.write_bytes(data)
            results.append(Result("calendar: .ics import dry run (all unchanged)",
                                  _timed(lambda: ical_import.import_files([path], dry_run=True)), FILE_S))
    finally:
        database.close_database()
    with tempfile.TemporaryDirectory() as folder, database_copy(db, Path(folder)) as copy:
        results += asyncio.run(_screens(copy))
    return results


async def _screens(db: Path) -> list[Result]:
    from mentor_tui.app import MentorApp

    app = MentorApp(db_path=db)
    results = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        await app.run_action("go('calendar')")
        await settle(app)
        calendar = app.screen
        for label, action, runs in (("the month view (tab)", "toggle_view", 1),
                                    ("a month after (])", "change_month(1)", RUNS),
                                    ("a month before ([)", "change_month(-1)", RUNS)):
            walls, cpus = [], []
            for _ in range(runs):
                wall, cpu = await timed(app, partial(calendar.run_action, action))
                walls.append(wall)
                cpus.append(cpu)
            results.append(result(f"calendar: {label}", walls, cpus))
        walls, cpus = await repeat_opening(app, calendar, partial(calendar.run_action, "new_session"),
                                           check=lambda: app.screen is not calendar)
        results.append(result("calendar: the new session's form (n)", walls, cpus))
    return results
