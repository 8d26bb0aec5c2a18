"""The calendar's forms: a new session, the whole series, one occurrence, the end of a series.

Times are typed as local time in the session's zone; one that does not exist there
(the hour skipped when clocks go forward) is refused with the reason, never moved
silently (series.local_start). Every value goes through the registry's checks and
the store's rules, as an import's do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from mentor_tui import clock, recurrence, schema, series, timezones
from mentor_tui.db.people import label
from mentor_tui.screens.form import Field, FormScreen, record_field

REPEATS = [
    ("Once", "once"),
    ("Every week", "FREQ=WEEKLY"),
    ("Every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
    ("Every month", "FREQ=MONTHLY"),
]
ALL_DAY = [("No, at a time", "no"), ("Yes, all day", "yes")]


_TIME = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?")  # 9, 09, 9:30, 09:30 ("9:3" would be a guess)


def parse_time(text: str) -> dt.time:
    """A time of day as typed: hours, or hours:minutes with two digits. Raises ValueError."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    return dt.time(int(match[1]), int(match[2] or 0))


def time_problem(text: str) -> str | None:
    try:
        parse_time(text)
    except ValueError:
        return f"expected a time like 16:00 or 9:30 (HH:MM), got {text!r}"
    return None


def _zone_problem(name: str) -> str | None:
    return schema.value_problem(schema.KINDS["sessions"].field("timezone"), name)


def _start(values: dict[str, Any]) -> tuple[dt.datetime, str | None, bool]:
    """(UTC start, zone, all day) from the form's date, time, zone and all-day fields."""
    if values.get("all_day") == "yes":
        return dt.datetime.combine(values["date"], dt.time(), tzinfo=dt.UTC), None, True
    zone = values["timezone"]
    return series.local_start(values["date"], parse_time(values["time"]), zone), zone, False


def _rule_refused_here(save: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
    """`save`, with the store's refusal of the rule said next to the field it came from (the
    custom rule when one is typed, else "Repeats": a preset is always a usable rule, but it may
    put an occurrence where another one was moved), and of the start next to the time (the
    date for an all-day session)."""

    def checked(values: dict[str, Any]) -> Any:
        try:
            return save(values)
        except schema.RecordError as exc:
            if exc.field == "rrule":
                field = "custom_rule" if (values.get("custom_rule") or "").strip() else "repeats"
            elif exc.field == "starts_at":
                field = "date" if values.get("all_day") == "yes" else "time"
            else:
                raise
            raise schema.RecordError(field, str(exc)) from None

    return checked


def _rule(values: dict[str, Any]) -> str | None:
    custom = (values.get("custom_rule") or "").strip()
    if custom:
        return custom.removeprefix("RRULE:")
    return None if values["repeats"] == "once" else values["repeats"]


def _series_fields(roster: Sequence[Any], *, title: str = "", kind: str = "incident-review", day: dt.date,
                   time: str = "16:00", zone: str | None = None, duration: int = 45, repeats: str = "FREQ=WEEKLY;INTERVAL=2",
                   presenter: int | None = None, link: str = "", notes: str = "", all_day: bool = False) -> list[Field]:
    options = list(REPEATS)
    if repeats not in {value for _label, value in options}:
        options.append((f"Keep: {repeats}", repeats))
    return [
        record_field("sessions", "title", "Title", default=title or None, placeholder="e.g. Incident review: November"),
        record_field("sessions", "kind", "Kind", default=kind),
        Field("date", "Date (of the first session)", "date", required=True, default=day),
        Field("time", "Time (HH:MM, in the time zone below)", required=True, default=time, check=time_problem),
        Field("timezone", "Time zone", required=True, default=zone or timezones.local_zone_name(), check=_zone_problem),
        Field("all_day", "All day", "select", required=True, default="yes" if all_day else "no", options=ALL_DAY),
        record_field("sessions", "duration_minutes", "Length in minutes", key="duration", default=duration),
        Field("repeats", "Repeats", "select", required=True, default=repeats, options=options),
        Field("custom_rule", "Or a rule of your own (RFC 5545, e.g. FREQ=MONTHLY;BYDAY=1TH)", default=""),
        Field("presenter", "Presenter", "select", default=presenter, options=[(label(p), p.id) for p in roster]),
        record_field("sessions", "link", "Link", default=link or None, placeholder="https://meet…"),
        record_field("sessions", "notes", "Notes (Markdown; go into an .ics export as its description)",
                     default=notes or None),
    ]


def new_session_form(roster: Sequence[Any], day: dt.date | None = None) -> FormScreen:
    from mentor_tui.db import sessions

    by_id = {p.id: p for p in roster}

    def save(values: dict[str, Any]):
        starts_at, zone, all_day = _start(values)
        return sessions.create_session(
            values["title"], values["kind"], starts_at, values["duration"], _rule(values), zone,
            by_id.get(values["presenter"]) if values["presenter"] else None, values["link"], values["notes"] or "",
            all_day=all_day,
        )

    return FormScreen("New session", _series_fields(roster, day=day or clock.today()), _rule_refused_here(save))


def series_form(roster: Sequence[Any], view: Any) -> FormScreen:
    """Edit the whole series of `view` (an occurrences.SessionView)."""
    from mentor_tui.db import session_edits

    zone = view.timezone
    local = view.first_start.astimezone(recurrence.zone(zone))

    def save(values: dict[str, Any]):
        starts_at, new_zone, all_day = _start(values)
        return session_edits.update_series(view.session_id, session_edits.SeriesValues(
            values["title"], values["kind"], starts_at, values["duration"], _rule(values), new_zone,
            values["presenter"] or None, values["link"], values["notes"] or "", all_day,
        ))

    fields = _series_fields(
        roster, title=view.title, kind=view.kind, day=local.date(), time=f"{local:%H:%M}", zone=zone or "UTC",
        duration=view.duration_minutes, repeats=view.rrule or "once", presenter=view.presenter_id,
        link=view.link or "", notes=view.notes, all_day=view.all_day,
    )
    return FormScreen("Edit the whole series", fields, _rule_refused_here(save),
                      intro="Every occurrence changes; cancelled and annotated ones keep their day.",
                      guard=("Session", view.session_id))


def occurrence_form(view: Any) -> FormScreen:
    """Edit one occurrence only: where it happens and its notes."""
    from mentor_tui.db import session_edits

    zone = view.timezone
    local = view.starts_at.astimezone(recurrence.zone(zone))

    def save(values: dict[str, Any]):
        if view.all_day:
            starts_at = dt.datetime.combine(values["date"], dt.time(), tzinfo=dt.UTC)
        else:
            starts_at = series.local_start(values["date"], parse_time(values["time"]), zone)
        session_edits.edit_occurrence(view.session_id, view.original, starts_at, values["notes"] or "")
        return starts_at

    fields = [
        Field("date", "Date", "date", required=True, default=local.date()),
        Field("time", f"Time (HH:MM, {zone or 'UTC'})", required=True, default=f"{local:%H:%M}", check=time_problem),
        record_field("occurrences", "notes", "Notes of this occurrence (never in an .ics export)",
                     default=view.occurrence_notes or None),
    ]
    if view.all_day:
        fields.pop(1)
    when = local.strftime("%A %Y-%m-%d %H:%M")
    return FormScreen(f"This occurrence only ({when})", fields, save,
                      intro="Moving it changes this one occurrence; the series stays as it is.")


def end_series_form(view: Any) -> FormScreen:
    from mentor_tui.db import session_edits

    def save(values: dict[str, Any]):
        return session_edits.end_series(view.session_id, values["last_day"])

    # today, or the first session's day when the series has not begun (a day before it is refused)
    first_day = view.first_start.astimezone(recurrence.zone(view.timezone)).date()
    fields = [Field("last_day", "Last day of the series", "date", required=True,
                    default=max(clock.today(), first_day))]
    return FormScreen("End the series", fields, save, save_label="End series",
                      intro="Occurrences after this day are no longer scheduled; everything before it is kept.")
