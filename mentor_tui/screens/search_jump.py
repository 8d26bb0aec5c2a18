"""Opening a search hit: which screen shows each kind of record.

`open_hit` is the one place that maps a hit's kind to a screen:

| kind                          | opens                                               |
| ----------------------------- | --------------------------------------------------- |
| check-in, private note        | the check-in (its view; the private panel is there) |
| goal                          | the goal (its detail and labs)                      |
| lab, lab evidence             | the lab (its checklist)                             |
| session notes, occurrence     | the session at that occurrence (next one, for the   |
|                               | session itself)                                     |
| incident, kudos               | the person's page (whose incident, who got kudos),  |
|                               | the cursor on that record                           |

The section's list behind it has its cursor on the record's row (the check-in's
mentorship, the goal's plan, the lab, the person), so `esc` lands there.

Where the record is is read in a worker (`db.search_targets`); then the app goes to
the record's section and opens its screen there, on the UI thread: the header names
the section it is in, `esc` goes back to that section's list, and the section keys
work as anywhere else.
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

    def row(_key: Any) -> str | None:  # the row of the record's section list (its mentorship, plan, lab)
        return where.list_row(kind, record_id)

    if kind in ("checkin", "private"):
        _in_worker(app, partial(where.checkin_id, record_id), partial(_push, app, "checkins", _checkin_screen), row)
    elif kind == "goal":
        _in_worker(app, partial(where.goal_uuid, record_id), partial(_push, app, "plans", _goal_screen), row)
    elif kind == "lab":
        _in_worker(app, partial(where.lab_id, record_id), partial(_push, app, "labs", _lab_screen), row)
    elif kind == "lab-item":
        _in_worker(app, partial(where.lab_of_item, record_id), partial(_push, app, "labs", _lab_screen), row)
    elif kind in ("session", "occurrence"):
        _in_worker(
            app, partial(where.session_occurrence, kind, record_id, clock.now()),
            partial(_push, app, "calendar", _session_screen),
        )
    elif kind == "incident":
        _in_worker(app, partial(where.incident_person, record_id),
                   partial(_push, app, "team", partial(_person_screen, row=f"incident:{record_id}")), _same)
    elif kind == "kudos":
        _in_worker(app, partial(where.kudos_person, record_id),
                   partial(_push, app, "team", partial(_person_screen, row=f"kudos:{record_id}")), _same)


def _same(key: Any) -> Any:
    """The list row of a record whose screen opens with its row's key (a person's uuid)."""
    return key


def _in_worker(app: Any, locate: Callable[[], Any], show: Callable[[Any, Any], Any],
               row: Callable[[Any], str | None] = lambda _key: None) -> None:
    """Run `locate()` (a db function) in a thread worker, and `row(its result)` for the record's row
    in its section's list; then `show(result, row)` on the UI thread."""

    def work() -> None:
        from mentor_tui.db import database
        from mentor_tui.screens.store_work import failure_reason

        try:
            with database.worker_connection():
                found = locate()
                in_list = None if found is None else row(found)
        except Exception as exc:
            app.call_from_thread(app.notify, f"Could not read the database: {failure_reason(exc)}", severity="error")
            return
        app.call_from_thread(show, found, in_list)

    app.run_worker(work, thread=True, exclusive=True, group="search-jump")


async def _push(app: Any, section: str, make: Callable[[Any], Any], key: Any, row: str | None = None) -> None:
    if key is None:
        app.notify(GONE, severity="warning")
        return
    await app.action_go(section)
    app.show_section_list()  # on its list, not on a screen left open there before: esc goes to the list
    if row is not None:  # and on the record's row of it
        listed = app.screen
        listed.select_after_reload = row
        listed.shown_again()  # at once when the row is shown already; else once the list has read it
    app.push_screen(make(key))


def _checkin_screen(checkin_id: int) -> Any:
    from mentor_tui.screens.checkin_view import CheckInScreen

    return CheckInScreen(checkin_id)


def _goal_screen(goal_uuid: str) -> Any:
    from mentor_tui.screens.goal_view import GoalScreen

    return GoalScreen(goal_uuid)


def _lab_screen(lab_id: int) -> Any:
    from mentor_tui.screens.lab import LabScreen

    return LabScreen(lab_id)


def _session_screen(found: tuple[int, Any]) -> Any:
    from mentor_tui.screens.session_view import SessionScreen

    session_id, original = found
    return SessionScreen(session_id, original)


def _person_screen(uuid: str, row: str) -> Any:
    """The person's page with the cursor on the hit's row (an incident, a kudos) among their records."""
    from mentor_tui.screens.person import PersonScreen

    screen = PersonScreen(uuid)
    screen.select_after_reload = row
    return screen
