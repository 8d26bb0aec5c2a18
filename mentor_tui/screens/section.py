"""The base of the six section screens: header, body, empty state, footer.

A section loads its data in a thread worker (`fetch`, run with its own
database connection) and shows it on the UI thread (`show`). It reloads
whenever it comes back into view, so counts are never stale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from mentor_tui.widgets.key_bar import KeyBar


def plain_cells(cells: tuple[Any, ...]) -> tuple[Any, ...]:
    """Table cells as plain text: a title like "K8s [/]" is text, not markup."""
    return tuple(Text(cell) if isinstance(cell, str) else cell for cell in cells)


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis when cut (tables stay on screen)."""
    return text if len(text) <= width else text[: width - 1] + "…"


class SectionScreen(Screen):
    TITLE = "mentor-tui"
    SECTION_KEY: ClassVar[str] = ""
    EMPTY_TEXT: ClassVar[str] = ""


    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(self.EMPTY_TEXT, id="empty", classes="-hidden")
        with Vertical(id="body"):
            yield from self.compose_body()
        yield Static("Loading…", id="status")
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="section-load")
    def reload(self) -> None:
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                data = self.fetch()
        except Exception as exc:  # a locked or damaged database: say so, keep running
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, data)

    def _failed(self, exc: Exception) -> None:
        self.set_status(f"Could not read the database: {exc}")
        self.notify(f"Could not read the database: {exc}", severity="error", timeout=8)

    _shown: Any = None

    def _show(self, data: Any) -> None:
        if self._shown is not None and data == self._shown:
            return  # a revisit with nothing changed: keep the rendered table as it is
        self._shown = data
        empty = self.is_empty(data)
        self.query_one("#empty").set_class(not empty, "-hidden")
        self.query_one("#body").set_class(empty, "-hidden")
        self.show(data)
        if empty:
            self.set_status("")

    def open_form(self, form: Screen, saved_message: Callable[[Any], str]) -> None:
        """Show a form; once it saved, say so and show the section afresh."""

        def done(result: Any) -> None:
            if result is not None:
                self.notify(saved_message(result.saved))
                self.reload()

        self.app.push_screen(form, done)

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    # Subclasses implement these three.
    def fetch(self) -> Any:
        """Runs in a worker thread: read what the screen shows (via db functions)."""
        return None

    def is_empty(self, data: Any) -> bool:
        return False

    def show(self, data: Any) -> None:
        """Runs on the UI thread with what fetch returned."""


class TableSection(SectionScreen):
    """A section that lists records in a table, a page at a time.

    Only the first page is read when the section opens; the next page is read
    when the cursor nears the end, so a table of 10,000 rows opens as fast as
    one of 20.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    PAGE_SIZE: ClassVar[int] = 200


    total = 0
    loaded = 0
    _rows: Sequence[Any] = ()  # the records behind the table rows (a list of its own once shown)

    def highlighted(self) -> Any | None:
        """The record under the table's cursor, or None when the table is empty."""
        from textual.widgets import DataTable

        row = self.query_one("#table", DataTable).cursor_row
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def compose_body(self) -> ComposeResult:
        from mentor_tui.widgets.record_table import RecordTable

        yield RecordTable(id="table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        from textual.widgets import DataTable

        self.query_one("#table", DataTable).add_columns(*self.COLUMNS)

    # Subclasses implement count_rows, fetch_page and cells (fetch_page runs in a worker).
    def count_rows(self) -> int:
        return 0

    def fetch_page(self, limit: int, offset: int) -> list[Any]:
        return []

    def cells(self, row: Any) -> tuple[Any, ...]:
        return ()

    def fetch(self) -> Any:
        return self.count_rows(), self.fetch_page(self.PAGE_SIZE, 0)

    def is_empty(self, data: Any) -> bool:
        return data[0] == 0

    def show(self, data: Any) -> None:
        from textual.widgets import DataTable

        self.total, rows = data
        table = self.query_one("#table", DataTable)
        cursor = table.cursor_row
        table.clear()
        self.loaded = 0
        self._rows = []
        self._append(rows)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def _append(self, rows: list[Any]) -> None:
        from textual.widgets import DataTable

        table = self.query_one("#table", DataTable)
        self._rows = [*self._rows, *rows]
        table.add_rows([plain_cells(self.cells(row)) for row in rows])
        self.loaded += len(rows)
        more = " · move down for more" if self.loaded < self.total else ""
        self.set_status(f"{self.loaded:,} of {self.total:,} shown{more}")

    def on_data_table_row_highlighted(self, event) -> None:
        if self.loaded < self.total and event.cursor_row >= self.loaded - 5:
            self.load_more(self.loaded)

    @work(thread=True, exclusive=True, group="section-more")
    def load_more(self, offset: int) -> None:
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                rows = self.fetch_page(self.PAGE_SIZE, offset)
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._append_if_current, offset, rows)

    def _append_if_current(self, offset: int, rows: list[Any]) -> None:
        if offset == self.loaded:  # a reload in between starts over; drop a stale page
            self._append(rows)
