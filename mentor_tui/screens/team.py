"""6 Team: the skills matrix as a heat map, the bus factor of each competency, program feedback.

The rule of which rating counts, and what "bus factor" means, is in
`db/team_skills.py` (and the README); `w` asks "what if this person left",
`p` lists pairing suggestions for the flagged competencies.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock, config, dates
from mentor_tui.screens.bus_factor_panel import bus_factor_text
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.section import TableSection
from mentor_tui.screens.team_archive import TeamArchive
from mentor_tui.screens.team_groups import TeamGroups, is_person_row
from mentor_tui.screens.team_people import TeamPeople
from mentor_tui.widgets.skill_matrix import PERSON_COLUMNS, SkillMatrix, legend


class TeamScreen(TeamGroups, TeamPeople, TeamArchive, TableSection[Any]):
    """One row per active person; its record is the db SkillRow (person, cells)."""

    SUB_TITLE = "6 Team"
    EMPTY_TEXT = (
        "[b]Team[/b]\n\n"
        "The team's people, their skill levels per competency, and the bus "
        "factor of each competency: where only one person knows it well.\n\n"
        "No people yet. Press [b]n[/b] to add someone, or [b]i[/b] to import a teammate's export."
    )
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("enter", "open_row", "Open person"),
        Binding("n", "new_person", "Add person"),
        Binding("m", "new_mentorship", "New mentorship"),
        Binding("w", "what_if", "What if…"),
        Binding("p", "pairing", "Pairing"),
        Binding("P", "program", "Program health"),
        Binding("M", "merge_person", "Merge duplicate"),
        Binding("u", "toggle_uuids", "Show uuid"),
        Binding("e", "edit_person", "Edit person"),
        Binding("d", "delete_person", "Delete person"),
        Binding("a", "archive_person", "Archive"),
        Binding("A", "restore_person", "Restore…"),
        Binding("t", "pick_team", "Team filter"),
        Binding("g", "toggle_grouping", "Group by team"),
    ]
    HELP_NOTES = [
        ("Level counted", "per person and skill: the latest mentor rating, else the latest self rating"),
        ("Bus factor", "active people at level 4+ whose counted rating is within the window"),
        ("Window", "bus_factor_months in settings.toml (default 12)"),
        ("Flagged", "bus factor 0 (nobody) or 1 (a single point of knowledge)"),
        ("Silo", "two or more holders, all of one team (people with no team never make one)"),
        ("Teams", "t shows one team's people, g groups the rows by team; bus factors count everyone"),
        ("Archived", "a: someone who left; they leave the matrix, bus factor and counts, their records stay; A restores"),
        ("Cells", "digit, block and colour; ~ = only older ratings (shown, not counted)"),
        ("← →", "scroll the skill columns (the person column stays)"),
    ]

    skills: Any = None  # the TeamSkills shown, for what-if (no second read)
    me_uuid: str | None = None

    def compose_body(self) -> ComposeResult:
        yield SkillMatrix(id="table", zebra_stripes=True)
        yield Static("", id="who")
        yield Static("", id="matrix-legend")
        with Horizontal(id="team-panels"):
            with VerticalScroll(id="bus-factor-panel"):
                yield Static("", id="bus-factor")
            with VerticalScroll(id="feedback-panel"):
                yield Static("", id="feedback")

    def on_mount(self) -> None:
        for table in self.query("#table"):  # (none: the app closed while this screen was built ahead)
            self.watch(table, "scroll_x", lambda _old, _new: self._scroll_hint(), init=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self._scroll_hint)

    def months(self) -> int:
        return config.bus_factor_months(getattr(self.app, "settings", {}))

    def fetch(self):
        from mentor_tui.db import feedback_summary, pairing, people

        skills, suggestions = pairing.team_suggestions(clock.today(), self.months())
        me = people.me()
        feedback = feedback_summary.feedback_summary(clock.today())
        return len(skills.rows), skills, suggestions, feedback, me.uuid if me else None

    def show(self, data) -> None:
        self.total, skills, suggestions, feedback, self.me_uuid = data
        self.skills = skills
        self.query_one("#bus-factor", Static).update(bus_factor_text(skills, suggestions))
        self.query_one("#feedback", Static).update(feedback_text(feedback))
        self.show_skills()

    def show_skills(self) -> None:
        """The matrix rows of `skills`, as the team filter and the grouping ask."""
        skills = self.skills
        rows = self.team_rows(skills, self.me_uuid)
        self.show_rows(rows, columns=[*PERSON_COLUMNS, *(c.key for c in skills.competencies)])
        self.loaded = self.total  # every active person is read at once: no page to fetch on scroll
        self.refresh_bindings()
        self.call_after_refresh(self._scroll_hint)
        self.show_who()

    def _scroll_hint(self) -> None:
        if self.skills is None:
            return
        left, right = self.table.hidden_columns()
        hint = Text()
        if left or right:
            where = " and ".join(x for x in (f"{left} left" if left else "", f"{right} right" if right else "") if x)
            hint = Text.assemble((f"← → more skills: {where}", "bold reverse"), " ")
        shown = self.query_one("#matrix-legend", Static)
        shown.update(legend(shown.content_region.width, hint))
        self.set_status(f"{self.team_status(self.total)} · bus factor window: "
                        f"{self.skills.months} months (since {dates.show(self.skills.window_from)})")

    def open_record(self, record) -> None:
        from mentor_tui.screens.person import PersonScreen

        if is_person_row(record):
            self.app.push_screen(PersonScreen(record.person.uuid))

    def action_what_if(self) -> None:
        from mentor_tui.screens.what_if import WhatIfDialog

        if self.skills is None or not self.skills.rows:
            self.notify("Nobody here yet: press n to add someone.", severity="warning")
            return
        row = self.table.highlighted_row()
        self.app.push_screen(WhatIfDialog(self.skills, row.key if row and is_person_row(row.record) else None))

    def action_pairing(self) -> None:
        from mentor_tui.screens.pairing import PairingScreen

        self.app.push_screen(PairingScreen(self.months()))

    def action_program(self) -> None:
        from mentor_tui.screens.program import ProgramScreen

        self.app.push_screen(ProgramScreen())

    def action_new_person(self) -> None:
        from mentor_tui.screens.person_form import new_person_form, person_choices

        self.open_form_after(person_choices, lambda data: new_person_form(data[1]),
                             lambda person: f"{person.name} added.", select=lambda person: person.uuid)

    def action_edit_person(self) -> None:
        """Edit the name, role, email and team of the person under the cursor."""
        from mentor_tui.screens.person_form import edit_person_form, person_choices

        record = self.highlighted()
        if not is_person_row(record):
            self.notify("Move to a person to edit them." if record is not None else "Nobody here yet: press n.",
                        severity="warning")
            return

        def build(data):
            person, team_names = data
            if person is None:
                self.notify("That person is not here anymore.", severity="warning")
                self.reload()
                return None
            return edit_person_form(person, team_names)

        self.open_form_after(lambda: person_choices(record.person.uuid), build,
                             lambda person: f"{person.name} is saved.", select=lambda person: person.uuid)

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


def feedback_text(summary) -> Content:
    parts: list[Any] = [("Program feedback", "bold")]
    if not summary.months:
        return Content.assemble(*parts, "\n", ("No program feedback yet.", "$text-muted"))
    entries = "entry" if summary.total == 1 else "entries"
    parts.append(f"\n{summary.total} {entries} · average {summary.average:.1f} of 5\n")
    for month in summary.months:
        filled = round(month.average)
        parts += [f"{month.month}  ", ("★" * filled + "☆" * (5 - filled), "$warning"),
                  f" {month.average:.1f}  ({month.count})\n"]
    if summary.latest:
        parts.append(("Latest comments\n", "bold"))
    for comment in summary.latest:
        who = comment.author or "anonymous"
        parts += [(f"{dates.show(comment.given_on)} {comment.rating}/5 {who}\n", "$text-muted"),
                  f"  “{comment.text.strip()}”\n"]
    return Content.assemble(*parts)
