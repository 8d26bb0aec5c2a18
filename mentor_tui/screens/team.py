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
from mentor_tui.screens.form import Field, FormScreen, record_field
from mentor_tui.screens.section import TableSection
from mentor_tui.screens.team_people import TeamPeople
from mentor_tui.widgets.skill_matrix import PERSON_COLUMNS, SkillMatrix, legend, matrix_rows

FLAG = "⚠"
OK = "✓"


class TeamScreen(TeamPeople, TableSection[Any]):
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
    ]
    HELP_NOTES = [
        ("Level counted", "per person and skill: the latest mentor rating, else the latest self rating"),
        ("Bus factor", "active people at level 4+ whose counted rating is within the window"),
        ("Window", "bus_factor_months in settings.toml (default 12)"),
        ("Flagged", "bus factor 0 (nobody) or 1 (a single point of knowledge)"),
        ("Cells", "digit, block and colour; ~ = only older ratings (shown, not counted)"),
        ("← →", "scroll the skill columns (the person column stays)"),
    ]

    skills: Any = None  # the TeamSkills shown, for what-if (no second read)

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
        self.watch(self.table, "scroll_x", lambda _old, _new: self._scroll_hint(), init=False)

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
        self.total, skills, suggestions, feedback, me_uuid = data
        self.skills = skills
        self.show_rows(matrix_rows(skills, me_uuid), columns=[*PERSON_COLUMNS, *(c.key for c in skills.competencies)])
        self.loaded = len(skills.rows)
        self.query_one("#bus-factor", Static).update(bus_factor_text(skills, suggestions))
        self.query_one("#feedback", Static).update(feedback_text(feedback))
        self.refresh_bindings()
        self.call_after_refresh(self._scroll_hint)
        self.show_who()

    def _scroll_hint(self) -> None:
        if self.skills is None:
            return
        left, right = self.table.hidden_columns()
        parts: list[Any] = []
        if left or right:
            where = " and ".join(x for x in (f"{left} left" if left else "", f"{right} right" if right else "") if x)
            parts.append((f"← → more skills: {where}   ", "bold reverse"))
        parts.append(legend())
        self.query_one("#matrix-legend", Static).update(Text.assemble(*parts))
        count = self.total
        self.set_status(f"{count} {'person' if count == 1 else 'people'} · bus factor window: "
                        f"{self.skills.months} months (since {dates.show(self.skills.window_from)})")

    def open_record(self, record) -> None:
        from mentor_tui.screens.person import PersonScreen

        self.app.push_screen(PersonScreen(record.person.uuid))

    def action_what_if(self) -> None:
        from mentor_tui.screens.what_if import WhatIfDialog

        if self.skills is None or not self.skills.rows:
            self.notify("Nobody here yet: press n to add someone.", severity="warning")
            return
        row = self.table.highlighted_row()
        self.app.push_screen(WhatIfDialog(self.skills, row.key if row else None))

    def action_pairing(self) -> None:
        from mentor_tui.screens.pairing import PairingScreen

        self.app.push_screen(PairingScreen(self.months()))

    def action_program(self) -> None:
        from mentor_tui.screens.program import ProgramScreen

        self.app.push_screen(ProgramScreen())

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


def bus_factor_text(skills, suggestions) -> Content:
    """Flagged competencies first, each with its best pairing suggestion. Names and competency
    keys are user text: assembled, never read as markup."""
    parts: list[Any] = [("Bus factor", "bold"), f"  level 4+, rated in the last {skills.months} months\n"]
    ordered = sorted(skills.bus_factors, key=lambda bf: (not bf.flagged, bf.count))
    width = max((len(bf.competency.key) for bf in ordered), default=0)
    for bf in ordered:
        key = bf.competency.key.ljust(width)
        if bf.flagged:
            parts += [(f"{FLAG} {key} {bf.count}  ", "bold $error"), (bf.label, "$error"), "\n"]
            best = next((s for s in suggestions if s.competency.key == bf.competency.key), None)
            if not skills.has_ratings:
                continue  # one note below says why, not eight
            if best is not None:
                parts.append((f"    pair: {best.holder.name} → {best.learner.name} (level {best.learner_level})"
                              "  · p: all suggestions\n", "$text-muted"))
            elif not bf.holders:
                parts.append(("    nobody to pair from yet\n",
                              "$text-muted"))
            else:
                parts.append(("    nobody at level 2–3 to pair with yet\n", "$text-muted"))
        else:
            parts += [f"{OK} {key} {bf.count}  ", (bf.label, "$text-muted"), "\n"]
    if not skills.has_ratings:
        parts.append(("\nNobody is rated yet: open a person (enter) to rate their skills.", "$text-muted"))
    return Content.assemble(*parts)


def feedback_text(summary) -> Content:
    parts: list[Any] = [("Program feedback", "bold")]
    if not summary.months:
        return Content.assemble(*parts, "\n", ("No program feedback yet.", "$text-muted"))
    parts.append(f"\n{summary.total} entries · average {summary.average:.1f} of 5\n")
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
