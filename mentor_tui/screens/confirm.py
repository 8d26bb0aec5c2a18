"""A yes/no question before something that cannot be undone (deleting, resetting).

`ConfirmDialog(title, message, yes_label="Delete")` dismisses with True (`y`, or
the yes button) or False (`n`, `esc`, or the other button); the focus starts on
"keep it", so `enter` alone never deletes. The message names what goes with the
action. `ConfirmScreen(question, yes=…, title=…)` is the same dialog asked as a
question first. Styled in dialogs.tcss.
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
    """`y` (or the button) answers yes; `n` or esc no. Dismisses with True or False."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No, keep it"),
        Binding("escape", "answer(False)", "Keep it", show=False),
    ]

    def __init__(self, title: str, message: str, yes_label: str = "Delete") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="confirm-title")
            yield Static(Content(self.message), id="confirm-message")
            with Horizontal(id="confirm-buttons"):
                yield Button("Keep it (n)", id="no")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # enter on its own never deletes

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)


class ConfirmScreen(ConfirmDialog):
    """The same dialog, asked as a question: `ConfirmScreen("Reset 5 steps?", yes="Reset")`."""

    def __init__(self, question: str, yes: str = "Yes", title: str = "Are you sure?") -> None:
        super().__init__(title, question, yes)
