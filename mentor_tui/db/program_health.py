"""The program's health over time, per month or quarter: does it reduce single points of knowledge?

Per period: the bus factor of each competency as of the period's last day (the
`team_skills` rule: level 4+, the counted rating within the window, active people),
the number of single points of knowledge (bus factor 0 or 1) and of silos (2+
holders, all of one team), and what the program did in it (`program_activity`,
`program_sessions`). With it, what changed in who holds what from the day before
the first period to the last day (`program_changes`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from peewee import fn

from mentor_tui.db.models import (
    CheckIn,
    Feedback,
    Incident,
    Kudos,
    Mentorship,
    Session,
    SkillRating,
)
from mentor_tui.db.program_activity import Activity, activity
from mentor_tui.db.program_changes import Change, what_changed
from mentor_tui.db.program_periods import Period, last_periods, period_start, periods
from mentor_tui.db.program_sessions import SessionFigures, session_figures
from mentor_tui.db.reports.common import CompetencyRef, as_date, competencies
from mentor_tui.db.skill_history import bus_factors_on
from mentor_tui.db.team_skills import DEFAULT_MONTHS, BusFactor

RECENT = {"month": 12, "quarter": 8}
"""How many periods the Program view shows."""


@dataclass(frozen=True)
class PeriodHealth:
    period: Period
    bus_factors: tuple[BusFactor, ...]  # as of period.end, in the competencies' order
    activity: Activity
    sessions: SessionFigures | None  # None: not counted (yet)

    @property
    def single_points(self) -> int:
        """Competencies held by one person or nobody."""
        return sum(1 for bf in self.bus_factors if bf.flagged)

    @property
    def silos(self) -> int:
        return sum(1 for bf in self.bus_factors if bf.silo)

    def bus_factor(self, key: str) -> int:
        return next((bf.count for bf in self.bus_factors if bf.competency.key == key), 0)


@dataclass(frozen=True)
class ProgramHealth:
    grain: str  # "month" or "quarter"
    since: dt.date
    until: dt.date
    months: int  # the bus factor's window
    competencies: list[CompetencyRef]
    periods: list[PeriodHealth]  # oldest first
    before: tuple[BusFactor, ...]  # as of the day before `since`
    changes: list[Change]

    @property
    def baseline_day(self) -> dt.date:
        return self.since - dt.timedelta(days=1)

    @property
    def improved(self) -> list[Change]:
        return [c for c in self.changes if c.better]

    @property
    def worse(self) -> list[Change]:
        return [c for c in self.changes if not c.better]

    @property
    def single_points_before(self) -> int:
        return sum(1 for bf in self.before if bf.flagged)

    @property
    def silos_before(self) -> int:
        return sum(1 for bf in self.before if bf.silo)

    @property
    def single_points_now(self) -> int:
        return self.periods[-1].single_points if self.periods else 0

    @property
    def silos_now(self) -> int:
        return self.periods[-1].silos if self.periods else 0

    @property
    def sessions_counted(self) -> bool:
        return all(p.sessions is not None for p in self.periods)

    def with_sessions(self, figures: list[SessionFigures]) -> ProgramHealth:
        """The same health with the sessions of each period counted (`session_figures` of its periods)."""
        updated = [dataclasses.replace(p, sessions=f) for p, f in zip(self.periods, figures, strict=True)]
        return dataclasses.replace(self, periods=updated)


def program_health(since: dt.date, until: dt.date, grain: str = "month", months: int = DEFAULT_MONTHS,
                   count_sessions: bool = True, tz: dt.tzinfo | None = None) -> ProgramHealth:
    """Per month or quarter from `since` to `until` (both counted; the first and last periods cut to
    them). `count_sessions=False` leaves sessions to `session_figures` (the slow part)."""
    spans = periods(since, until, grain)
    comps = competencies()
    baseline = since - dt.timedelta(days=1)
    factors = bus_factors_on([baseline, *(p.end for p in spans)], months, comps)
    before, after = factors[0], factors[1:]
    figures = activity(spans)
    sessions: list[SessionFigures | None] = (
        list(session_figures(spans, tz)) if count_sessions else [None] * len(spans)
    )
    rows = [PeriodHealth(p, tuple(bf), a, s) for p, bf, a, s in zip(spans, after, figures, sessions, strict=True)]
    changes = what_changed(before, after[-1]) if after else []
    return ProgramHealth(grain, since, until, months, comps, rows, tuple(before), changes)


def program_start() -> dt.date | None:
    """The first day anything of the program happened (a rating, a mentorship, a check-in, an
    incident, kudos, feedback, a session); None for an empty store."""
    firsts = [
        SkillRating.select(fn.MIN(SkillRating.rated_on)).scalar(),
        Mentorship.select(fn.MIN(Mentorship.started_on)).scalar(),
        CheckIn.select(fn.MIN(CheckIn.held_on)).scalar(),
        Incident.select(fn.MIN(Incident.occurred_on)).scalar(),
        Kudos.select(fn.MIN(Kudos.given_on)).scalar(),
        Feedback.select(fn.MIN(Feedback.given_on)).scalar(),
    ]
    first_session = Session.select(fn.MIN(Session.starts_at)).scalar()
    days = [as_date(day) for day in firsts if day is not None]
    if first_session is not None:
        days.append(as_date(str(first_session)[:10]))
    return min(days) if days else None


def recent_since(until: dt.date, grain: str, count: int | None = None) -> dt.date:
    """The first day of the last `count` periods up to `until` (default: RECENT), but not before
    the period the program started in: a new program shows no empty months."""
    since = last_periods(until, grain, count or RECENT[grain])
    start = program_start()
    if start is not None and since < start <= until:
        since = period_start(start, grain)
    return since
