"""A checkbox and a selection list whose boxes say ticked or not without colour: ✔ or blank.

Textual draws every box with the same X and tells ticked from unticked by its
colour alone: on a monochrome terminal, with some colour schemes or for a
colour-blind user, the two look the same.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "✔", " "


class MarkedCheckbox(Checkbox):
    def render(self) -> Any:
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        return super().render()


class MarkedSelectionList(SelectionList[Any]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        # the box is [left side, inside, right side, space, the prompt…] (SelectionList.render_line)
        mark = TICKED if selection.value in self.selected else UNTICKED
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)
