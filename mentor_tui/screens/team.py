"""6 Team: people, their skills, and the bus factor of each competency."""

from __future__ import annotations

from textual.binding import Binding

from mentor_tui.screens.form import Field, FormScreen
from mentor_tui.screens.section import TableSection


class TeamScreen(TableSection):
    SUB_TITLE = "6 Team"
    SECTION_KEY = "team"
    EMPTY_TEXT = (
        "[b]Team[/b]\n\n"
        "The team's people, their latest skill levels per competency, and the bus\n"
        "factor of each competency: where only one person knows it well.\n\n"
        "No people yet. Press [b]n[/b] to add someone, or import a teammate's export\n"
        "(ctrl+p, then “Import”)."
    )
    COLUMNS = ("Name", "Role", "Email")
    BINDINGS = [Binding("n", "new_person", "Add person")]

    def count_rows(self) -> int:
        from mentor_tui.db import people

        return people.count()

    def fetch_page(self, limit: int, offset: int):
        from mentor_tui.db import people

        return people.roster(limit=limit, offset=offset)

    def cells(self, row):
        me = " (me)" if row.is_me else ""
        return (row.name + me, row.role, row.email or "")

    def action_new_person(self) -> None:
        from mentor_tui.db import people
        from mentor_tui.db.models import ROLES

        def save(values):
            return people.add_person(values["name"], values["role"], values["email"])

        form = FormScreen(
            "Add person",
            [
                Field("name", "Name", required=True),
                Field("role", "Role", "select", required=True, default="mentee", options=[(r, r) for r in ROLES]),
                Field("email", "Email"),
            ],
            save,
        )
        self.app.push_screen(form, self._saved)

    def _saved(self, result) -> None:
        if result is not None:
            self.notify(f"{result.saved.name} added.")
            self.reload()
