"""3 Labs: hands-on exercises with their checklists, filtered by competency (c),
state (o: all, open, done) and text (/). enter opens a lab (screens/lab.py)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from mentor_tui import dates
from mentor_tui.db.labs import STATES, LabFilter, LabRow, StateCounts
from mentor_tui.screens import lab_forms
from mentor_tui.screens.confirm import ConfirmScreen
from mentor_tui.screens.lab import STALE, LabScreen, stale_cutoff
from mentor_tui.screens.pick import PickScreen
from mentor_tui.screens.section import TableSection, clip
from mentor_tui.screens.store_work import could_not_save, deliver, run_edit
from mentor_tui.widgets.plain_input import PlainInput
from mentor_tui.widgets.record_table import RecordTable


class LabsScreen(TableSection[LabRow]):
    SUB_TITLE = "3 Labs"
    AUTO_FOCUS = "#table"  # not the search field, which is hidden until /
    EMPTY_TEXT = (
        "[b]Labs[/b]\n\n"
        "Labs are hands-on exercises under a plan's goals (deploy to a kind cluster, "
        "write a Terraform module, break and fix a canary), each with a checklist "
        "and evidence links.\n\n"
        "No labs yet. Press [b]n[/b] to add the first one. A lab hangs under a goal: to add "
        "a goal, press [b]2[/b], move to the plan and press [b]g[/b]."
    )
    COLUMNS = ("Owner", "Lab", "Checklist", "Last practised", "Plan › Goal")
    FIRST_PAGE = 80
    PAGE_SIZE = 100  # then a page at a time: appending it stays within a key's budget
    BINDINGS = [
        Binding("enter", "open_row", "Open lab"),
        Binding("n", "new_lab", "New lab"),
        Binding("E", "edit_lab", "Edit lab"),
        Binding("m", "move_lab", "Move to goal"),
        Binding("d", "delete_lab", "Delete lab"),
        Binding("c", "pick_competency", "Competency"),
        Binding("o", "next_state", "Open/done/all"),
        Binding("slash", "search", "Filter labs"),  # (ctrl+f searches all notes, as elsewhere)
        Binding("escape", "clear_filters", "Clear filters"),
    ]

    filters = LabFilter()
    competency_name = ""  # the name of the competency filtered by ("" for all)
    counts = StateCounts(0, 0, 0)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="lab-filters")
        yield PlainInput(id="lab-search", placeholder="Filter by lab, goal, plan, person… (enter: to the list, esc: clear)",
                    compact=True, classes="-hidden")
        yield RecordTable(id="table", zebra_stripes=True)

    # Reading ------------------------------------------------------------------------

    def _filters_now(self) -> LabFilter:
        return replace(self.filters, cutoff=stale_cutoff(self.app))

    def fetch(self) -> Any:
        from mentor_tui.db import labs

        filters = self._filters_now()
        counts = labs.state_counts(filters)
        every = counts.all if not (filters.competency or filters.text.strip()) else labs.count(LabFilter())
        return getattr(counts, filters.state), labs.page(self.first_page, 0, filters), counts, every, filters

    def count_rows(self) -> int:
        from mentor_tui.db import labs

        return labs.count(self._filters_now())

    def fetch_page(self, limit: int, offset: int):
        from mentor_tui.db import labs

        return labs.page(limit, offset, self._filters_now())

    def is_empty(self, data: Any) -> bool:
        return data[3] == 0  # no lab at all (a filter that matches none says so in the filter line)

    def show(self, data: Any) -> None:
        total, rows, counts, _every, _filters = data
        self.counts = counts
        super().show((total, rows))
        self._show_filters()

    def _show_filters(self) -> None:
        f, c = self.filters, self.counts
        parts: list[Any] = []
        for state, n in (("open", c.open), ("done", c.done), ("all", c.all)):
            label = f"{state.capitalize()} {n}"
            parts += [(f"[{label}]", "bold reverse") if f.state == state else label, "  "]
        parts += ["· ", ("Competency ", "dim"), self.competency_name or "all"]
        if c.stale:
            parts += ["  · ", (f"⚠ {c.stale} {STALE}", "bold $warning")]
        if f.text.strip():
            parts += ["  · ", ("Filter ", "dim"), f"“{f.text.strip()}”"]
        if self.total == 0:
            parts += ["\n", ("No lab matches: c, o and / change the filters, esc clears them.", "italic")]
        self.query_one("#lab-filters", Static).update(Content.assemble(*parts))

    def cells(self, row: LabRow):
        check = "✔" if row.done else " "
        practised: Any = dates.show(row.last_practised_on)
        if row.stale:
            practised = Text.assemble(practised, " ", ("⚠ stale", "bold yellow"))
        owner, title, where = self.row_layout()
        return (
            # dim when the owner left the program: a mark a narrow column's cut keeps
            Text(clip(row.owner, owner), style="dim") if row.owner_archived else clip(row.owner, owner),
            clip(row.title, title),
            f"{check} {row.items_done}/{row.items_total}",
            practised,
            clip(f"{row.plan} › {row.goal}", where),
        )

    def row_layout(self) -> tuple[int, ...]:
        """Owner, title and plan › goal cut to what the terminal's width leaves them: the checklist
        and the date (with its stale mark) take 25 cells (at 80 columns the plan and goal were cut
        to one letter past the edge). A resize that changes them shows the rows again."""
        return self.text_widths(25, (16, 32, 34), (12, 16, 14))

    def open_record(self, record: LabRow) -> None:
        self.app.push_screen(LabScreen(record.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_lab", "move_lab", "delete_lab"):
            return None if self.highlighted() is None else True
        if action == "clear_filters":  # also closes the search field left empty
            searching = not self.query_one("#lab-search").has_class("-hidden")
            return self.filters != LabFilter() or searching or None
        return super().check_action(action, parameters)

    # Filters ------------------------------------------------------------------------

    def set_filters(self, filters: LabFilter) -> None:
        self.filters = filters
        self.refresh_bindings()
        self.reload()

    def action_next_state(self) -> None:
        state = STATES[(STATES.index(self.filters.state) + 1) % len(STATES)]
        self.set_filters(replace(self.filters, state=state))

    def action_pick_competency(self) -> None:
        self.open_form_after(_competency_choices, self._competency_picker, lambda _r: "")

    def _competency_picker(self, choices) -> None:
        options = [("All competencies", "")] + [(f"{name}  ({n} lab{'s' if n != 1 else ''})", key) for name, key, n in choices]
        names = {key: name for name, key, _n in choices}

        def picked(key: str | None) -> None:
            if key is not None:
                self.competency_name = names.get(key, "")
                self.set_filters(replace(self.filters, competency=key or None))

        self.app.push_screen(PickScreen("Show the labs of which competency?", options, self.filters.competency or ""),
                             picked)
        return None

    def action_search(self) -> None:
        search = self.query_one("#lab-search", Input)
        search.remove_class("-hidden")
        search.focus()
        self.refresh_bindings()  # esc closes it

    @on(Input.Changed, "#lab-search")
    def _search_changed(self, event: Input.Changed) -> None:
        if event.value != self.filters.text:
            self.set_filters(replace(self.filters, text=event.value))

    @on(Input.Submitted, "#lab-search")
    def _search_submitted(self) -> None:
        search = self.query_one("#lab-search", Input)
        if not search.value.strip():
            search.add_class("-hidden")
            self.refresh_bindings()
        self.table.focus()

    def action_clear_filters(self) -> None:
        search = self.query_one("#lab-search", Input)
        search.value = ""
        search.add_class("-hidden")
        self.competency_name = ""
        self.table.focus()
        if self.filters != LabFilter():
            self.set_filters(LabFilter())
        else:
            self.refresh_bindings()

    # Records ------------------------------------------------------------------------

    def _goal_under_cursor(self, goals) -> int | None:
        """The goal of the lab under the cursor, when it can take another lab."""
        lab = self.highlighted()
        return lab.goal_id if lab is not None and any(g.id == lab.goal_id for g in goals) else None

    def action_new_lab(self) -> None:
        self.open_form_after(_goal_choices, self._lab_form, lambda lab: f"Lab “{lab.title}” added.",
                             select=lambda lab: str(lab.id))

    def _lab_form(self, goals):
        if not goals:
            self.notify("A lab hangs under a goal: press 2, move to a plan and press g to add one.", severity="warning")
            return None
        return lab_forms.new_lab_form(goals, self._goal_under_cursor(goals))

    def action_edit_lab(self) -> None:
        row = self.highlighted()
        if row is not None:
            self.open_form_after(partial(_lab_and_goals, row.id), _edit_form,
                                 lambda lab: f"Lab “{lab.title}” saved.", select=lambda lab: str(lab.id))

    def action_move_lab(self) -> None:
        row = self.highlighted()
        if row is not None:
            self.open_form_after(partial(_lab_and_goals, row.id), _move_form,
                                 lambda lab: f"Lab “{lab.title}” moved.", select=lambda lab: str(lab.id))

    def action_delete_lab(self) -> None:
        from mentor_tui.db import labs

        row = self.highlighted()
        if row is None:
            return
        question = (f"Delete the lab “{row.title}” of {row.owner}, with its {row.items_total} checklist steps, "
                    "their evidence and its history?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete_in_worker(row, labs.delete_lab)

        self.app.push_screen(ConfirmScreen(question, yes="Delete lab"), answered)

    @work(thread=True, exclusive=True, group="lab-delete")
    def _delete_in_worker(self, row: LabRow, delete) -> None:
        try:
            run_edit(lambda: delete(row.id))
        except Exception as exc:  # gone already, locked, read-only
            message = f"Not deleted: {exc}" if isinstance(exc, ValueError) else could_not_save(exc, "try again")
            deliver(self, partial(self.notify, message, severity="error", timeout=8))
            return
        deliver(self, self.form_saved, f"Lab “{row.title}” deleted.")


def _lab_and_goals(lab_id: int):
    """Runs in a worker: the lab as stored, and the goals it may hang under."""
    from mentor_tui.db import labs

    lab = labs.lab_fields(lab_id)
    if lab is None:
        raise ValueError("that lab no longer exists")
    return lab, labs.goal_choices(keep=lab.goal_id)


def _edit_form(data):
    lab, goals = data
    return lab_forms.edit_lab_form(lab, goals)


def _move_form(data):
    lab, goals = data
    return lab_forms.move_lab_form(lab, goals)


def _goal_choices():
    """Runs in a worker: the goals a lab can hang under."""
    from mentor_tui.db import labs

    return labs.goal_choices()


def _competency_choices():
    """Runs in a worker: (name, key, labs) of the competencies that have labs."""
    from mentor_tui.db import labs

    return labs.competency_choices()
