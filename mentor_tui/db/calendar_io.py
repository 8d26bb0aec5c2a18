"""Sessions as an iCalendar file sees them: read for an export, matched by uuid (the
event's UID) and written for an import, in one transaction.

What an .ics carries is the series and its cancelled and moved occurrences; what
stays only here is kept on import: the presenter, each occurrence's notes and
attendance, the incidents linked to a session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from mentor_tui import series
from mentor_tui.db.models import Session, SessionOccurrence, database_proxy
from mentor_tui.db.session_edits import (
    SeriesValues,
    check_series,
    held_words,
    hidden_occurrences,
    retime_rows,
)
from mentor_tui.text_safety import strip_controls

UTC = dt.UTC
Move = tuple[dt.datetime, dt.datetime]  # (original, where it happens), UTC


@dataclass(frozen=True)
class SeriesRecord:
    uuid: str
    title: str
    kind: str
    starts_at: dt.datetime  # UTC
    timezone: str | None
    duration_minutes: int
    rrule: str | None
    exdates: tuple[dt.datetime, ...] = ()
    all_day: bool = False
    link: str | None = None
    notes: str = ""
    moves: tuple[Move, ...] = field(default=())
    # when the series last changed (an event's LAST-MODIFIED; here, its updated_at): an import keeps
    # the newer side, as a TOML import does. Not compared: the same series changed at two moments is
    # the same series.
    modified: dt.datetime | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # The notes (an event's DESCRIPTION and LOCATION) never hold a terminal escape, as a
        # TOML import's notes do not: stripped of control characters (newline and tab kept), so
        # none is stored, nor sent by an export (of a store written before they were stripped).
        # One-line values (title, link) with one are refused by check(): the event is skipped.
        object.__setattr__(self, "notes", strip_controls(self.notes))

    def check(self) -> None:
        """ValueError (one sentence) when the store would refuse it."""
        check_series(SeriesValues(self.title, self.kind, self.starts_at, self.duration_minutes, self.rrule,
                                  self.timezone, None, self.link, self.notes, self.all_day))
        clash = series.shared_time(self.starts_at, self.timezone, self.rrule, self.exdates, dict(self.moves))
        if clash is not None:
            raise ValueError(series.SHARED_TIME.format(when=clash))


def _moves_of(session_ids: Iterable[int] | None = None) -> dict[int, tuple[Move, ...]]:
    from mentor_tui.db.occurrences import moves_by_session

    return {sid: tuple(sorted(moved.items())) for sid, moved in moves_by_session(session_ids).items()}


def _record(session: Session, moves: tuple[Move, ...]) -> SeriesRecord:
    return SeriesRecord(
        session.uuid, session.title, session.kind, session.starts_at, session.timezone, session.duration_minutes,
        session.rrule, tuple(session.exdates), bool(session.all_day), session.link, session.notes, moves,
        session.updated_at,
    )


def export_records() -> list[SeriesRecord]:
    """Every session, first start first."""
    moves = _moves_of()
    sessions = Session.select().order_by(Session.starts_at, Session.title, Session.uuid)
    return [_record(s, moves.get(s.id, ())) for s in sessions]


ADDED, UPDATED, UNCHANGED, KEPT = "added", "updated", "unchanged", "kept"
HIDES = "it would hide"  # + what: the update is not written (an outcome that starts with it)


class _Hides(Exception):
    """Rolls back an update that would hide occurrences (the words say which)."""


def _update(session: Session, record: SeriesRecord) -> str:
    """Write the file's copy over the series here (in a savepoint, also in a dry run: the dry run's
    transaction rolls it back), unless its rule or first day would hide occurrences that hold notes
    or attendance (which live only here), as the series form refuses: then HIDES + which. A new
    time of day takes them along to it, as the series form does."""
    try:
        with database_proxy.atomic():
            retime_rows(session, record.starts_at, record.timezone)
            _write(session, record)
            lost = hidden_occurrences(session, only_here=True)
            if lost:
                raise _Hides(held_words(session, lost))
    except _Hides as hides:
        return f"{HIDES} {hides}"
    return UPDATED


def _newer_here(session: Session, record: SeriesRecord) -> bool:
    """Whether the series here changed after the file's copy (to the second: LAST-MODIFIED has no
    milliseconds); a file that does not say when it changed is taken as newer."""
    here = session.updated_at
    return record.modified is not None and here is not None and here.replace(microsecond=0) > record.modified


def _comparable(record: SeriesRecord) -> SeriesRecord:
    """What a file can tell apart: UTC is UTC whether named or not; an all-day session has no length."""
    zone = None if record.timezone in (None, "UTC") else record.timezone
    return replace(record, timezone=zone, duration_minutes=0 if record.all_day else record.duration_minutes,
                   link=record.link or None)


def _same(session: Session, moves: tuple[Move, ...], record: SeriesRecord) -> bool:
    return _comparable(_record(session, moves)) == _comparable(record)


def _write(session: Session, record: SeriesRecord) -> None:
    for name in ("title", "kind", "starts_at", "timezone", "duration_minutes", "rrule", "exdates",
                 "all_day", "link", "notes"):
        setattr(session, name, getattr(record, name))
    if record.modified is not None:  # the source's moment of change, as a TOML import keeps a file's
        session.updated_at = record.modified
    session.save()
    wanted = dict(record.moves)
    for row in SessionOccurrence.select().where(SessionOccurrence.session == session.id):
        target = wanted.pop(row.starts_at, None)
        if row.moved_to != target:
            row.moved_to = target
            row.save()
    for original, target in wanted.items():
        SessionOccurrence.create(session=session, starts_at=original, notes="", moved_to=target)


def apply(records: Iterable[SeriesRecord], write: bool = True) -> list[tuple[SeriesRecord, str]]:
    """Each record with what it does here: added, updated, unchanged, or kept (it differs, but the
    series here changed after the file's copy) (matched by uuid).

    With `write`, all of it in one IMMEDIATE transaction (all or nothing); without,
    nothing is written (a dry run).
    """
    records = list(records)
    outcome: list[tuple[SeriesRecord, str]] = []
    with database_proxy.atomic("IMMEDIATE") as transaction:
        existing = {s.uuid: s for s in Session.select().where(Session.uuid.in_([r.uuid for r in records]))}
        moves = _moves_of([s.id for s in existing.values()])
        for record in records:
            session = existing.get(record.uuid)
            if session is None:
                outcome.append((record, ADDED))
                if write:
                    _write(Session(uuid=record.uuid), record)
            elif _same(session, moves.get(session.id, ()), record):
                outcome.append((record, UNCHANGED))
            elif _newer_here(session, record):
                outcome.append((record, KEPT))
            else:
                outcome.append((record, _update(session, record)))
        if not write:
            transaction.rollback()
    return outcome
