"""The Dashboard's "stale labs": my labs not practised for a while (settings: stale_after_days)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui.db import people
from mentor_tui.db.models import Goal, Lab, Plan, objects


@dataclass(frozen=True)
class StaleLab:
    id: int
    title: str
    goal: str
    last_practised_on: dt.date


@dataclass(frozen=True)
class StaleLabs:
    labs: list[StaleLab]
    more: int  # stale labs beyond those listed


def my_stale_labs(cutoff: dt.date, limit: int = 5) -> StaleLabs:
    """Labs of the plans I follow or mentor, last practised before `cutoff`, longest ago first."""
    me = people.me()
    if me is None:
        return StaleLabs([], 0)
    query = (
        Lab.select(Lab.id, Lab.title, Lab.last_practised_on, Goal.title.alias("goal_title"))
        .join(Goal)
        .join(Plan)
        .where(((Plan.owner == me.id) | (Plan.mentor == me.id)) & (Lab.last_practised_on < cutoff))
        .where(Plan.status != "archived")
        .order_by(Lab.last_practised_on, Lab.id)
    )
    total = query.count()
    rows = [StaleLab(r.id, r.title, r.goal_title, r.last_practised_on) for r in objects(query.limit(limit))]
    return StaleLabs(rows, max(0, total - len(rows)))
