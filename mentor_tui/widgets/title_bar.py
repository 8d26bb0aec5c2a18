"""The title line at the top of the detail screens: Textual's Header, drawn by one widget."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.content import Content
from textual.widgets import Static

ICON_WIDTH = 8  # as Header's icon: one space, the icon, the rest blank
RIGHT_WIDTH = 10  # as Header's clock space (no clock shown)


class TitleBar(Static):
    """Reads as Textual's `Header(show_clock=False)`: the icon on the left (a click opens the
    command palette), the screen's title and sub-title centred between the icon and a blank
    right end. Header is four widgets, each styled, laid out and drawn on every screen
    opened; this is one (a detail screen opens about a sixth faster).
    """

    DEFAULT_CSS = """
    TitleBar { dock: top; width: 100%; height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, icon: str = "◆") -> None:
        super().__init__("", markup=False)
        self.icon = icon

    def on_mount(self) -> None:
        screen = self.screen
        self.watch(screen, "title", self._retitle, init=False)
        self.watch(screen, "sub_title", self._retitle, init=False)

    def _retitle(self, _value: Any = None) -> None:
        self.refresh()

    def render(self) -> Content:
        screen, app = self.screen, self.app
        name = screen.title if screen.title is not None else app.title
        where = screen.sub_title if screen.sub_title is not None else app.sub_title
        room = max(0, self.size.width - ICON_WIDTH - RIGHT_WIDTH)
        title = app.format_title(name, where)
        if title.cell_length > room:
            title = fitted_where(where, room)
        left = (room - title.cell_length) // 2
        icon = Content(f" {self.icon}").pad_right(ICON_WIDTH - 1 - Content(self.icon).cell_length)
        return Content.assemble(icon, " " * left, title, " " * (room - left - title.cell_length + RIGHT_WIDTH))

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            event.stop()
            await self.run_action("app.command_palette")


SEPARATOR = " › "


def fitted_where(where: str, room: int) -> Content:
    """The sub-title (a breadcrumb: section › … › page) in `room` cells, for a title line the
    app's name does not fit on: the middle steps are cut first, so the section and the page
    shown (a check-in's date) stay; only then is the end cut."""
    steps = [Content(step) for step in where.split(SEPARATOR)]
    if Content(where).cell_length > room and len(steps) > 2:
        first, middle, last = steps[0], steps[1:-1], steps[-1]
        spare = room - first.cell_length - last.cell_length - len(SEPARATOR) * (len(steps) - 1)
        each = spare // len(middle)
        if each >= 2:  # at least a letter and "…" per step
            steps = [first, *(step.truncate(each, ellipsis=True) for step in middle), last]
    text = Content(SEPARATOR).join(steps).stylize("dim")
    return text.truncate(room, ellipsis=True) if text.cell_length > room else text
