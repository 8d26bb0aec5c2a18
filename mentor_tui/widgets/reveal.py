"""Keeping a row under the cursor on screen when its list sits in a scrolling container.

A table or list as tall as its rows (`height: auto`) does not scroll itself, so Textual's
scroll to the cursor does nothing, and on a short terminal the row under the cursor can
be below the container's edge while a key acts on it (a plan's goals at 80x24, the
Dashboard's action items). `reveal` scrolls the nearest container that can scroll so that
a region of the screen, the row, is in view.
"""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget


def reveal(widget: Widget, row: Region) -> None:
    """Scroll the nearest ancestor of `widget` that can scroll vertically so that `row`
    (in screen coordinates) is within its view."""
    for node in widget.ancestors:
        if isinstance(node, Widget) and node.allow_vertical_scroll:
            view = node.content_region
            if view.y <= row.y and row.bottom <= view.bottom:
                return  # on screen already
            inside = Region(row.x - view.x + int(node.scroll_x), row.y - view.y + int(node.scroll_y),
                            row.width, row.height)
            node.scroll_to_region(inside, animate=False, immediate=True)
            return
