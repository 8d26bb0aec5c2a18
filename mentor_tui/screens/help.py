"""`?`: every key binding of the app and of the section underneath."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
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


def help_groups(app: Any, app_keys: list[tuple[str, str]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's groups for the screen shown: `app_keys` (a key per section) and the keys
    of everywhere, the screen's own, how it counts (its HELP_NOTES), those of tables and forms."""
    app_keys = list(app_keys)
    count = len(app_keys)
    app_keys.append(("1…6 again", "On a section's screen: back to its list"))
    app_keys += [("e", "Export to TOML (with preview)"), ("i", "Import TOML exports"), ("?", "This help"),
                 ("ctrl+p", "Command palette"), ("q / ctrl+q", "Quit")]
    app_keys.insert(count, ("/ or ctrl+f", "Search all notes (Labs: / filters)"))
    screen = app.screen
    section_keys = [(app.get_key_display(b), b.description) for b in own_bindings(screen)]
    taken = {key for key, _ in section_keys}  # a screen's own `e` (edit) hides Export there
    app_keys = [(key, what) for key, what in app_keys if key not in taken]
    sub_title = screen.sub_title or "This section"
    groups = [
        ("Everywhere", app_keys),
        (f"{sub_title}", section_keys),
        ("In tables and forms", [
            ("↑ ↓ pgup pgdn", "Move in a table"),
            ("home / end", "First / last row (more rows load at the end)"),
            ("tab / shift+tab", "Next / previous field"),
            ("ctrl+s", "Save a form"),
            ("space / ← →", "Switch an action item's owner (check-in form)"),
            ("esc", "Cancel a form, close a dialog"),
        ]),
    ]
    notes = getattr(screen, "HELP_NOTES", None)  # a section's own words on how it counts
    if notes:
        groups.insert(2, (f"{sub_title}: how it counts", list(notes)))
    return groups


def own_bindings(screen: Screen) -> list[Binding]:
    """The keys of a section or detail screen: its own and its mentor-tui base classes'.

    Not Textual's Screen's (tab, shift+tab, copy); a subclass's binding of a key wins.
    """
    keys: dict[str, Binding] = {}
    for cls in reversed(type(screen).__mro__):
        if cls.__module__.startswith("mentor_tui."):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    keys[binding.key] = binding
    return list(keys.values())
