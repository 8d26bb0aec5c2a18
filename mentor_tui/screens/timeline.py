"""A mentorship's timeline (enter on the Check-ins section): its check-ins, newest first.

Each check-in shows in full: progress, blockers (with how long the blocker
has been open) and next steps as Markdown, confidence and its action items.
↑ ↓ move between check-ins, enter opens one whole (with private notes when
"me" is the mentor), e and d edit and delete the one focused. m edits the
mentorship and x ends it (deleting one is the mentorship list's d).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Size
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.db.checkin_view import CheckInView, Timeline
from mentor_tui.db.mentorship_list import MentorshipRow
from mentor_tui.screens.checkin_edits import CheckInEdits
from mentor_tui.screens.checkin_parts import actions_block, confidence_dots, due_text, parts, plural
from mentor_tui.screens.detail import DetailScreen
from mentor_tui.screens.mentorship_actions import MentorshipActions


class CheckInCard(Static, can_focus=True):
    """One check-in in the timeline; focused, enter opens it."""

    BINDINGS = [
        Binding("up,k", "screen.move_card(-1)", "Previous check-in", show=False),
        Binding("down,j", "screen.move_card(1)", "Next check-in", show=False),
    ]

    def __init__(self, entry: CheckInView) -> None:
        super().__init__(_card(entry), classes="checkin-card")
        self.entry = entry
        self._heights: dict[int, int] = {}  # width -> lines: a card never changes (a reload makes new ones)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual measures a card again on each of the layout passes a first showing takes
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().get_content_height(container, viewport, width)
        return height


class TimelineScreen(CheckInEdits, MentorshipActions, DetailScreen[Timeline]):
    SUB_TITLE = "4 Check-ins › Timeline"
    GONE_TEXT = "This mentorship is not here anymore (deleted, or replaced by an import). Press esc to go back."
    BINDINGS = [
        Binding("enter", "open_checkin", "Open check-in"),
        Binding("n", "new_checkin", "New check-in"),
        Binding("e", "edit_checkin", "Edit check-in"),
        Binding("d", "delete_checkin", "Delete check-in"),
        Binding("o", "older", "Older check-ins"),
        Binding("m", "edit_mentorship", "Edit mentorship"),
        Binding("x", "end_mentorship", "End mentorship"),
    ]
    PAGE = 5  # check-ins rendered at first (each is Markdown, measured whole to lay it out: only about
    # what a screen shows, so a long history opens fast; ↓ past the last one or o shows more)

    shown = PAGE
    focused_checkin: int | None = None  # the card to focus again after a reload

    def load(self) -> Timeline | None:
        from mentor_tui.db import checkin_view

        return checkin_view.timeline(self.key, clock.today(), limit=self.shown)

    def compose_content(self) -> ComposeResult:
        yield Static("", id="timeline-head")
        yield Vertical(id="timeline-cards")
        yield Static("", id="timeline-more")

    def on_screen_resume(self) -> None:
        if self.data is not None:  # back from a check-in or a form: read it again
            self.reload()

    def render_record(self, data: Timeline) -> None:
        m = data.mentorship
        self.sub_title = f"4 Check-ins › {m.label}"
        self.query_one("#timeline-head", Static).update(_head(m))
        focused = self.focused
        if isinstance(focused, CheckInCard):
            self.focused_checkin = focused.entry.id
        shown = {card.entry.id for card in self._cards()}
        cards = self.query_one("#timeline-cards", Vertical)
        cards.remove_children()
        new = [CheckInCard(e) for e in data.entries]
        if not new:
            cards.mount(Static(Text("No check-ins yet. Press n to record the first one.", style="dim")))
        else:
            cards.mount_all(new)
        more = data.total - len(data.entries)
        self.query_one("#timeline-more", Static).update(
            Text(f"{plural(more, 'older check-in')} not shown: press o to show more." if more > 0 else "",
                 style="dim")
        )
        if new:
            # a check-in just recorded gets the focus, not the one focused before it was added
            # (older ones shown on request come after every card shown before: not those)
            last_shown = max((i for i, c in enumerate(new) if c.entry.id in shown), default=-1)
            added = [c for c in new[:last_shown] if c.entry.id not in shown]
            focus_id = added[0].entry.id if added else self.focused_checkin
            keep = next((c for c in new if c.entry.id == focus_id and c is not new[0]), None)
            if keep is None:  # the newest, with the mentorship's head above it in view
                self.call_later(new[0].focus, scroll_visible=False)
                if added:
                    self.query_one("#detail-body").scroll_home(animate=False)
            else:
                self.call_after_refresh(keep.focus)
        self.refresh_bindings()

    def _cards(self) -> list[CheckInCard]:
        return list(self.query(CheckInCard))

    def action_move_card(self, step: int) -> None:
        cards = self._cards()
        if not cards:
            return
        focused = self.focused
        index = cards.index(focused) if isinstance(focused, CheckInCard) and focused in cards else -step
        if step > 0 and index == len(cards) - 1 and self._has_older():
            self.focused_checkin = cards[index].entry.id
            self.action_older()
            return
        card = cards[max(0, min(len(cards) - 1, index + step))]
        card.focus()
        if card is cards[0]:
            self.query_one("#detail-body").scroll_home(animate=False)  # the head too

    def _has_older(self) -> bool:
        return self.data is not None and self.data.total > len(self.data.entries)

    def action_older(self) -> None:
        if self._has_older():
            self.shown += self.PAGE
            self.reload()

    def current_checkin(self) -> CheckInView | None:
        focused = self.focused
        return focused.entry if isinstance(focused, CheckInCard) else None

    def current_mentorship(self) -> MentorshipRow | None:
        return self.data.mentorship if self.data is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_checkin", "edit_checkin", "delete_checkin"):
            return isinstance(self.focused, CheckInCard) and not self.saving
        if action == "older":
            return self._has_older()
        if action in ("new_checkin", "edit_mentorship", "end_mentorship"):
            return self.data is not None
        return super().check_action(action, parameters)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_open_checkin(self) -> None:
        from mentor_tui.screens.checkin_view import CheckInScreen

        focused = self.focused
        if isinstance(focused, CheckInCard):
            self.focused_checkin = focused.entry.id
            self.app.push_screen(CheckInScreen(focused.entry.id))

    def action_new_checkin(self) -> None:
        from mentor_tui.screens.checkin_form import open_checkin_form

        m = self.current_mentorship()
        if m is None:
            return
        if m.ended_on is not None:
            self.notify(f"{m.label} ended on {dates.show(m.ended_on)}: e edits its end date to reopen it.",
                        severity="warning")
            return
        self.focused_checkin = None
        open_checkin_form(self, m.id)


def _head(m: MentorshipRow) -> Group:
    today = clock.today()
    title = Text(m.label, style="bold")
    when = f"since {dates.show(m.started_on)} · a check-in every {plural(m.cadence_days, 'day')}"
    if m.ended_on is not None:
        when = f"{dates.show(m.started_on)} to {dates.show(m.ended_on)} (ended; its history stays)"
    lines = [title, Text(when)]
    if m.focus:
        lines.append(Text(m.focus, style="dim"))
    status = Text(f"{plural(m.checkins, 'check-in')} · {plural(m.open_actions, 'open action item')}")
    if m.ended_on is None and m.due_on is not None:
        status.append(" · next due ").append_text(due_text(m.due_on, today))
    lines.append(status)
    return Group(*lines)


def _card(entry: CheckInView) -> Group:
    today = clock.today()
    head = Text(dates.show(entry.held_on), style="bold")
    if entry.held_on > today:
        head.append("  (dated in the future)", style="yellow")
    head.append(f"   confidence {confidence_dots(entry.confidence)}")
    if entry.private_notes:
        head.append("   private notes: enter to read them", style="bold yellow")
    return Group(head, Text(""), parts(entry.progress, entry.blockers, entry.blocker, entry.next_steps), Text(""),
                 actions_block("Action items", entry.actions, today))
