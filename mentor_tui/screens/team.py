"""6 Team: people, their skills, and the bus factor of each competency."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.section import TableSection, clip
from mentor_tui.widgets.record_table import TableRow


class TeamScreen(TableSection[Any]):
    """The skills matrix: one row per person; its record is the reports.MatrixRow (person, levels)."""

    SUB_TITLE = "6 Team"
    EMPTY_TEXT = (
        "[b]Team[/b]\n\n"
        "The team's people, their latest skill levels per competency, and the bus "
        "factor of each competency: where only one person knows it well.\n\n"
        "No people yet. Press [b]n[/b] to add someone, or [b]i[/b] to import a teammate's export."
    )
    BINDINGS = [
        Binding("enter", "open_row", "Open person"),
        Binding("n", "new_person", "Add person"),
        Binding("m", "new_mentorship", "New mentorship"),
        Binding("M", "merge_person", "Merge duplicate"),
        Binding("u", "toggle_uuids", "Show uuids"),
    ]
    show_uuids = False

    def compose_body(self) -> ComposeResult:
        yield from super().compose_body()
        yield Static("", id="bus-factor")

    def on_mount(self) -> None:
        pass  # columns depend on the competencies: set in show()

    def fetch(self):
        from mentor_tui.db import people, reports

        matrix = reports.skills_matrix(clock.today())
        me = people.me()
        return len(matrix.rows), matrix, reports.bus_factor_of(matrix), me.uuid if me else None

    def show(self, data) -> None:
        self.total, matrix, bus_factor, me_uuid = data
        columns = ["Name", "Role", "Email", *(["uuid"] if self.show_uuids else []), *(c.key for c in matrix.competencies)]
        rows = []
        for row in matrix.rows:
            me = " (me)" if row.person.uuid == me_uuid else ""
            levels = [_level_cell(row.levels.get(c.key)) for c in matrix.competencies]
            who = (clip(row.person.name, 28) + me, row.person.role, clip(row.person.email or "", 24))
            uuid = (row.person.uuid,) if self.show_uuids else ()
            rows.append(TableRow(row.person.uuid, row, (*who, *uuid, *levels)))
        self.show_rows(rows, columns=columns)
        self.loaded = len(matrix.rows)
        self.query_one("#bus-factor", Static).update(_bus_factor_text(bus_factor))
        self.set_status(
            f"{self.total} {'person' if self.total == 1 else 'people'} · levels: 0 none 1 aware 2 learning 3 practitioner 4 proficient 5 expert"
        )
        self.refresh_bindings()

    def open_record(self, record) -> None:
        from mentor_tui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(record.person.uuid))

    def action_toggle_uuids(self) -> None:
        """Show or hide each person's uuid (what files and the command line name them by)."""
        self.show_uuids = not self.show_uuids
        if self._shown is not None:
            self.show(self._shown)  # the same data, one column more or less

    def action_merge_person(self) -> None:
        """Merge another record of the same human into the person under the cursor."""
        record = self.highlighted()
        if record is None:
            self.notify("No person here to merge into.", severity="warning")
            return
        self.merge_choices(record.person.uuid)

    @work(thread=True, exclusive=True, group="merge-choices")
    def merge_choices(self, keep_uuid: str) -> None:
        from mentor_tui.db import database
        from mentor_tui.screens.merge_people import merge_choices

        try:
            with database.worker_connection():
                keep, choices = merge_choices(keep_uuid)
        except Exception as exc:  # the person was removed meanwhile, the database is locked
            self.app.call_from_thread(self.notify, f"Cannot merge: {exc}", severity="error")
            return
        self.app.call_from_thread(self._push_merge, keep, choices)

    def _push_merge(self, keep, choices) -> None:
        from mentor_tui.screens.merge_people import MergeDialog

        if not choices:
            self.notify("Nobody else to merge: a merge needs two people.", severity="warning")
            return
        self.app.push_screen(MergeDialog(keep, choices), self._merged)

    def _merged(self, message: str | None) -> None:
        if message:
            self.notify(message)
            self.reload()

    def action_new_person(self) -> None:
        from mentor_tui.db import people

        def save(values):
            return people.add_person(values["name"], values["role"], values["email"])

        form = FormScreen(
            "Add person",
            [
                record_field("people", "name", "Name"),
                record_field("people", "role", "Role", default="mentee"),
                record_field("people", "email", "Email"),
            ],
            save,
        )
        self.open_form(form, lambda person: f"{person.name} added.", select=lambda person: person.uuid)

    def action_new_mentorship(self) -> None:
        self.open_form_after(_mentorship_choices, self._mentorship_form, lambda m: f"{m.mentor.name} now mentors {m.mentee.name}.")

    def _mentorship_form(self, choices) -> FormScreen | None:
        from mentor_tui.db import mentorships

        roster, me = choices
        if len(roster) < 2:
            self.notify("A mentorship needs two people: press n to add someone.", severity="warning")
            return None
        mentors = sorted(roster, key=lambda p: (p.role == "mentee", p.name))
        mentees = sorted(roster, key=lambda p: (p.role != "mentee", p.name))

        def save(values):
            return mentorships.create_mentorship(
                values["mentor"], values["mentee"], values["started_on"], values["cadence_days"], values["focus"] or ""
            )

        default_mentor = me.id if me is not None and me.role != "mentee" else mentors[0].id
        return FormScreen(
            "New mentorship",
            [
                Field("mentor", "Mentor", "select", required=True, default=default_mentor,
                      options=[(p.name, p.id) for p in mentors]),
                Field("mentee", "Mentee", "select", required=True, options=[(p.name, p.id) for p in mentees]),
                record_field("mentorships", "started_on", "Started on", default=clock.today()),
                record_field("mentorships", "cadence_days", "Check-in every (days)", default=14),
                record_field("mentorships", "focus", "Focus", kind="text", placeholder="e.g. Kubernetes and on-call readiness"),
            ],
            save,
        )


def _mentorship_choices():
    """Runs in a worker: the people to pick from, and me."""
    from mentor_tui.db import people

    return people.roster(), people.me()


def _level_cell(level: int | None) -> str:
    return "·" if level is None else str(level)


def _bus_factor_text(bus_factor) -> Content:
    """Competency keys can come from imported files: assembled as text, never as markup."""
    parts: list = [("Bus factor", "bold"), "  (people at level 4+ rated in the last year):  "]
    for index, bf in enumerate(bus_factor):
        if index:
            parts.append(" · ")
        parts.append((f"{bf.competency.key} {bf.count} ⚠", "bold $error") if bf.single_point
                     else f"{bf.competency.key} {bf.count}")
    risky = [bf.competency.key for bf in bus_factor if bf.single_point]
    if risky:
        parts.append(f"\nSingle points of knowledge: {', '.join(risky)}. Pair someone up on these.")
    return Content.assemble(*parts)
