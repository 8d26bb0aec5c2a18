"""2 Plans: the learning plans with their progress; "my" plans first, filtered by person and status.

Enter opens a plan (screens/plan_view.py); `n` starts one from a template or
empty (screens/template_picker.py); `e` and `d` edit and delete the plan under
the cursor.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual.binding import Binding

from mentor_tui import clock, dates
from mentor_tui.db.plans import PlanFilter, PlanRow
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.progress_bar import progress_bar as progress_bar  # re-exported
from mentor_tui.screens.section import TableSection, clip
from mentor_tui.widgets.record_table import TableRow

EVERYONE = "-everyone"  # the person picker's "everyone" choice


class PlansScreen(TableSection[PlanRow]):
    SUB_TITLE = "2 Plans"
    EMPTY_TEXT = (
        "[b]Plans[/b]\n\n"
        "Learning plans hold a person's goals (onboarding, skill tracks, leadership), "
        "each with labs and a due date, and show how far along they are.\n\n"
        "No plans yet. Press [b]n[/b] to start one from a template (onboarding, Kubernetes, "
        "IaC, CI/CD, cloud, observability, security, leadership) or from scratch."
    )
    COLUMNS = ("Owner", "Plan", "Kind", "Status", "Progress", "Start", "Target")
    # Under 100 columns the kind goes (the plan's own screen says it) and the bar is half as long:
    # else Start and Target were cut at 80 columns (the columns but owner and title took 54 cells).
    NARROW_BELOW = 100
    NARROW_COLUMNS = ("Owner", "Plan", "Status", "Progress", "Start", "Target")
    FIRST_PAGE = 80
    PAGE_SIZE = 100  # then a page at a time: appending it stays within a key's budget
    BINDINGS = [
        Binding("enter", "open_row", "Open plan"),
        Binding("n", "new_plan", "New plan"),
        Binding("g", "add_goal", "Add goal"),
        Binding("e", "edit_plan", "Edit plan"),
        Binding("d", "delete_plan", "Delete plan"),
        Binding("f", "filter_person", "Person filter"),
        Binding("A", "toggle_all", "Active/all"),
    ]

    owner_filter: tuple[int, str] | None = None  # (person id, name): one person's plans
    active_only = True
    _me_id: int | None = None  # read with each load: "my" plans come first

    def _which(self) -> PlanFilter:
        owner = self.owner_filter[0] if self.owner_filter else None
        return PlanFilter(owner_id=owner, active_only=self.active_only, first_owner=self._me_id)

    def fetch(self) -> Any:
        from mentor_tui.db import people, plans

        me = people.me()
        self._me_id = me.id if me is not None else None
        which = self._which()
        # (the filter too: A on an empty list reads the same nothing, and must still say so)
        return plans.count(which), plans.page(self.first_page, 0, which=which), plans.count(), which

    def is_empty(self, data: Any) -> bool:
        return data[2] == 0  # no plans at all (a filter that matches none says so in the status line)

    def show(self, data: Any) -> None:
        shown, records, _all, _which = data
        super().show((shown, records))

    def fetch_page(self, limit: int, offset: int):
        from mentor_tui.db import plans

        return plans.page(limit, offset, which=self._which())

    def _counted(self, added: int) -> None:
        super()._counted(added)
        whose = f"of {self.owner_filter[1]}" if self.owner_filter else "of everyone, mine first"
        what = "Active plans" if self.active_only else "All plans"
        if self.total == 0:
            if self.active_only:
                self.set_status(f"No active plans {whose}: A shows all statuses.")
            else:
                self.set_status(f"No plans {whose}, of any status: f shows everyone's.")
            return
        more = " · move down for more" if self.loaded < self.total else ""
        self.set_status(f"{what} {whose} · {self.loaded:,} of {self.total:,} shown{more} · "
                        f"f person · A {'all statuses' if self.active_only else 'active only'}")

    @property
    def narrow(self) -> bool:
        return self.app.size.width < self.NARROW_BELOW

    def cells(self, row):
        narrow = self.narrow
        bar = progress_bar(row.percent, 5 if narrow else 10)
        owner = row.owner + (" (me)" if self._me_id is not None and row.owner_id == self._me_id else "")
        owner_width, title_width = self._clips
        return (
            # dim when the owner left the program: a mark that a narrow column's cut keeps
            Text(clip(owner, owner_width), style="dim") if row.owner_archived else clip(owner, owner_width),
            clip(row.title, title_width),
            *(() if narrow else (row.kind,)),
            row.status,
            f"{f'{row.goals_done}/{row.goals_total}':>5} {bar}",  # the count first
            dates.show(row.start_on),
            dates.show(row.target_on),
        )

    @property
    def _clips(self) -> tuple[int, ...]:
        """Owner and title cut so Start and Target stay in sight (a long title pushed them off a
        120-column screen): the columns after them take 54 cells (status 8, progress 16, dates
        10 each, kind 10); 39 when narrow (no kind, the progress 11)."""
        if self.narrow:
            return self.text_widths(39, (24, 40), (10, 16), columns=len(self.NARROW_COLUMNS))
        return self.text_widths(54, (24, 40), (12, 16))

    def row_layout(self) -> tuple[bool, tuple[int, ...]]:
        """The columns and clips for the terminal's width: a resize that changes them shows the rows again."""
        return self.narrow, self._clips

    def show_rows(self, rows: list[TableRow[PlanRow]], columns: list[str] | None = None) -> None:
        """The rows under the columns for the terminal's width (`columns` is not used)."""
        super().show_rows(rows, columns=list(self.NARROW_COLUMNS if self.narrow else self.COLUMNS))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_goal", "edit_plan", "delete_plan"):
            return self.check_action("open_row", ())
        return super().check_action(action, parameters)

    def open_record(self, record: PlanRow) -> None:
        from mentor_tui.screens.plan_view import PlanScreen

        self.app.push_screen(PlanScreen(record.uuid))

    # Filters -----------------------------------------------------------------

    def action_toggle_all(self) -> None:
        self.active_only = not self.active_only
        self.reload()

    def action_filter_person(self) -> None:
        self.open_form_after(_plan_choices, self._pick_person, lambda _: "")

    def _pick_person(self, choices) -> None:
        """Push the person picker (build returns None: there is no form to announce)."""
        from mentor_tui.screens.template_picker import PickDialog

        roster, me = choices
        names = {str(p.id): p.name for p in roster}
        options = [("Everyone (mine first)", EVERYONE), *((p.name + (" (me)" if p.is_me else ""), str(p.id))
                                                          for p in roster)]
        current = str(self.owner_filter[0]) if self.owner_filter else EVERYONE

        def picked(ident: str | None) -> None:
            if ident is not None:
                self.owner_filter = None if ident == EVERYONE else (int(ident), names[ident])
                self.reload()

        self.app.push_screen(PickDialog("Whose plans", "Show the plans of:", options, current), picked)

    # New, edit, delete ----------------------------------------------------------

    def action_new_plan(self) -> None:
        self.open_form_after(_new_plan_choices, self._pick_template, lambda _: "")

    def _pick_template(self, choices) -> None:
        from mentor_tui.screens.template_picker import template_picker

        templates, problems, roster, me = choices
        for problem in problems:
            self.notify(f"Template skipped: {problem}", severity="warning", timeout=12)
        if not roster:
            self.notify("Add a person first: press 6, then n.", severity="warning")
            return

        def picked(key: str | None) -> None:
            if key is None:
                return
            template = next((t for t in templates if t.key == key), None)  # None: EMPTY
            form = self._plan_form((roster, me)) if template is None else self._template_form(template, roster, me)
            if form is not None:
                self.open_form(form, lambda plan: f"Plan “{plan.title}” created.", select=lambda plan: str(plan.id))

        self.app.push_screen(template_picker(templates), picked)

    def _template_form(self, template, roster, me) -> FormScreen:
        from mentor_tui.db import template_plans

        mentees_first = sorted(roster, key=lambda p: (p.role != "mentee", p.name))
        mentors = sorted(roster, key=lambda p: (p.role == "mentee", p.name))
        default_mentor = me.id if me is not None and me.role != "mentee" else None

        def save(values):
            mentor = values["mentor"] if values["mentor"] != values["owner"] else None
            return template_plans.create_from_template(
                template.key, template.plan, template.competencies, values["owner"], values["start_on"],
                mentor, values["title"],
            )

        default_owner = me.id if me is not None and me.role == "mentee" else None
        return FormScreen(
            f"New plan from the {template.key} template ({template.goal_count} goals)",
            [
                Field("owner", "Whose plan", "select", required=True, default=default_owner,
                      options=[(p.name, p.id) for p in mentees_first]),
                record_field("plans", "title", "Title", default=template.title),
                record_field("plans", "start_on", "Starts on (goals are due on their phase's day after it)",
                             default=clock.today()),
                Field("mentor", "Mentor", "select", default=default_mentor, options=[(p.name, p.id) for p in mentors]),
            ],
            save,
            save_label="Create",
        )

    def _plan_form(self, choices) -> FormScreen | None:
        from mentor_tui.db import plans

        roster, me = choices
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
                # a mentee's own plan by default; a mentor picks whose it is
                Field("owner", "Whose plan", "select", required=True, options=[(p.name, p.id) for p in mentees_first],
                      default=me.id if me is not None and me.role == "mentee" and me.id in by_id else None),
                record_field("plans", "title", "Title", placeholder="e.g. Kubernetes track"),
                record_field("plans", "kind", "Kind", default="skill"),
                record_field("plans", "start_on", "Starts on", default=clock.today()),
                record_field("plans", "target_on", "Target date"),
            ],
            save,
        )

    def action_edit_plan(self) -> None:
        from mentor_tui.screens.plan_forms import plan_edit_choices, plan_edit_form

        plan = self.highlighted()
        if plan is not None:
            self.open_form_after(partial(plan_edit_choices, plan.id),
                                 lambda c: None if c[0] is None else plan_edit_form(*c),
                                 lambda p: f"Plan “{p.title}” saved.")

    def action_delete_plan(self) -> None:
        from mentor_tui.db import plans
        from mentor_tui.screens.deleting import CITED_MANY, ask_to_delete

        plan = self.highlighted()
        if plan is None:
            return
        ask_to_delete(
            self, lambda: plans.plan_dependents(plan.id),
            lambda deps: ("Delete this plan?",
                          f"“{plan.title}” of {plan.owner} will be deleted, and with it {deps.words()}. "
                          f"{CITED_MANY} This cannot be undone."),
            lambda: plans.delete_plan(plan.id),
            lambda gone: (self.notify(f"Plan “{plan.title}” deleted."), self.reload()),
        )

    def action_add_goal(self) -> None:
        from mentor_tui.screens.plan_forms import goal_choices, goal_form

        plan = self.highlighted()
        if plan is None:
            self.notify("Create a plan first: press n.", severity="warning")
            return
        self.open_form_after(
            goal_choices,
            lambda choices: goal_form(choices[0], plan_id=plan.id, plan_title=plan.title, owner=plan.owner,
                                      plan_start=plan.start_on, plan_target=plan.target_on),
            lambda goal: f"Goal “{goal.title}” added.",
        )


def _plan_choices():
    """Runs in a worker: the people a plan can be for, and me."""
    from mentor_tui.db import people

    return people.roster(), people.me()


def _new_plan_choices():
    """Runs in a worker: the templates (and the files skipped), the people, and me."""
    from mentor_tui.db import people
    from mentor_tui.exchange.templates import load_templates

    templates, problems = load_templates()
    return templates, problems, people.roster(), people.me()
