"""Opening a growth view on the large database, in process under Pilot: at most 100 ms.

Timed like switching.py: from running the action (Team's enter, the Dashboard's m)
until the screen's workers are done and it is painted. The first opening imports
the screen's modules; later ones only build and load it. Then the busiest
person's growth view (the most ratings, incidents and kudos), several times,
and the forms its keys open (s, l, o, k, f), each a screen: 100 ms.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from functools import partial
from pathlib import Path

from app_driver import settle, wait_ready
from common import Result, not_built
from screen_timing import database_copy, query_one, repeat_opening, result

BUDGET_S = 0.100


async def _measure(db: Path, more: list[Result]) -> list[tuple[str, float]]:
    from mentor_tui.app import MentorApp
    from mentor_tui.screens.person import PersonScreen

    timings: list[tuple[str, float]] = []
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        for round_ in range(3):
            started = time.perf_counter()
            await app.screen.run_action("my_growth")
            await settle(app)
            which = " first" if round_ == 0 else f", visit {round_ + 1}"
            timings.append((f"my growth (Dashboard m){which}", time.perf_counter() - started))
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
        uuid, name = busiest(db)
        base = app.screen
        walls, cpus = await repeat_opening(app, base, lambda: app.push_screen(PersonScreen(uuid)),
                                           check=lambda: isinstance(app.screen, PersonScreen))
        more.append(result("open the busiest person's growth view", walls, cpus, note=name))
        person = PersonScreen(uuid)
        await app.push_screen(person)
        await settle(app)
        for key, action in (("s", "rate_skill"), ("l", "log_incident"), ("o", "add_ownership"), ("k", "give_kudos"),
                            ("f", "give_feedback")):
            walls, cpus = await repeat_opening(app, person, partial(person.run_action, action),
                                               check=lambda: app.screen is not person)
            more.append(result(f"growth: the {action.split('_', 1)[1].replace('_', ' ')} form ({key})", walls, cpus))
    return timings


def busiest(db: Path) -> tuple[str, str]:
    return query_one(db, "SELECT uuid, name FROM person p ORDER BY "
                         "(SELECT count(*) FROM skill_rating WHERE person_id = p.id) + "
                         "(SELECT count(*) FROM incident WHERE person_id = p.id) + "
                         "(SELECT count(*) FROM kudos WHERE to_id = p.id) DESC, id LIMIT 1")


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.screens.person  # noqa: F401
    except ImportError as exc:
        return [not_built("open a growth view", str(exc), BUDGET_S)]
    more: list[Result] = []
    with tempfile.TemporaryDirectory() as folder, database_copy(db, Path(folder)) as copy:
        timings = asyncio.run(_measure(copy, more))
    return [*(Result(f"open {label}", elapsed, BUDGET_S) for label, elapsed in timings), *more]
