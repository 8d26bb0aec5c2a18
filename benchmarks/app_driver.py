"""Driving MentorApp under Pilot in the benchmarks: wait for the store, workers, a refresh."""

from __future__ import annotations

import asyncio


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
    before it paints (a key's worker may push one), so the wait follows the top screen."""
    while True:
        screen = app.screen
        done = asyncio.get_running_loop().create_future()
        app.call_after_refresh(lambda done=done: done.done() or done.set_result(None))
        screen.refresh()  # a screen with nothing left to paint would never call back
        while not done.done() and app.screen is screen:
            await asyncio.sleep(0.001)
        if done.done():
            return


async def settle(app) -> None:
    """Until the work a key started is done and on screen (two rounds: a worker may start another)."""
    for _ in range(2):
        await wait_workers(app)
        await refreshed(app)


async def wait_ready(pilot, timeout: float = 20.0) -> None:
    """Until the store is open, start-up's workers are done and the app has imported the other
    screens' code (MentorApp.warmed_up: it does so, a module at a time, once the Dashboard is
    filled; a key pressed before that waits for the module it needs)."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not getattr(app, "store_ready", True) or not getattr(app, "warmed_up", True):
        if loop.time() > deadline:
            raise RuntimeError("the app was not ready within 20 s")
        await pilot.pause(0.02)
    await settle(app)
