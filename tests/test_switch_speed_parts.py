"""The parts that make section switches fast keep what the user sees the same.

- the stylesheet parses a source once per theme (widgets/parsed_css.py): a refresh with the
  same variables keeps the parsed rules, a new theme parses again;
- tables keep their rendered cells across a focus round trip (widgets/kept_renders.py), yet
  the cursor row is drawn as focused or blurred as it is now, and a new theme redraws it;
- the calendar's agenda has its columns once; "the first N from now" read over growing
  looks ahead are the first N of the whole span.
"""

from __future__ import annotations

import datetime as dt

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Input

from mentor_tui.app import MentorApp
from mentor_tui.widgets.parsed_css import ParsedOnceStylesheet
from mentor_tui.widgets.record_table import RecordTable, TableRow
from tests.conftest import FROZEN_NOW
from tests.pilot_helpers import settle


def test_the_stylesheet_keeps_parsed_rules_until_the_variables_change():
    sheet = ParsedOnceStylesheet(variables={"accent": "red"})
    sheet.add_source("Input { color: $accent; }", read_from=("test.tcss", ""))
    sheet.parse()
    parsed = sheet.rules[0]

    sheet.set_variables({"accent": "red"})  # what a screen's first visit does: the same theme again
    sheet.reparse()
    assert sheet.rules[0] is parsed

    sheet.set_variables({"accent": "blue"})  # a new theme
    sheet.reparse()
    assert sheet.rules[0] is not parsed
    assert sheet.rules[0].styles.color.rgb == (0, 0, 255)


def test_a_source_is_parsed_once_for_the_process_per_theme():
    css = "Input { color: $accent; } /* test_a_source_is_parsed_once_for_the_process_per_theme */"
    sheets = [ParsedOnceStylesheet(variables={"accent": accent}) for accent in ("red", "red", "blue")]
    for sheet in sheets:  # three apps' stylesheets, one after another
        sheet.add_source(css, read_from=("test.tcss", ""))
        sheet.parse()
    red, red_again, blue = (sheet.rules[0] for sheet in sheets)
    assert red_again is red
    assert blue is not red and blue.styles.color.rgb == (0, 0, 255)


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="other")
        yield RecordTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(RecordTable)
        table.add_columns("Name", "Kind")
        table.show_rows([TableRow(str(i), i, (f"row {i}", "kind")) for i in range(20)])
        table.focus()


def cursor_line(table: RecordTable) -> tuple:
    """The cursor row (the table's second line, under the header) as (text, style) pairs."""
    strip = table.render_lines(Region(0, 1, table.size.width, 1))[0]
    return tuple((segment.text, segment.style) for segment in strip)


async def test_a_table_draws_its_cursor_as_focused_or_blurred_after_a_round_trip():
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(RecordTable)
        focused = cursor_line(table)

        app.query_one("#other", Input).focus()
        await settle(pilot)
        blurred = cursor_line(table)
        assert blurred != focused

        table.focus()
        await settle(pilot)
        assert cursor_line(table) == focused

        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        assert cursor_line(table) != focused  # the new theme's cursor, not the kept one


async def test_the_agenda_has_its_columns_once(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#table", RecordTable)
        assert [str(c.label) for c in table.ordered_columns] == ["When", "Session", "Status", "Kind", "Presenter",
                                                                 "Length"]


def test_the_first_occurrences_are_those_of_the_whole_span(demo_db):
    from mentor_tui.db import database, occurrences

    database.open_database(demo_db)
    everything = occurrences.window(FROZEN_NOW, FROZEN_NOW + dt.timedelta(days=60), with_cancelled=True)
    assert len(everything) > 8
    assert occurrences.agenda(FROZEN_NOW, limit=5) == everything[:5]  # found in the first week
    assert occurrences.agenda(FROZEN_NOW, limit=len(everything) + 10) == everything  # needs all 60 days
    upcoming = occurrences.window(FROZEN_NOW, FROZEN_NOW + dt.timedelta(days=3653))
    assert occurrences.next_few(FROZEN_NOW) == [e for e in upcoming][:3]


async def test_a_section_built_before_a_theme_change_shows_the_new_theme(demo_db, tmp_path):
    app = MentorApp(db_path=demo_db, settings_file=tmp_path / "settings.toml")  # the theme is saved there
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        before = app.screen.query_one("#table").styles.background
        await pilot.press("1")
        await settle(pilot)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.query_one("#table").styles.background != before


def line_text(table: RecordTable, y: int) -> str:
    strip = table.render_lines(Region(0, y, table.size.width, 1))[0]
    return "".join(segment.text for segment in strip).rstrip()


async def test_a_row_shown_again_with_a_changed_cell_is_drawn_with_it_and_the_others_as_they_were():
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(RecordTable)
        before = [line_text(table, y) for y in range(1, 8)]
        rows = [TableRow(str(i), i, (f"row {i}", "done" if i == 3 else "kind")) for i in range(20)]
        table.show_rows(rows)
        await settle(pilot)
        after = [line_text(table, y) for y in range(1, 8)]
        assert after[3].split() == ["row", "3", "done"]
        assert after[:3] == before[:3] and after[4:] == before[4:]

        rows[5] = TableRow("5", 5, ("row 5", "a kind wider than the column was"))
        table.show_rows(rows)
        await settle(pilot)
        assert "a kind wider than the column was" in line_text(table, 6)  # the column grew for it


def test_the_first_occurrences_count_those_moved_in_from_outside_the_span(store):
    """The series are read once for the whole span: one that starts after the first look comes
    in a later one, an occurrence moved in from a series that starts after the whole span is
    there, and one moved out of it is not."""
    from mentor_tui.db import occurrences, session_edits, sessions

    day = dt.timedelta(days=1)
    sessions.create_session("Soon series", "other", FROZEN_NOW + 2 * day, rrule="FREQ=WEEKLY")
    late = sessions.create_session("Late series", "platform-update", FROZEN_NOW + 90 * day, rrule="FREQ=WEEKLY")
    sessions.create_session("Far one-off", "other", FROZEN_NOW + 20 * day)
    early = sessions.create_session("Early series", "tooling-deep-dive", FROZEN_NOW - 6 * day, rrule="FREQ=WEEKLY")
    session_edits.edit_occurrence(late.id, FROZEN_NOW + 90 * day, FROZEN_NOW + day / 2, "")  # in: 12 h away
    session_edits.edit_occurrence(early.id, FROZEN_NOW + day, FROZEN_NOW + 100 * day, "")  # out: 100 days away

    first = occurrences.agenda(FROZEN_NOW, days=60, limit=4)
    assert first == occurrences.window(FROZEN_NOW, FROZEN_NOW + 60 * day, with_cancelled=True)[:4]
    assert [(e.title, (e.starts_at - FROZEN_NOW) / day) for e in first] == [
        ("Late series", 0.5), ("Soon series", 2), ("Early series", 8), ("Soon series", 9)]
    assert occurrences.next_few(FROZEN_NOW, 4) == first
