"""The Dashboard's list of my open action items, overdue first; space ticks one done.

A widget that loads itself in a worker (`reload()`, which the Dashboard calls
whenever it comes into view); the Dashboard binds space to `tick()`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.db.actions import MyAction
from mentor_tui.screens import store_work
from mentor_tui.screens.section import clip
from mentor_tui.screens.store_work import deliver
from mentor_tui.widgets.record_table import RecordTable, TableRow


class MyActionItems(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(Text("My open action items", style="bold"), id="my-actions-title")
        yield RecordTable(id="my-actions")

    def on_mount(self) -> None:
        table = self.query_one(RecordTable)
        table.add_columns("Due", "Action item", "Mentorship")
        table.display = False

    @work(thread=True, exclusive=True, group="my-actions")
    def reload(self) -> None:
        try:
            items = self.read()
        except Exception as exc:
            deliver(self, self._say, f"Could not read the database: {store_work.failure_reason(exc)}")
            return
        deliver(self, self.show_items, items)

    @staticmethod
    def read() -> list[MyAction]:
        """Runs in a worker: my open items."""
        from mentor_tui.db import actions, database, people

        with database.worker_connection():
            me = people.me()
            return actions.mine(me.id) if me is not None else []

    def _say(self, text: str | Text) -> None:
        self.query_one("#my-actions-title", Static).update(Text(text) if isinstance(text, str) else text)

    def show_items(self, items: list[MyAction]) -> None:
        today = clock.today()
        table = self.query_one(RecordTable)
        # the item's text is cut where the screen ends, with "…", so a cut one never reads as whole
        # (the Mentorship column then scrolls in with →); the due column takes up to 21 cells
        width = self.app.size.width
        text_width = max(20, min(60, width - 21 - 8)) if width else 60
        rows = []
        for a in items:
            line = a.line
            if line.due_on is None:
                due = Text("—", style="dim")
            elif line.overdue(today):
                due = Text(f"{dates.show(line.due_on)} overdue", style="bold red")
            else:
                due = Text(dates.show(line.due_on))
            rows.append(TableRow(str(line.id), a, (due, Text(clip(line.text.replace("\n", " "), text_width)),
                                                   Text(a.mentorship))))
        table.show_rows(rows)
        table.display = bool(rows)
        title = Text("My open action items", style="bold")
        title.append("  space ticks one done" if rows else "\n  None open. They are made in check-ins (4).",
                     style="dim" if rows else "")
        self._say(title)
        self.screen.refresh_bindings()

    def can_tick(self) -> bool:
        table = self.query_one(RecordTable)
        return table.display and table.highlighted_row() is not None

    def tick(self) -> None:
        row = self.query_one(RecordTable).highlighted_row()
        if row is not None:
            self._tick(row.record)

    @work(thread=True, exclusive=True, group="my-actions-tick")
    def _tick(self, item: MyAction) -> None:
        from mentor_tui.db import actions

        try:
            store_work.run_edit(lambda: actions.set_done(item.line.id, clock.today()))
        except ValueError as exc:
            deliver(self, self._notify, f"Not ticked: {exc}", "error")
            return
        except Exception as exc:
            deliver(self, self._notify, f"Not ticked: {store_work.failure_reason(exc)}", "error")
            return
        # The list (and the screen's counts) as the tick left them, read in this worker: shown at
        # once, without another round.
        from mentor_tui.db import database

        read_counts = getattr(self.screen, "read_counts", None)
        try:
            with database.worker_connection():
                items: list[MyAction] | None = self.read()
                counts = None if read_counts is None else read_counts()
        except Exception:  # noqa: BLE001 - _ticked reads again in workers of their own, which say why
            items = counts = None
        deliver(self, self._ticked, item, items, counts)

    def _notify(self, message: str, severity: str) -> None:
        self.app.notify(message, severity=severity)  # type: ignore[arg-type]

    def _ticked(self, item: MyAction, items: list[MyAction] | None, counts: Any) -> None:
        self.app.notify(f"Done: {clip(item.line.text, 60)}")
        if items is None:
            self.reload()
        else:
            self.show_items(items)
        show_counts = getattr(self.screen, "show_counts", None)
        if counts is not None and show_counts is not None:
            show_counts(counts)
            return
        reload = getattr(self.screen, "reload", None)
        if reload is not None:
            reload()  # the counts change too
