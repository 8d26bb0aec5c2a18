"""1 Dashboard: real counts from the store and what needs attention next."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock, config, dates
from mentor_tui.screens.dashboard_plans import DuePlansPanel
from mentor_tui.screens.my_actions import MyActionItems
from mentor_tui.screens.next_sessions import NextSessionsPanel, fetch_next
from mentor_tui.screens.section import SectionScreen
from mentor_tui.screens.stale_labs_panel import StaleLabsPanel
from mentor_tui.widgets.growth_panel import GrowthPanel
from mentor_tui.widgets.record_table import RecordTable


class StatCard(Static):
    """One count on the Dashboard (styled in sections.tcss)."""


def read_panels(settings: dict) -> tuple:
    """Runs in a worker, on its connection: what `show` shows (the app also reads it at start-up)."""
    from mentor_tui.db import dashboard, due_goals, growth_summary, sessions

    return (
        dashboard.summary(clock.today()),
        sessions.count(),
        due_goals.plans_due(clock.today()),
        StaleLabsPanel.fetch(config.stale_cutoff(settings, clock.today())),
        fetch_next(clock.now()),
        growth_summary.growth_summary(clock.today(), config.bus_factor_months(settings)),
    )


def read_at_start(settings: dict) -> tuple:
    """Runs in the app's store-opening worker: the panels and my action items, for the first layout."""
    return read_panels(settings), MyActionItems.read()


class DashboardScreen(SectionScreen):
    SUB_TITLE = "1 Dashboard"
    BODY_SCROLLS = True  # at 80x24 most panels are below the edge; the action items' table is tab away
    BINDINGS = [
        Binding("m", "my_growth", "My growth"),
        Binding("space", "tick_action", "Tick action done"),
        Binding("r", "reload_all", "Reload"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="welcome")
        with Grid(id="cards"):
            yield StatCard("People\n–", id="card-people")
            yield StatCard("Active plans\n–", id="card-plans")
            yield StatCard("Open actions\n–", id="card-actions")
            yield StatCard("Sessions\n–", id="card-sessions")
        yield NextSessionsPanel()
        yield Static("", id="due")
        yield DuePlansPanel("", id="due-plans")
        yield StaleLabsPanel("", id="stale-labs")
        yield MyActionItems()
        yield GrowthPanel("", id="growth")
        yield Static(
            "Keys: ↑ ↓ pgup pgdn scroll · tab or space: my action items (space ticks one done) · 2 plans · 3 labs · "
            "4 check-ins · 5 calendar · 6 team · ctrl+p commands · ? help",
            id="hints",
        )

    def load_first(self) -> None:
        first = self.app.take_start_data() if hasattr(self.app, "take_start_data") else None
        if first is not None:  # read by the app while the store opened: shown in the first layout
            # (after the resumes queued behind this mount: the screen gives its focus first, so the
            # action items' table, filled later, does not scroll the Dashboard down to itself)
            self.call_later(self._show_start, *first)
            return
        self.resumed()

    def _show_start(self, data: Any, my_items: Any) -> None:
        self._show(data)
        self.query_one(MyActionItems).show_items(my_items)

    def resumed(self) -> None:
        super().resumed()
        for panel in self.query(MyActionItems):  # none when the app is closing during start-up
            panel.reload()

    _reloading = False  # r was pressed: the read that ends says so

    def action_reload_all(self) -> None:
        """Read every panel and my action items again (another program may have written)."""
        self._reloading = True
        self.set_status("Reloading…")
        self.resumed()

    def _said_done(self) -> str:
        """What the status line says once a read is shown: "Reloaded." after r, else nothing."""
        reloaded, self._reloading = self._reloading, False
        return "Reloaded." if reloaded else ""

    def shown_again(self) -> None:
        self.set_status(self._said_done())  # (nothing had changed: what is shown is what was read)

    def action_tick_action(self) -> None:
        if not self._actions_focused():
            # Never a tick of a row out of sight: space (or the command palette) first brings the
            # action items into view and focus; the next space ticks the row under the cursor.
            self.query_one("#my-actions", RecordTable).focus()
            self.set_status("My open action items: ↑ ↓ pick one, space ticks it done")
            return
        self.set_status("")
        self.query_one(MyActionItems).tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tick_action":  # with an item to tick
            return self.is_mounted and self.query_one(MyActionItems).can_tick()
        return True

    def _actions_focused(self) -> bool:
        return isinstance(self.focused, RecordTable) and self.focused.id == "my-actions"

    def fetch(self):
        return read_panels(self.app.settings)

    def show(self, data) -> None:
        summary, session_count, plans_due, stale, next_sessions, growth = data
        self.query_one("#growth", GrowthPanel).show_summary(growth)
        self.query_one("#due-plans", DuePlansPanel).show_plans(plans_due)
        self.query_one("#stale-labs", StaleLabsPanel).show(stale, config.stale_after_days(self.app.settings))
        self.query_one("#card-sessions", StatCard).update(f"Sessions\n[b]{session_count}[/b]")
        self.query_one(NextSessionsPanel).show(next_sessions)
        self._show_summary(summary)
        self.set_status(self._said_done())

    # A tick of my action item changes the counts only: read and shown without the other panels.
    @staticmethod
    def read_counts():
        """Runs in the tick's worker, on its connection."""
        from mentor_tui.db import dashboard

        return dashboard.summary(clock.today())

    def show_counts(self, summary) -> None:
        if self._shown is None:  # the first load has not come yet: it reads everything
            self.reload()
            return
        old = self._shown[0]
        self._shown = (summary, *self._shown[1:])  # a later reload compares with what is on screen
        self._show_summary(summary, old)

    def _show_summary(self, summary, old=None) -> None:
        """The summary's parts, those that differ from `old` (shown before) only: each update lays out again."""
        if old is None or (summary.me_name, summary.me_role) != (old.me_name, old.me_role):
            who = f"{summary.me_name} ({summary.me_role})" if summary.me_name else "not set yet"
            self.query_one("#welcome", Static).update(Content(f"Hello, {who}."))
        for card, label, count in (("people", "People", "people"), ("plans", "Active plans", "active_plans"),
                                   ("actions", "Open actions", "open_actions")):
            if old is None or getattr(summary, count) != getattr(old, count):
                self.query_one(f"#card-{card}", StatCard).update(f"{label}\n[b]{getattr(summary, count)}[/b]")
        if old is not None and summary.checkins_due == old.checkins_due:
            return
        if summary.checkins_due:
            lines = [
                f"  {d.mentee}: due {dates.show(d.due_on)}"
                + (f" (last {dates.show(d.last_held_on)})" if d.last_held_on else " (no check-in yet)")
                for d in summary.checkins_due
            ]
            body = "\n".join(lines)
        else:
            body = "  Nothing due. Press 4 to see check-ins."
        self.query_one("#due", Static).update(Content.from_markup("[b]Check-ins due[/b]\n$body", body=body))

    def action_my_growth(self) -> None:
        from mentor_tui.screens.person import my_growth

        self.app.push_screen(my_growth())
