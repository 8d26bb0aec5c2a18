"""Asking before a record is deleted: what goes, what goes with it; y deletes, n or esc keeps it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from mentor_tui.widgets.key_bar import KeyBar


class DeleteDialog(ModalScreen[bool]):
    """Dismissed with True when the user confirms."""

    DEFAULT_CSS = """
    DeleteDialog { align: center middle; }
    DeleteDialog > #delete-dialog {
        width: 64; max-width: 95%; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    DeleteDialog #delete-consequences { padding: 1 0 0 0; color: $text-muted; }
    DeleteDialog #delete-buttons { height: auto; align-horizontal: right; padding: 1 0 0 0; }
    DeleteDialog #delete-buttons Button { margin: 0 0 0 1; }
    """

    BINDINGS = [
        Binding("y", "confirm", "Delete"),
        Binding("n", "keep", "Keep it"),
        Binding("escape", "keep", "Keep it", show=False),
    ]

    def __init__(self, what: str, consequences: str) -> None:
        super().__init__()
        self.what = what
        self.consequences = consequences

    def compose(self) -> ComposeResult:
        with Vertical(id="delete-dialog"):
            yield Static(Content.assemble(("Delete ", "bold"), (self.what, "bold"), ("?", "bold")), id="delete-what")
            yield Static(Content(self.consequences), id="delete-consequences")
            with Horizontal(id="delete-buttons"):
                yield Button("Keep it (n)", id="keep")
                yield Button("Delete (y)", id="confirm", variant="error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_keep(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#confirm")
    def _confirm_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#keep")
    def _keep_pressed(self) -> None:
        self.dismiss(False)
