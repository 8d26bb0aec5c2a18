"""The check-in form: the texts as typed, private notes for the mentor only, and action items.

A new check-in's form lists every open action item of the mentorship carried
forward from earlier check-ins, to tick done (space) or keep open; new items
are added with ctrl+n, or made from the next-steps lines with ctrl+t. A date
in the future is asked about; a date before the mentorship started is refused.
Private notes are a field only when "me" is the mentor of the mentorship.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Static

from mentor_tui import clock, dates
from mentor_tui.db.actions import ActionLine, NewAction, step_lines
from mentor_tui.db.checkin_view import FormContext
from mentor_tui.db.checkins import ItemEdit
from mentor_tui.screens.checkin_parts import action_line
from mentor_tui.screens.form import FormScreen, dated_in_the_future, record_field
from mentor_tui.widgets.marked_toggles import MarkedCheckbox
from mentor_tui.widgets.owner_toggle import OwnerToggle
from mentor_tui.widgets.plain_input import PlainInput


def open_checkin_form(screen: Any, mentorship_id: int, checkin_id: int | None = None) -> None:
    """From a screen with FormOpener: read what the form needs in a worker, then push it."""

    def fetch():
        from mentor_tui.db import checkin_view

        return checkin_view.form_context(mentorship_id, checkin_id, clock.today())

    def build(context: FormContext | None):
        if context is None:
            screen.notify("That check-in or mentorship is not here anymore.", severity="warning")
            return None
        return CheckInForm(context)

    saved = "Check-in saved." if checkin_id is not None else "Check-in recorded."
    screen.open_form_after(fetch, build, lambda _: saved, select=lambda _: str(mentorship_id))


class ActionRow(Horizontal):
    """One action item being typed or edited: text, owner, due date (and done, for one saved before);
    laid out as a grid in checkins.tcss (the text on a line of its own)."""

    def __init__(self, owners: list[tuple[str, int]], item: ActionLine | None = None, text: str = "",
                 owner: int | None = None) -> None:
        super().__init__()
        self.item = item
        self.owners = owners
        self.start_text = item.text if item else text
        self.start_owner = item.owner_id if item else owner
        self.start_due = item.due_on.isoformat() if item and item.due_on else ""

    def compose(self) -> ComposeResult:
        yield PlainInput(self.start_text, placeholder="what is to be done", classes="action-text", compact=True)
        yield OwnerToggle(self.owners, self.start_owner, classes="action-owner")
        yield PlainInput(self.start_due, placeholder="due YYYY-MM-DD", classes="action-due", compact=True)
        if self.item is not None:
            yield MarkedCheckbox("done", value=self.item.done_on is not None, compact=True, classes="action-done")
        else:
            yield Static("new", classes="action-new")

    def raw(self) -> tuple:
        owner = self.query_one(OwnerToggle).value
        done = self.query_one(Checkbox).value if self.item is not None else None
        return (self.query_one(".action-text", Input).value, owner, self.query_one(".action-due", Input).value, done)


@dataclass(frozen=True)
class Items:
    """What the form's item widgets say, as plain data for the save worker."""

    edits: tuple[ItemEdit, ...]
    new: tuple[NewAction, ...]
    close_ids: tuple[int, ...]


class CheckInForm(FormScreen):
    TEXT_AREA_ROWS = 5  # checkins.tcss
    BINDINGS = [
        Binding("ctrl+n", "add_action", "Add action item"),
        Binding("ctrl+t", "steps_to_actions", "Next steps → action items"),
    ]
    KEYS_THAT_MOVE_FOCUS = frozenset({"ctrl+n", "ctrl+t"})
    NARROW_BELOW = 100  # columns: an action item's text gets a line of its own (checkins.tcss)  # into the new item's text (widgets/focus_hold.py)

    def __init__(self, context: FormContext) -> None:
        self.context = context
        m = context.mentorship
        c = context.checkin
        self.owners = [(f"{m.mentor} (mentor)", m.mentor_id), (f"{m.mentee} (mentee)", m.mentee_id)]
        fields = [
            record_field("checkins", "held_on", "Held on", default=c.held_on if c else clock.today()),
            record_field("checkins", "progress", "Progress (Markdown)", default=c.progress if c else "",
                         verbatim=True),
            record_field("checkins", "blockers", "Blockers (Markdown)", default=c.blockers if c else "",
                         verbatim=True),
            record_field("checkins", "next_steps", "Next steps (Markdown; ctrl+t makes each line an action item)",
                         default=c.next_steps if c else "", verbatim=True),
            record_field("checkins", "confidence", "Confidence (1–5)", default=c.confidence if c else None),
        ]
        if m.me_is_mentor:  # never a field for anyone else: a mentee does not see the mentor's notes
            fields.append(record_field("checkins", "private_notes", "Private pairing notes",
                                       default=(c.private_notes or "") if c else "", verbatim=True))
        title = f"{'Edit check-in' if c else 'New check-in'}: {m.label}"
        super().__init__(title, fields, self._store, guard=("CheckIn", c.id) if c else None,
                         ask_first=self._dated_in_the_future)
        self.items = Items((), (), ())

    def compose_after_fields(self) -> ComposeResult:
        yield Label("Open action items from earlier check-ins: space ticks one done, the others stay open",
                    classes="items-title")
        if not self.context.open_items:
            yield Static("none open", classes="items-hint")
        today = clock.today()
        width = self.carried_width()
        for item in self.context.open_items:
            yield MarkedCheckbox(action_line(item, today, with_origin=True, box=False, width=width), value=False,
                                 compact=True, id=f"carried-{item.id}", classes="carried")
        yield Label("Action items of this check-in", classes="items-title")
        with Vertical(id="action-rows"):
            for item in self.context.checkin.actions if self.context.checkin else ():
                yield ActionRow(self.owners, item)
        yield Static(Content("ctrl+n adds an item · ctrl+t makes the next-steps lines items · "
                             "clearing an item's text deletes it"), classes="items-hint")

    def carried_width(self) -> int:
        """Cells for a carried item's line, known before the form is laid out: the dialog
        (checkins.tcss: 96 wide, at most 95% of the screen) less its border and padding (4), the
        box's margin (2), the box (4) and the scroll bar (2), and 6 more that the line was still
        cut by at 80 and at 120 columns (measured in tmux; test_checkin_form_narrow checks it)."""
        return min(96, self.app.size.width * 95 // 100) - 4 - 2 - 4 - 2 - 6

    def rows_after_fields(self) -> int:
        # two titles (a blank line and a line each), the carried items (or "none open"), the items (two
        # lines each: the text, then owner, due date and done box), the hint
        carried = len(self.context.open_items) or 1
        return 2 + carried + 2 + 2 * len(self.context.checkin.actions if self.context.checkin else ()) + 1

    def _raw_values(self) -> list[Any]:
        values = super()._raw_values()
        values += [box.value for box in self.query(".carried").results(Checkbox)]
        values += [row.raw() for row in self.query(ActionRow)]
        return values

    # Action items -----------------------------------------------------------------

    async def action_add_action(self) -> None:
        row = await self._add_rows([""])
        row.query_one(".action-text", Input).focus()
        self.call_after_refresh(row.scroll_visible, animate=False)

    async def _add_rows(self, texts: list[str]) -> ActionRow:
        rows = [ActionRow(self.owners, text=text, owner=self.context.mentorship.mentee_id) for text in texts]
        await self.query_one("#action-rows").mount_all(rows)
        return rows[-1]

    async def action_steps_to_actions(self) -> None:
        steps = self.query_one("#field-next_steps").text
        have = {row.raw()[0].strip() for row in self.query(ActionRow)}
        new = [line for line in step_lines(steps) if line not in have]
        if new:
            # the focus goes where the view goes: at 80x24 the next steps are out of sight once the
            # items are shown, and what was typed next went into them unseen
            last = await self._add_rows(new)
            last.query_one(".action-text", Input).focus()
            self.call_after_refresh(last.scroll_visible, animate=False)
            self._say(f"{len(new)} next-steps line{'s' if len(new) != 1 else ''} added as action items.")
        else:
            self._say("No next-steps line to add: each is an action item already, or none is typed.")

    def _read_items(self) -> str | None:
        """Reads the item widgets into self.items; a message when one is wrong."""
        edits, new = [], []
        for number, row in enumerate(self.query(ActionRow), start=1):
            text, owner_id, due_raw, done = row.raw()
            due = None
            if due_raw.strip():
                try:
                    due = dates.parse(due_raw.strip())
                except ValueError as exc:
                    row.query_one(".action-due", Input).focus()
                    return f"Action item {number}: {exc}"
            if row.item is not None:
                edits.append(ItemEdit(row.item.id, text.strip(), owner_id, due, bool(done)))
            elif text.strip():
                new.append(NewAction(text.strip(), owner_id, due))
            elif due is not None or (owner_id is not None and owner_id != self.context.mentorship.mentee_id):
                row.query_one(".action-text", Input).focus()
                return f"Action item {number}: type what is to be done, or clear the row"
        close = tuple(int(str(box.id).removeprefix("carried-")) for box in self.query(".carried").results(Checkbox)
                      if box.value)
        self.items = Items(tuple(edits), tuple(new), close)
        return None

    # Saving ------------------------------------------------------------------------

    def other_problem(self) -> str | None:
        return self._read_items()

    def refused(self, values: dict[str, Any]) -> tuple[str, str] | None:
        held_on, started = values["held_on"], self.context.mentorship.started_on
        if held_on is not None and held_on < started:
            return "held_on", f"the mentorship started on {dates.show(started)}: a check-in cannot be dated before it"
        return None

    @staticmethod
    def _dated_in_the_future(values: dict[str, Any]) -> tuple[str, str] | None:
        return dated_in_the_future(values["held_on"], "check-in",
                                   "Until that day it does not count as held for what is due.")

    def _store(self, values: dict[str, Any]):
        """Runs in the save worker with plain values."""
        from mentor_tui.db import checkins

        items = self.items
        private = values.get("private_notes") if self.context.mentorship.me_is_mentor else None
        c = self.context.checkin
        if c is None:
            return checkins.create_checkin(
                self.context.mentorship.id, values["held_on"], values["progress"], values["blockers"],
                values["next_steps"], values["confidence"], private or "",
                new_actions=items.new, close_ids=items.close_ids,
            )
        return checkins.update_checkin(
            c.id, values["held_on"], values["progress"], values["blockers"], values["next_steps"],
            values["confidence"], private, items=items.edits, new_actions=items.new, close_ids=items.close_ids,
        )
