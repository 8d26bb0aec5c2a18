"""2 Plans: everyone's learning plans with their progress."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding

from mentor_tui import clock, dates
from mentor_tui.db.plans import PlanRow
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.section import TableSection, clip


class PlansScreen(TableSection[PlanRow]):
    SUB_TITLE = "2 Plans"
    EMPTY_TEXT = (
        "[b]Plans[/b]\n\n"
        "Learning plans hold a person's goals (onboarding, skill tracks, leadership), "
        "each with labs and a due date, and show how far along they are.\n\n"
        "No plans yet. Press [b]n[/b] to create the first one."
    )
    COLUMNS = ("Owner", "Plan", "Kind", "Status", "Progress", "Start", "Target")
    BINDINGS = [Binding("n", "new_plan", "New plan"), Binding("g", "add_goal", "Add goal")]

    def count_rows(self) -> int:
        from mentor_tui.db import plans

        return plans.count()

    def fetch_page(self, limit: int, offset: int):
        from mentor_tui.db import plans

        return plans.page(limit, offset)

    def cells(self, row):
        bar = progress_bar(row.percent)
        return (
            row.owner,
            clip(row.title, 40),
            row.kind,
            row.status,
            f"{bar} {row.goals_done}/{row.goals_total}",
            dates.show(row.start_on),
            dates.show(row.target_on),
        )

    def action_new_plan(self) -> None:
        self.open_form_after(_plan_choices, self._plan_form, lambda plan: f"Plan “{plan.title}” created.",
                             select=lambda plan: str(plan.id))

    def _plan_form(self, choices) -> FormScreen | None:
        from mentor_tui.db import plans

        roster, me = choices
        if not roster:
            self.notify("Add a person first: press 6, then n.", severity="warning")
            return None
        by_id = {p.id: p for p in roster}
        mentees_first = sorted(roster, key=lambda p: (p.role != "mentee", p.name))

        def save(values):
            mentor = me if me is not None and me.role == "mentor" and me.id != values["owner"] else None
            return plans.create_plan(
                by_id[values["owner"]], values["title"], values["kind"], values["start_on"], values["target_on"], mentor
            )

        return FormScreen(
            "New plan",
            [
                Field("owner", "Whose plan", "select", required=True, options=[(p.name, p.id) for p in mentees_first]),
                record_field("plans", "title", "Title", placeholder="e.g. Kubernetes track"),
                record_field("plans", "kind", "Kind", default="skill"),
                record_field("plans", "start_on", "Starts on", default=clock.today()),
                record_field("plans", "target_on", "Target date"),
            ],
            save,
        )

    def action_add_goal(self) -> None:
        plan = self.highlighted()
        if plan is None:
            self.notify("Create a plan first: press n.", severity="warning")
            return
        self.open_form_after(_competency_choices, partial(self._goal_form, plan), lambda goal: f"Goal “{goal.title}” added.")

    def _goal_form(self, plan: PlanRow, competencies) -> FormScreen:
        from mentor_tui.db import plans

        def save(values):
            return plans.add_goal(
                plan.id, values["title"], values["competency"], values["kind"], values["phase"], values["due_on"]
            )

        return FormScreen(
            f"Add a goal to “{plan.title}” ({plan.owner})",
            [
                record_field("goals", "title", "Goal", placeholder="e.g. Debug a CrashLoopBackOff from events and logs"),
                Field("competency", "Competency", "select", options=competencies),
                record_field("goals", "kind", "Kind", default="skill"),
                record_field("goals", "phase", "Phase", placeholder="e.g. day 30"),
                record_field("goals", "due_on", "Due on"),
            ],
            save,
        )


def _plan_choices():
    """Runs in a worker: the people a plan can be for, and me."""
    from mentor_tui.db import people

    return people.roster(), people.me()


def _competency_choices():
    """Runs in a worker: (name, key) of every competency."""
    from mentor_tui.db import plans

    return plans.competency_choices()


def progress_bar(percent: int, width: int = 10) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)
