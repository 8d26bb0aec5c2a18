"""The base of pushed detail screens (a person, a plan, a lab, a check-in, a session).

A detail screen shows one record. It loads it in a thread worker, with its
own database connection, showing "Loading…" until the record is there; `r`
loads it again and `esc` goes back. Edits are saved in a worker too: a
failed save (the store's rules, a locked or read-only database) is reported
and changes nothing on screen, so whatever the user typed stays where it is.

A subclass implements:

- `load()`: runs in the worker thread, returns the record's data (a frozen
  dataclass from a db function), or None when the record is gone;
- `compose_content()`: the widgets that show it (empty until rendered);
- `render_record(data)`: runs on the UI thread, fills those widgets.

It is built with the record's key (`PersonScreen(uuid)`) and pushed by the
screen that lists it, usually from `TableSection.open_record`. Forms opened
from it go through `open_form` / `open_form_after` (store_work.FormOpener);
once one saved, the record is loaded again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Static

from mentor_tui.screens import store_work
from mentor_tui.screens.store_work import FormOpener, deliver, failure_reason
from mentor_tui.text_safety import one_line
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.title_bar import TitleBar

T = TypeVar("T")
_NOT_LOADED = object()  # reading the record after a save failed


class DetailScreen(FormOpener, Screen[None], Generic[T]):
    TITLE = "mentor-tui"
    SUB_TITLE: ClassVar[str] = "Details"
    RELOAD_KEY: ClassVar[str] = "r"  # a screen that binds r to something else binds reload elsewhere
    GONE_TEXT: ClassVar[str] = "This record is not here anymore (deleted, or replaced by an import). Press esc to go back."

    def validate_sub_title(self, value: str | None) -> str | None:
        """The header shows a record's name: a control character in it is shown escaped."""
        return None if value is None else one_line(value)
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("r", "reload", "Reload"),
    ]

    data: T | None = None  # what render_record showed last
    saving = False  # an edit is running in its worker
    _read_failed = False  # the status line says the last load failed
    _wait_notice: Timer | None = None

    def __init__(self, key: Any) -> None:
        super().__init__()
        self.key = key

    def compose(self) -> ComposeResult:
        yield TitleBar(icon="◆")
        yield Static("Loading…", id="detail-state")
        with VerticalScroll(id="detail-body", classes="-hidden"):
            yield from self.compose_content()
        yield Static("", id="detail-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_suspend(self) -> None:
        """Another page covers this one (a goal's, a lab's, another section): what the status
        line says ("○ todo: …" of a goal then done in its lab, or deleted) may not hold when
        this page is back, so it goes. A form or a question over the page (modal) leaves it."""
        if not isinstance(self.app.screen, ModalScreen) and not self.saving:
            for status in self.query("#detail-status").results(Static):  # none once it is being removed
                status.update("")

    # Subclasses implement these three.
    def load(self) -> T | None:
        """Runs in a worker thread: read the record (via db functions); None when it is gone."""
        raise NotImplementedError

    def compose_content(self) -> ComposeResult:
        yield from ()

    def render_record(self, data: T) -> None:
        """Runs on the UI thread with what load returned."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back" and self.saving:
            return None  # shown dimmed: leaving now would leave a failed save unsaid
        return True

    # Loading -------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="detail-load")
    def reload(self) -> None:
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                data = self.load()
        except Exception as exc:  # a damaged or vanished database: say so, keep running
            deliver(self, self._load_failed, exc)
            return
        deliver(self, self._loaded, data)

    def _loaded(self, data: T | None) -> None:
        if data is None:
            self._show_state(self.GONE_TEXT)
            return
        self.data = data
        self.render_record(data)
        # `display`, not the -hidden class: a class change restyles the whole body (every widget in it)
        self.query_one("#detail-state").display = False
        self.query_one("#detail-body").display = True
        if self._read_failed:  # it worked again: the message is out of date
            self._read_failed = False
            self.set_status("")

    def _load_failed(self, exc: Exception) -> None:
        message = f"Could not read the database: {failure_reason(exc)}. Press {self.RELOAD_KEY} to try again."
        self._read_failed = True
        self.set_status(message)
        if self.data is None:
            self._show_state(message)
        self.notify(message, severity="error", timeout=8)

    def _show_state(self, text: str) -> None:
        state = self.query_one("#detail-state", Static)
        state.update(Content(text))
        state.display = True
        self.query_one("#detail-body").display = False

    def set_status(self, text: str) -> None:
        self.query_one("#detail-status", Static).update(Content(text))

    # Saving --------------------------------------------------------------------

    def save(
        self,
        edit: Callable[[], Any],
        saved: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        """Run `edit()` (a db function, no widgets) in a worker, then load the record again.

        On success `saved(result)` runs on the UI thread. On failure the user is
        notified and `failed(message)` runs (to show it inline, say); nothing
        on screen is reset, so what was typed is still there to try again.
        """
        if self.saving:
            self.notify("Still saving the last change…", severity="warning")
            return
        self.saving = True
        self.refresh_bindings()
        self.set_status("Saving…")
        self._wait_notice = self.set_timer(store_work.WAITING_AFTER, self._still_saving)
        self._save_in_worker(edit, saved, failed)

    @work(thread=True, exclusive=True, group="detail-save")
    def _save_in_worker(self, edit: Callable[[], Any], saved: Callable | None, failed: Callable | None) -> None:
        try:
            result = store_work.run_edit(edit)
        except ValueError as exc:  # the store's rules
            deliver(self, self._not_saved, f"Not saved: {exc}", failed)
        except Exception as exc:  # locked, read-only, gone
            deliver(self, self._not_saved, store_work.could_not_save(exc, "try again"), failed)
        else:
            deliver(self, self._saved, result, saved, self._load_after_save())

    def _load_after_save(self) -> Any:
        """The record as the edit left it, read in the same worker: the screen shows it in
        the same frame as "Saved." (a second worker would cost another round and paint)."""
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                return self.load()
        except Exception:  # noqa: BLE001 - _saved reads it again in its own worker, which says why
            return _NOT_LOADED

    def _still_saving(self) -> None:
        if self.saving:
            self.set_status(store_work.WAITING)

    def _done_saving(self) -> None:
        self.saving = False
        if self._wait_notice is not None:
            self._wait_notice.stop()
            self._wait_notice = None
        self.refresh_bindings()

    def _saved(self, result: Any, saved: Callable[[Any], None] | None, data: Any = _NOT_LOADED) -> None:
        self._done_saving()
        self.set_status("Saved.")
        if saved is not None:
            saved(result)
        if not self.is_attached:  # `saved` closed the screen (a delete) and it is gone already
            return
        if data is _NOT_LOADED:
            self.reload()
        else:
            self._loaded(data)

    def _not_saved(self, message: str, failed: Callable[[str], None] | None) -> None:
        self._done_saving()
        self.set_status(message)
        self.notify(message, severity="error", timeout=10)
        if failed is not None:
            failed(message)
