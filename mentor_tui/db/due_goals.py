"""What is due in the plans someone follows (the Dashboard's plans panel).

"Me" sees their own active plans; a mentor (or lead) also sees the active
plans of each mentee and of each plan they mentor. Each plan comes with its
progress and its next open goals by due date, overdue ones first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from mentor_tui.db import people
from mentor_tui.db.models import Goal, Mentorship, Person, Plan, objects


@dataclass(frozen=True)
class DueGoal:
    title: str
    status: str
    due_on: dt.date
    overdue: bool


@dataclass(frozen=True)
class PlanDue:
    uuid: str
    title: str
    owner: str
    mine: bool
    goals_done: int
    goals_total: int
    next_goals: tuple[DueGoal, ...]
    more_overdue: int  # overdue goals beyond those listed

    @property
    def percent(self) -> int:
        return round(100 * self.goals_done / self.goals_total) if self.goals_total else 0


def plans_due(today: dt.date, plan_limit: int = 6, goals_per_plan: int = 3) -> list[PlanDue]:
    """Active plans of "me" and of the people I mentor, mine first, each with its next goals due
    (not those of someone archived: they left the program)."""
    me = people.me()
    if me is None:
        return []
    mentees = Mentorship.select(Mentorship.mentee).where((Mentorship.mentor == me.id) & Mentorship.ended_on.is_null())
    done = fn.SUM(Goal.status == "done")
    query = (
        Plan.select(Plan.id, Plan.uuid, Plan.title, Plan.owner, Person.name.alias("owner_name"),
                    fn.COUNT(Goal.id).alias("total"), done.alias("done"))
        .join(Person, on=(Plan.owner == Person.id))
        .switch(Plan)
        .join(Goal, on=(Goal.plan == Plan.id), join_type=JOIN.LEFT_OUTER)
        .where((Plan.status == "active") & ~Person.archived
               & ((Plan.owner == me.id) | (Plan.mentor == me.id) | Plan.owner.in_(mentees)))
        .group_by(Plan.id)
        .order_by(Plan.owner != me.id, Person.name, Plan.start_on, Plan.id)
        .limit(plan_limit)
    )
    plans = list(objects(query))
    open_goals: dict[int, list[DueGoal]] = {p.id: [] for p in plans}
    goals: Any = (
        Goal.select(Goal.plan, Goal.title, Goal.status, Goal.due_on)
        .where(Goal.plan.in_(list(open_goals)) & (Goal.status != "done") & Goal.due_on.is_null(False))
        .order_by(Goal.due_on, Goal.position)
    )
    for g in goals:
        open_goals[g.plan_id].append(DueGoal(g.title, g.status, g.due_on, g.due_on < today))
    out = []
    for p in plans:
        listed = open_goals[p.id][:goals_per_plan]
        more = sum(g.overdue for g in open_goals[p.id][goals_per_plan:])
        out.append(PlanDue(p.uuid, p.title, p.owner_name, p.owner_id == me.id, int(p.done or 0), p.total,
                           tuple(listed), more))
    return out
