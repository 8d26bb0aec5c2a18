"""1 Dashboard: real counts from the store and what needs attention next."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.screens.section import SectionScreen
from mentor_tui.widgets.growth_panel import GrowthPanel


class StatCard(Static):
    """One count on the Dashboard (styled in sections.tcss)."""


class DashboardScreen(SectionScreen):
    SUB_TITLE = "1 Dashboard"


    def compose_body(self) -> ComposeResult:
        yield Static("", id="welcome")
        with Grid(id="cards"):
            yield StatCard("People\n–", id="card-people")
            yield StatCard("Active plans\n–", id="card-plans")
            yield StatCard("Open actions\n–", id="card-actions")
            yield StatCard("Sessions\n–", id="card-sessions")
        yield Static("", id="next")
        yield Static("", id="due")
        yield GrowthPanel("", id="growth")
        yield Static(
            "Keys: 2 plans · 3 labs · 4 check-ins · 5 calendar · 6 team · ctrl+p commands · ? help",
            id="hints",
        )

    def fetch(self):
        from mentor_tui import config
        from mentor_tui.db import dashboard, growth_summary, sessions

        months = config.bus_factor_months(getattr(self.app, "settings", {}))
        return (dashboard.summary(clock.now(), clock.today()), sessions.count(),
                growth_summary.growth_summary(clock.today(), months))

    def show(self, data) -> None:
        summary, session_count, growth = data
        self.query_one("#growth", GrowthPanel).show_summary(growth)
        who = f"{summary.me_name} ({summary.me_role})" if summary.me_name else "not set yet"
        self.query_one("#welcome", Static).update(Content(f"Hello, {who}."))
        self.query_one("#card-people", StatCard).update(f"People\n[b]{summary.people}[/b]")
        self.query_one("#card-plans", StatCard).update(f"Active plans\n[b]{summary.active_plans}[/b]")
        self.query_one("#card-actions", StatCard).update(f"Open actions\n[b]{summary.open_actions}[/b]")
        self.query_one("#card-sessions", StatCard).update(f"Sessions\n[b]{session_count}[/b]")
        nxt = summary.next_session
        if nxt is None:
            line = "None scheduled. Press 5, then n, to schedule one."
        else:
            presenter = f" · {nxt.presenter}" if nxt.presenter else ""
            line = f"{dates.show_moment(nxt.starts_at)}  {nxt.title} ({nxt.kind}){presenter}"
        self.query_one("#next", Static).update(Content.from_markup("[b]Next session[/b]\n  $line", line=line))
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
        self.set_status("")
