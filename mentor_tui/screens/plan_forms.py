"""The forms of plans and goals, shared by the Plans list, the plan view and the goal view.

Each builder runs on the UI thread with what a worker fetched (the choice
lists, the record's current values) and returns a FormScreen whose `save`
calls one db function in the form's worker.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentor_tui import dates
from mentor_tui.db.goals import GoalFields
from mentor_tui.db.plans import PlanFields
from mentor_tui.screens.form import Field, FormScreen, record_field


def goal_choices(goal_id: int | None = None) -> tuple[list[tuple[str, str]], GoalFields | None]:
    """Runs in a worker: the competencies, and the goal's values when editing one."""
    from mentor_tui.db import goals, plans

    return plans.competency_choices(), goals.goal_fields(goal_id) if goal_id is not None else None


def plan_dates(start_on: dt.date, target_on: dt.date | None) -> str:
    if target_on is None:
        return f"from {dates.show(start_on)}"
    return f"{dates.show(start_on)} to {dates.show(target_on)}"


def goal_form(
    competencies: list[tuple[str, str]],
    *,
    plan_id: int,
    plan_title: str,
    owner: str,
    plan_start: dt.date,
    plan_target: dt.date | None,
    current: GoalFields | None = None,
) -> FormScreen:
    """Add a goal to a plan, or (with `current`) edit one; the due date must fit the plan's dates."""
    from mentor_tui.db import goals

    def save(values: dict[str, Any]):
        args = (values["title"], values["competency"], values["kind"], values["phase"], values["due_on"],
                values["detail"] or "")
        if current is None:
            return goals.add_goal(plan_id, *args)
        title, competency, kind, phase, due_on, detail = args
        return goals.update_goal(current.id, title=title, competency_key=competency, kind=kind, phase=phase,
                                 due_on=due_on, detail=detail)

    c = current
    return FormScreen(
        f"Edit goal of “{plan_title}” · {owner}" if c else f"Add a goal to “{plan_title}” · {owner}",
        [
            record_field("goals", "title", "Goal", default=c.title if c else None,
                         placeholder="e.g. Debug a CrashLoopBackOff from events and logs"),
            Field("competency", "Competency", "select", options=competencies, default=c.competency_key if c else None),
            record_field("goals", "kind", "Kind", default=c.kind if c else "skill"),
            record_field("goals", "phase", "Phase", default=c.phase if c else None, placeholder="e.g. day 30"),
            record_field("goals", "due_on", f"Due on (the plan runs {plan_dates(plan_start, plan_target)})",
                         default=c.due_on if c else None),
            record_field("goals", "detail", "Detail (Markdown: why, done when)", default=c.detail if c else None),
        ],
        save,
        guard=("Goal", current.id) if current is not None else None,
    )


def plan_edit_choices(plan_id: int) -> tuple[PlanFields | None, list[Any]]:
    """Runs in a worker: the plan's values and the people it can be for (its owner and mentor
    among them, also when archived)."""
    from mentor_tui.db import people, plans

    current = plans.plan_fields(plan_id)
    keep = (current.owner_id, current.mentor_id) if current is not None else ()
    return current, people.roster_keeping(keep)


def plan_edit_form(current: PlanFields, roster: list[Any]) -> FormScreen:
    from mentor_tui.db import plans
    from mentor_tui.db.people import label

    people = [(label(p), p.id) for p in sorted(roster, key=lambda p: (p.role != "mentee", p.name))]
    mentors = [(label(p), p.id) for p in sorted(roster, key=lambda p: (p.role == "mentee", p.name))]

    def save(values: dict[str, Any]):
        return plans.update_plan(
            current.id, owner_id=values["owner"], mentor_id=values["mentor"], title=values["title"],
            kind=values["kind"], status=values["status"], start_on=values["start_on"], target_on=values["target_on"],
        )

    return FormScreen(
        f"Edit plan “{current.title}”",
        [
            Field("owner", "Whose plan", "select", required=True, options=people, default=current.owner_id),
            Field("mentor", "Mentor", "select", options=mentors, default=current.mentor_id),
            record_field("plans", "title", "Title", default=current.title),
            record_field("plans", "kind", "Kind", default=current.kind),
            record_field("plans", "status", "Status", default=current.status),
            record_field("plans", "start_on", "Starts on", default=current.start_on),
            record_field("plans", "target_on", "Target date", default=current.target_on),
        ],
        save,
        guard=("Plan", current.id),
    )
