"""The table the sections list their records in."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RecordTable(DataTable):
    """A row-cursor DataTable where home and end go to the first and last row.

    (DataTable's own home/end move between columns, which a table of records,
    with a row cursor, does not have.)
    """

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]
