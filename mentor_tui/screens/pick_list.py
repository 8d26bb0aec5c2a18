"""A modal list to tick people or records from (attendance, linked incidents).

`save(ids)` runs in a worker (store_work.run_edit); a refused save is said in
the dialog and nothing ticked is lost. Dismisses with what `save` returned, or
None when closed without saving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, SelectionList, Static

from mentor_tui.screens import store_work
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.marked_toggles import MarkedSelectionList


class PickListDialog(ModalScreen[Any]):
    AUTO_FOCUS = "#choices"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]
    saving = False

    def __init__(self, title: str, intro: str, options: Sequence[tuple[str, int, bool]],
                 save: Callable[[list[int]], Any], empty: str = "Nothing to pick from yet.") -> None:
        """`options`: (label, id, ticked) triples."""
        super().__init__()
        self.dialog_title = title
        self.intro = intro
        self.options = list(options)
        self.save_ids = save
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.dialog_title), id="title")
            yield Static(Content(self.intro if self.options else self.empty), id="intro")
            yield MarkedSelectionList(
                *((Text(label), value, ticked) for label, value, ticked in self.options), id="choices", compact=True
            )
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#choices").display = bool(self.options)

    def ticked(self) -> list[int]:
        return sorted(self.query_one("#choices", SelectionList).selected)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if self.saving and action in ("save", "cancel") else True

    def action_save(self) -> None:
        if self.saving:
            return
        self.saving = True
        self.refresh_bindings()
        self._say("Saving…")
        self._save_in_worker(self.ticked())

    @work(thread=True, exclusive=True, group="pick-save")
    def _save_in_worker(self, ids: list[int]) -> None:
        try:
            result = store_work.run_edit(lambda: self.save_ids(ids))
        except ValueError as exc:
            store_work.deliver(self, self._not_saved, f"Not saved: {exc}")
        except Exception as exc:
            store_work.deliver(self, self._not_saved, store_work.could_not_save(exc))
        else:
            store_work.deliver(self, self.dismiss, result)

    def _not_saved(self, message: str) -> None:
        self.saving = False
        self.refresh_bindings()
        self._say(message)

    def _say(self, text: str) -> None:
        self.query_one("#error", Static).update(Content(text))

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
