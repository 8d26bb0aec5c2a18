"""Team's people keys: who the highlighted person is (email, on request uuid), M to merge, d to delete.

A mixin of TeamScreen (kept apart so team.py stays about skills): the line under
the matrix names the person under the cursor with their email, and with `u` their
uuid (what files and the command line know them by); `M` merges another record
of the same human into them (screens/merge_people.py).
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.content import Content
from textual.widgets import DataTable, Static


class TeamPeople:
    """Needs `highlighted()`, `app`, `notify`, `reload` (a TableSection) and a Static #who."""

    show_uuids = False

    def action_toggle_uuids(self) -> None:
        """Show or hide the uuid of the person under the cursor."""
        self.show_uuids = not self.show_uuids
        self.show_who()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        # Textual calls this as well as the section's own handler (each class's, once)
        self.show_who()

    def show_who(self) -> None:
        me: Any = self
        record = me.highlighted()
        who = me.query_one("#who", Static)
        if record is None:
            who.update("")
            return
        if getattr(record, "person", None) is None:  # a team heading (grouped by team)
            who.update(Content(record.summary))
            return
        person = record.person
        parts = [person.name, *([person.team] if person.team else []), person.email or "no email"]
        if self.show_uuids:
            parts.append(f"uuid {person.uuid}")
        who.update(Content(" · ".join(parts) + ("" if self.show_uuids else "   (u: uuid)")))

    def action_delete_person(self) -> None:
        """Delete the person under the cursor, after a question that says what goes with them."""
        from mentor_tui.db import people_delete
        from mentor_tui.screens.deleting import ask_to_delete

        me: Any = self
        record = me.highlighted()
        if getattr(record, "person", None) is None:
            me.notify("No person here to delete: move to a person.", severity="warning")
            return
        if record.person.is_me:  # (the store refuses it too)
            me.notify(f"{record.person.name} is you (“me”) in this database: the app needs you. "
                      "To be someone else, merge (M) or edit (e) this person instead.", severity="warning")
            return
        uuid = record.person.uuid
        ask_to_delete(
            me, lambda: people_delete.person_dependents(uuid),
            lambda deps: (f"Delete {deps.name}?", f"{deps.name} will be deleted. {deps.words()} "
                                                  "Ratings and kudos that cite their goals or labs keep the titles, marked (deleted). This cannot be undone (a backup taken before still has them)."),
            lambda: people_delete.delete_person(uuid),
            lambda gone: (me.notify(f"{gone.name} deleted."), me.reload()),
        )

    def action_merge_person(self) -> None:
        """Merge another record of the same human into the person under the cursor."""
        me: Any = self
        record = me.highlighted()
        if getattr(record, "person", None) is None:
            me.notify("No person here to merge into: move to a person.", severity="warning")
            return
        self.merge_choices(record.person.uuid)

    @work(thread=True, exclusive=True, group="merge-choices")
    def merge_choices(self, keep_uuid: str) -> None:
        from mentor_tui.db import database
        from mentor_tui.screens.merge_people import merge_choices

        me: Any = self
        try:
            with database.worker_connection():
                keep, choices, first_same = merge_choices(keep_uuid)
        except Exception as exc:  # the person was removed meanwhile, the database is locked
            me.app.call_from_thread(me.notify, f"Cannot merge: {exc}", severity="error")
            return
        me.app.call_from_thread(self._push_merge, keep, choices, first_same)

    def _push_merge(self, keep: Any, choices: list[tuple[str, int]], first_same: int | None) -> None:
        from mentor_tui.screens.merge_people import MergeDialog

        me: Any = self
        if not choices:
            me.notify("Nobody else to merge: a merge needs two people.", severity="warning")
            return
        me.app.push_screen(MergeDialog(keep, choices, first_same), self._merged)

    def _merged(self, message: str | None) -> None:
        me: Any = self
        if message:
            me.notify(message)
            me.reload()
