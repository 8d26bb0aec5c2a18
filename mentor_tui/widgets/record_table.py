"""The table the sections list their records in, and the row contract behind it.

Every row of a `RecordTable` is a `TableRow`: a key (unique in the table and
stable across reloads, so the cursor stays on the same record), the record it
shows (a frozen dataclass from the db layer, e.g. `PlanRow`) and its cells.
The table answers "which record is under the cursor" (`highlighted_row`), and
posts `RecordTable.Opened(row)` when the user opens a row (a second click on
a row, or enter where the screen binds it to `open_highlighted`); the screen
handles it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from mentor_tui.text_safety import one_line
from mentor_tui.widgets.kept_renders import KeptRendersTable
from mentor_tui.widgets.reveal import reveal

R = TypeVar("R")


@dataclass(frozen=True)
class TableRow(Generic[R]):
    """One table row: a stable `key`, the `record` it shows, and its `cells`."""

    key: str
    record: R
    cells: tuple[Any, ...]


def plain_cells(cells: Iterable[Any]) -> tuple[Any, ...]:
    """Table cells as plain text: a title like "K8s [/]" is text, not markup, and a
    control character is shown escaped, never sent to the terminal."""
    return tuple(Text(one_line(cell)) if isinstance(cell, str) else cell for cell in cells)


class RecordTable(KeptRendersTable):
    """A row-cursor DataTable of `TableRow`s.

    home and end go to the first and last row (DataTable's own home/end move
    between columns, which a table of records, with a row cursor, does not have).
    """

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # enter is left to the screen: one that opens its rows binds enter to an action
        # calling open_highlighted(), which shows in the key bar. (A priority binding
        # would overtake arrow keys still queued here and open the wrong row.)
        if action == "select_cursor":
            return False
        return super().check_action(action, parameters)

    class Opened(Message):
        """The user opened a row (enter where the screen binds it, or a second click on a row)."""

        def __init__(self, table: RecordTable, row: TableRow[Any]) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RecordTable:
            return self.table

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        super().__init__(**kwargs)
        self._table_rows: list[TableRow[Any]] = []
        self._keys: set[str] = set()

    @property
    def table_rows(self) -> Sequence[TableRow[Any]]:
        """The rows shown, top to bottom."""
        return self._table_rows

    def show_rows(
        self, rows: Sequence[TableRow[Any]], columns: Sequence[str] | None = None, select: str | None = None
    ) -> None:
        """Show `rows` instead of what is shown; the cursor stays on the same record if it is still there,
        or goes to the row keyed `select` when that is shown (a record just made).

        With `columns`, the table's columns become these (when they differ).
        """
        current = self.highlighted_row()
        index = self.cursor_row
        if self._update_in_place(rows, columns):
            if select is not None:
                self.cursor_to(select)
            return
        # The columns are made again, so their widths are worked out from the rows shown now:
        # DataTable widens a column for a long cell and never narrows it (a long title deleted,
        # a group that went away kept pushing the last columns off screen).
        # A column given a fixed width (Check-ins) keeps it.
        fixed = {str(c.label): c.width for c in self.ordered_columns if not c.auto_width}
        labels = list(columns) if columns is not None else [c.label for c in self.ordered_columns]
        self.clear(columns=True)
        for label in labels:
            self.add_column(label, width=fixed.get(str(label)))
        self._table_rows, self._keys = [], set()
        self.append_rows(rows)
        if not self._table_rows:
            return
        keys = [row.key for row in self._table_rows]
        if select is not None and select in self._keys:
            index = keys.index(select)
        elif current is not None and current.key in self._keys:
            index = keys.index(current.key)
        self.move_cursor(row=max(0, min(index, len(keys) - 1)))

    def cursor_to(self, key: str) -> bool:
        """Move the cursor to the row keyed `key`; False (the cursor stays) when it is not shown."""
        if key not in self._keys:
            return False
        self.move_cursor(row=[row.key for row in self._table_rows].index(key))
        return True

    def _update_in_place(self, rows: Sequence[TableRow[Any]], columns: Sequence[str] | None) -> bool:
        """The same records in the same order under the same columns (a reload after a
        change of one of them): only the cells that changed are redrawn, not every row.
        False when the table must be built again."""
        shown = self._table_rows
        if not shown or len(rows) != len(shown) or any(a.key != b.key for a, b in zip(shown, rows, strict=True)):
            return False
        ordered = self.ordered_columns
        if columns is not None and [str(c.label) for c in ordered] != list(columns):
            return False
        if any(len(row.cells) != len(ordered) for row in rows):
            return False
        if any(_narrows(ordered, old.cells, new.cells) for old, new in zip(shown, rows, strict=True)):
            return False  # built again: its column is sized to the rows shown (see show_rows)
        changed: set[str] = set()
        for old, new in zip(shown, rows, strict=True):
            if old.cells != new.cells:
                for column, before, after in zip(ordered, old.cells, new.cells, strict=True):
                    if before != after:
                        self._set_cell(new.key, column, plain_cells((after,))[0])
                changed.add(new.key)
        if changed:
            self.measure_now()  # a column widened for a longer cell: before anything is drawn at its old width
            self._redraw_rows(changed)
        self._table_rows = list(rows)
        return True

    def _set_cell(self, key: str, column: Any, value: Any) -> None:
        """A cell's new value. DataTable's update_cell has every cell of the table drawn again (its
        render caches are keyed by a count of updates); a value that fits its column only needs
        its own row drawn again (`_redraw_rows`). One that widens the column takes that way."""
        if isinstance(value, Text) and value.cell_len <= column.content_width:
            self._data[RowKey(key)][column.key] = value
        else:
            self.update_cell(key, column.key, value, update_width=True)

    def _redraw_rows(self, keys: set[str]) -> None:
        """Forget what was drawn of these rows (DataTable's render caches), keep every other row's."""
        rows = {RowKey(key) for key in keys}
        indexes = {self._row_locations.get(row) for row in rows}
        for cache in (self._cell_render_cache, self._row_render_cache):
            for cache_key in [cache_key for cache_key in cache.keys() if cache_key[0] in rows]:  # noqa: SIM118 (an LRUCache)
                cache.discard(cache_key)
        for cache_key in [key for key in self._row_renderable_cache.keys() if key[1] in indexes]:  # noqa: SIM118
            self._row_renderable_cache.discard(cache_key)
        self._line_cache.clear()  # lines are put together again from the rows' kept renders
        self.refresh()

    def append_rows(self, rows: Iterable[TableRow[Any]]) -> int:
        """Add rows at the end; a row whose key is shown already is skipped. Returns how many were added."""
        fresh = []
        for row in rows:
            if row.key not in self._keys:
                self._keys.add(row.key)
                fresh.append(row)
        for row in fresh:
            self.add_row(*plain_cells(row.cells), key=row.key)
        self._table_rows.extend(fresh)
        self.measure_now()
        return len(fresh)

    def highlighted_row(self) -> TableRow[Any] | None:
        """The row under the cursor, or None when the table is empty."""
        index = self.cursor_row
        return self._table_rows[index] if 0 <= index < len(self._table_rows) else None

    def open_highlighted(self) -> None:
        """Post `Opened` for the row under the cursor (nothing when the table is empty)."""
        row = self.highlighted_row()
        if row is not None:
            self.post_message(self.Opened(self, row))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.has_focus:  # moved by a key: the row on screen (widgets/reveal.py), after its own scroll
            self.call_after_refresh(self._reveal_cursor)

    def _reveal_cursor(self) -> None:
        rows = self.ordered_rows
        if not self.has_focus or not 0 <= self.cursor_row < len(rows):
            return
        top = (self.header_height if self.show_header else 0) + sum(r.height for r in rows[: self.cursor_row])
        y = self.region.y + top - int(self.scroll_y)
        reveal(self, Region(self.region.x, y, self.region.width, rows[self.cursor_row].height))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # DataTable's own "selected" (a second click on a row) becomes our Opened.
        event.stop()
        self.open_highlighted()


def _narrows(columns: Sequence[Any], before: tuple[Any, ...], after: tuple[Any, ...]) -> bool:
    """Whether a cell that was as wide as its column is now narrower (a long title shortened)."""
    for column, old, new in zip(columns, before, after, strict=True):
        if old != new and column.auto_width:  # (a column of a fixed width keeps it)
            old_width, new_width = _cells(old), _cells(new)
            if old_width >= column.content_width and new_width < old_width:
                return True
    return False


def _cells(value: Any) -> int:
    return value.cell_len if isinstance(value, Text) else cell_len(str(value))
