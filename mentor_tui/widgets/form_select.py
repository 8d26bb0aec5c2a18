"""A Select whose current value is drawn by one widget: the forms' drop-downs.

Textual's Select shows its value with a row of four widgets (a container holding
the value, a down arrow and an up arrow), each a nested auto-height box to lay
out and style. A form with four Selects spent ~20 ms of its opening (of ~100)
on those rows. Here the row is one widget that draws the value (the prompt,
dimmed, when there is none) and the arrow itself, wrapping a long value onto
more lines as the value widget did. Everything else is Textual's Select: its
keys, overlay, type-to-search, `value`, `Changed`.

Select finds its row by its class, so the row subclasses Textual's
`SelectCurrent` (from `textual.widgets._select`, Textual is pinned in
pyproject.toml); tests/test_form_select.py checks that it looks and behaves like
Textual's own.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.style import Style
from textual.widgets import Select
from textual.widgets._select import SelectCurrent

ARROW_WIDTH = 2  # a space and the arrow, as Textual's arrow (width 1, padding 0 0 0 1)
_BLANK = Style(bold=False)
_OPENING_KEYS = frozenset({"enter", "down", "space", "up"})  # Select's show_overlay
_CLOSING_KEYS = frozenset({"enter", "escape"})  # the open list's select and dismiss


class ValueLine(SelectCurrent):
    """The value (or the prompt) and the arrow, drawn by this widget alone."""

    COMPONENT_CLASSES = {"value-line--dim"}
    DEFAULT_CSS = """
    ValueLine > .value-line--dim { color: $foreground 50%; }
    """

    def compose(self) -> ComposeResult:
        yield from ()

    def update(self, label: Any) -> None:
        self.label = label
        # (no restyle: the class SelectCurrent's has_value adds styles only the value widget it has not)
        self.set_reactive(SelectCurrent.has_value, label is not Select.NULL)
        lines = self.size.height
        self.refresh(layout=bool(lines) and self._lines(self.size.width + ARROW_WIDTH) != lines)

    def watch_has_value(self) -> None:
        self.refresh()  # the prompt is dimmed or not (Select sets it when its overlay opens)

    def _label(self) -> Content:
        label = self.label
        if label is Select.NULL:
            content = Content.from_markup(self.placeholder)
        elif isinstance(label, Content):
            content = label
        elif isinstance(label, Text):
            content = Content.from_rich_text(label, console=self.app.console)
        else:
            content = Content(str(label))
        if not self.has_value:
            content = content.stylize(self.get_visual_style("value-line--dim", partial=True))
        return content

    def _wrapped(self, width: int) -> list[Content]:
        return self._label().wrap(max(1, width - ARROW_WIDTH)) or [Content("")]

    def _lines(self, width: int) -> int:
        return len(self._wrapped(width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._lines(width) if width else 0

    def render(self) -> Content:
        width = self.size.width
        if width <= ARROW_WIDTH:
            return Content("")
        expanded = isinstance(self.parent, Select) and self.parent.expanded
        arrow = Content.styled("▲" if expanded else "▼", self.get_visual_style("value-line--dim", partial=True))
        # (the blank between the value and the arrow styled apart from both: drawn, and exported, as
        # the padding it was)
        first, *more = self._wrapped(width)
        first = first + Content.styled(" " * (width - first.cell_length - 1), _BLANK) + arrow
        return Content("\n").join([first, *more])


class FormSelect(Select):
    """Textual's Select, its value drawn by a `ValueLine`."""

    def compose(self) -> ComposeResult:
        for child in super().compose():
            yield ValueLine(self.prompt) if isinstance(child, SelectCurrent) else child

    def watch_expanded(self) -> None:
        self.query_one(ValueLine).refresh()  # its arrow turns

    def moves_focus_on(self, key: str) -> bool:
        """Whether `key` opens the list (focused then) or closes it (this focused again): the
        keys typed after it go there (widgets/focus_hold.py)."""
        return key in (_CLOSING_KEYS if self.expanded else _OPENING_KEYS)
