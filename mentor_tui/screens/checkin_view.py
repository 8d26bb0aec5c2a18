"""One check-in, whole (enter on a check-in of a timeline).

Progress, blockers and next steps as Markdown, confidence, the action items
it made and those carried into it. When "me" is the mentor of the mentorship
its private notes show in a marked panel; for anyone else the store does not
even read them (db.checkin_view), so there is no panel to show.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.db.checkin_view import CheckInView
from mentor_tui.screens.checkin_edits import CheckInEdits
from mentor_tui.screens.checkin_parts import PRIVATE_TITLE, actions_block, confidence_dots, parts
from mentor_tui.screens.detail import DetailScreen


class CheckInScreen(CheckInEdits, DetailScreen[CheckInView]):
    SUB_TITLE = "4 Check-ins › Check-in"
    GONE_TEXT = "This check-in is not here anymore (deleted, or replaced by an import). Press esc to go back."
    BINDINGS = [
        Binding("e", "edit_checkin", "Edit"),
        Binding("d", "delete_checkin", "Delete"),
        Binding("a", "steps_to_actions", "Next steps → action items"),
    ]

    def load(self) -> CheckInView | None:
        from mentor_tui.db import checkin_view

        return checkin_view.view(self.key, clock.today())

    def compose_content(self) -> ComposeResult:
        yield Static("", id="checkin-head")
        yield Static("", id="checkin-body", classes="detail-part")
        yield Static("", id="checkin-actions", classes="detail-part")

    def on_screen_resume(self) -> None:
        if self.data is not None:
            self.reload()

    def render_record(self, data: CheckInView) -> None:
        today = clock.today()
        m = data.mentorship
        self.sub_title = f"4 Check-ins › {m.label} › {dates.show(data.held_on)}"
        head = Text.assemble((m.label, "bold"), "  ·  ", (dates.show(data.held_on), "bold"))
        if data.held_on > today:
            head.append("  (dated in the future)", style="yellow")
        head.append(f"\nConfidence {confidence_dots(data.confidence)}")
        self.query_one("#checkin-head", Static).update(head)
        self.query_one("#checkin-body", Static).update(parts(data.progress, data.blockers, data.blocker,
                                                             data.next_steps))
        blocks = [actions_block("Action items of this check-in", data.actions, today)]
        if data.carried:
            blocks += [Text(""), actions_block("Carried forward from earlier check-ins (open at this one)",
                                               data.carried, today, with_origin=True)]
        self.query_one("#checkin-actions", Static).update(Group(*blocks))
        self._show_private(data.private_notes)
        self.refresh_bindings()

    def _show_private(self, notes: str | None) -> None:
        """The private panel exists only while "me" is the mentor (the store gives None to anyone else)."""
        from mentor_tui.widgets.notes_markdown import NotesMarkdown

        panels = self.query("#private-panel")
        if notes is None:
            panels.remove()
            return
        body = NotesMarkdown(notes) if notes.strip() else Text("No private notes. e adds some.", style="dim")
        if panels:
            panels.first(Static).update(body)
            return
        panel = Static(body, id="private-panel")
        panel.border_title = PRIVATE_TITLE
        self.query_one("#detail-body").mount(panel, after="#checkin-body")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_checkin", "delete_checkin", "steps_to_actions"):
            return self.data is not None and not self.saving
        return super().check_action(action, parameters)

    def action_steps_to_actions(self) -> None:
        from mentor_tui.db import actions

        if self.data is None:
            return
        ident = self.data.id

        def made(count: int) -> None:
            message = (f"{count} action item{'s' if count != 1 else ''} made from the next steps." if count
                       else "Nothing to add: each next-steps line is an action item already, or there are none.")
            self.notify(message)
            self.set_status(message)  # instead of "Saved.", which is not true when nothing changed

        self.save(lambda: actions.add_from_next_steps(ident), made)

    def current_checkin(self) -> CheckInView | None:
        return self.data

    def checkin_deleted(self) -> None:
        self.dismiss(None)
