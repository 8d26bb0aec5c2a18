"""The base of the six section screens: header, body, empty state, footer.

A section loads its data in a thread worker (`fetch`, run with its own
database connection) and shows it on the UI thread (`show`). It reloads
whenever it comes back into view, so counts are never stale.

A `TableSection` shows records in a `RecordTable`, one `TableRow` each (key,
record, cells): `highlighted()` is the record under the cursor. A section
that opens its records binds enter to `open_row` (the table leaves enter to
its screen) and implements `open_record(record)`, typically pushing a
`DetailScreen`; a second click on a row opens it too. Forms are opened
with `open_form` or, when they need choice lists from the database,
`open_form_after` (store_work).
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker

from mentor_tui import collector
from mentor_tui.screens.store_work import FormOpener, deliver, failure_reason
from mentor_tui.text_safety import clip
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.record_table import RecordTable, TableRow, plain_cells

__all__ = ["SectionScreen", "TableSection", "clip", "plain_cells"]

R = TypeVar("R")


class SectionScreen(FormOpener, Screen):
    TITLE = "mentor-tui"
    EMPTY_TEXT: ClassVar[str] = ""
    # A body taller than the screen (the Dashboard's panels): focused first, scrolled by the
    # arrows and page keys; tab goes on to what is inside it.
    BODY_SCROLLS: ClassVar[bool] = False


    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(self.EMPTY_TEXT, id="empty", classes="-hidden")
        with (VerticalScroll if self.BODY_SCROLLS else Vertical)(id="body"):
            yield from self.compose_body()
        yield Static("Loading…", id="status")
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    _loading = False  # a load is under way: what it shows will be read after it started
    _fresh = False  # mounted as it came into view: the resumes of that first visit read nothing more
    _resume_queued = False

    @property
    def reading(self) -> bool:
        """A load is under way. (Not `loading`: that is Textual's, a widget's loading indicator.)"""
        return self._loading

    def on_mount(self) -> None:
        # A first visit reads its data while the screen is being built and painted, not after.
        # (A screen built ahead, not shown, reads again when it first comes into view.)
        self._fresh = self.is_current
        self.load_first()

    def load_first(self) -> None:
        """The first data, as the screen is mounted: read in a worker (the Dashboard may have it)."""
        self.reload()

    def on_screen_resume(self) -> None:
        # Textual posts ScreenResume twice on a mode's first switch (from _init_mode and from
        # switch_mode): both are queued already, so a callback queued now runs once, after them.
        if not self._resume_queued:
            self._resume_queued = True
            self.call_later(self._resume)

    def _resume(self) -> None:
        self._resume_queued = False
        if self._fresh:
            self._fresh = False  # the load of the mount serves this visit
            return
        self.resumed()

    def resumed(self) -> None:
        """The screen came into view again: read again. Subclasses override this, not on_screen_resume
        (Textual calls that handler of every class in the MRO: an override would read twice)."""
        self.reload()

    def reload(self) -> Worker[None]:
        """Read the data again (in a worker) and show it; a load under way is replaced."""
        self._loading = True
        return self._load()

    @work(thread=True, exclusive=True, group="section-load")
    def _load(self) -> None:
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                data = self.fetch()
        except Exception as exc:  # a locked or damaged database: say so, keep running
            deliver(self, self._failed, exc)
            return
        deliver(self, self._show, data)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.set_status(f"Could not read the database: {failure_reason(exc)}")
        if self.is_current:  # a screen built ahead, not shown, reads again (and says so) when it is
            self.notify(f"Could not read the database: {failure_reason(exc)}", severity="error", timeout=8)

    _shown: Any = None

    @property
    def data_shown(self) -> bool:
        """Whether the data of a first load is on screen (the start-up benchmark waits for it)."""
        return self._shown is not None

    def _show(self, data: Any) -> None:
        self._loading = False
        if self._shown is not None and data == self._shown:
            self.shown_again()  # a revisit with nothing changed: keep the rendered table as it is
            return
        if self._shown is None:  # the first visit built what this section keeps while the app runs
            self.call_after_refresh(collector.keep_built)
        self._shown = data
        empty = self.is_empty(data)
        self.query_one("#empty").set_class(not empty, "-hidden")
        self.query_one("#body").set_class(empty, "-hidden")
        self.show(data)
        if empty:
            self.set_status("")

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    def shown_again(self) -> None:
        """A read found what is shown already (nothing is drawn again)."""

    # Subclasses implement these three.
    def fetch(self) -> Any:
        """Runs in a worker thread: read what the screen shows (via db functions)."""
        return None

    def is_empty(self, data: Any) -> bool:
        return False

    def show(self, data: Any) -> None:
        """Runs on the UI thread with what fetch returned."""


class TableSection(SectionScreen, Generic[R]):
    """A section that lists records (of type R) in a table, a page at a time.

    Only the first page is read when the section opens; the next page is read
    when the cursor nears the end, so a table of 10,000 rows opens as fast as
    one of 20.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ()
    PAGE_SIZE: ClassVar[int] = 200  # rows read at a time as the cursor moves down
    # Rows read when the section opens, when fewer than PAGE_SIZE: two screenfuls at 40 lines, so
    # a switch measures, adds and renders only those (the next are read a screen ahead of the cursor).
    FIRST_PAGE: ClassVar[int | None] = None

    total = 0
    loaded = 0
    select_after_reload: str | None = None  # the row key of a record just made (FormOpener.form_saved)
    _select_kept = False  # select_after_reload was not in the rows shown once: kept for the next
    _generation = 0  # bumped by each show(): a page asked for before that is stale
    _shown_layout: Any = None  # what `row_layout()` was when the rows shown were made

    @property
    def table(self) -> RecordTable:
        return self.query_one("#table", RecordTable)

    def highlighted(self) -> R | None:
        """The record under the table's cursor, or None when the table is empty."""
        row = self.table.highlighted_row()
        return None if row is None else row.record

    def compose_body(self) -> ComposeResult:
        yield RecordTable(id="table", zebra_stripes=True)

    def on_mount(self) -> None:
        # (no table when the app closed while this screen was built ahead: its Mount still comes)
        for table in self.query("#table").results(RecordTable):
            table.add_columns(*self.COLUMNS)

    def text_room(self, fixed: int, columns: int | None = None) -> int:
        """The cells the text columns share: the terminal's width but the `fixed` cells of the other
        columns, each column's padding and the scrollbar."""
        return self.app.size.width - fixed - 2 * (len(self.COLUMNS) if columns is None else columns) - 2

    def text_widths(self, fixed: int, wants: tuple[int, ...], least: tuple[int, ...],
                    columns: int | None = None) -> tuple[int, ...]:
        """How long the text columns' values may be (for `clip`): what they `want` when the
        terminal has room, else what the `fixed` cells of the other columns, the padding and the
        scrollbar leave, shared in proportion, each at least its `least`. `columns`: how many the
        table shows (COLUMNS when not said)."""
        room = self.text_room(fixed, columns)
        if room >= sum(wants):
            return wants
        shares = [max(low, want * room // sum(wants)) for want, low in zip(wants, least, strict=True)]
        shares[-1] = max(least[-1], room - sum(shares[:-1]))  # the last takes what is left
        return tuple(shares)

    def row_layout(self) -> Any:
        """What the rows' cells depend on beside their records: the columns and clips for the
        terminal's width (`text_widths`). When a resize changes it, the rows shown are made again
        (`on_resize`). None (the default): the cells do not depend on the width."""
        return None

    def on_resize(self) -> None:
        """The rows shown made again when the terminal's width changes their columns or clips."""
        layout = self.row_layout()
        if layout != self._shown_layout and self.table.table_rows:
            self.show_rows([self.table_row(row.record) for row in self.table.table_rows])

    # Subclasses implement count_rows, fetch_page (both run in a worker) and cells.
    def count_rows(self) -> int:
        return 0

    def fetch_page(self, limit: int, offset: int) -> list[R]:
        return []

    def cells(self, record: R) -> tuple[Any, ...]:
        return ()

    def row_key(self, record: R) -> str:
        """A key unique in the table and stable across reloads; records with an `id` need not override it."""
        return str(record.id)

    def table_row(self, record: R) -> TableRow[R]:
        return TableRow(self.row_key(record), record, tuple(self.cells(record)))

    # Opening a record: bind enter to open_row and implement open_record.
    def action_open_row(self) -> None:
        self.table.open_highlighted()

    def on_record_table_opened(self, event: RecordTable.Opened) -> None:
        event.stop()
        self.open_record(event.row.record)

    def open_record(self, record: R) -> None:
        """Enter (or a second click) on a row; sections that have a detail screen push it here."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_row":  # hidden while there is nothing to open
            try:
                return self.highlighted() is not None
            except NoMatches:  # not composed yet
                return False
        return True

    @property
    def first_page(self) -> int:
        return self.FIRST_PAGE or self.PAGE_SIZE

    def fetch(self) -> Any:
        return self.count_rows(), self.fetch_page(self.first_page, 0)

    def is_empty(self, data: Any) -> bool:
        return data[0] == 0

    def show(self, data: Any) -> None:
        self.total, records = data
        self.loaded = 0
        self._generation += 1
        self.show_rows([self.table_row(r) for r in records])
        self._counted(len(records))

    def show_rows(self, rows: list[TableRow[R]], columns: list[str] | None = None) -> None:
        """Show `rows` in the table; the cursor goes to a record just made, if there is one. Rows
        without it may have been read before it was made (the screen's own reload as a dialog
        closed, racing the write): the next showing takes it then, once."""
        select = self.select_after_reload
        if select is not None and not self._select_kept and all(row.key != select for row in rows):
            self._select_kept, select = True, None
        else:
            self.select_after_reload, self._select_kept = None, False
        self._shown_layout = self.row_layout()
        self.table.show_rows(rows, columns=columns, select=select)

    def shown_again(self) -> None:
        # An earlier read, made after the record but delivered before it was asked for, shows it
        # already: the cursor still goes to it.
        select = self.select_after_reload
        if select is not None and self.table.cursor_to(select):
            self.select_after_reload, self._select_kept = None, False

    def _counted(self, added: int) -> None:
        self.loaded += added
        more = " · move down for more" if self.loaded < self.total else ""
        self.set_status(f"{self.loaded:,} of {self.total:,} shown{more}")
        self.refresh_bindings()

    def on_data_table_row_highlighted(self, event) -> None:
        # a screenful ahead: a page down never waits at the end of what is read
        ahead = max(5, self.table.size.height)
        if self.loaded < self.total and event.cursor_row >= self.loaded - ahead:
            self.load_more(self.loaded, self._generation)

    @work(thread=True, exclusive=True, group="section-more")
    def load_more(self, offset: int, generation: int) -> None:
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                records = self.fetch_page(self.PAGE_SIZE, offset)
        except Exception as exc:
            deliver(self, self._failed, exc)
            return
        deliver(self, self._append_if_current, offset, generation, records)

    def _append_if_current(self, offset: int, generation: int, records: list[R]) -> None:
        # A reload in between starts over (even one that loaded as many rows): drop a stale page.
        if generation == self._generation and offset == self.loaded:
            self.table.append_rows(self.table_row(r) for r in records)
            self._counted(len(records))
