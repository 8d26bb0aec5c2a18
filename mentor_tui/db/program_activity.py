"""What the program did per period: check-ins held against those due, action items closed,
incidents by role and new steps on the on-call ladder, kudos given, program feedback
(sessions and their attendance: `program_sessions`).

Every figure is one grouped query over the whole range, shared out to the periods in
Python, so a year of months costs the same as one month. The records of people archived
since still count here (the check-ins were held); the bus factor, like the Team section,
counts active people only. Check-ins are read for their dates only (no private notes).

Check-ins **due**: one every `cadence_days` from a mentorship's start (the first on
start + cadence), until it ends; a mentorship of someone archived that was never ended
stops being due after its last check-in.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from peewee import fn

from mentor_tui.db.models import ActionItem, CheckIn, Feedback, Incident, Kudos, Mentorship, Person
from mentor_tui.db.program_periods import Period
from mentor_tui.db.reports.common import as_date, each_row, pk
from mentor_tui.db.reports.team_activity import LADDER


@dataclass
class Activity:
    """One period's figures (filled in by `activity`)."""

    checkins_held: int = 0
    checkins_due: int = 0
    actions_closed: int = 0
    incidents: dict[str, int] = field(default_factory=dict)  # role -> count
    ladder_steps: int = 0  # someone on a ladder step (shadow … incident commander) for the first time
    kudos: int = 0
    feedback_count: int = 0
    feedback_total: int = 0  # the sum of the ratings

    @property
    def incident_count(self) -> int:
        return sum(self.incidents.values())

    @property
    def feedback_average(self) -> float | None:
        return self.feedback_total / self.feedback_count if self.feedback_count else None

    @property
    def checkin_rate(self) -> float | None:
        """Held per due (None: none due)."""
        return self.checkins_held / self.checkins_due if self.checkins_due else None


class Buckets:
    def __init__(self, periods: Sequence[Period]) -> None:
        self.periods = periods
        self.starts = [p.start for p in periods]

    def index(self, day: dt.date) -> int | None:
        i = bisect.bisect_right(self.starts, day) - 1
        return i if i >= 0 and day <= self.periods[i].end else None


def _grouped(model, date_field, first: dt.date, last: dt.date, *columns) -> Iterable[tuple]:
    """(day, *columns, count) of `model`'s rows dated first..last, grouped by day and the columns."""
    query = (
        model.select(date_field, *columns, fn.COUNT(pk(model)))
        .where((date_field >= first) & (date_field <= last))
        .group_by(date_field, *columns)
        .tuples()
    )
    return each_row(query)


def _due_count(started: dt.date, cadence: int, stop: dt.date, first: dt.date, last: dt.date) -> int:
    """How many of started + k*cadence (k >= 1, up to `stop`) fall in first..last."""
    last = min(last, stop)
    if cadence <= 0 or last < first:
        return 0
    low = max(1, -(-(first - started).days // cadence))  # ceil
    high = (last - started).days // cadence
    return max(0, high - low + 1)


def _checkins_due(buckets: Buckets, out: list[Activity]) -> None:
    Mentor, Mentee = Person.alias("mentor"), Person.alias("mentee")
    ships = list(each_row(
        Mentorship.select(pk(Mentorship), Mentorship.started_on, Mentorship.ended_on, Mentorship.cadence_days,
                          Mentor.archived | Mentee.archived)
        .join(Mentor, on=(Mentorship.mentor == pk(Mentor)))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == pk(Mentee)))
        .tuples()
    ))
    gone = [ship_id for ship_id, _s, ended, _c, archived in ships if archived and ended is None]
    last_held = dict(each_row(
        CheckIn.select(CheckIn.mentorship, fn.MAX(CheckIn.held_on))
        .where(CheckIn.mentorship.in_(gone))
        .group_by(CheckIn.mentorship)
        .tuples()
    )) if gone else {}
    for ship_id, started, ended, cadence, _archived in ships:
        started = as_date(started)
        if ended is not None:
            stop = as_date(ended)
        elif ship_id in gone:
            stop = as_date(last_held[ship_id]) if ship_id in last_held else started
        else:
            stop = dt.date.max
        for period, activity in zip(buckets.periods, out, strict=True):
            activity.checkins_due += _due_count(started, int(cadence), stop, period.start, period.end)


def _ladder_steps(buckets: Buckets, out: list[Activity]) -> None:
    firsts = each_row(
        Incident.select(fn.MIN(Incident.occurred_on))
        .where(Incident.role.in_(LADDER))
        .group_by(Incident.person, Incident.role)
        .tuples()
    )
    for (day,) in firsts:
        i = buckets.index(as_date(day))
        if i is not None:
            out[i].ladder_steps += 1


def activity(periods: Sequence[Period]) -> list[Activity]:
    """The figures of each period (same order); sessions are `program_sessions`' (slower)."""
    out = [Activity() for _ in periods]
    if not periods:
        return out
    buckets = Buckets(periods)
    first, last = periods[0].start, periods[-1].end

    def each(rows: Iterable[tuple]) -> Iterable[tuple[Activity, tuple]]:
        for day, *rest in rows:
            i = buckets.index(as_date(day))
            if i is not None:
                yield out[i], tuple(rest)

    for a, (n,) in each(_grouped(CheckIn, CheckIn.held_on, first, last)):
        a.checkins_held += int(n)
    for a, (n,) in each(_grouped(ActionItem, ActionItem.done_on, first, last)):
        a.actions_closed += int(n)
    for a, (role, n) in each(_grouped(Incident, Incident.occurred_on, first, last, Incident.role)):
        a.incidents[role] = a.incidents.get(role, 0) + int(n)
    for a, (n,) in each(_grouped(Kudos, Kudos.given_on, first, last)):
        a.kudos += int(n)
    for a, (rating, n) in each(_grouped(Feedback, Feedback.given_on, first, last, Feedback.rating)):
        a.feedback_count += int(n)
        a.feedback_total += int(rating) * int(n)
    _checkins_due(buckets, out)
    _ladder_steps(buckets, out)
    return out
