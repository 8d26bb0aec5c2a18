"""The Calendar on the large database (2,000 sessions): what its views read, 100 ms each
(the budget of opening a screen), and an .ics export and import of all 2,000 series, 2 s
each (DESIGN.md has no .ics budget; most of it is the icalendar library writing and
reading the text, about 0.9 s and 1.1 s here).

Timed in process on the store functions the screens call in their workers (the month
view reads the six weeks of its grid, the agenda its 60 days, the Dashboard the next three).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from common import Result, is_missing_code, median, not_built

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
        return results
    finally:
        database.close_database()
