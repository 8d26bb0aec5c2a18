"""One occurrence of a session (enter on the agenda or on a day of the month).

Shows the session, its rule in words, this occurrence's notes and attendees and
the incidents whose lessons it presented. Keys act on this occurrence (cancel or
restore, edit it alone, attendance), on the incidents linked to the session, and
on the whole series (edit, end, delete after a question that says what goes).
"""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from mentor_tui import clock, dates, recurrence
from mentor_tui.db.occurrences import SessionView
from mentor_tui.screens import store_work
from mentor_tui.screens.detail import DetailScreen
from mentor_tui.screens.section import clip
from mentor_tui.screens.session_forms import end_series_form, occurrence_form, series_form
from mentor_tui.words import plural

LESSON_LINES = 4  # lines of an incident's lessons shown here (all: the incident in its person's growth view)


class SessionScreen(DetailScreen[SessionView]):
    SUB_TITLE = "5 Calendar › Session"
    GONE_TEXT = "This session is not here anymore (deleted, or replaced by an import). Press esc to go back."
    BINDINGS = [
        Binding("c", "toggle_cancel", "Cancel/restore this one"),
        Binding("o", "edit_occurrence", "Edit this one"),
        Binding("a", "attendance", "Attendance"),
        Binding("l", "incidents", "Link incidents"),
        Binding("s", "edit_series", "Edit series"),
        Binding("x", "end_series", "End series"),
        Binding("d", "delete", "Delete session"),
    ]

    def __init__(self, session_id: int, original: dt.datetime) -> None:
        super().__init__((session_id, original))

    def load(self) -> SessionView | None:
        from mentor_tui.db import occurrences

        return occurrences.session_view(*self.key)

    def compose_content(self) -> ComposeResult:
        yield Static("", id="session-head")
        yield Static("", id="session-series", classes="detail-part")
        yield Static("", id="session-occurrence", classes="detail-part")
        yield Static("", id="session-incidents", classes="detail-part")

    def render_record(self, data: SessionView) -> None:
        self.sub_title = f"5 Calendar › {clip(data.title, 50)}"
        self.query_one("#session-head", Static).update(_head(data))
        self.query_one("#session-series", Static).update(_series(data))
        self.query_one("#session-occurrence", Static).update(_occurrence(data))
        self.query_one("#session-incidents", Static).update(_incidents(data))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "end_series" and self.data is not None and not self.data.recurring:
            return False  # a one-off has no series to end
        if self.saving and action in ("toggle_cancel", "delete"):
            return None
        return super().check_action(action, parameters)

    # Actions ---------------------------------------------------------------------

    def action_toggle_cancel(self) -> None:
        from mentor_tui.db import session_edits

        view = self.data
        if view is None:
            return
        session_id, original = self.key
        if view.cancelled:
            self.save(lambda: session_edits.restore_occurrence(session_id, original),
                      lambda _r: self.notify("This occurrence is back on."))
        elif view.attendees:
            from mentor_tui.screens.confirm import YesNoDialog

            n = len(view.attendees)
            question = (f"The attendance recorded for it ({n} {'person' if n == 1 else 'people'}) goes with "
                        "it: nobody attends a cancelled one. Its notes stay, and c restores it.")
            self.app.push_screen(YesNoDialog("Cancel this occurrence?", question, "Cancel it"),
                                 lambda yes: self._cancel(session_id, original) if yes else None)
        else:
            self._cancel(session_id, original)

    def _cancel(self, session_id: int, original) -> None:
        from mentor_tui.db import session_edits

        self.save(lambda: session_edits.cancel_occurrence(session_id, original),
                  lambda _r: self.notify("This occurrence is cancelled (c again restores it)."))

    def action_edit_occurrence(self) -> None:
        view = self.data
        if view is None:
            return

        def changed(starts_at) -> str:
            if not view.recurring:  # a one-off moved: the session's one occurrence is at the new time
                self.key = (view.session_id, starts_at)
            return "This occurrence was changed."

        self.open_form(occurrence_form(view), changed)

    def action_edit_series(self) -> None:
        view = self.data
        if view is None:
            return

        def saved(session) -> str:
            # this screen follows its occurrence: a one-off to where it is now, one of a series
            # to its day at the series' new time (as the series' cancellations and notes do)
            from mentor_tui.db import session_edits

            original = self.key[1]
            self.key = (view.session_id, session_edits.same_day_at(
                original, view.timezone, session.starts_at, session.timezone
            ) if view.recurring else session.starts_at)
            return f"Series “{session.title}” saved."

        self.open_form_after(lambda: _roster(view.presenter_id), lambda roster: series_form(roster, view), saved)

    def action_end_series(self) -> None:
        if self.data is not None:
            self.open_form(end_series_form(self.data), lambda s: f"Series “{s.title}” ends as asked.")

    def action_attendance(self) -> None:
        view = self.data
        if view is None:
            return
        session_id, original = self.key
        ticked = {pid for pid, _name in view.attendees}
        if view.cancelled and not ticked:
            self.notify("This occurrence is cancelled: nobody attended it. c restores it.", severity="warning")
            return

        def build(roster):
            from mentor_tui.db import session_edits
            from mentor_tui.db.people import label
            from mentor_tui.screens.pick_list import PickListDialog

            options = [(label(p), p.id, p.id in ticked) for p in roster]
            return PickListDialog(
                "Who attended", "Tick the people who were there: ↑ ↓ move, space ticks, ctrl+s saves.", options,
                lambda ids: session_edits.set_attendance(session_id, original, ids),
                empty="Nobody is in the store yet: add people on the Team screen (6).",
            )

        def open_list() -> None:
            # those who attended and have left since stay in the list, ticked: a save keeps them
            self._open_dialog(lambda: _roster(*ticked), build, lambda n: f"Attendance saved: {n} {'person' if n == 1 else 'people'}.")

        if view.starts_at > clock.now() and not ticked:  # asked, as a check-in dated in the future is
            from mentor_tui.screens.confirm import YesNoDialog

            question = (f"This occurrence has not happened yet ({dates.show_moment(view.starts_at)}). "
                        "Record who attended anyway?")
            self.app.push_screen(YesNoDialog("Not happened yet", question, "Record anyway"),
                                 lambda yes: open_list() if yes else None)
            return
        open_list()

    def action_incidents(self) -> None:
        view = self.data
        if view is None:
            return
        session_id = view.session_id

        def build(choices):
            from mentor_tui.db import session_edits
            from mentor_tui.screens.pick_list import PickListDialog

            options = [(c.label + ("  (linked to another session)" if c.session_id not in (None, session_id) else ""),
                        c.id, c.session_id == session_id) for c in choices]
            return PickListDialog(
                "Incidents whose lessons this session presented",
                "Tick the incidents discussed here; an incident belongs to one session.", options,
                lambda ids: session_edits.set_session_incidents(session_id, ids),
                empty="No incidents are recorded yet.",
            )

        self._open_dialog(_incident_choices, build, lambda n: f"{plural(n, 'incident')} linked to this session.")

    def action_delete(self) -> None:
        view = self.data
        if view is not None:
            self._ask_delete(view.session_id)

    # Helpers -----------------------------------------------------------------------

    def _open_dialog(self, fetch, build, said) -> None:
        """A dialog that needs lists from the store (read in a worker); reload once it saved."""
        def done(result) -> None:
            if result is not None:
                self.notify(said(result))
                self.reload()

        def show(data) -> None:
            if self.app.screen is self:
                self.app.push_screen(build(data), done)

        self._fetch_then(fetch, show)

    @work(thread=True, exclusive=True, group="session-fetch")
    def _fetch_then(self, fetch, then) -> None:
        """Runs `fetch()` in a worker, then `then(data)` on the UI thread."""
        try:
            data = store_work.run_edit(fetch)
        except Exception as exc:
            store_work.deliver(self, self.notify, f"Could not read the database: {store_work.failure_reason(exc)}")
            return
        store_work.deliver(self, then, data)

    def _ask_delete(self, session_id: int) -> None:
        def ask(impact) -> None:
            from mentor_tui.screens.confirm import ConfirmDialog

            text = f"Delete “{impact.title}” and every occurrence of it? {impact.words()}"

            def answered(yes: bool | None) -> None:
                if yes:
                    self._delete(session_id)

            if self.app.screen is self:
                self.app.push_screen(ConfirmDialog("Delete this session?", text), answered)

        from mentor_tui.db import session_edits

        self._fetch_then(lambda: session_edits.delete_impact(session_id), ask)

    def _delete(self, session_id: int) -> None:
        from mentor_tui.db import session_edits

        def deleted(title: str) -> None:
            self.app.notify(f"Session “{title}” deleted.")
            self.dismiss(None)

        self.save(lambda: session_edits.delete_session(session_id), deleted)


def _roster(*keep: int | None):
    """Runs in a worker: the people a form offers, and the archived ones among `keep` (ids the
    record already names: a form must show them, and its save keep them)."""
    from mentor_tui.db import people

    return people.roster_keeping(keep)


def _incident_choices():
    from mentor_tui.db import session_edits

    return session_edits.incident_choices()


def _when(view: SessionView, moment: dt.datetime) -> str:
    if view.all_day:
        return moment.astimezone(dt.UTC).strftime("%A ") + dates.show(moment.astimezone(dt.UTC).date()) + ", all day"
    zone = recurrence.zone(view.timezone)
    local = moment.astimezone(zone)
    text = f"{local:%A} {dates.show(local.date())} {local:%H:%M} {view.timezone or 'UTC'}"
    mine = dates.show_moment(moment)
    if mine != f"{dates.show(local.date())} {local:%H:%M}":
        text += f"  ({mine} your time)"
    return text


def _head(v: SessionView) -> Content:
    parts: list = [(v.title, "bold"), f"  {v.kind}\n", ("When    ", "dim"), _when(v, v.starts_at)]
    if v.cancelled:
        parts += ["  ", ("CANCELLED", "bold reverse $error"), (" (c restores it)", "dim")]
    if v.moved:
        parts += ["\n", ("Moved   ", "dim"), f"from {_when(v, v.original)}"]
    parts += ["\n", ("Length  ", "dim"), "all day" if v.all_day else f"{v.duration_minutes} min"]
    parts += ["\n", ("Presenter ", "dim"), v.presenter or "—", "   ", ("Link ", "dim"), v.link or "—"]
    return Content.assemble(*parts)


def _series(v: SessionView) -> Content:
    parts: list = [("Series", "bold"), "\n  ", v.rule_words[:1].upper() + v.rule_words[1:]]
    if v.notes:
        parts += ["\n  ", (clip(" ".join(v.notes.split()), 200), "dim")]
    return Content.assemble(*parts)


def _occurrence(v: SessionView) -> Content:
    parts: list = [("This occurrence", "bold")]
    notes = ("\n" + " " * len("  Notes  ")).join(v.occurrence_notes.splitlines())  # each line under the first
    parts += ["\n  ", ("Notes  ", "dim"), notes or "none yet (o adds them)"]
    names = ", ".join(name for _id, name in v.attendees)
    parts += ["\n  ", ("Attended  ", "dim"), f"{len(v.attendees)}: {names}" if v.attendees
              else "nobody: it is cancelled" if v.cancelled else "nobody recorded (a ticks people)"]
    return Content.assemble(*parts)


def _incidents(v: SessionView) -> Content:
    parts: list = [("Incident lessons presented", "bold")]
    if not v.incidents:
        parts.append("\n  None linked. l links the incidents discussed here.")
    for i in v.incidents:
        # whose before the title, as the l dialog lists them: "(archived)" after the name of someone
        # who left reads as parentheses in parentheses at the end, and a long title wraps, not the name
        parts += ["\n  ", (f"{dates.show(i.occurred_on)} {i.severity} ", "dim"), f"{i.person}: ", (i.title, "bold")]
        lines = [" ".join(line.split()) for line in i.lessons.splitlines() if line.strip()]
        for line in lines[:LESSON_LINES]:  # a list of lessons stays a list
            parts += ["\n    ", clip(line, 160)]
        if len(lines) > LESSON_LINES:
            parts += ["\n    ", (f"… {plural(len(lines) - LESSON_LINES, 'more line')}", "dim")]
    return Content.assemble(*parts)
