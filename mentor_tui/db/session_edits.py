"""Changing the calendar: one occurrence (cancel, restore, move, notes, attendance), the
whole series (edit, end, delete) and the incidents whose lessons a session presented.

Every value goes through the record-kind registry (schema.check) and the recurrence
engine, as on every other path. An occurrence is named by where its rule puts it
(`original`, UTC); a change to it keeps a SessionOccurrence row for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from mentor_tui import recurrence, schema, series
from mentor_tui.db.models import (
    Attendance,
    Incident,
    Person,
    Session,
    SessionOccurrence,
    database_proxy,
    objects,
)
from mentor_tui.db.occurrences import moves_by_session, occurrence_row
from mentor_tui.db.people import shown_name
from mentor_tui.words import plural

UTC = dt.UTC


class SessionGone(ValueError):
    def __init__(self) -> None:
        super().__init__("this session is not here anymore (deleted, or replaced by an import)")


def _session(session_id: int) -> Session:
    session = Session.get_or_none(Session.id == session_id)
    if session is None:
        raise SessionGone()
    return session


def _check_occurrence(session: Session, original: dt.datetime) -> None:
    found = recurrence.occurrences(
        session.starts_at, session.timezone, session.rrule, (), original, original + dt.timedelta(seconds=1)
    )
    if next(found, None) is None:
        raise ValueError("the series has no occurrence at that time anymore (its rule was changed)")


def _row(session: Session, original: dt.datetime) -> SessionOccurrence:
    row = occurrence_row(session.id, original)
    if row is None:
        row = SessionOccurrence.create(session=session, starts_at=original, notes="")
    return row


def cancel_occurrence(session_id: int, original: dt.datetime) -> int:
    """Cancel one occurrence (an exception date); its notes are kept, its attendance goes (nobody
    attends a cancelled one: the screen asks first). Returns how many attendees went."""
    with database_proxy.atomic("IMMEDIATE"):
        session = _session(session_id)
        _check_occurrence(session, original)
        session.exdates = (*session.exdates, original)
        session.save()
        row = occurrence_row(session.id, original)
        if row is None:
            return 0
        return int(Attendance.delete().where(Attendance.occurrence == row.id).execute())


def restore_occurrence(session_id: int, original: dt.datetime) -> None:
    """Undo a cancellation."""
    with database_proxy.atomic("IMMEDIATE"):
        session = _session(session_id)
        session.exdates = tuple(m for m in session.exdates if m != original.astimezone(UTC))
        if session.rrule:  # back where it happens (moved or not), unless another one took that time meanwhile
            row = occurrence_row(session.id, original)
            _check_free(session, original, row.moved_to if row is not None and row.moved_to else original)
        session.save()


def edit_occurrence(session_id: int, original: dt.datetime, starts_at: dt.datetime | None, notes: str) -> None:
    """This occurrence only: where it happens (None or `original`: where the rule puts it) and its notes.

    For a session that happens once, moving its one occurrence moves the session."""
    schema.check("occurrences", {"starts_at": original, "notes": notes or "", "attendees": [],
                                 "moved_to": starts_at})
    with database_proxy.atomic("IMMEDIATE"):
        session = _session(session_id)
        _check_occurrence(session, original)
        row = _row(session, original)
        row.notes = notes or ""
        if not session.rrule and starts_at is not None and starts_at != original:
            # a session that happens once simply happens at the new time (an .ics writes it so)
            if occurrence_row(session.id, starts_at) is not None:
                raise ValueError("this session has notes at that time already")
            session.starts_at = starts_at
            session.exdates = tuple(starts_at if m == original else m for m in session.exdates)
            session.save()
            row.starts_at, row.moved_to = starts_at, None
        else:
            row.moved_to = None if starts_at is None or starts_at == original else starts_at
            if original.astimezone(UTC) not in session.exdates:  # (a cancelled one happens nowhere)
                _check_free(session, original, row.moved_to or original)
        row.save()


def _check_free(session: Session, original: dt.datetime, moved_to: dt.datetime) -> None:
    """No other occurrence of the series happens at `moved_to` (one moved there, or one the
    rule puts there and that is not cancelled): the calendar would show the time twice."""
    moved = {**moves_by_session([session.id]).get(session.id, {}), original: moved_to}
    if series.starts_twice(session.starts_at, session.timezone, session.rrule, session.exdates, moved, moved_to):
        raise ValueError("another occurrence of this series happens at that time already: "
                         "pick another time, or edit that one")


def set_attendance(session_id: int, original: dt.datetime, person_ids: Iterable[int]) -> int:
    """Who attended this occurrence: exactly `person_ids`. Returns how many."""
    wanted = set(person_ids)
    with database_proxy.atomic("IMMEDIATE"):
        session = _session(session_id)
        _check_occurrence(session, original)
        if wanted and original.astimezone(UTC) in session.exdates:  # (clearing it is fine)
            raise ValueError("this occurrence is cancelled: nobody attended it (restore it first)")
        known = {p.id for p in Person.select(Person.id).where(Person.id.in_(list(wanted)))} if wanted else set()
        if known != wanted:
            raise ValueError("a ticked person is not here anymore: open the list again")
        row = _row(session, original)
        Attendance.delete().where(Attendance.occurrence == row.id).execute()
        for person_id in sorted(wanted):
            Attendance.create(occurrence=row, person=person_id)
    return len(wanted)


# ---------------------------------------------------------------- the whole series


def retime_rows(session: Session, new_start: dt.datetime, new_zone: str | None) -> None:
    """Before the series (as saved) starts at `new_start` in `new_zone`: its occurrences'
    rows (notes, attendance, a move) go to the same days at its new local time."""
    rows = list(SessionOccurrence.select().where(SessionOccurrence.session == session.id))
    moved = _retimed([r.starts_at for r in rows], session, new_start, new_zone)
    for row in sorted(rows, key=lambda r: r.starts_at):
        target = moved[row.starts_at]
        if target != row.starts_at and occurrence_row(session.id, target) is None:
            row.starts_at = target
            row.save()


def _retimed(moments: Iterable[dt.datetime], old: Session, new_start: dt.datetime, new_zone: str | None) -> dict:
    """Old occurrence starts -> the same days at the series' new local time (so a
    cancelled or annotated occurrence stays with its day when the series' time changes)."""
    return {moment: same_day_at(moment, old.timezone, new_start, new_zone) for moment in moments}


def same_day_at(moment: dt.datetime, old_zone: str | None, new_start: dt.datetime, new_zone: str | None) -> dt.datetime:
    """An occurrence's start once its series starts at `new_start` in `new_zone`: its own day
    (in the old zone) at the new local time, in UTC."""
    new_tz = recurrence.zone(new_zone)
    time = new_start.astimezone(new_tz).timetz().replace(tzinfo=None)
    day = moment.astimezone(recurrence.zone(old_zone)).date()
    return dt.datetime.combine(day, time, tzinfo=new_tz).astimezone(UTC)


@dataclass(frozen=True)
class SeriesValues:
    title: str
    kind: str
    starts_at: dt.datetime  # UTC
    duration_minutes: int
    rrule: str | None
    timezone: str | None
    presenter_id: int | None
    link: str | None
    notes: str
    all_day: bool = False


def check_series(values: SeriesValues) -> None:
    schema.check(
        "sessions",
        {"title": values.title.strip(), "kind": values.kind, "starts_at": values.starts_at,
         "duration_minutes": values.duration_minutes, "timezone": values.timezone or None,
         "link": values.link or None, "notes": values.notes or "", "all_day": values.all_day},
    )
    if values.rrule:
        problem = recurrence.problem(values.rrule, values.starts_at, values.timezone)
        if problem:
            raise schema.RecordError("rrule", f"not a usable RRULE: {problem}")


def update_series(session_id: int, values: SeriesValues) -> Session:
    """Edit the whole series. When its local time changes, its cancelled and annotated
    occurrences move with it to the new time of their day."""
    check_series(values)
    with database_proxy.atomic("IMMEDIATE"):
        session = _session(session_id)
        rule_changed = (values.rrule or None) != session.rrule
        moved = _retimed(session.exdates, session, values.starts_at, values.timezone)
        session.exdates = tuple(moved[m] for m in session.exdates)
        retime_rows(session, values.starts_at, values.timezone)
        session.title = values.title.strip()
        session.kind = values.kind
        session.starts_at = values.starts_at
        session.duration_minutes = values.duration_minutes
        session.rrule = values.rrule or None
        session.timezone = values.timezone or None
        session.presenter = values.presenter_id  # type: ignore[assignment]  # an id is a reference
        session.link = values.link or None
        session.notes = values.notes or ""
        session.all_day = values.all_day
        session.save()
        field = "rrule" if rule_changed else "starts_at"
        _check_apart(session, field)  # (raised: all of it rolled back)
        check_kept(session, field)
    return session


def check_kept(session: Session, field: str) -> None:
    """Every occurrence that holds something (notes, attendance, a move, a cancellation) is still
    one of the series as saved: else a new rule or first day would hide it, with all it holds; a
    RecordError on `field`."""
    lost = hidden_occurrences(session)
    if lost:
        raise schema.RecordError(
            field, f"{held_words(session, lost)} would leave the series: keep a rule and first day that "
                   "have them, or end this series (x) and schedule a new one")


def hidden_occurrences(session: Session, only_here: bool = False) -> list[dt.datetime]:
    """The original starts of the occurrences that hold something and are not of the series as
    saved, earliest first. `only_here`: only what lives here alone (notes, attendance), for an
    .ics import, whose file says the moves and cancellations itself."""
    holds = (SessionOccurrence.notes != "") | SessionOccurrence.id.in_(Attendance.select(Attendance.occurrence))
    if not only_here:
        holds = holds | SessionOccurrence.moved_to.is_null(False)
    held = SessionOccurrence.select(SessionOccurrence.starts_at).where((SessionOccurrence.session == session.id) & holds)
    kept = [*(() if only_here else session.exdates), *(row.starts_at for row in held)]
    return sorted(t for t in kept if not series.is_occurrence(session.starts_at, session.timezone, session.rrule, t))


def held_words(session: Session, lost: list[dt.datetime]) -> str:
    """ "2 occurrences with notes, … (the first on Friday 2026-12-04)": `hidden_occurrences` in words."""
    local = lost[0].astimezone(recurrence.zone(session.timezone))
    return (f"{plural(len(lost), 'occurrence')} with notes, attendance, a move or a cancellation "
            f"(the first on {local:%A %Y-%m-%d})")


def _check_apart(session: Session, field: str) -> None:
    """The series as saved puts no occurrence where another one was moved (the rule an
    occurrence's move and an import keep: series.shared_time); a RecordError on `field`."""
    moved = moves_by_session([session.id]).get(session.id, {})
    clash = series.shared_time(session.starts_at, session.timezone, session.rrule, session.exdates, moved)
    if clash is None:
        return
    local = clash.astimezone(recurrence.zone(session.timezone))
    when = f"{local:%A %Y-%m-%d}" if session.all_day else f"{local:%A %Y-%m-%d %H:%M} {session.timezone or 'UTC'}"
    raise schema.RecordError(field, f"the series would have two occurrences on {when} (one was moved there): "
                                    "pick another rule or time, or move that occurrence first")


def end_series(session_id: int, last_day: dt.date) -> Session:
    """The series ends with `last_day` (in its zone); what happened before is kept. An occurrence
    after it that holds notes, attendance or a move would be hidden with them: refused, as a new
    rule that hides one is (a cancelled one after it is simply not scheduled)."""
    with database_proxy.atomic("IMMEDIATE"):
        session = _session(session_id)
        if not session.rrule:
            raise ValueError("this session happens once: there is no series to end")
        hidden_before = set(hidden_occurrences(session))
        session.rrule = series.ended(session.rrule, session.starts_at, session.timezone, last_day)
        lost = [t for t in hidden_occurrences(session) if t not in hidden_before and t not in session.exdates]
        if lost:
            last = lost[-1].astimezone(recurrence.zone(session.timezone))
            raise schema.RecordError("last_day", f"{held_words(session, lost)} would leave the series: "
                                                 f"end it on {last:%Y-%m-%d} or later, or clear them first")
        session.save()
    return session


@dataclass(frozen=True)
class DeleteImpact:
    title: str
    noted_occurrences: int
    attendance: int
    incidents: int

    def words(self) -> str:
        parts = []
        if self.noted_occurrences:
            parts.append(f"notes or changes of {plural(self.noted_occurrences, 'occurrence')}")
        if self.attendance:
            parts.append(plural(self.attendance, "attendance record"))
        gone = f"With it go {', '.join(parts)}." if parts else "Nothing else was recorded for it."
        if self.incidents:
            gone += f" {plural(self.incidents, 'linked incident')} {'stays' if self.incidents == 1 else 'stay'}, unlinked."
        return gone


def delete_impact(session_id: int) -> DeleteImpact:
    session = _session(session_id)
    rows = SessionOccurrence.select().where(SessionOccurrence.session == session.id)
    attendance = Attendance.select().join(SessionOccurrence).where(SessionOccurrence.session == session.id).count()
    incidents = Incident.select().where(Incident.session == session.id).count()
    return DeleteImpact(session.title, rows.count(), attendance, incidents)


def delete_session(session_id: int) -> str:
    """Delete the whole series with its occurrences' notes and attendance; incidents stay, unlinked."""
    with database_proxy.atomic("IMMEDIATE"):
        session = _session(session_id)
        title = session.title
        session.delete_instance()  # ON DELETE: occurrences and attendance go, incidents are unlinked
    return title


# ---------------------------------------------------------------- incident lessons


@dataclass(frozen=True)
class IncidentChoice:
    id: int
    label: str
    session_id: int | None


def incident_choices(limit: int = 500) -> list[IncidentChoice]:
    """Incidents to link to a session, latest first."""
    query = (
        Incident.select(Incident.id, Incident.title, Incident.occurred_on, Incident.severity,
                        Incident.session, Person.name.alias("person_name"), Person.archived.alias("person_archived"))
        .join(Person, on=(Incident.person == Person.id))
        .order_by(Incident.occurred_on.desc(), Incident.title)
        .limit(limit)
    )
    return [
        # whose comes before the title: one incident logged by two people differs by the name only,
        # and a narrow dialog cuts the end of a long title
        IncidentChoice(i.id, f"{i.occurred_on.isoformat()} {i.severity} {shown_name(i.person_name, i.person_archived)}: "
                             f"{i.title}", i.session_id)
        for i in objects(query)
    ]


def link_incident(incident_id: int, session_id: int | None) -> None:
    """The session where the incident's lessons were presented (None: none)."""
    with database_proxy.atomic("IMMEDIATE"):
        incident = Incident.get_or_none(Incident.id == incident_id)
        if incident is None:
            raise ValueError("this incident is not here anymore")
        if session_id is not None:
            _session(session_id)
        incident.session = session_id  # type: ignore[assignment]  # an id is a reference
        incident.save()


def set_session_incidents(session_id: int, incident_ids: Iterable[int]) -> int:
    """Exactly `incident_ids` are linked to the session (others linked to it are unlinked)."""
    wanted = set(incident_ids)
    with database_proxy.atomic("IMMEDIATE"):
        _session(session_id)
        Incident.update(session=None).where((Incident.session == session_id) & Incident.id.not_in(list(wanted))).execute()
        if wanted:
            Incident.update(session=session_id).where(Incident.id.in_(list(wanted))).execute()
    return len(wanted)
