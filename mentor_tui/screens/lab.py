"""One lab (enter on the Labs section, or on a lab of a goal): its goal and plan,
detail (Markdown), link and checklist, ticked by keyboard.

`LabScreen(lab_id)` can be pushed from anywhere with a lab's integer id; it
reloads itself, and the screen under it reloads when it comes back into view.
space ticks a step (today's date), v attaches evidence, a/e/d add, edit and
delete steps, J/K move one, r resets the lab for another round. Ticking the
last step finishes the lab; when that finishes every lab of the goal, the
screen offers to mark the goal done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from mentor_tui import clock, config, dates
from mentor_tui.db.lab_items import Changed, ItemView, LabView
from mentor_tui.screens import lab_forms, store_work
from mentor_tui.screens.confirm import ConfirmScreen, YesNoDialog
from mentor_tui.screens.deleting import CITED
from mentor_tui.screens.detail import DetailScreen
from mentor_tui.screens.plans import progress_bar
from mentor_tui.screens.store_work import deliver
from mentor_tui.widgets.notes_markdown import widget_parser

STALE = "stale — practise again"


def stale_cutoff(app: Any) -> dt.date:
    """Labs last practised before this day are stale (settings: stale_after_days)."""
    return config.stale_cutoff(getattr(app, "settings", {}), clock.today())


class LabScreen(DetailScreen[LabView]):
    SUB_TITLE = "3 Labs › Lab"
    CSS_PATH = "lab.tcss"
    RELOAD_KEY = "ctrl+r"  # r starts a new round here
    GONE_TEXT = "This lab is not here anymore (deleted, or replaced by an import). Press esc to go back."
    BINDINGS = [
        Binding("space", "toggle", "Tick / untick"),
        Binding("v", "evidence", "Evidence"),
        Binding("a", "add_steps", "Add step"),
        Binding("e", "edit_step", "Edit step"),
        Binding("d", "delete_step", "Delete step"),
        Binding("K", "move_step(-1)", "Move up"),
        Binding("J", "move_step(1)", "Move down"),
        Binding("r", "reset", "Reset round"),
        Binding("E", "edit_lab", "Edit lab"),
        Binding("D", "delete_lab", "Delete lab"),
        Binding("ctrl+r", "reload", "Reload"),
    ]

    def __init__(self, lab_id: int) -> None:
        super().__init__(lab_id)
        self._cutoff = dt.date.min
        self._select_item: int | None = None  # the step the cursor goes to after the next render
        self._detail_shown: str | None = None
        self._shown_parts: dict[str, str] = {}  # selector -> the markup it shows
        self._items_shown: tuple[ItemView, ...] = ()
        self._queued: list[tuple[Callable[[], Any], Callable[[Any], None] | None]] = []

    def on_mount(self) -> None:
        self._cutoff = stale_cutoff(self.app)
        # Taller than the screen (a long title, a short terminal), the lab shows its end: the
        # checklist (and its history), the head scrolled away above it.
        self.query_one("#detail-body").anchor()
        super().on_mount()

    def load(self) -> LabView | None:
        from mentor_tui.db import lab_items

        return lab_items.load_lab(self.key, self._cutoff)

    def compose_content(self) -> ComposeResult:
        yield Static("", id="lab-head")
        yield Markdown("", id="lab-detail", parser_factory=widget_parser)
        yield Static("", id="lab-progress", classes="detail-part")
        yield OptionList(id="lab-items")
        yield Static("", id="lab-history", classes="detail-part")

    # Showing --------------------------------------------------------------------

    def render_record(self, data: LabView) -> None:
        # Only what changed is redrawn: a tick changes one step and a line or two (the hot path).
        self.sub_title = f"3 Labs › {data.title}"
        self._update("#lab-head", _head(data))
        detail = self.query_one("#lab-detail", Markdown)
        detail.display = bool(data.detail.strip())
        if data.detail != self._detail_shown:  # Markdown re-parses and re-mounts: only when it changed
            self._detail_shown = data.detail
            detail.update(data.detail)
        self._update("#lab-progress", _progress(data))
        self._show_items(data.items)
        history = self.query_one("#lab-history", Static)
        history.display = bool(data.history.strip())
        self._update("#lab-history", Content.assemble(("Earlier rounds", "bold"), "\n", data.history))
        if not isinstance(self.focused, OptionList):  # the first time: the steps, not the scrolling body
            self.call_after_refresh(self.query_one("#lab-items").focus)
        self.call_after_refresh(self.refresh_bindings)  # once the list has its cursor: keys on a step

    def _update(self, selector: str, content: Content) -> None:
        if self._shown_parts.get(selector) != content.markup:
            self._shown_parts[selector] = content.markup
            self.query_one(selector, Static).update(content)

    def _show_items(self, items: tuple[ItemView, ...]) -> None:
        steps = self.query_one("#lab-items", OptionList)
        keep = self._select_item
        if keep is None:
            index = steps.highlighted
            keep = self._items_shown[index].id if index is not None and index < len(self._items_shown) else None
        self._select_item = None
        shown, self._items_shown = self._items_shown, items
        if [i.id for i in shown] == [i.id for i in items]:
            for index, (old, new) in enumerate(zip(shown, items, strict=True)):
                if old != new:
                    steps.replace_option_prompt_at_index(index, _item(new))
        else:
            steps.set_options([Option(_item(i), id=str(i.id)) for i in items])
        steps.display = bool(items)
        ids = [i.id for i in items]
        if ids:
            steps.highlighted = ids.index(keep) if keep in ids else min(steps.highlighted or 0, len(ids) - 1)

    def current_item(self) -> ItemView | None:
        if self.data is None:
            return None
        index = self.query_one("#lab-items", OptionList).highlighted
        return self.data.items[index] if index is not None and 0 <= index < len(self.data.items) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle", "evidence", "edit_step", "delete_step", "move_step"):
            return None if self.current_item() is None else True  # dimmed while there is no step
        if action == "reset":
            return None if self.data is None or not any(i.done for i in self.data.items) else True
        return super().check_action(action, parameters)

    def on_option_list_option_highlighted(self) -> None:
        self.refresh_bindings()
        if self.query_one("#lab-items", OptionList).has_focus:
            self._steps_in_view()

    def _steps_in_view(self) -> None:
        """The checklist on screen: a key acts on a step you can see (a head made tall by a
        long title scrolls away above it)."""
        self.call_after_refresh(self.query_one("#lab-items", OptionList).scroll_visible, animate=False,
                                immediate=True)

    # Changing, then showing the lab again in the same worker (the toggle is the hot path)

    def change(self, edit: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """Run `edit` (a db function) and read the lab again, in one worker; changes made while
        one runs (space pressed on three steps in a row) wait their turn, in order."""
        if self.saving:
            self._queued.append((edit, then))
            return
        self.saving = True
        self._change_in_worker(edit, then)

    def _next_change(self) -> None:
        if self._queued and not self.saving:
            self.change(*self._queued.pop(0))

    @work(thread=True, exclusive=True, group="detail-save")
    def _change_in_worker(self, edit: Callable[[], Any], then: Callable[[Any], None] | None) -> None:
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                result = edit()
                data = self.load()
        except ValueError as exc:  # the store's rules
            deliver(self, self._not_saved, f"Not saved: {exc}", None)
        except Exception as exc:  # locked, read-only, gone
            deliver(self, self._not_saved, store_work.could_not_save(exc, "try again"), None)
        else:
            deliver(self, self._changed, result, data, then)

    def _changed(self, result: Any, data: LabView | None, then: Callable[[Any], None] | None) -> None:
        self._done_saving()
        self._loaded(data)
        if then is not None:
            then(result)
        self._next_change()

    def _not_saved(self, message: str, failed: Callable[[str], None] | None) -> None:
        self._queued.clear()  # what was pressed after a failed change would act on a stale screen
        super()._not_saved(message, failed)

    # Actions ----------------------------------------------------------------------

    def action_toggle(self) -> None:
        from mentor_tui.db import lab_items

        item = self.current_item()
        if item is not None:
            item_id, today = item.id, clock.today()
            self.change(lambda: lab_items.toggle_item(item_id, today), self._after_steps_changed)

    def _after_steps_changed(self, changed: Changed) -> None:
        if changed.lab_done and not changed.was_done:
            self.set_status("Lab done: every step is ticked. Last practised today.")
        elif changed.was_done and not changed.lab_done:
            self.set_status("Lab open again.")
        else:
            self.set_status("")
        if changed.goal_ready is not None:
            goal = changed.goal_ready
            question = (f"Every lab of the goal “{goal.title}” is done. Mark the goal done? "
                        "The plan's progress counts it.")
            self.app.push_screen(YesNoDialog("Goal done?", question, "Mark goal done"),
                                 lambda yes: self._mark_goal_done(goal.id, goal.title) if yes else None)

    def _mark_goal_done(self, goal_id: int, title: str) -> None:
        from mentor_tui.db import lab_progress

        today = clock.today()
        self.change(lambda: lab_progress.set_goal_status(goal_id, "done", today),
                    lambda _goal: self.notify(f"Goal “{title}” marked done."))

    def action_evidence(self) -> None:
        item = self.current_item()
        if item is not None:
            self._select_item = item.id
            self.open_form(lab_forms.evidence_form(item), lambda _r: "Evidence saved.")

    def action_add_steps(self) -> None:
        if self.data is not None:
            current = self.current_item()
            self.open_form(lab_forms.steps_form(self.data.id, current.id if current else None),
                           lambda changed: self._steps_saved(
                               changed, "Step added." if changed.added == 1 else f"{changed.added} steps added."))

    def action_edit_step(self) -> None:
        item = self.current_item()
        if item is not None:
            self._select_item = item.id
            self.open_form(lab_forms.step_form(item), lambda changed: self._steps_saved(changed, "Step saved."))

    def _steps_saved(self, changed: Changed, message: str) -> str:
        """A form changed steps: say what it did to the lab (and offer the goal) after its message."""
        self.call_later(self._after_steps_changed, changed)
        return message

    def action_delete_step(self) -> None:
        from mentor_tui.db import lab_items

        item = self.current_item()
        if item is None:
            return
        what = " Its done date and evidence go with it." if item.done or item.evidence else ""
        question = f"Delete the step “{item.text}”?{what}"

        def answered(yes: bool | None) -> None:
            if yes:
                today = clock.today()
                self.change(lambda: lab_items.delete_item(item.id, today),
                            lambda changed: (self.notify("Step deleted."), self._after_steps_changed(changed)))

        self.app.push_screen(ConfirmScreen(question, yes="Delete"), answered)

    def action_move_step(self, by: int) -> None:
        from mentor_tui.db import lab_items

        item = self.current_item()
        if item is not None:
            self._select_item = item.id
            self.change(lambda: lab_items.move_item(item.id, by))

    def action_reset(self) -> None:
        from mentor_tui.db import lab_items

        data = self.data
        if data is None:
            return
        done = data.items_done
        question = (f"Reset “{data.title}” for another round? Its {done} done step{'s' if done != 1 else ''} "
                    "open again; when each was done, and its evidence, stay in the lab's history. "
                    "Steps not done yet keep their evidence.")

        def answered(yes: bool | None) -> None:
            if yes:
                today = clock.today()
                self.change(lambda: lab_items.reset_lab(data.id, today),
                            lambda n: (self.set_status(""),  # "Lab done" no longer holds
                                       self.notify(f"New round: {n} done step{'s' if n != 1 else ''} open again. "
                                                   "The last round is in the history.")))

        self.app.push_screen(ConfirmScreen(question, yes="Reset"), answered)

    def action_edit_lab(self) -> None:
        data = self.data
        if data is not None:
            self.open_form_after(lambda: _goal_choices(data.goal_id), lambda goals: lab_forms.edit_lab_form(data, goals),
                                 lambda lab: f"Lab “{lab.title}” saved.")

    def action_delete_lab(self) -> None:
        from mentor_tui.db import labs

        data = self.data
        if data is None:
            return
        question = (f"Delete the lab “{data.title}” with its {len(data.items)} checklist steps, their evidence "
                    f"and its history? {CITED}")

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(lambda: labs.delete_lab(data.id), lambda _n: self._deleted(data.title))

        self.app.push_screen(ConfirmScreen(question, yes="Delete lab"), answered)

    def _deleted(self, title: str) -> None:
        self.notify(f"Lab “{title}” deleted.")
        self.dismiss(None)


def _goal_choices(keep: int):
    """Runs in a worker: the goals the lab may move to (its own included)."""
    from mentor_tui.db import labs

    return labs.goal_choices(keep=keep)


def _head(lab: LabView) -> Content:
    """Titles and links are user text: assembled, never read as markup."""
    parts: list[Any] = [(lab.title, "bold"), "\n"]
    parts += [("Plan   ", "dim"), lab.plan, "\n"]
    # a line of its own: "(archived)" after the name of someone who left, beside a long plan
    # title, would wrap at 80 columns (and read as parentheses in parentheses)
    parts += [("Owner  ", "dim"), lab.owner, "\n"]
    goal_mark = "  ✔ done" if lab.goal_status == "done" else f"  · {lab.goal_status}"
    parts += [("Goal   ", "dim"), lab.goal, goal_mark]
    if lab.competency:
        parts += ["\n", ("Skill  ", "dim"), lab.competency]
    if lab.link:
        parts += ["\n", ("Link   ", "dim"), (lab.link, "underline")]
    return Content.assemble(*parts)


def _progress(lab: LabView) -> Content:
    total = len(lab.items)
    percent = round(100 * lab.items_done / total) if total else 0
    state = ("✔ done", "bold $success") if lab.done else ("open", "")
    parts: list[Any] = [("Checklist  ", "bold"), progress_bar(percent), f" {lab.items_done}/{total} steps  ", state]
    practised = dates.show(lab.last_practised_on) if lab.last_practised_on else "not yet"
    parts += ["\n", ("Last practised  ", "dim"), practised]
    if lab.stale:
        parts += ["  ", (f"⚠ {STALE}", "bold $warning"), "  ", ("(r starts a new round)", "dim")]
    plan_percent = round(100 * lab.plan_goals_done / lab.plan_goals_total) if lab.plan_goals_total else 0
    parts += ["\n", ("Plan progress   ", "dim"), progress_bar(plan_percent),
              f" {lab.plan_goals_done}/{lab.plan_goals_total} goals done"]
    if not lab.items:
        parts += ["\n\n", ("No steps yet. Press a to add the first one.", "italic")]
    return Content.assemble(*parts)


def _item(item: ItemView) -> Content:
    box = ("[x] ", "bold $success") if item.done else ("[ ] ", "")
    parts: list[Any] = [box, item.text]
    if item.done:
        parts += ["  ", (f"done {dates.show(item.done_on)}" if item.done_on else "done", "dim")]
    if item.evidence:
        parts += ["\n    ", ("↳ ", "dim"), (item.evidence, "italic")]
    return Content.assemble(*parts)
