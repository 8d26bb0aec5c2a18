"""Everything the team report shows, as of one day: people, plans, skills and their risks,
check-in health, the on-call ladder, kudos and program feedback.

It builds on `db.team_skills`, which itself uses `reports.common`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui.db.feedback_summary import FeedbackSummary, feedback_summary
from mentor_tui.db.pairing import Suggestion, suggestions
from mentor_tui.db.reports.common import PersonRef
from mentor_tui.db.reports.progress import PlanProgress, active_plans_of_team, people_by_role
from mentor_tui.db.reports.team_activity import (
    CheckInHealth,
    KudosCount,
    LadderLine,
    checkin_health,
    kudos_counts,
    ladder_summary,
)
from mentor_tui.db.team_skills import DEFAULT_MONTHS, TeamSkills, team_skills
from mentor_tui.db.what_if import WhatIf, single_points


@dataclass(frozen=True)
class TeamOverview:
    as_of: dt.date
    people: dict[str, list[PersonRef]]
    active_plans: list[PlanProgress]
    skills: TeamSkills
    pairing: list[Suggestion]
    single_points: list[WhatIf]
    checkins: list[CheckInHealth]
    ladder: list[LadderLine]
    kudos: list[KudosCount]
    feedback: FeedbackSummary


def team_overview(as_of: dt.date | None = None, months: int = DEFAULT_MONTHS) -> TeamOverview:
    """The team as of `as_of` (default today); `months` is the bus factor's window."""
    from mentor_tui import clock

    as_of = as_of or clock.today()
    skills = team_skills(as_of, months)
    return TeamOverview(
        as_of=as_of,
        people=people_by_role(),
        active_plans=active_plans_of_team(),
        skills=skills,
        pairing=suggestions(skills),
        single_points=single_points(skills),
        checkins=checkin_health(as_of),
        ladder=ladder_summary(as_of),
        kudos=kudos_counts(as_of),
        feedback=feedback_summary(as_of, months=None, comments=5),
    )
