"""Rows of label · sparkline · value, as three columns: few widgets however many rows.

A label column and a value column are one Static each (a line per row); the middle
column holds one Textual `Sparkline` per row. `show(rows, width)` updates them in
place, mounting sparklines only when the number of rows changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Sparkline, Static


@dataclass(frozen=True)
class TrendRow:
    label: str
    data: Sequence[float]  # empty: nothing to draw (yet)
    value: Content
    lower_is_better: bool = False


class TrendRows(Horizontal):
    DEFAULT_CSS = """
    TrendRows { height: auto; }
    TrendRows > .trend-labels { width: 28; height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    TrendRows > .trend-sparks { width: auto; height: auto; margin: 0 2 0 0; }
    TrendRows > .trend-values { width: 1fr; height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    TrendRows Sparkline > .sparkline--max-color { color: $success; }
    TrendRows Sparkline > .sparkline--min-color { color: $success 40%; }
    TrendRows Sparkline.-lower-better > .sparkline--max-color { color: $error; }
    TrendRows Sparkline.-lower-better > .sparkline--min-color { color: $success; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", classes="trend-labels")
        yield Vertical(classes="trend-sparks")
        yield Static("", classes="trend-values")

    def show(self, rows: Sequence[TrendRow], width: int) -> None:
        sparks_box = self.query_one(".trend-sparks", Vertical)
        sparks = list(sparks_box.query_children(Sparkline).results(Sparkline))
        if len(sparks) != len(rows):
            sparks_box.remove_children()
            sparks = [Sparkline([]) for _ in rows]
            sparks_box.mount_all(sparks)
        for spark, row in zip(sparks, rows, strict=True):
            spark.styles.width = width
            spark.set_class(row.lower_is_better, "-lower-better")
            spark.data = list(row.data)
        self.query_one(".trend-labels", Static).update(Content("\n".join(row.label for row in rows)))
        self.query_one(".trend-values", Static).update(Content("\n").join(row.value for row in rows))
