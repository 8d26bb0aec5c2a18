"""The program's figures per period, named and formatted once for the Program view and `report --team`.

Each `Figure` reads one number from a `PeriodHealth` (None: nothing to count, or the
sessions not counted yet) and writes it as the table cell both front doors show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mentor_tui.db.program_health import PeriodHealth
from mentor_tui.db.reports.team_activity import LADDER
from mentor_tui.vocabulary import INCIDENT_ROLES

ROLE_WORDS = {"incident-commander": "IC"}


@dataclass(frozen=True)
class Figure:
    key: str
    label: str  # the row label of the view, the column title of the report's table
    column: str  # the short column title of the view's table
    value: Callable[[PeriodHealth], float | None]
    text: Callable[[PeriodHealth], str]
    lower_is_better: bool = False
    needs_sessions: bool = False


def _number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}"


def _sessions_held(p: PeriodHealth) -> float | None:
    return None if p.sessions is None else p.sessions.held


def _attending(p: PeriodHealth) -> float | None:
    return None if p.sessions is None else p.sessions.attendance_average


def _checkins_text(p: PeriodHealth) -> str:
    return f"{p.activity.checkins_held} / {p.activity.checkins_due}"


def incidents_text(p: PeriodHealth) -> str:
    """"3 (2 primary, 1 scribe)": the count, then per role, ladder roles first."""
    counts = p.activity.incidents
    if not counts:
        return "0"
    parts = [f"{counts[r]} {ROLE_WORDS.get(r, r)}" for r in INCIDENT_ROLES if counts.get(r)]
    return f"{p.activity.incident_count} ({', '.join(parts)})"


FIGURES: tuple[Figure, ...] = (
    Figure("single_points", "Held by one or nobody", "0-1 holders",
           lambda p: p.single_points, lambda p: str(p.single_points), lower_is_better=True),
    Figure("silos", "Silos (held in one team)", "Silos", lambda p: p.silos, lambda p: str(p.silos),
           lower_is_better=True),
    Figure("checkins", "Check-ins held / due", "Check-ins",
           lambda p: p.activity.checkin_rate, _checkins_text),
    Figure("actions", "Action items closed", "Actions",
           lambda p: p.activity.actions_closed, lambda p: str(p.activity.actions_closed)),
    Figure("sessions", "Sessions held", "Sessions", _sessions_held,
           lambda p: _number(_sessions_held(p)), needs_sessions=True),
    Figure("attendance", "Attending per session", "Attending",
           _attending, lambda p: _number(_attending(p), 1), needs_sessions=True),
    Figure("incidents", "Incidents (by role)", "Incidents",
           lambda p: p.activity.incident_count, incidents_text),
    Figure("ladder", "New on-call ladder steps", "Ladder",
           lambda p: p.activity.ladder_steps, lambda p: str(p.activity.ladder_steps)),
    Figure("kudos", "Kudos given", "Kudos", lambda p: p.activity.kudos, lambda p: str(p.activity.kudos)),
    Figure("feedback", "Program feedback (of 5)", "Feedback",
           lambda p: p.activity.feedback_average, lambda p: _number(p.activity.feedback_average, 1)),
)

LADDER_NOTE = (
    "A new ladder step: someone on call as " + " → ".join(LADDER).replace("incident-commander", "incident commander")
    + " for the first time."
)


def series(figure: Figure, rows: list[PeriodHealth]) -> list[float]:
    """The figure's values for a sparkline; nothing to count (an average of no entries) is 0."""
    return [float(figure.value(p) or 0) for p in rows]
