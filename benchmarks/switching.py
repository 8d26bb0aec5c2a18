"""Switching screens on the large database, in process under Pilot: at most 100 ms each.

A switch is timed from running the section key's action (`go('plans')`, what
the key "2" is bound to) until the workers it started are done and the screen
has been painted again. Pilot's own `press()`/`pause()` are not used for
timing: they poll for idleness in ~20 ms steps and would add 40-60 ms of
harness time to every switch (measured: a key bound to nothing "took" 64 ms).
First visits build the screen (compose, first query, first render of its
rows); revisits show it again and re-read its data. Both are measured once
the app is ready (app_driver.wait_ready): the store open, the Dashboard
filled and the other screens' code imported, which the app does a module at
a time right after start-up; a key pressed before that also waits for the
module it needs (3 Labs about 45 ms, 6 Team about 35 ms, the others 5-15 ms).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built

BUDGET_S = 0.100
ORDER = "234561"


async def _measure(db: Path) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    from mentor_tui.app import SECTIONS, MentorApp

    by_key = {key: (name, label) for name, (key, label, _target) in SECTIONS.items()}
    first: list[tuple[str, float]] = []
    again: list[tuple[str, float]] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        for rounds in range(3):
            for key in ORDER:
                name, label = by_key[key]
                started = time.perf_counter()
                await app.run_action(f"go({name!r})")
                await settle(app)
                elapsed = time.perf_counter() - started
                (first if rounds == 0 else again).append((f"{key} {label}", elapsed))
    return first, again


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.app  # noqa: F401
    except ImportError as exc:
        return [not_built("switch screens", str(exc), BUDGET_S)]
    first, again = asyncio.run(_measure(db))
    results = [Result(f"switch to {label} (first visit)", elapsed, BUDGET_S) for label, elapsed in first]
    worst_label, worst = max(again, key=lambda pair: pair[1])
    results.append(Result("switch screens (revisits, worst)", worst, BUDGET_S,
                          note=f"{worst_label}, of {len(again)} switches"))
    return results
