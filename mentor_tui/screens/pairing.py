"""`p` on Team: pairing suggestions for the flagged competencies and the silos, `c` makes one a mentorship.

A suggestion pairs a holder (level 4+) of a competency whose bus factor is 0 or 1
with someone at level 2–3 in it, and a holder of a silo (every holder in one
team) with someone at level 2–3 outside that team; pairs without a mentorship
come first, then cross-team pairs, which say so ("cross-team: platform →
payments-sre") (`db/pairing.py`). `c` (or enter) creates the mentorship at once: the holder
mentors the learner, from today, a check-in every 14 days, its focus the
competency; the mentorship shows on both people and in Check-ins.
"Paired: already" says a mentorship joins the two, whichever way it runs. The
table's columns stay whole as the terminal narrows: short headers and the level
as a digit, then the narrow form with marks (`fitted`).
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from mentor_tui import clock
from mentor_tui.db.reports.common import level_name
from mentor_tui.screens.store_work import deliver, failure_reason, run_edit
from mentor_tui.text_safety import clip
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.record_table import RecordTable, TableRow

COLUMNS = ["Competency", "Why", "Mentor (holder)", "Mentee (learner)", "Level", "Teams", "Paired"]
SHORT_COLUMNS = ["Competency", "Why", "Mentor", "Mentee", "Level", "Teams", "Paired"]
NARROW_COLUMNS = ["Competency", "Mentor", "Mentee", "Level", "Teams", "Paired"]
NARROW_CUT = (0, 1, 2, 4)  # the narrow form's columns cut (`clip`) when it does not fit either
NARROW_KEY = " ⚠ single point, ⚑ silo, → the mentee's team (cross-team)."
PAIRED = {True: "already", False: "—"}  # a mentorship joins the two already, whichever way it runs


def suggestion_cells(s: Any, form: str = "long") -> tuple[str, ...]:
    """A suggestion's cells in one of three forms, each narrower than the one before: `long`;
    `short` (the level a digit); `narrow` (why folded into the competency as the Team screen's
    ⚠ single point or ⚑ silo, and of the teams only the learner's when they differ)."""
    paired = PAIRED[s.has_mentorship]
    if form == "narrow":
        teams = f"→ {s.learner.team}" if s.cross_team else ("same team" if s.teams_note else "—")
        return (f"{'⚑' if s.silo else '⚠'} {s.competency.key}", s.holder.name, s.learner.name,
                str(s.learner_level), teams, paired)
    level = str(s.learner_level) if form == "short" else f"{s.learner_level} {level_name(s.learner_level)}"
    return (s.competency.key, "silo" if s.silo else "single point", s.holder.name, s.learner.name, level,
            s.teams_note or "—", paired)


def fitted(suggestions: list[Any], room: int) -> tuple[list[str], list[tuple[str, ...]]]:
    """The columns and cells of the first form whose columns are all whole in `room` cells; else
    the narrow form, its NARROW_CUT columns cut to share what the others leave, each at least as
    wide as its header."""
    for headers, form in ((COLUMNS, "long"), (SHORT_COLUMNS, "short"), (NARROW_COLUMNS, "narrow")):
        lines = [suggestion_cells(s, form) for s in suggestions]
        natural = [max([len(header), *(len(line[i]) for line in lines)]) for i, header in enumerate(headers)]
        if sum(natural) + 2 * len(headers) <= room:
            return headers, lines
    share = room - 2 * len(headers) - sum(w for i, w in enumerate(natural) if i not in NARROW_CUT)
    wanted = sum(natural[i] for i in NARROW_CUT)
    widths = {i: max(len(headers[i]), natural[i] * share // wanted) for i in NARROW_CUT}
    last = NARROW_CUT[-1]  # takes what the others leave
    widths[last] = max(len(headers[last]), share - sum(widths[i] for i in NARROW_CUT[:-1]))
    return headers, [tuple(clip(v, widths[i]) if i in widths else v for i, v in enumerate(line)) for line in lines]


class PairingScreen(Screen[None]):
    TITLE = "mentor-tui"
    SUB_TITLE = "6 Team › Pairing suggestions"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("c", "create", "Create mentorship"),
        Binding("enter", "create", "Create mentorship", show=False),
        Binding("r", "reload", "Reload"),
    ]

    creating = False
    suggestions: list[Any] | None = None  # shown last (None: not read yet)
    intro = ""

    def __init__(self, months: int) -> None:
        super().__init__()
        self.months = months

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        with Vertical(id="pairing-body"):
            yield Static("Loading…", id="pairing-intro")
            yield RecordTable(id="pairing-table", zebra_stripes=True)
            yield Static("", id="pairing-gaps")
        yield Static("", id="pairing-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(RecordTable).add_columns(*COLUMNS)
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "create":
            return self.query_one(RecordTable).highlighted_row() is not None and not self.creating
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="pairing-load")
    def reload(self) -> None:
        from mentor_tui.db import database, pairing

        try:
            with database.worker_connection():
                data = pairing.team_suggestions(clock.today(), self.months)
        except Exception as exc:
            deliver(self, self.set_status, f"Could not read the database: {failure_reason(exc)}. Press r to try again.")
            return
        deliver(self, self._show, *data)

    def _show(self, skills, suggestions) -> None:
        flagged = skills.flagged
        silos = skills.silos
        if not flagged and not silos:
            intro = ("Nothing to pair on: every competency has two or more holders (level 4+, rated recently), "
                     "and none is held within one team only.")
        elif not suggestions:
            intro = "No pairs to suggest yet for the flagged competencies and silos (below)."
        else:
            intro = ("Competencies only one person holds (level 4+), or only one team (a silo), and who could learn "
                     "them (level 2–3; for a silo, from another team). Pairs without a mentorship come first, then "
                     "cross-team pairs. c creates the mentorship: the holder mentors.")
        self.suggestions, self.intro = suggestions, intro
        rows = self._show_rows()
        gaps = [bf for bf in [*flagged, *silos]
                if not any(s.competency.key == bf.competency.key for s in suggestions)]
        lines = [f"⚑ {bf.silo_sentence}: nobody outside {bf.teams[0]} at level 2–3 to pair with yet" if bf.silo
                 else f"⚠ {bf.competency.key}: {bf.label}: " + (
                     "nobody to pair from (rate someone, or find a holder outside the team)" if not bf.holders
                     else "nobody at level 2–3 to pair with yet") for bf in gaps]
        self.query_one("#pairing-gaps", Static).update(Content("\n".join(lines)))
        self.set_status(f"{len(rows)} suggestion{'s' if len(rows) != 1 else ''} · "
                        f"{len(flagged)} flagged competenc{'ies' if len(flagged) != 1 else 'y'} · "
                        f"{len(silos)} silo{'s' if len(silos) != 1 else ''}")
        self.refresh_bindings()
        if rows:
            self.query_one(RecordTable).focus()

    def _show_rows(self) -> list[TableRow[Any]]:
        """The suggestions in the table, every column whole at the terminal's width (`fitted`)."""
        table, suggestions = self.query_one(RecordTable), self.suggestions or []
        room = self.size.width - table.styles.scrollbar_size_vertical  # (kept free: a long list gets one)
        columns, lines = fitted(suggestions, room)
        rows = [TableRow(s.key, s, cells) for s, cells in zip(suggestions, lines, strict=True)]
        table.show_rows(rows, columns=columns)
        table.display = bool(rows)
        key = NARROW_KEY if rows and columns == NARROW_COLUMNS else ""  # what the narrow form's marks mean
        self.query_one("#pairing-intro", Static).update(Content(self.intro + key))
        return rows

    def on_resize(self) -> None:
        if self.suggestions is not None:
            self._show_rows()

    def set_status(self, text: str) -> None:
        self.query_one("#pairing-status", Static).update(Content(text))

    def action_create(self) -> None:
        row = self.query_one(RecordTable).highlighted_row()
        if row is None or self.creating:
            return
        self.creating = True
        self.refresh_bindings()
        self.set_status("Saving…")
        self._create(row.record)

    @work(thread=True, exclusive=True, group="pairing-save")
    def _create(self, suggestion: Any) -> None:
        from mentor_tui.db import pairing

        try:
            ship = run_edit(lambda: pairing.create_mentorship_for(suggestion, clock.today()))
        except ValueError as exc:
            deliver(self, self._created, None, f"Not created: {exc}")
            return
        except Exception as exc:
            deliver(self, self._created, None, f"Could not save: {failure_reason(exc)}")
            return
        deliver(self, self._created, f"{ship.mentor.name} now mentors {ship.mentee.name} "
                                     f"({suggestion.competency.name}).", None)

    def _created(self, message: str | None, problem: str | None) -> None:
        self.creating = False
        if problem is not None:
            self.set_status(problem)
            self.notify(problem, severity="error", timeout=8)
            self.refresh_bindings()
            return
        self.notify(message or "")
        self.reload()

