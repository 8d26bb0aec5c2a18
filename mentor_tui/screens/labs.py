"""3 Labs: hands-on exercises with their checklists."""

from __future__ import annotations

from textual.binding import Binding

from mentor_tui import dates
from mentor_tui.db.labs import LabRow
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.section import TableSection, clip


class LabsScreen(TableSection[LabRow]):
    SUB_TITLE = "3 Labs"
    EMPTY_TEXT = (
        "[b]Labs[/b]\n\n"
        "Labs are hands-on exercises under a plan's goals (deploy to a kind cluster, "
        "write a Terraform module, break and fix a canary), each with a checklist "
        "and evidence links.\n\n"
        "No labs yet. Press [b]n[/b] to add the first one. A lab hangs under a goal: to add "
        "a goal, press [b]2[/b], move to the plan and press [b]g[/b]."
    )
    COLUMNS = ("Owner", "Lab", "Checklist", "Last practised", "Goal")
    BINDINGS = [Binding("n", "new_lab", "New lab")]

    def count_rows(self) -> int:
        from mentor_tui.db import labs

        return labs.count()

    def fetch_page(self, limit: int, offset: int):
        from mentor_tui.db import labs

        return labs.page(limit, offset)

    def _goal_under_cursor(self, goals) -> int | None:
        """The goal of the lab under the cursor, when it can take another lab."""
        lab = self.highlighted()
        return lab.goal_id if lab is not None and any(g.id == lab.goal_id for g in goals) else None

    def cells(self, row):
        check = "✔" if row.items_total and row.items_done == row.items_total else " "
        return (
            row.owner,
            clip(row.title, 40),
            f"{check} {row.items_done}/{row.items_total}",
            dates.show(row.last_practised_on),
            clip(row.goal, 32),
        )

    def action_new_lab(self) -> None:
        self.open_form_after(_goal_choices, self._lab_form, lambda lab: f"Lab “{lab.title}” added.",
                             select=lambda lab: str(lab.id))

    def _lab_form(self, goals) -> FormScreen | None:
        from mentor_tui.db import labs

        if not goals:
            self.notify("A lab hangs under a goal: press 2, move to a plan and press g to add one.", severity="warning")
            return None

        def save(values):
            items = (values["items"] or "").splitlines()
            return labs.create_lab(values["goal"], values["title"], values["link"], items)

        return FormScreen(
            "New lab",
            [
                Field("goal", "Goal", "select", required=True, default=self._goal_under_cursor(goals),
                      options=[(g.label, g.id) for g in goals]),
                record_field("labs", "title", "Title", placeholder="e.g. Deploy the sample service to kind"),
                record_field("labs", "link", "Link", placeholder="https://…"),
                Field("items", "Checklist (one item per line)", "textarea"),
            ],
            save,
        )


def _goal_choices():
    """Runs in a worker: the goals a lab can hang under."""
    from mentor_tui.db import labs

    return labs.goal_choices()
