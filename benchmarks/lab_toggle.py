"""Ticking a step of the largest lab of the large database, in process under Pilot: ≤ 50 ms;
opening that lab, and the forms its keys open, ≤ 100 ms each (a screen).

Timed from running the lab screen's `toggle` action (what space is bound to)
until its worker (write, then read the lab again) is done and the screen has
been painted again; see switching.py for why Pilot's press()/pause() are not
used for timing. Each step is ticked, then unticked, on a copy of the large
database (the benchmark changes nothing in benchmarks/out).
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built
from screen_timing import repeat_opening, result

BUDGET_S = 0.050
TOGGLES = 20


def _largest_lab(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as con:
        row = con.execute(
            "SELECT lab_id, COUNT(*) FROM lab_item GROUP BY lab_id ORDER BY COUNT(*) DESC, lab_id LIMIT 1"
        ).fetchone()
    return int(row[0]), int(row[1])


async def _measure(db: Path, lab_id: int, more: list[Result]) -> list[float]:
    from mentor_tui.app import MentorApp
    from mentor_tui.screens.lab import LabScreen

    times: list[float] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        base = app.screen
        walls, cpus = await repeat_opening(app, base, lambda: app.push_screen(LabScreen(lab_id)),
                                           check=lambda: isinstance(app.screen, LabScreen))
        more.append(result("open the largest lab", walls, cpus))
        screen = LabScreen(lab_id)
        await app.push_screen(screen)
        await settle(app)
        for label, action in (("lab: a step's form (e)", "edit_step"), ("lab: new steps' form (a)", "add_steps"),
                              ("lab: the evidence form (v)", "evidence"), ("lab: the lab's form (E)", "edit_lab")):
            walls, cpus = await repeat_opening(app, screen, partial(screen.run_action, action),
                                               check=lambda: app.screen is not screen)
            more.append(result(label, walls, cpus))
        steps = screen.query_one("#lab-items")
        for n in range(TOGGLES):
            steps.highlighted = (n // 2) % max(1, steps.option_count)
            before = screen.data
            started = time.perf_counter()
            await screen.run_action("toggle")
            await settle(app)
            times.append(time.perf_counter() - started)
            if screen.data is before:
                raise RuntimeError("the lab screen did not show the toggled lab")
    return times


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.screens.lab  # noqa: F401
    except ImportError as exc:
        return [not_built("toggle a lab step", str(exc), BUDGET_S)]
    lab_id, steps = _largest_lab(db)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "large.sqlite3"
        with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        more: list[Result] = []
        times = asyncio.run(_measure(copy, lab_id, more))
    note = f"lab {lab_id}, {steps} steps, {len(times)} toggles"
    return [
        *more,
        Result("toggle a step of the largest lab (median)", statistics.median(times), BUDGET_S, note=note),
        Result("toggle a step of the largest lab (worst)", max(times), None, note=note + "; judged by the median"),
    ]
