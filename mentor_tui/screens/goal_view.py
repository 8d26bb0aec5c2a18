"""A goal (enter on a goal in a plan): its detail as Markdown, and its labs with their progress.

Enter on a lab calls `open_lab(lab_id)`; for now it shows the lab's checklist
read-only (the Labs section's own lab screen will take its place).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Markdown, Static

from mentor_tui import clock, dates
from mentor_tui.db.goals import GoalView, LabLine
from mentor_tui.screens.deleting import CITED, ask_to_delete
from mentor_tui.screens.detail import DetailScreen
from mentor_tui.screens.plan_forms import goal_choices, goal_form, plan_dates
from mentor_tui.screens.plan_view import STATUS_LOOK, StatusChanges, due_cell
from mentor_tui.screens.section import clip
from mentor_tui.widgets.notes_markdown import widget_parser
from mentor_tui.widgets.record_table import RecordTable, TableRow


class GoalScreen(StatusChanges, DetailScreen[GoalView]):
    SUB_TITLE = "2 Plans › Goal"
    GONE_TEXT = "This goal is not here anymore (deleted, or replaced by an import). Press esc to go back."
    AUTO_FOCUS = "#labs"
    BINDINGS = [
        Binding("enter", "open_lab", "Open lab"),
        Binding("e", "edit_goal", "Edit goal"),
        Binding("space", "cycle_status", "Todo/doing/done"),
        Binding("b", "block", "Blocked"),
        Binding("d", "delete_goal", "Delete goal"),
    ]

    def load(self) -> GoalView | None:
        from mentor_tui.db import goals

        return goals.goal_view(self.key)

    def compose_content(self) -> ComposeResult:
        yield Static("", id="goal-head")
        yield Markdown("", id="goal-detail", open_links=False, parser_factory=widget_parser)
        yield Static("", id="goal-labs-title", classes="detail-part")
        yield RecordTable(id="labs", zebra_stripes=True)

    def render_record(self, data: GoalView) -> None:
        goal = data.goal
        self.sub_title = f"2 Plans › {clip(data.plan_title, 30)} › {clip(goal.title, 40)}"
        self.query_one("#goal-head", Static).update(goal_head(data))
        self.query_one("#goal-detail", Markdown).update(data.detail or "*No detail yet: press e to write why "
                                                                       "this goal matters and when it is done.*")
        self.query_one("#goal-labs-title", Static).update(Content.styled(labs_title(data), "bold"))
        rows = [TableRow(str(lab.id), lab, (clip(lab.title, 50), lab_progress(lab), dates.show(lab.last_practised_on),
                                            clip(lab.link or "", 40)))
                for lab in data.labs_list]
        self.query_one("#labs", RecordTable).show_rows(rows, columns=["Lab", "Checklist", "Last practised", "Link"])
        self.query_one("#labs").display = bool(rows)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_lab" and (self.data is None or not self.data.labs_list):
            return None if self.data is None else False  # no lab to open: not in the key bar at all
        if action in ("edit_goal", "cycle_status", "block", "delete_goal") and self.data is None:
            return None
        return super().check_action(action, parameters)

    def action_open_lab(self) -> None:
        row = self.query_one("#labs", RecordTable).highlighted_row()
        if row is not None:
            self.open_lab(row.record.id)

    def open_lab(self, lab_id: int) -> None:
        """Open the lab: its checklist to tick (screens/lab.py); coming back shows the goal as it is then."""
        from mentor_tui.screens.lab import LabScreen

        self.app.push_screen(LabScreen(lab_id), lambda _: self.reload())

    def action_edit_goal(self) -> None:
        if self.data is not None:
            view = self.data
            self.open_form_after(partial(goal_choices, view.goal.id), partial(_goal_form, view),
                                 lambda g: f"Goal “{g.title}” saved.")

    def action_cycle_status(self) -> None:
        from mentor_tui.db import goals

        if self.data is not None:
            goal_id = self.data.goal.id
            self._change_status(lambda: goals.cycle_status(goal_id, clock.today()))

    def action_block(self) -> None:
        from mentor_tui.db import goals

        if self.data is not None:
            goal_id = self.data.goal.id
            self._change_status(lambda: goals.toggle_blocked(goal_id, clock.today()))

    def action_delete_goal(self) -> None:
        from mentor_tui.db import goals

        if self.data is None:
            return
        goal = self.data.goal
        ask_to_delete(
            self, lambda: goals.goal_dependents(goal.id),
            lambda deps: ("Delete this goal?",
                          f"“{goal.title}” will be deleted, and with it {deps.words()}. {CITED} "
                          "This cannot be undone."),
            lambda: goals.delete_goal(goal.id),
            lambda gone: (self.app.notify(f"Goal “{goal.title}” deleted."), self.dismiss(None)),
        )


def _goal_form(view: GoalView, choices: Any):
    competencies, current = choices
    if current is None:
        return None
    return goal_form(competencies, plan_id=current.plan_id, plan_title=view.plan_title, owner=view.owner,
                     plan_start=current.plan_start, plan_target=current.plan_target, current=current)


def labs_title(view: GoalView) -> str:
    """The labs' heading; with none yet, where to add one (the new-lab form offers every goal
    of an active plan, done ones too: a lab is also for practising again)."""
    if view.labs_list:
        return f"Labs ({len(view.labs_list)})"
    if view.plan_status == "active":
        return "Labs: none yet (the Labs section, key 3, adds one under this goal)"
    return f"Labs: none yet (the plan is {view.plan_status}: labs are added under goals of active plans)"


def lab_progress(lab: LabLine) -> str:
    check = "✔ " if lab.items_total and lab.items_done == lab.items_total else ""
    return f"{check}{lab.items_done}/{lab.items_total}"


def goal_head(view: GoalView) -> Content:
    goal = view.goal
    label, style = STATUS_LOOK.get(goal.status, (goal.status, ""))
    due = due_cell(goal)
    parts: list[Any] = [
        (goal.title, "bold"), "\n",
        ("Plan     ", "dim"), f"{view.plan_title} ({plan_dates(view.plan_start, view.plan_target)})", "\n",
        # a line of its own: "(archived)" after the name of someone who left made the plan's line
        # wrap at 80 columns (and read as parentheses in parentheses)
        ("Owner    ", "dim"), view.owner, "\n",
        ("Status   ", "dim"), (label, style), ("   Phase  ", "dim"), goal.phase or "—",
        ("   Due  ", "dim"), Content.from_rich_text(due) if due.plain else "—",
    ]
    if goal.done_on:
        parts += [("   Done  ", "dim"), dates.show(goal.done_on)]
    parts += ["\n", ("Kind     ", "dim"), goal.kind, ("   Competency  ", "dim"), goal.competency or "—"]
    return Content.assemble(*parts)
