"""A month as a grid of weeks (Monday first): today marked, the selected day
highlighted, and on each day the number of sessions it holds.

The widget only draws; the screen that holds it moves the selected day (its keys
are the screen's, so they show in the key bar and in `?` help).
"""

from __future__ import annotations

import calendar
import datetime as dt

from textual.content import Content
from textual.widget import Widget

CELL = 9  # characters per day
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def grid_days(month: dt.date) -> list[list[dt.date]]:
    """The weeks (Monday to Sunday) that show `month`: always six, so the grid keeps its height."""
    first = month.replace(day=1)
    start = first - dt.timedelta(days=first.weekday())
    return [[start + dt.timedelta(days=7 * w + d) for d in range(7)] for w in range(6)]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), on the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


class MonthGrid(Widget, can_focus=True):
    """The month of `selected`, with `counts` (day -> sessions) and `today` marked."""

    DEFAULT_CSS = """
    MonthGrid { height: 11; width: auto; min-width: 65; padding: 0 1; text-wrap: nowrap; }
    MonthGrid:focus { background-tint: $foreground 4%; }
    """

    def __init__(self, today: dt.date, **kwargs) -> None:
        super().__init__(**kwargs)
        self.today = today
        self.selected = today
        self.counts: dict[dt.date, int] = {}
        self.cancelled: dict[dt.date, int] = {}

    def show(self, selected: dt.date, counts: dict[dt.date, int], cancelled: dict[dt.date, int] | None = None) -> None:
        self.selected = selected
        self.counts = counts
        self.cancelled = cancelled or {}
        self.refresh()

    def first_shown(self) -> dt.date:
        return grid_days(self.selected)[0][0]

    def last_shown(self) -> dt.date:
        return grid_days(self.selected)[-1][-1]

    def _cell(self, day: dt.date) -> Content:
        count = self.counts.get(day, 0)
        mark = f"●{count}" if count else ("×" if self.cancelled.get(day) else "")
        text = f" {day.day:>2} {mark:<3}".ljust(CELL)
        style = ""
        if day.month != self.selected.month:
            style = "dim"
        elif count:
            style = "bold $accent"
        if day == self.today:
            text = f"[{day.day:>2}]{mark:<3}".ljust(CELL)
            style = "bold underline $warning"
        if day == self.selected:
            style = f"{style} reverse".strip()
        return Content.styled(text, style) if style else Content(text)

    def render(self) -> Content:
        title = self.selected.strftime("%B %Y")
        lines = [Content.styled(title.center(CELL * 7), "bold"), Content("")]
        lines.append(Content.styled("".join(f" {name:<{CELL - 1}}" for name in WEEKDAYS), "$text-muted"))
        for week in grid_days(self.selected):
            lines.append(Content("").join(self._cell(day) for day in week))
        legend = "●n sessions that day · × only cancelled ones · [ ] today"
        lines.append(Content(""))
        lines.append(Content.styled(legend, "$text-muted"))
        return Content("\n").join(lines)
