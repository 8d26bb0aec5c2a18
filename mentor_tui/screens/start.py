"""The screen shown while the database opens, or when it cannot be opened."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from mentor_tui.widgets.key_bar import KeyBar


class StartScreen(Screen):
    TITLE = "mentor-tui"

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static(Content(f"Opening {self.path}…"), id="message")
        yield KeyBar()

    def show_error(self, message: str) -> None:
        widget = self.query_one("#message", Static)
        widget.add_class("-error")
        widget.update(
            Content.from_markup(
                "[b]The database could not be opened.[/b]\n\n$message\n\nNothing was changed. Press q to quit.",
                message=message,
            )
        )
