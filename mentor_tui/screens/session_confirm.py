"""A yes/no question before something is deleted: what goes with it is said first.

Dismisses with True (y or the red button) or False (n, esc, the other button).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mentor_tui.widgets.key_bar import KeyBar


class ConfirmDialog(ModalScreen[bool]):
    AUTO_FOCUS = "#no"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes, delete"),
        Binding("n,escape", "answer(False)", "No, keep it"),
    ]

    def __init__(self, title: str, text: str, yes: str = "Delete") -> None:
        super().__init__()
        self.question = title
        self.text = text
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.question), id="title")
            yield Static(Content(self.text), id="text")
            with Horizontal(id="buttons"):
                yield Button("No, keep it (n)", id="no")
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)
