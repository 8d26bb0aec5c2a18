"""4 Check-ins: the mentorships that involve me (a lead: all), who is due, and their timelines.

Each row is a mentorship with its latest check-in, when the next one is due
(overdue marked), its open action items and a blocker that has stayed open
through more than two check-ins. enter opens its timeline; n records a check-in.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock, dates
from mentor_tui.db.mentorship_list import MentorshipRow
from mentor_tui.screens.checkin_parts import due_short, plural
from mentor_tui.screens.mentorship_actions import MentorshipActions
from mentor_tui.screens.section import TableSection, clip


class CheckInsScreen(MentorshipActions, TableSection[MentorshipRow]):
    SUB_TITLE = "4 Check-ins"
    _INTRO = (
        "[b]Check-ins[/b]\n\n"
        "Check-ins record progress, blockers, next steps, confidence and action items, and "
        "private pairing notes that stay on this machine. They are listed by mentorship.\n\n"
    )
    _HOW = ("A check-in belongs to a mentorship: press [b]6[/b], then [b]m[/b], to pair a mentor with "
            "a mentee; back here, press [b]n[/b] on it.")
    EMPTY_TEXT = _INTRO + "No mentorships yet, so no check-ins yet. " + _HOW
    # when the database holds mentorships, none of them mine: they are not listed (a lead sees them)
    NONE_OF_MINE = (
        _INTRO + "You are in no mentorship yet, so none is listed. This database holds {others}: you are "
        "neither mentor nor mentee in them, so they are not listed here (a lead sees them all). " + _HOW
    )
    COLUMNS = ("Mentor → mentee", "Last check-in", "Next due", "Open actions", "Blocker", "Focus")
    # Fixed widths: the table is drawn right the first time, however busy the machine is
    # (auto widths are measured when the app is idle, and were caught unmeasured under load).
    # At 80 columns the first four fit whole: who, when last, when next, how many open actions.
    WIDTHS = (28, 13, 17, 12, 13, 20)
    FIRST_PAGE = 80
    PAGE_SIZE = 100  # then a page at a time: appending it stays within a key's budget
    BINDINGS = [
        Binding("enter", "open_row", "Timeline"),
        Binding("n", "new_checkin", "New check-in"),
        Binding("e", "edit_mentorship", "Edit mentorship"),
        Binding("x", "end_mentorship", "End mentorship"),
        Binding("d", "delete_mentorship", "Delete mentorship"),
    ]

    def fetch(self):
        from mentor_tui.db import mentorship_list

        total, records = super().fetch()
        return total, records, mentorship_list.not_mine() if total == 0 else 0

    def show(self, data) -> None:
        total, records, others = data
        if total == 0:
            text = self.NONE_OF_MINE.format(others=plural(others, "other mentorship")) if others else self.EMPTY_TEXT
            self.query_one("#empty", Static).update(Content.from_markup(text))
        for column, width in zip(self.table.ordered_columns, self.WIDTHS, strict=False):
            column.auto_width, column.width = False, width
        super().show((total, records))

    def count_rows(self) -> int:
        from mentor_tui.db import mentorship_list

        return mentorship_list.count()

    def fetch_page(self, limit: int, offset: int):
        from mentor_tui.db import mentorship_list

        return mentorship_list.page(clock.today(), limit, offset)

    def cells(self, row: MentorshipRow):
        today = clock.today()
        if row.ended_on is not None:
            due = Text(f"ended {dates.show(row.ended_on)}", style="dim")
        elif row.someone_archived:
            due = Text("not due: archived", style="dim")
        else:
            due = due_short(row.due_on, today)
        if row.blocker is None:
            blocker = Text("")
        elif row.blocker.flagged:
            blocker = Text(f"⚠ {plural(row.blocker.checkins, 'check-in')}", style="bold red")
        else:
            blocker = Text("new" if row.blocker.checkins == 1 else plural(row.blocker.checkins, "check-in"),
                           style="yellow")
        flagged = row.blocker is not None and row.blocker.flagged
        # the flag in the first column too: at 80 columns the Blocker column is out of view
        label = Text.assemble(("⚠ ", "bold red"), clip(row.label, 26)) if flagged else Text(clip(row.label, 28))
        return (
            label,
            Text(dates.show(row.last_held_on) if row.last_held_on else "none yet"),
            due,
            Text(str(row.open_actions) if row.open_actions else ""),
            blocker,
            Text(clip(row.focus.replace("\n", " "), self.WIDTHS[-1])),
        )

    def current_mentorship(self) -> MentorshipRow | None:
        return self.highlighted()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("new_checkin", "edit_mentorship", "end_mentorship", "delete_mentorship"):
            return self.is_mounted and self.loaded > 0
        return super().check_action(action, parameters)

    def open_record(self, record: MentorshipRow) -> None:
        from mentor_tui.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(record.id))

    def action_new_checkin(self) -> None:
        from mentor_tui.screens.checkin_form import open_checkin_form

        m = self.current_mentorship()
        if m is None:
            return
        if m.ended_on is not None:
            self.notify(f"{m.label} ended on {dates.show(m.ended_on)}: e edits its end date to reopen it.",
                        severity="warning")
            return
        open_checkin_form(self, m.id)
