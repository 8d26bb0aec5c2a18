"""Team's archive keys: `a` archives the person under the cursor, `A` lists who is archived to restore one.

A mixin of TeamScreen. Archiving is for someone who left the program: they leave
the matrix, the bus factor, the counts and the pickers, and every record of theirs
stays (db/people.py). It destroys nothing and `A` undoes it, so it does not ask first.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual import work

from mentor_tui.screens.store_work import deliver, failure_reason, run_edit


class TeamArchive:
    """Needs `highlighted()`, `app`, `notify` and `reload` (a TableSection)."""

    def action_archive_person(self) -> None:
        """Archive the person under the cursor (they left the program; their records stay)."""
        me: Any = self
        record = me.highlighted()
        person = getattr(record, "person", None)
        if person is None:
            me.notify("No person here to archive: move to a person.", severity="warning")
            return
        if person.is_me:  # (the store refuses it too)
            me.notify(f"{person.name} is you (“me”) in this database: the app needs you.", severity="warning")
            return
        self._set_archived(person.uuid, True)

    def action_restore_person(self) -> None:
        """Pick an archived person to bring back."""
        self._read_archived()

    @work(thread=True, exclusive=True, group="archive")
    def _set_archived(self, uuid: str, archived: bool) -> None:
        from mentor_tui.db import people

        me: Any = self
        try:
            person = run_edit(lambda: people.set_archived(uuid, archived))
        except Exception as exc:  # the person was deleted meanwhile, the database is locked
            verb = "archived" if archived else "restored"
            deliver(me, partial(me.notify, f"Not {verb}: {failure_reason(exc)}", severity="error", timeout=8))
            return
        deliver(me, self._archived, person.name, person.uuid, archived)

    def _archived(self, name: str, uuid: str, archived: bool) -> None:
        me: Any = self
        if archived:
            me.notify(f"{name} archived: they left the matrix and the counts; their records stay. A restores them.")
        else:
            me.notify(f"{name} restored.")
            me.select_after_reload = uuid  # the cursor goes to them (their row is keyed by uuid)
        me.reload()

    @work(thread=True, exclusive=True, group="archive")
    def _read_archived(self) -> None:
        from mentor_tui.db import people

        me: Any = self
        try:
            gone = run_edit(people.archived_people)
        except Exception as exc:
            deliver(me, partial(me.notify, f"Could not read the database: {failure_reason(exc)}", severity="error"))
            return
        deliver(me, self._pick_archived, [(p.name, p.role, p.team, p.uuid) for p in gone])

    def _pick_archived(self, gone: list[tuple[str, str, str | None, str]]) -> None:
        from mentor_tui.screens.pick import PickScreen

        me: Any = self
        if not gone:
            me.notify("Nobody is archived. a archives the person under the cursor.")
            return
        options = [(f"{name}  ({role}{f', {team}' if team else ''})", uuid) for name, role, team, uuid in gone]

        def picked(uuid: str | None) -> None:
            if uuid is not None:
                self._set_archived(uuid, False)

        me.app.push_screen(PickScreen("Restore which archived person? (enter restores, esc leaves them)", options),
                           picked)
