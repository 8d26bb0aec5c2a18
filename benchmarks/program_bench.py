"""The Program view (Team's P) on the large database: its figures on screen within 100 ms.

Timed in process under Pilot, like growth_bench.py: from running the action until the
first worker's figures (every figure but the sessions) are painted. The sessions come
from a second worker, the view saying "computing…" meanwhile: their time is an
informational row, and so are the store functions alone (medians of 3).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path

from app_driver import refreshed, settle, wait_ready
from common import Result, median, not_built

BUDGET_S = 0.100
RUNS = 3


async def _until(condition, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError("the Program view did not show its figures in time")
        await asyncio.sleep(0.002)


async def _measure(db: Path) -> list[Result]:
    from mentor_tui.app import MentorApp

    results: list[Result] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        await app.run_action("go('team')")
        await settle(app)
        team = app.screen
        for round_ in range(RUNS):
            started = time.perf_counter()
            await team.run_action("program")
            screen = app.screen
            await refreshed(app)
            painted = time.perf_counter() - started
            await _until(lambda s=screen: s.health is not None)
            await refreshed(app)
            shown = time.perf_counter() - started
            await _until(lambda s=screen: s.health.sessions_counted)
            await refreshed(app)
            counted = time.perf_counter() - started
            first = " first" if round_ == 0 else ""
            results.append(Result(f"open the Program view (Team P){first}: on screen, computing…", painted, BUDGET_S))
            results.append(Result(f"open the Program view{first}: figures shown", shown, None,
                                  note="first worker: all but the sessions"))
            results.append(Result(f"open the Program view{first}: sessions counted too", counted, None,
                                  note="second worker; the view says computing… meanwhile"))
            started = time.perf_counter()
            await screen.run_action("toggle_grain")
            await _until(lambda s=screen: s.health is not None and s.health.grain == "quarter")
            await refreshed(app)
            results.append(Result(f"Program view: t (per quarter){first}: figures shown",
                                  time.perf_counter() - started, None))
            await _until(lambda s=screen: s.health.sessions_counted)
            await settle(app)
            app.pop_screen()
            await settle(app)
    return results


def _store_timings(db: Path) -> list[Result]:
    from mentor_tui.db import database, program_health, program_sessions

    today = dt.date.today()
    database.open_database(db)
    try:
        since = program_health.recent_since(today, "month")
        figures, sessions = [], []
        for _ in range(RUNS):
            started = time.perf_counter()
            health = program_health.program_health(since, today, "month", count_sessions=False)
            figures.append(time.perf_counter() - started)
            started = time.perf_counter()
            program_sessions.session_figures([p.period for p in health.periods])
            sessions.append(time.perf_counter() - started)
    finally:
        database.close_database()
    return [
        Result("program_health, 12 months, without sessions (median)", median(figures), None),
        Result("session_figures, 12 months (median)", median(sessions), None),
    ]


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.db.program_health  # noqa: F401
        import mentor_tui.screens.program  # noqa: F401
    except ImportError as exc:
        return [not_built("open the Program view", str(exc), BUDGET_S)]
    return [*_store_timings(db), *asyncio.run(_measure(db))]
