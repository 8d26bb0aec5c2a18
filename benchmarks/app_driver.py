"""Driving MentorApp under Pilot in the benchmarks: wait for the store, workers, a refresh."""

from __future__ import annotations

import asyncio
import sys

from common import SIZE


async def wait_workers(app) -> None:
    """Until no worker is running (cancelled or failed ones count as done)."""
    while True:
        pending = [w for w in app.workers if not w.is_finished]
        if not pending:
            return
        await asyncio.gather(*(w.wait() for w in pending), return_exceptions=True)


async def refreshed(app) -> None:
    """Until the app has refreshed (painted) the screen once more.

    A paint callback asked of one screen never comes when another screen is pushed
    before it paints (a key's worker may push one), so the wait follows the top screen.
    While paints are held back (Textual's `batch_update`/`delay_update`, e.g. for 50 ms
    after a mode switch) the callback comes without a paint: the wait goes on until the
    hold is over and the screen has painted. (`_batch_count` is Textual's count of holds:
    no public call tells.)"""
    while True:
        screen = app.screen
        done = asyncio.get_running_loop().create_future()
        app.call_after_refresh(lambda done=done: done.done() or done.set_result(app._batch_count == 0))
        screen.check_idle()  # the callback comes once the screen is idle with nothing left to paint
        while not done.done() and app.screen is screen:
            await asyncio.sleep(0.001)
        if done.done() and done.result():
            return
        while app._batch_count:
            await asyncio.sleep(0.001)


async def settle(app) -> None:
    """Until the work a key started is done and on screen (again while a worker's result
    started another worker)."""
    while True:
        await wait_workers(app)
        await refreshed(app)
        # What ran after that paint (a focus given once the screen was painted) is painted too;
        # with nothing left to paint this returns at once.
        await refreshed(app)
        if all(worker.is_finished for worker in app.workers):
            return


async def wait_ready(pilot, timeout: float | None = None) -> None:
    """Until the store is open, start-up's workers are done, the app has imported the other
    screens' code (MentorApp.warmed_up: it does so, a module at a time, once the Dashboard is
    filled; a key pressed before that waits for the module it needs) and has built the
    sections' screens ahead (MentorApp.sections_built: half a second after the last key)."""
    app = pilot.app
    timeout = timeout if timeout is not None else (45.0 if SIZE == "smoke" else 90.0)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    # (at the smoke size the app builds nothing ahead: smoke.apply)
    flags = ("store_ready", "warmed_up") if SIZE == "smoke" else ("store_ready", "warmed_up", "sections_built")
    while not all(getattr(app, flag, True) for flag in flags):
        if loop.time() > deadline:  # (the smoke run inside `make test` runs niced beside the suite: slow)
            missing = [flag for flag in flags if not getattr(app, flag, True)]
            running = [f"{w.name} of {type(w.node).__name__}" for w in app.workers if not w.is_finished]
            problem = (f"the app was not ready within {timeout:.0f} s: not {', '.join(missing)}; "
                       f"{type(app.screen).__name__} shown; workers running: {', '.join(running) or 'none'}")
            if SIZE != "smoke" or not app.store_ready:
                raise RuntimeError(problem)
            # The smoke run proves each benchmark runs; a warm-up that stalled (seen, rarely, on a
            # loaded machine, cause not found yet) only makes its figures slower: said, not fatal.
            print(f"warning: {problem}", file=sys.stderr)
            break
        await pilot.pause(0.02)
    await settle(app)
