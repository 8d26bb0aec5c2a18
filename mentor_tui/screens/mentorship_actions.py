"""Editing, ending and deleting a mentorship: mixed into the mentorship list and the timeline.

The screen says which mentorship it means with `current_mentorship()`; after
a delete `mentorship_deleted()` runs (the list reloads, the timeline closes).
"""

from __future__ import annotations

from typing import Any

from textual import work

from mentor_tui import clock, dates
from mentor_tui.db.mentorship_list import MentorshipRow
from mentor_tui.screens import store_work
from mentor_tui.screens.form import FormScreen, record_field
from mentor_tui.screens.store_work import deliver


class MentorshipActions:
    def current_mentorship(self) -> MentorshipRow | None:
        raise NotImplementedError

    def mentorship_deleted(self) -> None:
        screen: Any = self
        screen.reload()

    def action_edit_mentorship(self) -> None:
        from mentor_tui.db import mentorships

        m = self.current_mentorship()
        if m is None:
            return
        ident = m.id

        def save(values):
            return mentorships.update_mentorship(
                ident, values["started_on"], values["cadence_days"], values["focus"] or "", values["ended_on"]
            )

        form = FormScreen(
            f"Edit mentorship: {m.label}",
            [
                record_field("mentorships", "started_on", "Started on", default=m.started_on),
                record_field("mentorships", "cadence_days", "Check-in every (days)", default=m.cadence_days),
                record_field("mentorships", "focus", "Focus", kind="text", default=m.focus),
                record_field("mentorships", "ended_on", "Ended on (empty: still active)", default=m.ended_on),
            ],
            save,
            guard=("Mentorship", ident),
        )
        screen: Any = self
        screen.open_form(form, lambda _: f"Mentorship {m.label} saved.")

    def action_end_mentorship(self) -> None:
        from mentor_tui.db import mentorships

        m = self.current_mentorship()
        if m is None:
            return
        screen: Any = self
        if m.ended_on is not None:
            screen.notify(f"{m.label} ended on {dates.show(m.ended_on)}; e edits the end date.")
            return
        ident = m.id

        def save(values):
            return mentorships.end_mentorship(ident, values["ended_on"])

        form = FormScreen(
            f"End mentorship: {m.label}",
            [record_field("mentorships", "ended_on", "Ended on", default=clock.today(), required=True)],
            save,
            intro="Its check-ins and action items stay, and can still be read; no further check-in is due.",
            save_label="End it",
        )
        screen.open_form(form, lambda _: f"Mentorship {m.label} ended; its history stays.")

    def action_delete_mentorship(self) -> None:
        m = self.current_mentorship()
        if m is not None:
            self._ask_to_delete(m.id)

    @work(thread=True, exclusive=True, group="mentorship-delete")
    def _ask_to_delete(self, mentorship_id: int) -> None:
        from mentor_tui.db import mentorships

        try:
            facts = store_work.run_edit(lambda: mentorships.facts(mentorship_id))
        except Exception as exc:
            deliver(self, self._say_error, f"Could not read the database: {store_work.failure_reason(exc)}")
            return
        deliver(self, self._confirm_delete, mentorship_id, facts)

    def _confirm_delete(self, mentorship_id: int, facts) -> None:
        from mentor_tui.screens.checkin_parts import plural
        from mentor_tui.screens.confirm import YesNoDialog

        screen: Any = self
        if facts is None:
            screen.notify("That mentorship is not here anymore.", severity="warning")
            return
        question = (
            f"Delete the mentorship {facts.label} with its {plural(facts.checkins, 'check-in')}"
            f" and {plural(facts.actions, 'action item')}?"
            + (f" The private pairing notes of {plural(facts.private_notes, 'check-in')} go with them."
               if facts.private_notes else "")
            + " This cannot be undone. "
            "To keep its history, end it instead (x)."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(mentorship_id)

        screen.app.push_screen(YesNoDialog("Delete mentorship", question, "Delete", danger=True), answered)

    @work(thread=True, exclusive=True, group="mentorship-delete")
    def _delete(self, mentorship_id: int) -> None:
        from mentor_tui.db import mentorships

        try:
            gone = store_work.run_edit(lambda: mentorships.delete_mentorship(mentorship_id))
        except ValueError as exc:
            deliver(self, self._say_error, f"Not deleted: {exc}")
            return
        except Exception as exc:
            deliver(self, self._say_error, f"Not deleted: {store_work.failure_reason(exc)}")
            return
        deliver(self, self._deleted, f"Mentorship {gone.label} deleted.")

    def _deleted(self, message: str) -> None:
        screen: Any = self
        screen.notify(message)
        self.mentorship_deleted()

    def _say_error(self, message: str) -> None:
        screen: Any = self
        screen.notify(message, severity="error", timeout=8)
