"""A DataTable that keeps its rendered cells when its styles come back to what they were.

DataTable empties every render cache on each style update, and a table gets
two on every visit of its screen (it loses focus when the screen is left and
gets it back on return); it also re-keys them all on every resize, even one of
height alone. Each visit then rendered every visible cell again:
40 rows of 5-7 columns, 50-100 ms of a section switch. Its caches are keyed by
the widget's style and pseudo-class state (focus, hover) already; what they
are not keyed by are the component styles (cursor, header, zebra rows). So
the caches are kept across a style update, and emptied only when, for the
same pseudo-class state, a component style differs from the one the cells
were rendered with (a new theme, a changed class).

Textual is pinned (pyproject.toml): the caches named here are DataTable's own.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable


class KeptRendersTable(DataTable):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rendered_styles: dict[Any, tuple[Any, ...]] = {}  # pseudo-class state -> component styles
        self._last_rendered: tuple[Any, ...] | None = None

    _resized_to_width: int | None = None

    def _on_resize(self, event: events.Resize) -> None:
        # DataTable takes every resize for a change of its cells (a new key for all of them), and a
        # table gets one as its screen is laid out, after its first render: every visible cell
        # was rendered again on the next visit. Only a new width can change a cell.
        # The first resize too: a table built ahead of its screen's first visit is drawn at its
        # width before that event arrives (cells are drawn at their column's width, not the table's).
        if self._resized_to_width in (None, event.size.width):
            event.prevent_default()  # DataTable's own handler does nothing else
        self._resized_to_width = event.size.width

    def measure_now(self) -> None:
        """Column widths and the scroll size for the rows just added or the cells just widened
        (`update_cell(..., update_width=True)`), now rather than when the table is next idle
        (DataTable's way): on a busy machine the first frame of a section was caught with the
        columns only as wide as their headers. (A column widened when idle keeps what was drawn
        before at its old width: DataTable keys its render caches by a count of updates, which
        measuring does not move, so cells cut longer on a resize were still drawn cut short.)"""
        if self._updated_cells:
            updated = self._updated_cells.copy()
            self._updated_cells.clear()
            self._update_column_widths(updated)
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def notify_style_update(self) -> None:
        # Widget's (its own style caches), not DataTable's (which empties the render caches);
        # render_lines decides whether those still hold.
        Widget.notify_style_update(self)
        self.refresh()

    def _component_styles_now(self) -> tuple[Any, ...]:
        return tuple(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES))

    def render_lines(self, crop: Region) -> list[Strip]:
        state = self.get_pseudo_class_state()
        styles = self._component_styles_now()
        if self._rendered_styles.get(state, styles) != styles:
            self._clear_caches()  # rendered with other component styles: start again
            self._rendered_styles = {}
        self._rendered_styles[state] = styles
        if (state, styles) != self._last_rendered:
            # the per-cell style lookup is cached without the state: recompute it
            self._get_styles_to_render_cell.cache_clear()
            self._last_rendered = (state, styles)
        return super().render_lines(crop)
