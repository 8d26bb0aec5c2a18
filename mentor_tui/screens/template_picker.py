"""Picking one of a list in a dialog: a template for `n` in 2 Plans, a person for `f`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentor_tui.widgets.key_bar import KeyBar

EMPTY = "-empty"  # the template picker's answer for "an empty plan"


class PickDialog(ModalScreen[str | None]):
    """A list to pick from (↑ ↓, enter); dismisses with the picked option's id, or None (esc)."""

    BINDINGS = [
        Binding("enter", "pick", "Pick", priority=True),  # over the list's own enter, so the key bar shows it
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, intro: str, options: Sequence[tuple[Content | str, str]], current: str | None = None):
        super().__init__()
        self.title_text = title
        self.intro = intro
        self.options = list(options)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="picker-title")
            if self.intro:
                yield Static(Content(self.intro), id="picker-intro")
            yield OptionList(*(Option(Content(label) if isinstance(label, str) else label, id=ident)
                               for label, ident in self.options), id="choices")
        yield KeyBar()

    def on_mount(self) -> None:
        ids = [ident for _label, ident in self.options]
        if self.current in ids:
            self.query_one("#choices", OptionList).highlighted = ids.index(self.current)

    def action_pick(self) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


def template_picker(templates: Sequence[Any]) -> PickDialog:
    """`n` in 2 Plans: an empty plan, or a template with its goal count."""
    options: list[tuple[Content | str, str]] = [
        (Content.assemble(("Empty plan", "bold"), ("  your own title, dates and goals", "dim")), EMPTY)]
    for t in templates:
        goals = f"{t.goal_count} goal{'' if t.goal_count == 1 else 's'}"
        yours = "" if t.built_in else " · your template"
        options.append((Content.assemble((t.title, "bold"), "  ", (f"{goals} · {t.key}{yours}", "dim")), t.key))
    intro = ("Goals come with their phase, labs and checklists; due dates follow the phases "
             "(day 30, 60, 90 after the start).")
    return PickDialog("New plan: start from a template, or empty", intro, options)
