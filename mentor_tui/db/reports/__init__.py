"""Queries behind the reports, one module per question.

- `skills`: the skills matrix (latest levels), a person's skill changes;
- `progress`: plan progress;
- `team` (import it by name: it builds on `db.team_skills`, which uses `common`):
  everything `report --team` shows;
- `team_activity`: the on-call ladder, check-in health, kudos counts;
- `brag`: what one person did over a period (the brag doc).

Everything returns small frozen dataclasses, never model objects, so the exchange
renderers and the Team screen cannot trigger lazy queries by accident.
Check-ins are read for their dates only (`team_activity.checkin_health`, which
selects `held_on` by name): private pairing notes cannot reach a report.
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
    active_plans_of_team,
    people_by_role,
    plan_progress,
)
from mentor_tui.db.reports.skills import (
    MatrixRow,
    SkillChange,
    SkillsMatrix,
    skill_changes,
    skills_matrix,
)

__all__ = [
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
    "active_plans_of_team",
    "competencies",
    "level_name",
    "people_by_role",
    "person_period",
    "plan_progress",
    "skill_changes",
    "skills_matrix",
]
