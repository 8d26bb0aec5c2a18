"""A page down in each long list on the large database, in process under Pilot: at most 100 ms.

Each list is opened (its section, or the search screen with a common word),
then pgdn is run PAGES times from the top; each is timed from running the
table's `page_down` action (what pgdn is bound to) until the workers it
started (the next page, when the cursor nears the end of what is loaded) are
done and the screen is painted again, as in switching.py. The figure is the
worst of the PAGES.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built

BUDGET_S = 0.100
PAGES = 6
LISTS = (("plans", "Plans"), ("labs", "Labs"), ("checkins", "Check-ins"), ("calendar", "Calendar list"),
         ("team", "Team matrix"))
SEARCH_TEXT = "none"  # in a third of the check-ins: a full first page of hits


async def _pages(app, widget) -> list[float]:
    widget.focus()
    await settle(app)
    times = []
    for _ in range(PAGES):
        started = time.perf_counter()
        await app.run_action("page_down", widget)
        await settle(app)
        times.append(time.perf_counter() - started)
    return times


async def _measure(db: Path) -> list[tuple[str, list[float]]]:
    from mentor_tui.app import MentorApp

    found: list[tuple[str, list[float]]] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        for name, label in LISTS:
            await app.run_action(f"go({name!r})")
            await settle(app)
            found.append((label, await _pages(app, app.screen.query_one("#table"))))
        from mentor_tui.screens.search import SearchScreen

        await app.push_screen(SearchScreen(SEARCH_TEXT))
        hits = app.screen.query_one("OptionList")
        deadline = asyncio.get_running_loop().time() + 10
        while hits.option_count == 0 and asyncio.get_running_loop().time() < deadline:
            await pilot.pause(0.02)
        found.append((f"search results ({hits.option_count} hits)", await _pages(app, hits)))
    return found


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.app  # noqa: F401
    except ImportError as exc:
        return [not_built("page down", str(exc), BUDGET_S)]
    results = []
    for label, times in asyncio.run(_measure(db)):
        ms = ", ".join(f"{t * 1000:.0f}" for t in times)
        results.append(Result(f"page down: {label} (worst)", max(times), BUDGET_S, note=f"{PAGES} pages: {ms} ms"))
    return results
