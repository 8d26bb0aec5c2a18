"""Store work off the UI thread, shared by the screens (not a screen itself).

- `run_edit(edit)` runs an edit in a thread worker, on that thread's own
  connection; `could_not_save(exc)` phrases a failed one for the user.
- `WAITING` is what a screen says when a save takes long: SQLite waits up to
  the busy timeout for another program's write lock (then fails "locked").
- `deliver(node, callback, *args)` hands a worker's result to the UI thread,
  unless a newer worker replaced it or the screen is gone.
- `FormOpener` lets a screen fetch what a form needs (choice lists) in a
  worker, then push the form, and say so once it saved.

Only mentor_tui/db/ talks to the database (tests/test_layers.py): errors are
told apart by their words, as guard.describe does, not by peewee's classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual import work
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import get_current_worker

from mentor_tui.db.guard import StoreError
from mentor_tui.widgets import key_routing

T = TypeVar("T")
# what a form saved -> the key of its table row, to put the cursor on it
Selector = Callable[[Any], "str | None"] | None

WAITING = "Saving… the database is busy: waiting for another mentor-tui (or another program) to finish writing…"
WAITING_AFTER = 0.4  # seconds a save may take before the screen says it is waiting


def run_edit(edit: Callable[[], T]) -> T:
    """Runs in a worker thread: `edit()` (a db function) on this thread's own connection."""
    from mentor_tui.db import database

    with database.worker_connection():
        return edit()


def is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _from_the_database(exc: BaseException) -> bool:
    return any(cls.__module__ in ("peewee", "sqlite3") for cls in type(exc).__mro__)


def failure_reason(exc: BaseException) -> str:
    """Why a write failed, in words for the user (no traceback)."""
    text = str(exc)
    if isinstance(exc, StoreError):
        return text
    if _from_the_database(exc):
        if is_locked(exc):
            return "the database is locked by another program"
        if "readonly" in text or "read-only" in text:
            return "the database is read-only (check the file's permissions and its folder's)"
        return f"the database said: {text}"
    if isinstance(exc, OSError):
        return exc.strerror or text
    return f"{type(exc).__name__}: {text}"


def could_not_save(exc: BaseException, retry: str = "try again (ctrl+s)") -> str:
    """What a screen says when a save failed for a reason other than the store's rules."""
    return f"Could not save: {failure_reason(exc)}; your text is kept — {retry}."


def deliver(node: DOMNode, callback: Callable[..., Any], *args: Any) -> None:
    """From a worker thread: run `callback(*args)` on the UI thread.

    Dropped when the worker was cancelled (an exclusive worker started after it)
    or the node has left the app meanwhile (a screen closed while it loaded).
    """
    if get_current_worker().is_cancelled:
        return

    def run() -> None:
        if node.is_attached:
            callback(*args)

    app = node.app
    if app.is_running:
        app.call_from_thread(run)


class FormOpener:
    """Mixed into screens: push forms, fetching their choice lists in a worker first.

    The screen is told that a form saved through `form_saved(message)`; by
    default it notifies and calls `self.reload()` when the screen has one.
    """

    def open_form(self, form: Screen, saved_message: Callable[[Any], str], select: Selector = None) -> None:
        """Show a form that needs nothing from the database; once it saved, say so.

        `select(saved)` names the table row of what the form made (a row key), so the
        cursor lands on it: the next key (`g` after a new plan) acts on the new record.
        """
        screen: Any = self

        def done(result: Any) -> None:
            if result is not None:
                self.form_saved(saved_message(result.saved), select(result.saved) if select else None)

        screen.app.push_screen(form, done)

    def open_form_after(
        self,
        fetch: Callable[[], T],
        build: Callable[[T], Screen | None],
        saved_message: Callable[[Any], str],
        select: Selector = None,
    ) -> None:
        """Run `fetch()` in a worker (its choice lists), then push `build(data)` (None: nothing to show).

        `build` runs on the UI thread and may notify instead of building a form
        (say, "add a person first"). Meanwhile the screen's keys are held
        (widgets/key_routing.py): characters typed after the key that asked for the
        form go into it once it shows, esc gives it up, other keys do nothing.
        """
        self.form_pending = []
        self._fetch_for_form(fetch, build, saved_message, select)

    form_pending: list[tuple[str, str]] | None = None  # a form's choices are being read: the keys held meanwhile

    @work(thread=True, exclusive=True, group="form-choices")
    def _fetch_for_form(
        self, fetch: Callable[[], Any], build: Callable[[Any], Any], saved_message: Callable, select: Selector
    ) -> None:
        from mentor_tui.db import database

        screen: Any = self
        try:
            with database.worker_connection():
                data = fetch()
        except Exception as exc:  # a damaged or vanished database: say so, keep running
            message = f"Could not read the database: {failure_reason(exc)}"
            deliver(screen, self._no_form, message)
            return
        deliver(screen, self._build_form, build, data, saved_message, select)

    def _no_form(self, message: str) -> None:
        screen: Any = self
        self.form_pending = None
        screen.notify(message, severity="error", timeout=8)

    def _build_form(self, build: Callable[[Any], Any], data: Any, saved_message: Callable, select: Selector) -> None:
        screen: Any = self
        held, self.form_pending = self.form_pending, None
        if held is None or screen.app.screen is not screen:  # given up (esc), or the user went elsewhere
            return
        form = build(data)
        if form is not None:
            self.open_form(form, saved_message, select)
            for key, character in held:
                screen.app.call_after_refresh(key_routing.type_late, screen.app, form, key, character)

    def form_saved(self, message: str, row_key: str | None = None) -> None:
        screen: Any = self
        screen.notify(message)
        if row_key is not None:
            screen.select_after_reload = row_key
        reload = getattr(screen, "reload", None)
        if reload is not None:
            reload()
