"""Deleting with a question first: read what goes with the record (a worker), ask, then delete (a worker).

    ask_to_delete(screen, lambda: plans.plan_dependents(plan_id),
                  lambda deps: ("Delete plan?", f"… with it go {deps.words()}."),
                  lambda: plans.delete_plan(plan_id), done=lambda gone: ...)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.screen import Screen

from mentor_tui.screens import store_work
from mentor_tui.screens.confirm import ConfirmDialog
from mentor_tui.screens.store_work import deliver, failure_reason

# What happens to a rating's evidence or a kudos' "for" that names a deleted record (migration 0008).
CITED = "Ratings and kudos that cite it keep its title, marked (deleted)."
CITED_MANY = "Ratings and kudos that cite its goals or labs keep their titles, marked (deleted)."


def ask_to_delete(
    screen: Screen,
    count: Callable[[], Any],
    question: Callable[[Any], tuple[str, str]],
    delete: Callable[[], Any],
    done: Callable[[Any], None],
) -> None:
    """`count()` (in a worker) says what goes with the record; `question(counted)` gives the
    dialog's title and message; on yes, `delete()` runs in a worker and `done(result)` after."""

    def read() -> None:
        try:
            counted = store_work.run_edit(count)
        except Exception as exc:
            deliver(screen, partial(screen.notify, f"Could not read the database: {failure_reason(exc)}",
                                    severity="error", timeout=8))
            return
        deliver(screen, ask, counted)

    def ask(counted: Any) -> None:
        if screen.app.screen is not screen:  # the user went elsewhere meanwhile
            return
        title, message = question(counted)
        screen.app.push_screen(ConfirmDialog(title, message), answered)

    def answered(yes: bool | None) -> None:
        if yes:
            screen.run_worker(run_delete, thread=True, exclusive=True, group="delete")

    def run_delete() -> None:
        try:
            gone = store_work.run_edit(delete)
        except ValueError as exc:
            deliver(screen, partial(screen.notify, f"Not deleted: {exc}", severity="error", timeout=8))
            return
        except Exception as exc:
            deliver(screen, partial(screen.notify, f"Not deleted: {failure_reason(exc)}", severity="error", timeout=8))
            return
        deliver(screen, done, gone)

    screen.run_worker(read, thread=True, exclusive=True, group="delete-count")
