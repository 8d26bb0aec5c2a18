"""`?`: every key binding of the app and of the section underneath."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from mentor_tui.widgets.key_bar import KeyBar

KEY_WIDTH = 18  # the keys' column, right-aligned: "↑ ↓ pgup pgdn" and "/ or ctrl+f" fit


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            accent = self.app.current_theme.accent or self.app.current_theme.primary
            yield Static(help_text(self.groups, f"bold {accent}"), id="help-text")
        yield KeyBar()


def help_text(groups: list[tuple[str, list[tuple[str, str]]]], key_style: str = "bold") -> Group:
    """Each group's keys as a table: a description that wraps goes on under itself, not under
    the keys. Descriptions are the app's own words, shown as text (never read as markup)."""
    parts: list[Any] = [Text("mentor-tui keys", style="bold"), Text("")]
    for heading, keys in groups:
        if not keys:
            continue
        parts.append(Text(heading, style="bold"))
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", min_width=KEY_WIDTH, no_wrap=True, style=key_style)
        table.add_column(ratio=1)
        for key, description in keys:
            table.add_row(key, description)
        parts += [table, Text("")]
    parts.append(Text("Letter and number keys work anywhere but in a text field. esc closes."))
    return Group(*parts)
