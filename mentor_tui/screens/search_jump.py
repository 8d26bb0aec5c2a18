"""Opening a search hit: which screen shows each kind of record.

`open_hit` is the one place that maps a hit's kind to a screen. Today:

| kind                          | opens                                                |
| ----------------------------- | ---------------------------------------------------- |
| check-in, private note        | 4 Check-ins, the cursor on the check-in              |
| goal                          | 2 Plans, the cursor on the goal's plan               |
| lab, lab evidence             | 3 Labs, the cursor on the lab                        |
| session, session notes        | 5 Calendar, the cursor on the session's next meeting |
| incident, kudos               | the person's page (whose incident, who got kudos)    |

A kind that gets its own detail screen (a check-in view, a plan view) is
pointed at it here, in one line. Where the record lives is read in a worker
(`db.search_targets`); the screen switch happens on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from mentor_tui import clock
from mentor_tui.db.search import Hit

GONE = "That record is not here anymore (deleted, or replaced by an import)."


def open_hit(app: Any, hit: Hit | None) -> None:
    """Show the record of `hit` (the search screen's result; None: it was closed)."""
    from mentor_tui.db import search_targets as where

    if hit is None:
        return
    kind, record_id = hit.kind, hit.record_id
    if kind in ("checkin", "private"):
        _in_worker(app, partial(where.checkin_row, record_id), partial(_reveal, app, "checkins"))
    elif kind == "goal":
        _in_worker(app, partial(where.goal_row, record_id), partial(_reveal, app, "plans"))
    elif kind == "lab":
        _in_worker(app, partial(where.lab_row, record_id), partial(_reveal, app, "labs"))
    elif kind == "lab-item":
        _in_worker(app, partial(where.lab_item_row, record_id), partial(_reveal, app, "labs"))
    elif kind in ("session", "occurrence"):
        _in_worker(app, partial(_calendar_row, kind, record_id), partial(_show_in_calendar, app))
    elif kind == "incident":
        _in_worker(app, partial(where.incident_person, record_id), partial(_person, app))
    elif kind == "kudos":
        _in_worker(app, partial(where.kudos_person, record_id), partial(_person, app))


def _in_worker(app: Any, locate: Callable[[], Any], show: Callable[[Any], Any]) -> None:
    """Run `locate()` (a db function) in a thread worker, then `show(result)` on the UI thread."""

    def work() -> None:
        from mentor_tui.db import database
        from mentor_tui.screens.store_work import failure_reason

        try:
            with database.worker_connection():
                found = locate()
        except Exception as exc:
            app.call_from_thread(app.notify, f"Could not read the database: {failure_reason(exc)}", severity="error")
            return
        app.call_from_thread(show, found)

    app.run_worker(work, thread=True, exclusive=True, group="search-jump")


async def _reveal(app: Any, mode: str, row: Any) -> None:
    """Switch to section `mode` and put its cursor on `row` (a search_targets.Row)."""
    if row is None:
        app.notify(GONE, severity="warning")
        return
    await app.switch_mode(mode)
    while len(app.screen_stack) > 1:  # a person's page opened in that section before
        app.pop_screen()
    app.screen.reveal(row.key, row.position)


def _calendar_row(kind: str, record_id: int) -> tuple[str | None, Any]:
    """Runs in the worker: (the session's title, its row in the calendar or None)."""
    from mentor_tui.db import search_targets as where
    from mentor_tui.screens.calendar import DAYS_AHEAD, CalendarScreen

    session_id = where.session_of_occurrence(record_id) if kind == "occurrence" else record_id
    if session_id is None:
        return None, None
    row = where.calendar_row(session_id, clock.now(), DAYS_AHEAD, CalendarScreen.PAGE_SIZE)
    return where.session_title(session_id), row


async def _show_in_calendar(app: Any, found: tuple[str | None, Any]) -> None:
    from mentor_tui.screens.calendar import DAYS_AHEAD

    title, row = found
    if title is None:
        app.notify(GONE, severity="warning")
        return
    if row is None:
        app.notify(f"“{title}” does not meet in the next {DAYS_AHEAD} days, so the calendar does not list it.",
                   title="Calendar")
        await app.switch_mode("calendar")
        return
    await _reveal(app, "calendar", row)


def _person(app: Any, uuid: str | None) -> None:
    from mentor_tui.screens.person import PersonScreen

    if uuid is None:
        app.notify(GONE, severity="warning")
        return
    app.push_screen(PersonScreen(uuid))
