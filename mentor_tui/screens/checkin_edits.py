"""Editing and deleting a check-in: mixed into the check-in view and the timeline.

The screen says which check-in it means with `current_checkin()`; after a
delete `checkin_deleted()` runs (the view closes, the timeline reloads).
Deleting asks first and says what goes with it.
"""

from __future__ import annotations

from typing import Any

from textual import work

from mentor_tui import dates
from mentor_tui.db.checkin_view import CheckInView
from mentor_tui.screens import store_work
from mentor_tui.screens.checkin_form import open_checkin_form
from mentor_tui.screens.checkin_parts import plural
from mentor_tui.screens.confirm import YesNoDialog
from mentor_tui.screens.store_work import deliver


class CheckInEdits:
    def current_checkin(self) -> CheckInView | None:
        raise NotImplementedError

    def checkin_deleted(self) -> None:
        screen: Any = self
        screen.reload()

    def action_edit_checkin(self) -> None:
        data = self.current_checkin()
        if data is not None:
            open_checkin_form(self, data.mentorship.id, data.id)

    def action_delete_checkin(self) -> None:
        data = self.current_checkin()
        if data is None:
            return
        what = f"Delete the check-in of {dates.show(data.held_on)} ({data.mentorship.label})"
        what += f" with its {plural(len(data.actions), 'action item')}?" if data.actions else "?"
        if data.private_notes:
            what += " Its private notes go with it."
        what += " This cannot be undone."

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete_checkin(data.id)

        screen: Any = self
        screen.app.push_screen(YesNoDialog("Delete check-in", what, "Delete", danger=True), answered)

    @work(thread=True, exclusive=True, group="checkin-delete")
    def _delete_checkin(self, checkin_id: int) -> None:
        from mentor_tui.db import checkins

        try:
            store_work.run_edit(lambda: checkins.delete_checkin(checkin_id))
        except ValueError as exc:
            deliver(self, self._checkin_not_deleted, f"Not deleted: {exc}")
            return
        except Exception as exc:
            deliver(self, self._checkin_not_deleted, f"Not deleted: {store_work.failure_reason(exc)}")
            return
        deliver(self, self._checkin_gone)

    def _checkin_not_deleted(self, message: str) -> None:
        screen: Any = self
        screen.notify(message, severity="error", timeout=8)

    def _checkin_gone(self) -> None:
        screen: Any = self
        screen.notify("Check-in deleted.")
        self.checkin_deleted()
