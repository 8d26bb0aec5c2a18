"""The Dashboard's plans panel: each active plan of mine (a mentor: of each mentee) with its
progress bar and the next goals due, overdue first (db/due_goals.py reads them)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.screens.progress_bar import progress_bar

if TYPE_CHECKING:  # the Dashboard is the first screen: nothing more is imported for it at start
    from mentor_tui.db.due_goals import PlanDue


class DuePlansPanel(Static):
    """Shows `plans_due()`; titles and names are user text, assembled, never markup."""

    _plans: list[PlanDue] | None = None

    def on_resize(self) -> None:
        if self._plans is not None:
            self.show_plans(self._plans)

    def show_plans(self, plans: list[PlanDue]) -> None:
        self._plans = plans
        from mentor_tui.screens.section import clip

        parts: list[Any] = [("Plans and what is due", "bold")]
        if not plans:
            parts.append("\n  No active plans of yours or your mentees. Press 2, then n, to start one from a template.")
        today = clock.today()
        # a goal's line fits the panel: date, title, "NNd overdue (blocked)"
        width = max(20, (self.content_size.width or self.app.size.width - 4) - 44)
        for plan in plans:
            whose = "mine" if plan.mine else plan.owner
            parts += ["\n  ", (clip(plan.title, width + 8), "bold"), f" · {whose}  ",
                      f"{progress_bar(plan.percent)} {plan.goals_done}/{plan.goals_total}"]
            if not plan.next_goals:
                parts += ["\n      ", ("nothing due", "dim")]
            for goal in plan.next_goals:
                if goal.overdue:
                    late = (today - goal.due_on).days
                    parts += ["\n    ", (f"⚠ {dates.show(goal.due_on)}", "bold $error"), "  ", clip(goal.title, width),
                              (f"  {late}d overdue", "$error")]
                else:
                    parts += ["\n      ", dates.show(goal.due_on), "  ", clip(goal.title, width)]
                if goal.status in ("doing", "blocked"):
                    parts.append((f" ({goal.status})", "dim"))
            if plan.more_overdue:
                parts += ["\n      ", (f"and {plan.more_overdue} more overdue", "$error")]
        self.update(Content.assemble(*parts))
