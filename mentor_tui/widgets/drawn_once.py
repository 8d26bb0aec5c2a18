"""A Rich renderable drawn once per width, then repeated: for Markdown shown in cards.

Rich's Markdown walks its whole document at every paint. A timeline is painted several
times as it opens (laid out, measured, then its first card focused), and each paint drew
every card's notes again (~15-25 ms of an opening on the large database). The lines are
kept per width and paint options; what they are drawn with (the console's styles) does not
change while the app runs.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment


class DrawnOnce:
    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[tuple, list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.justify, options.overflow, options.no_wrap, options.height)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = console.render_lines(self.renderable, options, pad=False, new_lines=True)
        for line in lines:
            yield from line
