"""Pick one of a short list (a filter's value): enter picks, esc leaves it as it was.

`PickScreen(title, options, current)` with `options` as (label, value) pairs
dismisses with the value picked, or None when cancelled.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentor_tui.widgets.key_bar import KeyBar


class PickScreen(ModalScreen[Any]):
    CSS_PATH = "pick.tcss"
    BINDINGS = [
        Binding("enter", "pick", "Pick"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, options: list[tuple[str, Any]], current: Any = None) -> None:
        super().__init__()
        self.heading = title
        self.options = options
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.heading), id="pick-title")
            yield OptionList(*(Option(Content(label), id=str(i)) for i, (label, _v) in enumerate(self.options)),
                             id="pick-list")
        yield KeyBar()

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        values = [value for _label, value in self.options]
        option_list.highlighted = values.index(self.current) if self.current in values else 0
        option_list.focus()

    def action_pick(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self.options[index][1])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.options[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
