"""A plan (enter on a plan in 2 Plans): its header and its goals, grouped by phase or competency.

Goals are worked from here: add, edit, cycle their status, block, reorder,
delete, open. Every change is saved in a worker (DetailScreen.save) and the
plan is read again, so the progress bar moves at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.db.goals import GoalLine, PlanView
from mentor_tui.screens.deleting import CITED, CITED_MANY, ask_to_delete
from mentor_tui.screens.detail import DetailScreen
from mentor_tui.screens.plan_forms import (
    goal_choices,
    goal_form,
    plan_dates,
    plan_edit_choices,
    plan_edit_form,
)
from mentor_tui.screens.plans import progress_bar
from mentor_tui.screens.section import clip
from mentor_tui.widgets.record_table import RecordTable, TableRow

STATUS_LOOK = {
    "todo": ("○ todo", ""),
    "doing": ("◐ doing", "bold $warning"),
    "blocked": ("✖ blocked", "bold $error"),
    "done": ("✔ done", "$success"),
}
_RICH_STATUS = {"todo": "", "doing": "bold yellow", "blocked": "bold red", "done": "green"}
GROUPINGS = ("phase", "competency")


def status_cell(status: str) -> Text:
    return Text(STATUS_LOOK.get(status, (status, ""))[0], style=_RICH_STATUS.get(status, ""))


def due_cell(goal: GoalLine, compact: bool = False) -> Text:
    """The due date; when overdue, by how many days (`compact`: "⚠ 15d", for narrow screens)."""
    if goal.due_on is None:
        return Text("")
    if goal.overdue(clock.today()):
        days = (clock.today() - goal.due_on).days
        return Text(f"{dates.show(goal.due_on)} ⚠ {days}d{'' if compact else ' overdue'}", style="bold red")
    return Text(dates.show(goal.due_on), style="dim" if goal.status == "done" else "")


LABS_HEADER = "Lab steps"  # the cell counts checklist steps: "0/4" under "Labs" read as four labs
STATUS_WIDTH = max(len("Status"), *(cell_len(shown) for shown, _style in STATUS_LOOK.values()))
GROUP_WIDTH = OTHER_WIDTH = 18  # a phase's or competency's name is cut to it
GROUP_LEAST, TITLE_ROOM = 10, 24  # the group's names are cut down to GROUP_LEAST before a title gets less


def labs_cell(goal: GoalLine) -> str:
    """Steps done of the steps of the goal's labs; how many labs when more than one."""
    if not goal.labs:
        return ""
    check = "✔ " if goal.items_total and goal.items_done == goal.items_total else ""
    labs = f" ({goal.labs} labs)" if goal.labs > 1 else ""
    return f"{check}{goal.items_done}/{goal.items_total}{labs}"


def grouped(goals: tuple[GoalLine, ...], by: str) -> list[tuple[str, list[GoalLine]]]:
    """The goals in groups (phase: day 30, 60, 90 in day order; competency: as they first
    appear), the plan's order inside each; goals without one come last."""
    from mentor_tui.db.template_plans import phase_days

    groups: dict[str | None, list[GoalLine]] = {}
    for goal in goals:
        groups.setdefault(goal.phase if by == "phase" else goal.competency, []).append(goal)
    order = list(groups)

    def rank(name: str | None) -> tuple[int, float, int]:
        days = phase_days(name) if by == "phase" else None
        return (name is None, days if days is not None else float("inf"), order.index(name))

    none_label = "(no phase)" if by == "phase" else "(no competency)"
    return [(name if name is not None else none_label, groups[name]) for name in sorted(groups, key=rank)]


class StatusChanges:
    """Mixed into the plan and goal screens (DetailScreens): a status key pressed while the
    last change is saving runs after it, so space space takes a goal from todo to done."""

    _queued: list[Callable[[], Any]] | None = None

    def _change_status(self, edit: Callable[[], Any]) -> None:
        screen: Any = self
        if self._queued is None:
            self._queued = []
        if screen.saving:
            self._queued.append(edit)
            return
        screen.save(edit, self._status_saved, lambda _message: self._queued.clear())

    def _status_saved(self, goal: Any) -> None:
        screen: Any = self
        # the new status first: a long title is cut, never the news
        screen.set_status(f"{STATUS_LOOK.get(goal.status, (goal.status, ''))[0]}: “{clip(goal.title, 60)}”")
        if self._queued:
            self._change_status(self._queued.pop(0))


class PlanScreen(StatusChanges, DetailScreen[PlanView]):
    SUB_TITLE = "2 Plans › Plan"
    GONE_TEXT = "This plan is not here anymore (deleted, or replaced by an import). Press esc to go back."
    AUTO_FOCUS = "#goals"
    BINDINGS = [
        Binding("enter", "open_goal", "Open goal"),
        Binding("a", "add_goal", "Add goal"),
        Binding("e", "edit_goal", "Edit goal"),
        Binding("space", "cycle_status", "Todo/doing/done"),
        Binding("b", "block", "Blocked"),
        Binding("d", "delete_goal", "Delete goal"),
        Binding("J", "move(1)", "Move down"),
        Binding("K", "move(-1)", "Move up"),
        Binding("tab", "toggle_grouping", "Group by phase/competency"),
        Binding("E", "edit_plan", "Edit plan"),
        Binding("D", "delete_plan", "Delete plan"),
    ]

    grouping = "phase"

    def __init__(self, uuid: str, grouping: str = "phase") -> None:
        super().__init__(uuid)
        self.grouping = grouping

    def load(self) -> PlanView | None:
        from mentor_tui.db import goals

        return goals.plan_view(self.key)

    def compose_content(self) -> ComposeResult:
        yield Static("", id="plan-head")
        yield RecordTable(id="goals", zebra_stripes=True)
        yield Static("", id="plan-empty", classes="-hidden")

    @property
    def table(self) -> RecordTable:
        return self.query_one("#goals", RecordTable)

    def render_record(self, data: PlanView) -> None:
        self.sub_title = f"2 Plans › {data.title}"
        self.query_one("#plan-head", Static).update(plan_head(data))
        other = "competency" if self.grouping == "phase" else "phase"
        groups = grouped(data.goals, self.grouping)
        compact = self.size.width < 100  # the goal titles need the room more than the word "overdue"
        lines = [(name, index, goal, due_cell(goal, compact), labs_cell(goal))
                 for name, goals in groups for index, goal in enumerate(goals)]
        columns = [self.grouping.capitalize(), "Goal", "Status", "Due", LABS_HEADER]
        # Status, Due and Lab steps are shown whole; the group and the goal's title share what they
        # leave, the title cut first (each cell has one space either side).
        due_width = max([len("Due"), *(due.cell_len for *_, due, _labs in lines)])
        labs_width = max([len(LABS_HEADER), *(cell_len(labs) for *_, labs in lines)])
        room = self._columns_room() - STATUS_WIDTH - due_width - labs_width - 2 * len(columns)
        wanted = min(GROUP_WIDTH, max((len(name) for name, _ in groups), default=0))
        show_other = room - max(len(columns[0]), wanted) - (OTHER_WIDTH + 2) >= 40
        if show_other:
            columns.append(other.capitalize())
            room -= OTHER_WIDTH + 2
        group_width = max(min(wanted, GROUP_LEAST), min(wanted, room - TITLE_ROOM))
        width = max(room - max(len(columns[0]), group_width), 4)
        rows = []
        for name, index, goal, due, labs in lines:
            cells = [clip(name, group_width) if index == 0 else "", clip(goal.title, width),
                     status_cell(goal.status), due, labs]
            if show_other:
                cells.append(clip((goal.competency if other == "competency" else goal.phase) or "", OTHER_WIDTH))
            rows.append(TableRow(str(goal.id), (name, goal), tuple(cells)))
        self.table.show_rows(rows, columns=columns)
        empty = self.query_one("#plan-empty", Static)
        empty.update("No goals yet. Press a to add the first one." if not rows else "")
        empty.display = not rows
        self.refresh_bindings()

    def _columns_room(self) -> int:
        """The cells the goals' columns have: the terminal's width but the body's padding and the
        scrollbars of the body and of the table (kept free: a long plan gets both). Known before
        the first layout."""
        body = self.query_one("#detail-body")
        scrollbars = body.styles.scrollbar_size_vertical + self.table.styles.scrollbar_size_vertical
        return self.size.width - body.styles.gutter.width - scrollbars

    def on_resize(self) -> None:
        if self.data is not None:
            self.render_record(self.data)

    # The goal under the cursor -------------------------------------------------

    def highlighted(self) -> tuple[str, GoalLine] | None:
        row = self.table.highlighted_row()
        return None if row is None else row.record

    def _goal(self) -> GoalLine | None:
        picked = self.highlighted()
        if picked is None:
            self.notify("No goal here yet: press a to add one.", severity="warning")
            return None
        return picked[1]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_grouping":
            return True
        goal_actions = ("open_goal", "edit_goal", "cycle_status", "block", "delete_goal", "move")
        if action in goal_actions and (self.data is None or not self.data.goals):
            return None  # shown dimmed until there is a goal
        return super().check_action(action, parameters)

    # Actions ---------------------------------------------------------------

    def action_toggle_grouping(self) -> None:
        self.grouping = "competency" if self.grouping == "phase" else "phase"
        self.set_status(f"Goals grouped by {self.grouping}; tab groups them by "
                        f"{'phase' if self.grouping == 'competency' else 'competency'}.")
        if self.data is not None:
            self.render_record(self.data)

    def action_open_goal(self) -> None:
        from mentor_tui.screens.goal_view import GoalScreen

        goal = self._goal()
        if goal is not None:
            self.app.push_screen(GoalScreen(goal.uuid), lambda _: self.reload())

    def action_add_goal(self) -> None:
        plan = self.data
        if plan is None:
            return
        self.open_form_after(goal_choices, partial(self._goal_form, plan), lambda g: f"Goal “{g.title}” added.",
                             select=lambda g: str(g.id))

    def action_edit_goal(self) -> None:
        plan, goal = self.data, self._goal()
        if plan is None or goal is None:
            return
        self.open_form_after(partial(goal_choices, goal.id), partial(self._goal_form, plan),
                             lambda g: f"Goal “{g.title}” saved.")

    def _goal_form(self, plan: PlanView, choices: Any):
        competencies, current = choices
        return goal_form(competencies, plan_id=plan.id, plan_title=plan.title, owner=plan.owner,
                         plan_start=plan.start_on,
                         plan_target=plan.target_on, current=current)

    def form_saved(self, message: str, row_key: str | None = None) -> None:
        self.notify(message)
        if row_key is not None:
            self._select_after = row_key
        self.reload()

    _select_after: str | None = None

    def _loaded(self, data: PlanView | None) -> None:
        super()._loaded(data)
        if self._select_after is not None and data is not None:
            self.table.cursor_to(self._select_after)
            self._select_after = None

    def action_cycle_status(self) -> None:
        from mentor_tui.db import goals

        goal = self._goal()
        if goal is not None:
            self._change_status(lambda: goals.cycle_status(goal.id, clock.today()))

    def action_block(self) -> None:
        from mentor_tui.db import goals

        goal = self._goal()
        if goal is not None:
            self._change_status(lambda: goals.toggle_blocked(goal.id, clock.today()))

    def action_move(self, offset: int) -> None:
        from mentor_tui.db import goals

        picked = self.highlighted()
        if picked is None:
            return
        rows = self.table.table_rows
        index = self.table.cursor_row + offset
        if not 0 <= index < len(rows) or rows[index].record[0] != picked[0]:
            where = "first" if offset < 0 else "last"
            self.notify(f"Already {where} in {picked[0]}: press e to give it another {self.grouping}.")
            return
        other = rows[index].record[1]
        self.save(lambda: goals.swap_goals(picked[1].id, other.id))

    def action_delete_goal(self) -> None:
        from mentor_tui.db import goals

        goal = self._goal()
        if goal is None:
            return
        ask_to_delete(
            self, lambda: goals.goal_dependents(goal.id),
            lambda deps: ("Delete this goal?",
                          f"“{goal.title}” will be deleted, and with it {deps.words()}. {CITED} "
                          "This cannot be undone."),
            lambda: goals.delete_goal(goal.id),
            lambda gone: (self.notify(f"Goal “{goal.title}” deleted."),
                          self.set_status(f"Deleted: “{clip(goal.title, 60)}”"), self.reload()),
        )

    def action_edit_plan(self) -> None:
        if self.data is not None:
            self.open_form_after(partial(plan_edit_choices, self.data.id), _edit_form,
                                 lambda p: f"Plan “{p.title}” saved.")

    def action_delete_plan(self) -> None:
        from mentor_tui.db import plans

        plan = self.data
        if plan is None:
            return
        ask_to_delete(
            self, lambda: plans.plan_dependents(plan.id),
            lambda deps: ("Delete this plan?",
                          f"“{plan.title}” of {plan.owner} will be deleted, and with it {deps.words()}. "
                          f"{CITED_MANY} This cannot be undone."),
            lambda: plans.delete_plan(plan.id),
            lambda gone: (self.app.notify(f"Plan “{plan.title}” deleted."), self.dismiss(None)),
        )


def _edit_form(choices: Any):
    current, roster = choices
    return None if current is None else plan_edit_form(current, roster)


def plan_head(plan: PlanView) -> Content:
    """Names and titles are user text: assembled, never read as markup."""
    overdue = sum(g.overdue(clock.today()) for g in plan.goals)
    mentor = plan.mentor or "no mentor"
    template = f" · from the {plan.template} template" if plan.template else ""
    parts: list[Any] = [
        (plan.title, "bold"), "\n",
        ("Owner   ", "dim"), plan.owner, ("   Mentor  ", "dim"), mentor, "\n",
        ("Status  ", "dim"), plan.status, ("   Dates   ", "dim"), plan_dates(plan.start_on, plan.target_on), "\n",
        ("Kind    ", "dim"), f"{plan.kind}{template}", "\n",
        ("Progress ", "dim"), f"{progress_bar(plan.percent, 20)} {plan.percent}%  ",
        f"{plan.goals_done}/{len(plan.goals)} goals done",
    ]
    if overdue:
        parts += ["  ", (f"⚠ {overdue} overdue", "bold $error")]
    return Content.assemble(*parts)
