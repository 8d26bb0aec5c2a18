"""`P` on Team: the program's health over time, per month or per quarter (`t` switches).

What changed in who holds what since the first period shown, then one sparkline per
figure (single points of knowledge, silos, check-ins held against those due, action
items closed, sessions and attendance, incidents, new on-call ladder steps, kudos,
feedback) and per competency's bus factor, then the figures per period in a table.
The view shows the last 12 months or 8 quarters, from the program's start at the
earliest (`db/program_health.py`). Two workers: everything but the sessions first
(tens of milliseconds), then the sessions, whose occurrences come from their rules
(about a second on a large calendar): until then their rows say "computing…".
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from mentor_tui import clock, config
from mentor_tui.db.program_figures import FIGURES, series
from mentor_tui.screens.store_work import deliver, failure_reason
from mentor_tui.vocabulary import INCIDENT_ROLES
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.trend_rows import TrendRow, TrendRows

GRAIN_WORDS = {"month": "per month", "quarter": "per quarter"}
NOTHING_YET = Content.assemble(
    ("Nothing recorded yet.", "bold"),
    " The figures come from what the app already keeps: rate people's skills (enter on a person in Team), "
    "record check-ins (4), hold sessions and take attendance (5), log incidents, kudos and program feedback. "
    "Every month then shows here.",
)
INCIDENT_ROLE_WORDS = {"shadow": "Shadow", "secondary": "Secondary", "primary": "Primary",
                       "incident-commander": "Incident commander", "scribe": "Scribe", "comms": "Comms"}


class ProgramScreen(Screen[None]):
    TITLE = "mentor-tui"
    SUB_TITLE = "6 Team › Program health"
    CSS_PATH = "program.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("t", "toggle_grain", "Month / quarter"),
        Binding("r", "reload", "Reload"),
    ]
    HELP_NOTES = [
        ("Periods", "the last 12 months or 8 quarters, from when the program started; the last one to today"),
        ("Bus factor", "per competency, active people at level 4+ at the period's end (as in Team)"),
        ("Single points", "competencies held by one person or nobody; silos: 2+ holders, all of one team"),
        ("Check-ins due", "one every cadence from a mentorship's start, until it ends"),
        ("Ladder steps", "someone on call as shadow, secondary, primary or incident commander for the first time"),
        ("What changed", "who held what the day before the first period, against the last day"),
        ("Sparklines", "scaled from the lowest to the highest value shown; nothing to average counts as 0"),
    ]

    health: Any = None
    nothing_yet = False  # no record of the program at all: say what makes the figures

    def __init__(self, grain: str = "month") -> None:
        super().__init__()
        self.grain = grain

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with VerticalScroll(id="program-body"):
            yield Static("Computing the program's health…", id="program-intro")
            yield Static("", id="program-changes")
            yield Static(Content.styled("Trends", "bold"), classes="program-heading")
            yield TrendRows(id="program-trends")
            yield Static(Content.styled("Bus factor per competency", "bold"), id="program-bus-heading",
                         classes="program-heading")
            yield TrendRows(id="program-bus")
            yield Static(Content.assemble(("Per period", "bold"), ("  tab: the table, ← → scroll it", "$text-muted")),
                         classes="program-heading")
            yield DataTable(id="program-table", cursor_type="none", zebra_stripes=True)
            yield Static(Content.styled("Incidents by role per period", "bold"), classes="program-heading")
            yield DataTable(id="program-incidents", cursor_type="none", zebra_stripes=True)
        yield Static("", id="program-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#program-body").focus()
        self.call_after_refresh(self.reload)  # the view first, "computing…" on it; then the work

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        self.reload()

    def action_toggle_grain(self) -> None:
        self.grain = "quarter" if self.grain == "month" else "month"
        self.reload()

    def set_status(self, text: str) -> None:
        self.query_one("#program-status", Static).update(Content(text))

    def reload(self) -> None:
        self.set_status(f"Computing the program's health {GRAIN_WORDS[self.grain]}…")
        months = config.bus_factor_months(getattr(self.app, "settings", {}))
        self._load(self.grain, months)

    @work(thread=True, exclusive=True, group="program-load")
    def _load(self, grain: str, months: int) -> None:
        from mentor_tui.db import database, program_health

        try:
            with database.worker_connection():
                today = clock.today()
                started = program_health.program_start()
                since = program_health.recent_since(today, grain)
                health = program_health.program_health(since, today, grain, months, count_sessions=False)
        except Exception as exc:
            deliver(self, self.set_status, f"Could not read the database: {failure_reason(exc)}. Press r to try again.")
            return
        deliver(self, self._loaded, health, started is None)

    @work(thread=True, exclusive=True, group="program-sessions")
    def _count_sessions(self, health: Any) -> None:
        from mentor_tui.db import database, program_sessions

        try:
            with database.worker_connection():
                figures = program_sessions.session_figures([p.period for p in health.periods])
        except Exception as exc:
            deliver(self, self.set_status, f"Could not count the sessions: {failure_reason(exc)}. Press r to try again.")
            return
        deliver(self, self._show, health.with_sessions(figures))

    def _loaded(self, health: Any, nothing_yet: bool) -> None:
        self.nothing_yet = nothing_yet
        self._show(health)

    def _show(self, health: Any) -> None:
        if health.grain != self.grain:
            return  # switched meanwhile: the newer load is on its way
        self.health = health
        first, last = health.periods[0].period, health.periods[-1].period
        span = first.label if first is last else f"{first.label} to {last.label}"
        self.query_one("#program-intro", Static).update(Content.assemble(
            (f"Program health {GRAIN_WORDS[health.grain]}", "bold"),
            f" · {span} (to {health.until.isoformat()})",
            (f" · t: {'per quarter' if health.grain == 'month' else 'per month'}", "$text-muted"),
        ))
        self.query_one("#program-bus-heading", Static).update(Content.assemble(
            ("Bus factor per competency", "bold"),
            (f"  people at level 4+ (rated within {health.months} months) at each period's end", "$text-muted"),
        ))
        self.query_one("#program-changes", Static).update(NOTHING_YET if self.nothing_yet else changes_text(health))
        width = min(2 * len(health.periods), 24)
        self.query_one("#program-trends", TrendRows).show(trend_rows(health), width)
        self.query_one("#program-bus", TrendRows).show(bus_factor_rows(health), width)
        self._show_table(health)
        if health.sessions_counted:
            self.set_status(f"{len(health.periods)} {health.grain}s · esc: back to Team")
        else:
            self.set_status("Counting the sessions held (from their calendar rules)…")
            # after the figures are painted: the count holds the GIL for a while
            self.call_after_refresh(self._count_sessions, health)

    def _show_table(self, health: Any) -> None:
        table = self.query_one("#program-table", DataTable)
        table.clear(columns=True)
        table.add_columns("Period", *(f.column for f in FIGURES))
        for p in reversed(health.periods):  # the latest first
            cells = ["…" if f.needs_sessions and p.sessions is None else
                     str(p.activity.incident_count) if f.key == "incidents" else f.text(p) for f in FIGURES]
            table.add_row(period_label(p), *cells)
        roles = self.query_one("#program-incidents", DataTable)
        roles.clear(columns=True)
        roles.add_columns("Period", *(INCIDENT_ROLE_WORDS[r] for r in INCIDENT_ROLES), "New ladder steps")
        for p in reversed(health.periods):
            roles.add_row(period_label(p), *(str(p.activity.incidents.get(r, 0)) for r in INCIDENT_ROLES),
                          str(p.activity.ladder_steps))


def period_label(p: Any) -> str:
    return p.period.label + ("*" if p.period.partial else "")


def trend_rows(health: Any) -> list[TrendRow]:
    """One row per figure: its sparkline over the periods, the latest value and the first one."""
    first, last = health.periods[0], health.periods[-1]
    rows = []
    for figure in FIGURES:
        if figure.needs_sessions and not health.sessions_counted:
            rows.append(TrendRow(figure.label, [], Content.styled("computing…", "$text-muted italic"),
                                 figure.lower_is_better))
            continue
        value = Content.assemble(
            (figure.text(last), "bold"),
            (f"  was {figure.text(first)} in {first.period.label}" if first is not last else "", "$text-muted"),
        )
        rows.append(TrendRow(figure.label, series(figure, health.periods), value, figure.lower_is_better))
    return rows


def bus_factor_rows(health: Any) -> list[TrendRow]:
    """One row per competency: how many hold it at each period's end."""
    rows = []
    for index, comp in enumerate(health.competencies):
        counts = [float(p.bus_factors[index].count) for p in health.periods]
        last = health.periods[-1].bus_factors[index]
        value = Content.assemble(
            (str(last.count), "bold $error" if last.flagged else "bold"),
            (f"  was {int(counts[0])} in {health.periods[0].period.label}", "$text-muted"),
            ("  silo" if last.silo else "", "$warning"),
        )
        rows.append(TrendRow(comp.name, counts, value))
    return rows


def changes_text(health: Any) -> Content:
    """The what-changed sentences (user names inside: assembled, never read as markup)."""
    parts: list[Any] = [
        (f"What changed since {health.since.isoformat()}", "bold"),
        (f"  held by one person or nobody {health.single_points_before} → {health.single_points_now}, "
         f"silos {health.silos_before} → {health.silos_now}\n", "$text-muted"),
    ]
    if not health.changes:
        parts.append(("No change in who holds what.", "$text-muted"))
    for change in health.improved:
        parts += [("▲ ", "bold $success"), change.text, "\n"]
    for change in health.worse:
        parts += [("▼ ", "bold $error"), change.text, "\n"]
    return Content.assemble(*parts).rstrip()
