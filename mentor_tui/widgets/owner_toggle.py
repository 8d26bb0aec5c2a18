"""An action item's owner in the check-in form: one of the mentorship's two people, or nobody.

With two people to choose from, a drop-down is a detour: space (or enter, ← →, a
click) moves to the next choice, and typing a name's first letter picks that
person. It is one widget where Textual's Select is three (and an option list),
which the check-in form, with a row per action item, opens noticeably faster for.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

NOBODY = "no owner"
MIN_WIDTH, MAX_WIDTH = 16, 40


class OwnerToggle(Widget, can_focus=True):
    BINDINGS = [
        Binding("space", "next", "Next owner"),
        Binding("enter", "next", "Next owner", show=False),
        Binding("right", "next", "Next owner", show=False),
        Binding("left", "previous", "Previous owner", show=False),
    ]
    DEFAULT_CSS = """
    OwnerToggle { height: 1; padding: 0 1; background: $surface; }
    OwnerToggle:focus { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    """

    value: reactive[int | None] = reactive(None)

    def __init__(self, owners: list[tuple[str, int]], value: int | None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.owners = owners
        self._choices: list[int | None] = [v for _, v in owners] + [None]
        self.set_reactive(OwnerToggle.value, value if value in self._choices else None)
        # as wide as the longest name needs (padding and " ⇄": 4 cells), within reason: a name
        # was cut at 24 cells with the row's room to spare
        longest = max(cell_len(name) for name in [NOBODY, *(name for name, _ in owners)])
        self.cells_wide = max(MIN_WIDTH, min(MAX_WIDTH, longest + 4))
        self.styles.width = self.cells_wide

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """Its width less its padding: what a grid's `auto` column gives it (checkins.tcss)."""
        return self.cells_wide - self.styles.gutter.width

    @property
    def label(self) -> str:
        return next((name for name, v in self.owners if v == self.value), NOBODY)

    def render(self) -> Content:
        name = Content.styled(self.label, "" if self.value is not None else "dim")
        room = max(1, self.content_size.width - 2)  # the name's cells (wide characters count two)
        return Content.assemble(name.truncate(room, ellipsis=True, pad=True), " ⇄")

    def _move(self, step: int) -> None:
        at = self._choices.index(self.value)
        self.value = self._choices[(at + step) % len(self._choices)]

    def action_next(self) -> None:
        self._move(1)

    def action_previous(self) -> None:
        self._move(-1)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self._move(1)

    def on_key(self, event: events.Key) -> None:
        """A letter picks the next person whose name starts with it."""
        char = event.character
        if not char or not char.isalpha() or len(char) != 1:
            return
        event.stop()
        at = self._choices.index(self.value)
        order = self.owners[at + 1:] + self.owners[: at + 1] if at < len(self.owners) else self.owners
        for name, v in order:
            if name.lower().startswith(char.lower()):
                self.value = v
                return
