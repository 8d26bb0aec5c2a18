"""`?`: every key binding of the app and of the section underneath."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from mentor_tui.widgets.key_bar import KeyBar


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
        lines = ["[b]mentor-tui keys[/b]", ""]
        for heading, keys in self.groups:
            if not keys:
                continue
            lines.append(f"[b]{heading}[/b]")
            for key, description in keys:
                pad = " " * max(0, 16 - len(key))
                shown = key.replace("[", "\\[")  # a key "[" would open a markup tag
                lines.append(f"  [b $accent]{pad}{shown}[/]  {description}")
            lines.append("")
        lines.append("Letter and number keys work anywhere but in a text field. esc closes.")
        with VerticalScroll():
            yield Static("\n".join(lines), id="help-text")
        yield KeyBar()
