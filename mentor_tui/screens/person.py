"""A person (enter on the Team table): who they are, their mentorships and plans.

Read-only for now; the first concrete DetailScreen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from mentor_tui import dates
from mentor_tui.db.person_view import PersonView
from mentor_tui.screens.detail import DetailScreen
from mentor_tui.screens.plans import progress_bar
from mentor_tui.screens.section import clip
from mentor_tui.text_safety import one_line


class PersonScreen(DetailScreen[PersonView]):
    SUB_TITLE = "6 Team › Person"
    GONE_TEXT = "This person is not here anymore (deleted, or replaced by an import). Press esc to go back."

    def __init__(self, uuid: str) -> None:
        super().__init__(uuid)

    def load(self) -> PersonView | None:
        from mentor_tui.db import person_view

        return person_view.person_view(self.key)

    def compose_content(self) -> ComposeResult:
        yield Static("", id="person-head")
        yield Static("", id="person-mentorships", classes="detail-part")
        yield Static("", id="person-plans", classes="detail-part")

    def render_record(self, data: PersonView) -> None:
        self.sub_title = f"6 Team › {data.name}"
        self.query_one("#person-head", Static).update(_head(data))
        self.query_one("#person-mentorships", Static).update(_mentorships(data))
        self.query_one("#person-plans", Static).update(_plans(data))


def _head(p: PersonView) -> Content:
    """Names, emails and titles are user text: assembled, never read as markup."""
    marks = (" (me)" if p.is_me else "") + (" · archived" if p.archived else "")
    return Content.assemble(
        (one_line(p.name), "bold"), marks, "\n",
        ("Role   ", "dim"), p.role, "\n",
        ("Email  ", "dim"), one_line(p.email or "—"),
    )


def _mentorships(p: PersonView) -> Content:
    parts: list = [("Mentorships", "bold")]
    if not p.mentorships:
        parts.append("\n  None yet. On the Team screen, m pairs a mentor with a mentee.")
    for m in p.mentorships:
        who = f"Mentors {m.other}" if m.they_mentor else f"Mentored by {m.other}"
        when = f"since {dates.show(m.started_on)}"
        if m.ended_on is not None:
            when = f"{dates.show(m.started_on)} to {dates.show(m.ended_on)} (ended)"
        parts += ["\n  ", (one_line(who), "bold"), f"  {when} · check-ins every {m.cadence_days} days"]
        if m.focus:
            parts += ["\n    ", (clip(m.focus, 100), "dim")]
    return Content.assemble(*parts)


def _plans(p: PersonView) -> Content:
    parts: list = [("Plans", "bold")]
    if not p.plans:
        parts.append("\n  None yet. On the Plans screen (2), n creates one.")
    for plan in p.plans:
        target = f" → {dates.show(plan.target_on)}" if plan.target_on else ""
        parts += [
            "\n  ", (clip(plan.title, 48), "bold"),
            f"  {plan.kind} · {plan.status} · {progress_bar(plan.percent)} {plan.goals_done}/{plan.goals_total}",
            f" · {dates.show(plan.start_on)}{target}",
        ]
    return Content.assemble(*parts)
