"""Progress: how far plans have come (plans of a person, active plans of the team)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Case, Select, fn

from mentor_tui.db.models import Goal, Lab, LabItem, Person, Plan
from mentor_tui.db.reports.common import PersonRef, chunks, each_row, percent, person_ref, pk
from mentor_tui.vocabulary import ROLES


@dataclass(frozen=True)
class PlanProgress:
    uuid: str
    title: str
    kind: str
    status: str
    start_on: dt.date
    target_on: dt.date | None
    owner: PersonRef
    mentor_name: str | None
    goals_done: int
    goals_total: int
    items_done: int
    items_total: int

    @property
    def goals_percent(self) -> int:
        return percent(self.goals_done, self.goals_total)

    @property
    def items_percent(self) -> int:
        return percent(self.items_done, self.items_total)


def plan_progress(plans: Select) -> list[PlanProgress]:
    """Progress of the plans a `Plan.select()` query names, in the query's order.

    A handful of queries whatever the number of plans: the plans, their people,
    the goal counts and the lab item counts (both GROUP BY plan, per 500 plans).
    """
    rows = list(plans)
    if not rows:
        return []
    person_ids = {p.owner_id for p in rows} | {p.mentor_id for p in rows if p.mentor_id is not None}
    people: dict[int, Person] = {}
    for chunk in chunks(sorted(person_ids), 500):
        people.update((p.get_id(), p) for p in Person.select().where(pk(Person).in_(chunk)))
    ids = [p.id for p in rows]
    goal_counts: dict[int, tuple[int, int]] = {}
    item_counts: dict[int, tuple[int, int]] = {}
    for chunk in chunks(ids, 500):
        done_goal = fn.SUM(Case(None, [(Goal.status == "done", 1)], 0))
        for plan_id, total, done in each_row(
            Goal.select(Goal.plan, fn.COUNT(pk(Goal)), done_goal)
            .where(Goal.plan.in_(chunk))
            .group_by(Goal.plan)
            .tuples()
        ):
            goal_counts[plan_id] = (int(done or 0), int(total))
        done_item = fn.SUM(Case(None, [(LabItem.done == True, 1)], 0))  # noqa: E712
        for plan_id, total, done in each_row(
            LabItem.select(Goal.plan, fn.COUNT(pk(LabItem)), done_item)
            .join(Lab)
            .join(Goal)
            .where(Goal.plan.in_(chunk))
            .group_by(Goal.plan)
            .tuples()
        ):
            item_counts[plan_id] = (int(done or 0), int(total))
    result = []
    for plan in rows:
        goals_done, goals_total = goal_counts.get(plan.id, (0, 0))
        items_done, items_total = item_counts.get(plan.id, (0, 0))
        result.append(
            PlanProgress(
                uuid=plan.uuid,
                title=plan.title,
                kind=plan.kind,
                status=plan.status,
                start_on=plan.start_on,
                target_on=plan.target_on,
                owner=person_ref(people[plan.owner_id]),
                mentor_name=people[plan.mentor_id].name if plan.mentor_id in people else None,
                goals_done=goals_done,
                goals_total=goals_total,
                items_done=items_done,
                items_total=items_total,
            )
        )
    return result


def people_by_role(include_archived: bool = False) -> dict[str, list[PersonRef]]:
    """People grouped by role (ROLES order, unknown roles after), each group sorted by name."""
    query = Person.select().order_by(Person.name, pk(Person))
    if not include_archived:
        query = query.where(Person.archived == False)  # noqa: E712
    grouped: dict[str, list[PersonRef]] = {}
    for person in query:
        grouped.setdefault(person.role, []).append(person_ref(person))
    order = {role: index for index, role in enumerate(ROLES)}
    return {
        role: grouped[role] for role in sorted(grouped, key=lambda r: (order.get(r, len(order)), r))
    }


def active_plans_of_team() -> list[PlanProgress]:
    """Progress of every active plan of an active person, by owner name then start date."""
    return plan_progress(
        Plan.select()
        .join(Person, on=(Plan.owner == pk(Person)))
        .where((Plan.status == "active") & (Person.archived == False))  # noqa: E712
        .order_by(Person.name, pk(Person), Plan.start_on, pk(Plan))
    )
