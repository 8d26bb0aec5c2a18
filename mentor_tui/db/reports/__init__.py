"""Queries behind the reports, one module per question.

- `skills`: the skills matrix, the bus factor, a person's skill changes;
- `progress`: plan progress and the team overview;
- `brag`: what one person did over a period (the brag doc).

Everything returns small frozen dataclasses, never model objects, so the exchange
renderers and the Team screen cannot trigger lazy queries by accident.
Nothing here reads `CheckIn` at all: private pairing notes cannot reach a report.
"""

from __future__ import annotations

from mentor_tui.db.reports.brag import (
    Evidence,
    GoalDone,
    IncidentLine,
    KudosLine,
    LabDone,
    OwnershipLine,
    PersonPeriod,
    SessionLine,
    person_period,
)
from mentor_tui.db.reports.common import CompetencyRef, PersonRef, competencies, level_name
from mentor_tui.db.reports.progress import (
    PlanProgress,
    TeamOverview,
    active_plans_of_team,
    people_by_role,
    plan_progress,
    team_overview,
)
from mentor_tui.db.reports.skills import (
    EXPERT_LEVEL,
    RECENT_DAYS,
    SINGLE_POINT_MAX,
    BusFactor,
    MatrixRow,
    SkillChange,
    SkillsMatrix,
    bus_factor_of,
    skill_changes,
    skills_matrix,
)

__all__ = [
    "EXPERT_LEVEL",
    "RECENT_DAYS",
    "SINGLE_POINT_MAX",
    "BusFactor",
    "CompetencyRef",
    "Evidence",
    "GoalDone",
    "IncidentLine",
    "KudosLine",
    "LabDone",
    "MatrixRow",
    "OwnershipLine",
    "PersonPeriod",
    "PersonRef",
    "PlanProgress",
    "SessionLine",
    "SkillChange",
    "SkillsMatrix",
    "TeamOverview",
    "active_plans_of_team",
    "bus_factor_of",
    "competencies",
    "level_name",
    "people_by_role",
    "person_period",
    "plan_progress",
    "skill_changes",
    "skills_matrix",
    "team_overview",
]
