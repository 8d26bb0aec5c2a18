"""Knowledge-sharing sessions held per period and their attendance.

Apart from the other figures because it is the slow one: occurrences come from the
sessions' recurrence rules (`occurrences.window`), about a second for a year of a
calendar of 2,000 sessions, so the Program view shows it when it is ready.
A session is held when an occurrence is not cancelled; its attendance is taken when
someone was marked present.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import fn

from mentor_tui.db.models import Attendance, SessionOccurrence, to_utc_text
from mentor_tui.db.program_activity import Buckets
from mentor_tui.db.program_periods import Period
from mentor_tui.db.reports.common import each_row, pk


@dataclass
class SessionFigures:
    held: int = 0
    with_attendance: int = 0  # held sessions whose attendance was taken
    attendances: int = 0  # people present, summed over those sessions

    @property
    def attendance_average(self) -> float | None:
        """People present per session whose attendance was taken (None: none taken)."""
        return self.attendances / self.with_attendance if self.with_attendance else None


def _present(start: dt.datetime, end: dt.datetime) -> dict[tuple[int, dt.datetime], int]:
    """(session id, the occurrence's own start) -> people present, for occurrences happening in [start, end)."""
    happens = fn.COALESCE(SessionOccurrence.moved_to, SessionOccurrence.starts_at)
    rows = each_row(
        SessionOccurrence.select(SessionOccurrence.session, SessionOccurrence.starts_at, fn.COUNT(pk(Attendance)))
        .join(Attendance, on=(Attendance.occurrence == pk(SessionOccurrence)))
        .where((happens >= to_utc_text(start)) & (happens < to_utc_text(end)))
        .group_by(pk(SessionOccurrence))
        .tuples()
    )
    return {(session_id, original): int(n) for session_id, original, n in rows}


def session_figures(periods: Sequence[Period], tz: dt.tzinfo | None = None) -> list[SessionFigures]:
    """Per period (same order); `tz` says which day an occurrence is on (local when None)."""
    from mentor_tui.db import occurrences

    out = [SessionFigures() for _ in periods]
    if not periods:
        return out
    buckets = Buckets(periods)
    local = tz or dt.datetime.now().astimezone().tzinfo
    # a day's edges in any zone are within a day of UTC's: read a day more on each side
    start = dt.datetime.combine(periods[0].start, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=1)
    end = dt.datetime.combine(periods[-1].end, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=2)
    present = _present(start, end)
    for entry in occurrences.window(start, end):
        i = buckets.index(entry.day(local))
        if i is None:
            continue
        out[i].held += 1
        count = present.get((entry.session_id, entry.original), 0)
        if count:
            out[i].with_attendance += 1
            out[i].attendances += count
    return out
