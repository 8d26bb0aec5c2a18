"""Switching screens on the large database, in process under Pilot: at most 100 ms each.

A switch is timed from running the section key's action (`go('plans')`, what
the key "2" is bound to) until the workers it started are done and the screen
has been painted again. Pilot's own `press()`/`pause()` are not used for
timing: they poll for idleness in ~20 ms steps and would add 40-60 ms of
harness time to every switch (measured: a key bound to nothing "took" 64 ms).
Both first visits and revisits are measured once the app is ready
(app_driver.wait_ready): the store open, the Dashboard filled, the other
screens' code imported and, after half a second without a key, the sections'
screens built ahead (screens/warm_up.py): a first visit then shows a screen
already composed and styled, renders its rows and reads its data again. A
key pressed before that builds the screen then: those
first visits are measured too, in a second app, right after its Dashboard is
filled (informational rows: what a user who presses a section key at once
gets; the module it needs may not be imported yet either).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built

BUDGET_S = 0.100
ORDER = "234561"


def _labels() -> dict[str, tuple[str, str]]:
    from mentor_tui.app import SECTIONS

    return {key: (name, f"{key} {label}") for name, (key, label, _target) in SECTIONS.items()}


async def _switch(app, name: str) -> float:
    """Seconds from the section key's action until its work is done and painted."""
    started = time.perf_counter()
    await app.run_action(f"go({name!r})")
    await settle(app)
    return time.perf_counter() - started


async def _measure(db: Path) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    from mentor_tui.app import MentorApp

    by_key = _labels()
    first: list[tuple[str, float]] = []
    again: list[tuple[str, float]] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        for rounds in range(3):
            for key in ORDER:
                name, label = by_key[key]
                (first if rounds == 0 else again).append((label, await _switch(app, name)))
    return first, again


async def _measure_at_once(db: Path) -> list[tuple[str, float]]:
    """First visits pressed right after start-up, before the warm-up has built anything."""
    from mentor_tui.app import MentorApp

    by_key = _labels()
    first: list[tuple[str, float]] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.store_ready or not getattr(app.screen, "data_shown", False):
            await pilot.pause(0.01)
        await settle(app)
        for key in ORDER[:-1]:
            name, label = by_key[key]
            first.append((label, await _switch(app, name)))
    return first


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
    results += [Result(f"switch to {label}, pressed at once (first visit)", elapsed, None,
                       note="before the warm-up built it: built now")
                for label, elapsed in asyncio.run(_measure_at_once(db))]
    return results
