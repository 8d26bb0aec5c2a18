"""5 Calendar: the knowledge-sharing sessions as an agenda or a month (tab switches).

The agenda lists upcoming occurrences (p: the past ones), cancelled ones marked.
The month shows a grid with today marked and the number of sessions on each
day; the arrows move the day, [ ] and pgup/pgdn change month, t goes to today,
enter lists the day's sessions below the grid (enter again opens one) and n
schedules a session on the selected day. E writes an .ics file, I reads one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.db.occurrences import Entry
from mentor_tui.screens.section import TableSection, clip
from mentor_tui.widgets.month_grid import MonthGrid, add_months, grid_days
from mentor_tui.widgets.record_table import RecordTable, TableRow
from mentor_tui.words import plural

DAYS = 60
DAY_KEYS = Binding.Group("Day", compact=True)
MONTH_KEYS = Binding.Group("Month", compact=True)
MONTH_ONLY = {"move_day", "change_month", "today", "back_to_month"}
EMPTY_AGENDA = (
    "[b]Calendar[/b]\n\n"
    "The knowledge-sharing calendar: incident reviews, platform updates, tooling "
    "deep dives and PoC outcomes, weekly or every two weeks.\n\n"
    "Nothing scheduled in the next 60 days. Press [b]n[/b] to schedule a session, "
    "[b]tab[/b] for the month, [b]I[/b] to import an .ics file."
)


@dataclass(frozen=True)
class CalendarData:
    agenda: list[Entry] | None  # None: the month is shown
    past: bool
    month: dt.date  # a day of the month shown
    month_entries: list[Entry] | None  # every occurrence of the grid's six weeks, cancelled ones marked


def _state(entry: Entry) -> Text:
    if entry.cancelled:
        return Text("cancelled", style="bold red")
    return Text("moved", style="yellow") if entry.moved else Text("")


def _when(entry: Entry) -> str:
    if entry.all_day:
        return f"{dates.show(entry.day())} all day"
    return dates.show_moment(entry.starts_at)


def _title(entry: Entry, width: int = 48) -> Text:
    return Text(clip(entry.title, width), style="strike dim" if entry.cancelled else "")


def _presenter(entry: Entry, width: int) -> Text | str:
    """Dim when they left the program (the name says "(archived)" too): a mark a narrow column's cut keeps."""
    name = clip(entry.presenter or "", width)
    return Text(name, style="dim") if entry.presenter_archived else name


class CalendarScreen(TableSection[Entry]):
    SUB_TITLE = "5 Calendar"
    # Status beside the title: "cancelled" stays in sight at 80 columns, where the last columns are not
    COLUMNS = ("When", "Session", "Status", "Kind", "Presenter", "Length")
    BINDINGS = [
        Binding("tab", "toggle_view", "Month/agenda"),
        Binding("enter", "open", "Open"),
        Binding("n", "new_session", "New session"),
        Binding("p", "toggle_past", "Past/upcoming"),
        Binding("left", "move_day(-1)", "Day before", key_display="←", group=DAY_KEYS),
        Binding("right", "move_day(1)", "Day after", key_display="→", group=DAY_KEYS),
        Binding("up", "move_day(-7)", "Week before", key_display="↑", group=DAY_KEYS),
        Binding("down", "move_day(7)", "Week after", key_display="↓", group=DAY_KEYS),
        Binding("left_square_bracket", "change_month(-1)", "Month before", key_display="[", group=MONTH_KEYS),
        Binding("right_square_bracket", "change_month(1)", "Month after", key_display="]", group=MONTH_KEYS),
        Binding("pageup", "change_month(-1)", "Month before", show=False),
        Binding("pagedown", "change_month(1)", "Month after", show=False),
        Binding("t", "today", "Today"),
        Binding("escape", "back_to_month", "Back to the month"),
        Binding("E", "export_ics", "Export .ics"),
        Binding("I", "import_ics", "Import .ics"),
    ]

    view = "agenda"
    past = False
    month_entries: list[Entry] = []

    def __init__(self) -> None:
        super().__init__()
        self.selected = clock.today()

    def compose_body(self) -> ComposeResult:
        with Vertical(id="agenda"):
            yield Static(EMPTY_AGENDA, id="agenda-empty", classes="-hidden")
            yield RecordTable(id="table", zebra_stripes=True)
        with Vertical(id="month", classes="-hidden"):
            yield MonthGrid(clock.today(), id="grid")
            yield Static("", id="day-title")
            yield RecordTable(id="day-table")

    def on_mount(self) -> None:
        # TableSection.on_mount (the agenda's columns) runs too: Textual calls each class's own
        # on_mount, so calling it here as well gave the agenda its six columns twice.
        for day in self.query("#day-table").results(RecordTable):  # (none: the app closed as it was built)
            day.add_columns("When", "Session", "Status", "Kind", "Presenter")

    # Loading ---------------------------------------------------------------------

    def fetch(self) -> CalendarData:
        """Only what the view shown needs: the agenda's window, or the month grid's six weeks."""
        from mentor_tui.db import occurrences

        past, selected, now = self.past, self.selected, clock.now()
        if self.view == "month":
            weeks = grid_days(selected)
            local = dt.datetime.now().astimezone().tzinfo
            # a day more on each side: an all-day session counts on its own date whatever the zone
            start = dt.datetime.combine(weeks[0][0], dt.time(), tzinfo=local).astimezone(dt.UTC) - dt.timedelta(days=1)
            end = dt.datetime.combine(weeks[-1][-1], dt.time(), tzinfo=local).astimezone(dt.UTC) + dt.timedelta(days=2)
            return CalendarData(None, past, selected, occurrences.window(start, end, with_cancelled=True))
        return CalendarData(occurrences.agenda(now, past=past, days=DAYS, limit=self.PAGE_SIZE), past, selected, None)

    def is_empty(self, data: Any) -> bool:
        return False

    def show(self, data: CalendarData) -> None:
        self._show_view("agenda" if data.agenda is not None else "month")
        if data.agenda is not None:
            self.total = self.loaded = len(data.agenda)  # one page, read whole: nothing more to load
            self.show_rows([self.table_row(e) for e in data.agenda])
            self.query_one("#agenda-empty").set_class(bool(data.agenda) or data.past, "-hidden")
            self.query_one("#table").set_class(not data.agenda and not data.past, "-hidden")
        if data.month_entries is not None:
            self.month_entries = data.month_entries
            self._show_month()
        self._say()
        self.refresh_bindings()

    def cells(self, row: Entry) -> tuple:
        length = "all day" if row.all_day else f"{row.duration_minutes} min"
        width, kind, presenter = self.row_layout()
        return (_when(row), _title(row, width), _state(row), clip(row.kind, kind), _presenter(row, presenter), length)

    def _clips(self, fixed: int, columns: int | None = None) -> tuple[int, ...]:
        """Title, kind and presenter share what When, Status (and Length: 32 cells) leave: the
        title gives way first, down to 12 cells; then all three in proportion (at 80 columns the
        title's 48 pushed Kind and Presenter past the edge)."""
        room = self.text_room(fixed, columns)
        if room >= 12 + 17 + 20:  # "tooling-deep-dive" is the longest kind
            return min(48, room - 17 - 20), 17, 20
        return self.text_widths(fixed, (48, 17, 20), (12, 6, 9), columns)

    def row_layout(self) -> tuple[int, ...]:
        """The agenda's clips for the terminal's width: a resize that changes them shows its rows again."""
        return self._clips(32)

    def row_key(self, record: Entry) -> str:
        return f"{record.session_id}@{record.original.isoformat()}"  # one row per occurrence

    def _say(self) -> None:
        zone = dt.datetime.now().astimezone().tzname()
        if self.view == "month":
            count = sum(1 for e in self.month_entries if not e.cancelled and e.day().month == self.selected.month
                        and e.day().year == self.selected.year)
            self.set_status(f"{self.selected:%B %Y}: {plural(count, 'session')} · times in your zone ({zone})")
            return
        first = f"the first {self.total}" if self.total >= self.PAGE_SIZE else str(self.total)
        when = f"in the last {DAYS} days, latest first" if self.past else f"in the next {DAYS} days"
        self.set_status(f"{first} occurrences {when} · p: {'upcoming' if self.past else 'past'} ones · times in your zone ({zone})")

    # The month ---------------------------------------------------------------------

    def _show_month(self) -> None:
        counts = Counter(e.day() for e in self.month_entries if not e.cancelled)
        cancelled = Counter(e.day() for e in self.month_entries if e.cancelled)
        self.query_one("#grid", MonthGrid).show(self.selected, dict(counts), dict(cancelled))
        day_entries = [e for e in self.month_entries if e.day() == self.selected]
        title = f"{self.selected:%A} {dates.show(self.selected)}"
        if not day_entries:
            title += ": no sessions · n schedules one on this day"
        else:
            title += f": {plural(len(day_entries), 'session')} · enter lists them, enter again opens one"
        self.query_one("#day-title", Static).update(Content(title))
        width, kind, presenter = self._clips(25, columns=5)  # (no Length column)
        rows = [TableRow(self.row_key(e), e, (_when(e), _title(e, width), _state(e), clip(e.kind, kind),
                                              _presenter(e, presenter)))
                for e in day_entries]
        self.query_one("#day-table", RecordTable).show_rows(rows)

    def _select(self, day: dt.date) -> None:
        same_month = (day.year, day.month) == (self.selected.year, self.selected.month)
        self.selected = day
        if same_month:
            self._show_month()
            self._say()
        else:
            self.reload()

    def action_move_day(self, days: int) -> None:
        self.query_one("#grid").focus()
        self._select(self.selected + dt.timedelta(days=days))

    def action_change_month(self, months: int) -> None:
        self._select(add_months(self.selected, months))

    def action_today(self) -> None:
        self._select(clock.today())

    def action_back_to_month(self) -> None:
        self.query_one("#grid").focus()

    # Switching and opening -----------------------------------------------------------

    def action_toggle_view(self) -> None:
        # The other view is shown once its data is read (show): not drawn empty first, then again.
        self.view = "month" if self.view == "agenda" else "agenda"
        self.reload()

    def _show_view(self, view: str) -> None:
        if self.query_one("#month").has_class("-hidden") == (view == "month"):
            self.query_one("#agenda").set_class(view != "agenda", "-hidden")
            self.query_one("#month").set_class(view != "month", "-hidden")
            self.query_one("#grid" if view == "month" else "#table").focus()

    def action_toggle_past(self) -> None:
        self.past = not self.past
        self.reload()

    def _day_table_focused(self) -> bool:
        return self.focused is self.query_one("#day-table")

    def action_open(self) -> None:
        if self.view == "agenda":
            self.table.open_highlighted()
            return
        day_table = self.query_one("#day-table", RecordTable)
        if self._day_table_focused():
            day_table.open_highlighted()
        elif day_table.row_count:
            day_table.focus()
        else:
            self.notify("No sessions on this day: n schedules one.")

    def open_record(self, record: Entry) -> None:
        from mentor_tui.screens.session_view import SessionScreen

        self.app.push_screen(SessionScreen(record.session_id, record.original))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            month = self.view == "month"
            if action in MONTH_ONLY:
                if action == "back_to_month":
                    return month and self._day_table_focused()
                if action == "move_day" and month and self._day_table_focused():
                    return False  # the arrows move in the day's list
                return month
            if action == "toggle_past":
                return not month
            if action == "open":
                return (self.highlighted() is not None) if not month else True
        except NoMatches:  # not composed yet
            return False
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # New session, .ics ---------------------------------------------------------------

    def action_new_session(self) -> None:
        from mentor_tui.screens.session_forms import new_session_form

        day = self.selected if self.view == "month" else clock.today()
        self.open_form_after(_roster, lambda roster: new_session_form(roster, day),
                             lambda session: f"Session “{session.title}” scheduled.")

    def action_export_ics(self) -> None:
        from mentor_tui.screens.ics_dialogs import IcsExportDialog

        self.app.push_screen(IcsExportDialog())

    def action_import_ics(self) -> None:
        from mentor_tui.screens.ics_dialogs import IcsImportDialog

        def done(changed: bool | None) -> None:
            if changed:
                self.reload()

        self.app.push_screen(IcsImportDialog(), done)


def _roster():
    """Runs in a worker: the people who can present."""
    from mentor_tui.db import people

    return people.roster()
