"""Full-text search over all notes of the large database (budget 50 ms a query).

Five queries as the app runs them (`db.search.search`, private notes of "me"'s
mentees included, the first 50 hits with their dates, titles and snippets): a
rare word, a word in a third of the check-ins, the start of a word as it is
typed, two words, and text full of FTS syntax. Each is the median of 7 runs
after one warm-up run. Then the search screen under Pilot (/, 100 ms: a screen) and a query
typed into it until its hits are shown (50 ms), each the median of several.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from functools import partial
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, is_missing_code, median, not_built
from screen_timing import SCREEN_S, database_copy, repeat_opening, result, timed

BUDGET_S = 0.05
RUNS = 7
QUERIES = (
    ("a rare word", "cosign"),
    ("a common word", "none"),
    ("a word being typed", "kub"),
    ("two words", "on-call payments"),
    ("FTS syntax as text", '"review* ^queue: -slow ( "'),
)


def run(db: Path) -> list[Result]:
    try:
        from mentor_tui.db import database, search
    except ImportError as exc:
        if is_missing_code(exc):
            return [not_built("search", str(exc), BUDGET_S)]
        raise
    results = []
    database.open_database(db)
    try:
        for what, text in QUERIES:
            search.search(text, include_private=True)  # warm the page cache
            times, hits = [], 0
            for _ in range(RUNS):
                started = time.perf_counter()
                hits = len(search.search(text, include_private=True))
                times.append(time.perf_counter() - started)
            results.append(Result(f"search: {what}", median(times), BUDGET_S,
                                  note=f"{text!r}, {hits} hits shown, median of {RUNS}"))
    finally:
        database.close_database()
    with tempfile.TemporaryDirectory() as folder, database_copy(db, Path(folder)) as copy:
        results += asyncio.run(_dialog(copy))
    return results


async def _dialog(db: Path) -> list[Result]:
    from mentor_tui.app import MentorApp
    from mentor_tui.screens.search import SearchScreen

    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        base = app.screen
        walls, cpus = await repeat_opening(app, base, partial(app.run_action, "search"),
                                           check=lambda: isinstance(app.screen, SearchScreen))
        found = [result("search: open the search screen (/)", walls, cpus, SCREEN_S)]
        await app.run_action("search")
        await settle(app)
        query = app.screen.query_one("#query")
        walls, cpus = [], []
        for text in ("kub", "cosign", "none", "on-call payments", "kubernetes"):
            wall, cpu = await timed(app, partial(_type, query, text))
            walls.append(wall)
            cpus.append(cpu)
        found.append(result("search: a query typed in the search screen, hits shown", walls, cpus, BUDGET_S))
    return found


async def _type(field, text: str) -> None:
    field.value = text
