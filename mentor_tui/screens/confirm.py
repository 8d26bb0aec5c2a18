"""The one yes/no question of the app: before something that cannot be undone, or a choice.

`ConfirmDialog(title, message, yes_label="Delete")` dismisses with True (`y`, or
the yes button) or False (`n`, `esc`, or the other button); the focus starts on
the "no" button, so `enter` pressed out of habit changes nothing, and a key typed
before the dialog was shown (keys that arrive together: `n` then "daily" typed on
a list, its `d` asking to delete, its `y` answering) answers nothing. The message
says what goes with the action. The other names are the same dialog asked
another way:

- `ConfirmScreen(question, yes=…, title=…)`: a question first (labs: reset a round);
- `YesNoDialog(title, question, yes_label=…, danger=False)`: a choice that deletes
  nothing (save a check-in dated in the future?), drawn without the red;
- `DeleteDialog(what, consequences)`: "Delete WHAT?" and what goes with it.

Styled in dialogs.tcss.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mentor_tui.widgets.key_bar import KeyBar


class ConfirmDialog(ModalScreen[bool]):
    """`y` (or the button) answers yes; `n` or esc no. Dismisses with True or False."""

    AUTO_FOCUS = "#no"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(
        self, title: str, message: str, yes_label: str = "Delete", no_label: str = "Keep it", danger: bool = True
    ) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes_label = yes_label
        self.no_label = no_label
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="-danger" if self.danger else ""):
            yield Static(Content(self.title_text), id="confirm-title")
            yield Static(Content(self.message), id="confirm-message")
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.no_label} (n)", id="no")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error" if self.danger else "primary")
        yield KeyBar()

    _shown_at = float("inf")

    def on_mount(self) -> None:
        self._shown_at = Message().time  # (the clock a key's event is stamped with when it is read)

    def on_key(self, event: events.Key) -> None:
        if event.time < self._shown_at:  # typed before the question was there: not an answer to it
            event.prevent_default()
            event.stop()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)


class ConfirmScreen(ConfirmDialog):
    """Asked as a question: `ConfirmScreen("Reset 5 steps?", yes="Reset")`."""

    def __init__(self, question: str, yes: str = "Yes", title: str = "Are you sure?") -> None:
        super().__init__(title, question, yes, no_label="Cancel")


class YesNoDialog(ConfirmDialog):
    """A choice, not a deletion unless `danger`: `YesNoDialog("Dated in the future", "Save anyway?", "Save")`."""

    def __init__(self, title: str, question: str, yes_label: str = "Yes", danger: bool = False) -> None:
        # a dangerous choice is a deletion: "Keep it", as every delete question says
        super().__init__(title, question, yes_label, no_label="Keep it" if danger else "No", danger=danger)


class DeleteDialog(ConfirmDialog):
    """"Delete WHAT?", then what goes with it."""

    def __init__(self, what: str, consequences: str) -> None:
        super().__init__(f"Delete {what}?", consequences)
