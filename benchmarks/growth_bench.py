"""Opening a growth view on the large database, in process under Pilot: at most 100 ms.

Timed like switching.py: from running the action (Team's enter, the Dashboard's m)
until the screen's workers are done and it is painted. The first opening imports
the screen's modules; later ones only build and load it.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built

BUDGET_S = 0.100


async def _measure(db: Path) -> list[tuple[str, float]]:
    from mentor_tui.app import MentorApp

    timings: list[tuple[str, float]] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        for round_ in range(3):
            started = time.perf_counter()
            await app.screen.run_action("my_growth")
            await settle(app)
            timings.append((f"my growth (Dashboard m){' first' if round_ == 0 else ''}", time.perf_counter() - started))
            app.pop_screen()
            await settle(app)
        await app.run_action("go('team')")
        await settle(app)
        for row in range(3):
            app.screen.table.move_cursor(row=row * 7)
            started = time.perf_counter()
            await app.screen.run_action("open_row")
            await settle(app)
            timings.append((f"a person's growth view (Team enter), row {row * 7}", time.perf_counter() - started))
            app.pop_screen()
            await settle(app)
    return timings


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.screens.person  # noqa: F401
    except ImportError as exc:
        return [not_built("open a growth view", str(exc), BUDGET_S)]
    return [Result(f"open {label}", elapsed, BUDGET_S) for label, elapsed in asyncio.run(_measure(db))]
