"""Timing screens and forms under Pilot, shared by the benchmarks of detail screens and forms.

A screen opening is timed from running the action (what its key is bound to) until
every worker it started is done and the screen is painted (app_driver.settle), each
several times, judged by the median. The CPU time of the process (UI and worker
threads) is noted beside it: on a busy machine the wall time also counts waiting
for a core.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app_driver import settle
from common import Result, median, repeats

SCREEN_S = 0.100  # DESIGN.md: opening any screen
RUNS = repeats(5, 1)


async def timed(app, action: Callable[[], Awaitable[object]],
                until: Callable[[], bool] | None = None, timeout: float = 30.0) -> tuple[float, float]:
    """(wall, CPU) seconds from running `action` until its work is done and painted, and
    `until` holds if given (e.g. a focus given after the paint that settling can miss on a
    loaded machine: the time to it is part of the opening)."""
    started, cpu = time.perf_counter(), time.process_time()
    await action()
    await settle(app)
    while until is not None and not until():
        if time.perf_counter() - started > timeout:
            raise RuntimeError(f"not ready {timeout:.0f} s after the key: {type(app.screen).__name__} is shown")
        await asyncio.sleep(0.001)
        await settle(app)
    return time.perf_counter() - started, time.process_time() - cpu


async def back_to(app, screen) -> None:
    """Close what was opened on top of `screen` (forms, detail screens)."""
    while app.screen is not screen and len(app.screen_stack) > 1:
        app.pop_screen()
        await settle(app)


async def repeat_opening(app, base, action: Callable[[], Awaitable[object]], runs: int = RUNS,
                         check: Callable[[], bool] | None = None) -> tuple[list[float], list[float]]:
    """Open something from `base` (the screen shown) `runs` times, closing it after each."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = await timed(app, action)
        if check is not None and not check():
            raise RuntimeError(f"nothing opened on {type(base).__name__}: {type(app.screen).__name__} is shown")
        walls.append(wall)
        cpus.append(cpu)
        await back_to(app, base)
    return walls, cpus


def result(name: str, walls: list[float], cpus: list[float], budget: float | None = SCREEN_S,
           note: str = "") -> Result:
    """One row: the median of the runs, with the worst and the CPU median in the note."""
    said = f"{note}; " if note else ""
    return Result(name, median(walls), budget,
                  note=f"{said}worst {max(walls) * 1000:.0f} ms of {len(walls)}, "
                       f"CPU median {median(cpus) * 1000:.0f} ms")


@contextmanager
def database_copy(db: Path, folder: Path) -> Iterator[Path]:
    """A consistent copy of `db` to change (ticks, status changes): the large database stays as it is."""
    copy = folder / "bench-copy.sqlite3"
    with sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    try:
        yield copy
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(folder / "backups", ignore_errors=True)


def query_one(db: Path, sql: str, *args: object) -> tuple:
    return query_all(db, sql, *args)[0]


def query_all(db: Path, sql: str, *args: object) -> list[tuple]:
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
