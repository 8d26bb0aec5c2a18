"""How ticking a lab's steps moves the lab, its goal and its plan forward.

A lab is done when it has steps and every one is ticked. Ticking the last one
sets the lab's "last practised" to today; unticking a step reopens the lab
and keeps that date (the practice happened; nothing is lost). When every
lab of a goal is done, the screen offers to mark the goal done
(`set_goal_status`); the plan's progress counts its done goals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import fn

from mentor_tui import schema
from mentor_tui.db.models import Goal, Lab, LabItem


@dataclass(frozen=True)
class GoalReady:
    """A goal whose labs are all done while the goal itself is not."""

    id: int
    title: str


def lab_counts(lab_id: int) -> tuple[int, int]:
    """(steps done, steps) of a lab."""
    row = (
        LabItem.select(fn.COUNT(LabItem.id), fn.SUM(LabItem.done)).where(LabItem.lab == lab_id).tuples().first()
    )
    total, done = row if row else (0, 0)
    return int(done or 0), int(total or 0)


def is_done(lab_id: int) -> bool:
    done, total = lab_counts(lab_id)
    return total > 0 and done == total


def settle_lab(lab: Lab, was_done: bool, today: dt.date) -> bool:
    """After the steps of `lab` changed: keep its "last practised" in step. Returns whether it is done."""
    done = is_done(lab.id)
    if done and not was_done:
        lab.last_practised_on = today
        lab.save(only=[Lab.last_practised_on])
    return done


def goal_ready(goal_id: int) -> GoalReady | None:
    """The goal, when every one of its labs is done and the goal is not marked done yet."""
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None or goal.status == "done":
        return None
    rows: Any = Lab.select(Lab.id).where(Lab.goal == goal_id).tuples()
    lab_ids = [lab_id for (lab_id,) in rows]
    if not lab_ids or not all(is_done(lab_id) for lab_id in lab_ids):
        return None
    return GoalReady(goal.id, goal.title)


def set_goal_status(goal_id: int, status: str, today: dt.date) -> Goal:
    """Set a goal's status; done gets today's date (kept when it was done already), others none."""
    schema.check("goals", {"status": status})
    goal = Goal.get_or_none(Goal.id == goal_id)
    if goal is None:
        raise ValueError("that goal no longer exists")
    goal.done_on = (goal.done_on or today) if status == "done" else None
    goal.status = status
    goal.save(only=[Goal.status, Goal.done_on])
    return goal
