"""4 Check-ins: mentor/mentee check-ins, newest first."""

from __future__ import annotations

from textual.binding import Binding

from mentor_tui import clock, dates
from mentor_tui.db.checkins import CheckInRow
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.section import TableSection, clip


class CheckInsScreen(TableSection[CheckInRow]):
    SUB_TITLE = "4 Check-ins"
    EMPTY_TEXT = (
        "[b]Check-ins[/b]\n\n"
        "Check-ins record progress, blockers, next steps and confidence, and private "
        "pairing notes that stay on this machine.\n\n"
        "No check-ins yet. Press [b]n[/b] to record the first one. A check-in belongs to a "
        "mentorship: to pair a mentor with a mentee, press [b]6[/b], then [b]m[/b]."
    )
    COLUMNS = ("Held on", "Mentor → mentee", "Confidence", "Open actions", "Private", "Progress")
    BINDINGS = [Binding("n", "new_checkin", "New check-in")]

    def count_rows(self) -> int:
        from mentor_tui.db import checkins

        return checkins.count()

    def fetch_page(self, limit: int, offset: int):
        from mentor_tui.db import checkins

        return checkins.page(limit, offset)

    def cells(self, row):
        confidence = "●" * row.confidence + "○" * (5 - row.confidence) if row.confidence else ""
        progress = row.progress.strip().splitlines()[0].lstrip("-*+ ") if row.progress.strip() else ""
        return (
            dates.show(row.held_on),
            f"{row.mentor} → {row.mentee}",
            confidence,
            str(row.open_actions) if row.open_actions else "",
            "PRIVATE" if row.has_private_notes else "",
            clip(progress, 36),
        )

    def action_new_checkin(self) -> None:
        self.open_form_after(_mentorship_choices, self._checkin_form, lambda _: "Check-in recorded.",
                             select=lambda checkin: str(checkin.id))

    def _checkin_form(self, choices) -> FormScreen | None:
        from mentor_tui.db import checkins

        if not choices:
            self.notify("A check-in belongs to a mentorship: press 6, then m, to create one.", severity="warning")
            return None

        def save(values):
            return checkins.create_checkin(
                values["mentorship"],
                values["held_on"],
                values["progress"],
                values["blockers"],
                values["next_steps"],
                values["confidence"],
                values["private_notes"],
            )

        return FormScreen(
            "New check-in",
            [
                Field("mentorship", "Mentorship", "select", required=True, options=[(c.label, c.id) for c in choices]),
                record_field("checkins", "held_on", "Held on", default=clock.today()),
                record_field("checkins", "progress", "Progress"),
                record_field("checkins", "blockers", "Blockers"),
                record_field("checkins", "next_steps", "Next steps"),
                record_field("checkins", "confidence", "Confidence (1–5)"),
                record_field("checkins", "private_notes", "Private pairing notes"),
            ],
            save,
        )


def _mentorship_choices():
    """Runs in a worker: the mentorships to pick from, mine first."""
    from mentor_tui.db import checkins, people

    me = people.me()
    return checkins.mentorship_choices(me.id if me else None)
