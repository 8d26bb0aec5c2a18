"""M in Team: merge another record of the same human into the person under the cursor.

The dialog lists the other people (those of the same name first, with email and
uuid to tell them apart), shows what would move for the one picked, and merges
only on ctrl+s; esc leaves everything as it was.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from mentor_tui.widgets.key_bar import KeyBar


def merge_choices(keep_uuid: str) -> tuple[Any, list[tuple[str, int]], int | None]:
    """Runs in a worker: the person kept, (label, id) of everyone else (same name first), and the
    id of the first of the same name (picked at the start), if there is one."""
    from mentor_tui import schema
    from mentor_tui.db import people

    keep = people.find(keep_uuid)
    others = [p for p in people.roster(include_archived=True, limit=100_000) if p.id != keep.id]
    same = schema.fold(keep.name)
    others.sort(key=lambda p: (schema.fold(p.name) != same, schema.fold(p.name)))
    first_same = others[0].id if others and schema.fold(others[0].name) == same else None
    return keep, [(_label(p), p.id) for p in others], first_same


def _label(person: Any) -> str:
    """"Jonas B. (archived) · jonas@example.com · 22222222": someone who left marked as lists mark them."""
    from mentor_tui.db import people

    email = f" · {person.email}" if person.email else ""
    return f"{people.label(person)}{email} · {person.uuid[:8]}"


class MergeDialog(ModalScreen[str | None]):
    """Dismisses with a sentence saying what was merged, or None."""

    AUTO_FOCUS = "#other"
    BINDINGS = [
        Binding("ctrl+s", "merge", "Merge"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, keep: Any, choices: list[tuple[str, int]], first_same: int | None = None) -> None:
        """`choices` and `first_same` as `merge_choices` reads them."""
        super().__init__()
        self.keep = keep
        self.choices = choices
        self.first_same = first_same
        self._plan: Any = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Content(f"Merge into {self.keep.name}"), id="title")
            yield Static(
                Content(
                    f"Keeps {_label(self.keep)}. Every record of the person you pick moves here; their "
                    "uuid is kept as an alias (so their files still import here) and they are removed."
                ),
                id="intro",
            )
            yield Label("The other record of this person")
            yield Select(self.choices, id="other", prompt="pick a person", allow_blank=True, compact=True)
            yield Static("", id="preview")
            with Horizontal(id="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Merge", id="merge", variant="error")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.first_same is not None:
            self.query_one("#other", Select).value = self.first_same

    @on(Select.Changed, "#other")
    def _picked(self, event: Select.Changed) -> None:
        self._plan = None
        if event.value is Select.BLANK:
            self._say("Pick the person to merge into this one.")
            return
        self._say("Looking at what would move…")
        self.load_plan(int(event.value))  # type: ignore[arg-type]

    @work(thread=True, exclusive=True, group="merge-plan")
    def load_plan(self, other_id: int) -> None:
        from mentor_tui.db import database, people
        from mentor_tui.db.people_merge import MergeRefused, plan_merge

        try:
            with database.worker_connection():
                plan = plan_merge(people.find(self.keep.uuid), people.by_id(other_id))
        except (MergeRefused, LookupError) as exc:
            self.app.call_from_thread(self._refused, str(exc))
            return
        self.app.call_from_thread(self._planned, plan)

    def _planned(self, plan: Any) -> None:
        self._plan = plan
        self._say("\n".join(plan.lines()) + "\n\nctrl+s merges; esc cancels.")

    def _refused(self, message: str) -> None:
        self._plan = None
        self._say(f"Cannot merge: {message}.", error=True)

    def action_merge(self) -> None:
        if self._plan is None:
            self._say("Pick the person to merge into this one first.", error=True)
            return
        self._say("Merging…")
        self.do_merge(self._plan.keep.id, self._plan.other.id)

    @work(thread=True, exclusive=True, group="merge")
    def do_merge(self, keep_id: int, other_id: int) -> None:
        from mentor_tui.db import database, people
        from mentor_tui.db.people_merge import MergeRefused, merge

        try:
            with database.worker_connection():
                keep, other = people.by_id(keep_id), people.by_id(other_id)
                merge(keep, other)
        except Exception as exc:  # MergeRefused, a locked or changed database: the user reads why
            reason = str(exc) if isinstance(exc, MergeRefused | LookupError) else f"the database said: {exc}"
            self.app.call_from_thread(self._refused, reason)
            return
        self.app.call_from_thread(self.dismiss, f"Merged {other.name} into {keep.name}.")

    def _say(self, text: str, error: bool = False) -> None:
        preview = self.query_one("#preview", Static)
        preview.update(Content(text))
        preview.set_class(error, "-error")

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#merge")
    def _merge_pressed(self) -> None:
        self.action_merge()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

