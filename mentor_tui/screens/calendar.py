"""5 Calendar: upcoming knowledge-sharing sessions, computed from their rules."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from textual.binding import Binding

from mentor_tui import clock, dates, schema, timezones
from mentor_tui.db.sessions import Occurrence
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.section import TableSection, clip

REPEATS = [
    ("Once", "once"),
    ("Every week", "FREQ=WEEKLY"),
    ("Every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
    ("Every month", "FREQ=MONTHLY"),
]
DAYS_AHEAD = 60


class CalendarScreen(TableSection[Occurrence]):
    SUB_TITLE = "5 Calendar"
    EMPTY_TEXT = (
        "[b]Calendar[/b]\n\n"
        "The knowledge-sharing calendar: incident reviews, platform updates, tooling "
        "deep dives and PoC outcomes, weekly or every two weeks.\n\n"
        "Nothing scheduled in the next 60 days. Press [b]n[/b] to schedule a session."
    )
    COLUMNS = ("When", "Session", "Kind", "Presenter", "Length")
    BINDINGS = [Binding("n", "new_session", "New session")]

    def fetch(self):
        from mentor_tui.db import sessions

        upcoming = sessions.upcoming(clock.now(), days=DAYS_AHEAD, limit=self.PAGE_SIZE)
        return len(upcoming), upcoming

    def cells(self, row):
        return (
            dates.show_moment(row.starts_at),
            clip(row.title, 48),
            row.kind,
            row.presenter or "",
            f"{row.duration_minutes} min",
        )

    def show(self, data) -> None:
        super().show(data)
        zone = dt.datetime.now().astimezone().tzname()
        first = f"the first {self.total}" if self.total >= self.PAGE_SIZE else str(self.total)
        self.set_status(f"{first} occurrences in the next {DAYS_AHEAD} days · times in your zone ({zone})")

    def row_key(self, record) -> str:
        return f"{record.session_id}@{record.starts_at.isoformat()}"  # one row per occurrence

    def action_new_session(self) -> None:
        self.open_form_after(_roster, self._session_form, lambda session: f"Session “{session.title}” scheduled.")

    def _session_form(self, roster) -> FormScreen:
        from mentor_tui.db import sessions

        by_id = {p.id: p for p in roster}

        def save(values):
            hour, minute = _parse_time(values["time"])
            zone = values["timezone"]
            local = dt.datetime.combine(values["date"], dt.time(hour, minute), tzinfo=ZoneInfo(zone))
            return sessions.create_session(
                values["title"],
                values["kind"],
                local.astimezone(dt.UTC),
                values["duration"],
                None if values["repeats"] == "once" else values["repeats"],
                zone,
                by_id.get(values["presenter"]) if values["presenter"] else None,
                values["link"],
            )

        return FormScreen(
            "New session",
            [
                record_field("sessions", "title", "Title", placeholder="e.g. Incident review: November"),
                record_field("sessions", "kind", "Kind", default="incident-review"),
                Field("date", "Date", "date", required=True, default=clock.today()),
                Field("time", "Time (HH:MM, local)", required=True, default="16:00", check=_time_problem),
                Field("timezone", "Time zone", required=True, default=timezones.local_zone_name(),
                      check=lambda z: schema.value_problem(schema.KINDS["sessions"].field("timezone"), z)),
                record_field("sessions", "duration_minutes", "Length in minutes", key="duration", default=45),
                Field("repeats", "Repeats", "select", required=True, default="FREQ=WEEKLY;INTERVAL=2", options=REPEATS),
                Field("presenter", "Presenter", "select", options=[(p.name, p.id) for p in roster]),
                record_field("sessions", "link", "Link", placeholder="https://meet…"),
            ],
            save,
        )


def _roster():
    """Runs in a worker: the people who can present."""
    from mentor_tui.db import people

    return people.roster()


def _parse_time(text: str) -> tuple[int, int]:
    hour, _, minute = text.strip().partition(":")
    return int(hour), int(minute or 0)


def _time_problem(text: str) -> str | None:
    try:
        hour, minute = _parse_time(text)
    except ValueError:
        return f"expected a time like 16:00, got {text!r}"
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return f"expected a time like 16:00, got {text!r}"
    return None
