"""A person's growth view (enter on a person in Team; m on the Dashboard for "me").

Above: who they are; per competency the latest self and mentor rating side by side,
the history as a sparkline and the evidence; the on-call ladder; ownership; kudos
received; plans and their progress; mentorships. Below: every rating, incident or
shift, ownership, kudos and (named) program feedback of theirs, newest first:
enter edits the one under the cursor, d deletes it (after asking). s, l, o, k and f
add one. tab moves between the two panes; the upper one scrolls.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from mentor_tui import dates
from mentor_tui.db.growth import Record
from mentor_tui.db.people import shown_name
from mentor_tui.db.person_view import ME, PersonView
from mentor_tui.screens import growth_forms, growth_parts
from mentor_tui.screens.detail import DetailScreen
from mentor_tui.screens.plans import progress_bar
from mentor_tui.screens.section import clip
from mentor_tui.text_safety import one_line
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.record_table import RecordTable, TableRow
from mentor_tui.widgets.title_bar import TitleBar

KIND_WORDS = {"rating": "rating", "incident": "incident", "ownership": "ownership", "kudos": "kudos",
              "feedback": "feedback"}
# What deleting a record takes with it, said before it is deleted.
CONSEQUENCES = {
    "rating": "Only this rating goes; the others of the history stay.",
    "incident": "The incident goes, and with it its lessons. Ratings and kudos that cite it keep its title, marked (deleted).",
    "ownership": "This ownership goes. To say it ended instead, edit it and set 'until'.",
    "kudos": "This kudos goes, for giver and receiver alike.",
    "feedback": "This program feedback goes.",
}
FUTURE = " future"  # after the date of a record dated after today
ADD_KEYS = "s rate a skill · l log an incident or shift · o ownership · k kudos · f program feedback"


class PersonScreen(DetailScreen[PersonView]):
    SUB_TITLE = "6 Team › Person"
    GONE_TEXT = "This person is not here anymore (deleted, or replaced by an import). Press esc to go back."
    BINDINGS = [
        Binding("enter", "open_record", "Open/edit"),
        Binding("s", "rate_skill", "Rate skill"),
        Binding("l", "log_incident", "Log incident/shift"),
        Binding("o", "add_ownership", "Ownership"),
        Binding("k", "give_kudos", "Kudos"),
        Binding("f", "give_feedback", "Program feedback"),
        Binding("d", "delete_record", "Delete"),
        Binding("e", "edit_person", "Edit person"),
    ]
    AUTO_FOCUS = "#growth-records"  # enter and d act on its rows; tab moves to the view above, which scrolls

    def __init__(self, uuid: str, section: str = "6 Team") -> None:
        super().__init__(uuid)
        self.section = section
        self.select_after_reload: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(icon="◆")
        yield Static("Loading…", id="detail-state")
        with Vertical(id="detail-body", classes="-hidden"):
            with VerticalScroll(id="growth-summary"):
                yield Static("", id="person-head")
                for part in ("skills", "ladder", "ownership", "kudos", "plans", "mentorships"):
                    yield Static("", id=f"person-{part}", classes="detail-part")
            yield Static("", id="records-title")
            yield RecordTable(id="growth-records")
        yield Static("", id="detail-status")
        yield KeyBar()

    def load(self) -> PersonView | None:
        from mentor_tui.db import person_view

        return person_view.person_view(self.key)

    @property
    def records(self) -> RecordTable:
        return self.query_one("#growth-records", RecordTable)

    def render_record(self, data: PersonView) -> None:
        self.sub_title = f"{self.section} › {shown_name(data.name, data.archived)}"
        growth = data.growth
        self.query_one("#person-head", Static).update(_head(data))
        self.query_one("#person-skills", Static).update(growth_parts.skills(growth, self.size.width - 10))
        self.query_one("#person-ladder", Static).update(growth_parts.ladder(growth))
        self.query_one("#person-ownership", Static).update(growth_parts.ownership(growth))
        self.query_one("#person-kudos", Static).update(growth_parts.kudos(growth))
        self.query_one("#person-plans", Static).update(_plans(data))
        self.query_one("#person-mentorships", Static).update(_mentorships(data))
        title: list = [("Records", "bold"), (f"  {len(growth.records)}", "dim")]
        title.append(("  · enter opens/edits · d deletes" if growth.records else f"  · none yet: {ADD_KEYS}", "dim"))
        self.query_one("#records-title", Static).update(Content.assemble(*title))
        # the list fits the screen (no sideways scrolling): a date marked future is wider
        width = max(30, self.size.width - 32 - (len(FUTURE) if any(r.future for r in growth.records) else 0))
        rows = [TableRow(r.key, r, (r.kind, _day(r), _cut(r, width))) for r in growth.records]
        select, self.select_after_reload = self.select_after_reload, None
        self.records.show_rows(rows, columns=["Kind", "Date", "What"], select=select)
        self.refresh_bindings()

    def on_resize(self) -> None:
        if self.data is not None:  # lines are cut to the width: cut them again
            self.render_record(self.data)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_record", "delete_record"):
            return self.data is not None and self.records.highlighted_row() is not None
        if action in ("rate_skill", "log_incident", "add_ownership", "give_kudos", "give_feedback", "edit_person"):
            return self.data is not None
        return super().check_action(action, parameters)

    # Adding --------------------------------------------------------------------

    def action_rate_skill(self) -> None:
        self._open("rating")

    def action_log_incident(self) -> None:
        self._open("incident")

    def action_add_ownership(self) -> None:
        self._open("ownership")

    def action_give_kudos(self) -> None:
        self._open("kudos")

    def action_give_feedback(self) -> None:
        self._open("feedback")

    def action_edit_person(self) -> None:
        """Name, role, email and team of this person (screens/person_form.py)."""
        from mentor_tui.screens.person_form import edit_person_form, person_choices

        if self.data is None:
            return
        uuid = self.data.uuid

        def build(data: tuple[Any, list[str]]):
            person, team_names = data
            if person is None:
                self.notify("This person is not here anymore.", severity="warning")
                return None
            return edit_person_form(person, team_names)

        self.open_form_after(lambda: person_choices(uuid), build, lambda person: f"{person.name} is saved.")

    # Opening, editing, deleting the record under the cursor ----------------------

    def action_open_record(self) -> None:
        row = self.records.highlighted_row()
        if row is not None:
            self._open(row.record.kind, row.record)

    def on_record_table_opened(self, event: RecordTable.Opened) -> None:
        event.stop()
        self._open(event.row.record.kind, event.row.record)

    def _open(self, kind: str, record: Record | None = None) -> None:
        if self.data is None:
            return
        who = growth_forms.Who(self.data.id, self.data.name, self.data.is_me, self.data.archived)
        person_id = self.data.id

        def fetch() -> tuple[Any, Any]:
            existing = growth_forms.fetch_record(kind, record.id) if record is not None else None
            return growth_forms.fetch_choices(person_id, existing), existing

        def build(data: tuple[Any, Any]):
            choices, existing = data
            if record is not None and existing is None:
                self.notify("That record is not here anymore.", severity="warning")
                self.reload()
                return None
            if kind == "rating" and not choices.competencies:
                self.notify("There are no competencies to rate.", severity="warning")
                return None
            return growth_forms.FORMS[kind](who, choices, existing)

        self.open_form_after(fetch, build, lambda saved: _saved_message(kind, record), lambda saved: f"{kind}:{saved.id}")

    def _deleted(self, record: Record) -> None:
        self.set_status(f"Deleted the {record.kind}.")
        self.notify(f"Deleted the {record.kind}.")

    def action_delete_record(self) -> None:
        from mentor_tui.screens.confirm import DeleteDialog

        row = self.records.highlighted_row()
        if row is None:
            return
        record: Record = row.record
        what = f"this {KIND_WORDS[record.kind]} ({dates.show(record.on)}, {clip(record.summary, 60)})"

        def answered(yes: bool | None) -> None:
            if yes:
                self.save(lambda: _delete(record), saved=lambda _: self._deleted(record))

        self.app.push_screen(DeleteDialog(what, CONSEQUENCES[record.kind]), answered)


def _day(record: Record) -> Text | str:
    """The record's date; one dated after today says so (it counts from its day on)."""
    if record.future:
        return Text(f"{dates.show(record.on)}{FUTURE}", style="yellow")
    return dates.show(record.on)


def _cut(record: Record, width: int) -> str:
    """The record's summary in `width` characters; a rating keeps its level and who rated it
    ("(archived)" included) and its competency's name is cut instead."""
    text = one_line(record.summary)
    if len(text) <= width or not record.kept or width - record.kept < 8:
        return clip(text, width)
    head, tail = record.summary[: -record.kept], record.summary[-record.kept :]
    return clip(head, width - len(one_line(tail))) + one_line(tail)


def _saved_message(kind: str, record: Record | None) -> str:
    if record is not None:  # an edit: one wording for every kind
        return f"{KIND_WORDS[kind].capitalize()} saved."
    return {
        "rating": "Rating saved.", "incident": "Logged.", "ownership": "Ownership saved.",
        "kudos": "Kudos given.", "feedback": "Thank you: feedback saved.",
    }[kind]


def _delete(record: Record) -> None:
    """Runs in a worker."""
    from mentor_tui.db import feedback, incidents, kudos, ownership, ratings

    {
        "rating": ratings.delete_rating, "incident": incidents.delete_incident,
        "ownership": ownership.delete_ownership, "kudos": kudos.delete_kudos, "feedback": feedback.delete_feedback,
    }[record.kind](record.id)


def my_growth() -> PersonScreen:
    """The growth view of whoever "me" is (the Dashboard's m)."""
    screen = PersonScreen(ME, section="1 Dashboard")
    screen.GONE_TEXT = "Nobody is set up as you in this database yet. Press esc to go back."
    return screen


def _head(p: PersonView) -> Content:
    """One line (the skills below it show on a short terminal), wrapped when it is longer than the
    width. Names, emails and titles are user text: assembled, never read as markup."""
    name = shown_name(p.name, p.archived, *(("me",) if p.is_me else ()))
    parts: list = [(one_line(name), "bold"), "   ", p.role]
    parts += [(" · team ", "dim"), one_line(p.team)] if p.team else [(" · no team", "dim")]
    if p.email:
        parts += [(" · ", "dim"), one_line(p.email)]
    return Content.assemble(*parts)


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
