"""The light widgets that keep screens fast: TitleBar (Header's look in one widget) and
RecordTable redrawing only the cells that changed when the same rows come back."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.screen import Screen

from mentor_tui.widgets.record_table import RecordTable, TableRow
from mentor_tui.widgets.title_bar import TitleBar


class TitledScreen(Screen[None]):
    TITLE = "mentor-tui"
    SUB_TITLE = "2 Plans › Onboarding"

    def compose(self) -> ComposeResult:
        yield TitleBar(icon="◆")
        yield RecordTable(id="table")


class Harness(App[None]):
    def on_mount(self) -> None:
        self.push_screen(TitledScreen())


def title_line(app: App) -> str:
    return app.screen.query_one(TitleBar).render().plain


async def test_the_title_bar_reads_as_a_header_and_follows_the_sub_title():
    app = Harness()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        line = title_line(app)
        assert len(line) == 80 and line.startswith(" ◆ ")
        text = "mentor-tui — 2 Plans › Onboarding"
        start = line.index(text)
        assert start == 8 + (80 - 18 - len(text)) // 2  # centred between the icon and the blank right end
        app.screen.sub_title = "2 Plans › Kubernetes track"
        await pilot.pause()
        assert "mentor-tui — 2 Plans › Kubernetes track" in title_line(app)
        app.screen.sub_title = "x" * 200  # too long: cut with an ellipsis, never wrapped
        await pilot.pause()
        assert len(title_line(app)) == 80 and "…" in title_line(app)


async def _title_at(width: int, sub_title: str) -> str:
    app = Harness()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        app.screen.sub_title = sub_title
        await pilot.pause()
        return title_line(app)


async def test_a_long_breadcrumb_keeps_its_section_and_its_last_step():
    where = "4 Check-ins › Jonas Becker → Mei Tanaka › 2026-11-11"
    # at 80 columns the app's name goes first: the whole breadcrumb fits without it
    line = await _title_at(80, where)
    assert where in line and "mentor-tui" not in line and len(line) == 80
    # narrower, the middle steps are cut: the section and the check-in's date stay whole
    line = await _title_at(60, where)
    assert "4 Check-ins › Jonas Becker →… › 2026-11-11" in line and len(line) == 60


async def test_clicking_the_icon_opens_the_command_palette():
    app = Harness()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


def rows(statuses: list[str]) -> list[TableRow]:
    return [TableRow(str(n), n, (f"goal {n}", Text(status))) for n, status in enumerate(statuses)]


async def test_the_same_rows_again_update_the_changed_cells_and_keep_the_cursor():
    app = Harness()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(RecordTable)
        table.show_rows(rows(["todo", "todo", "todo"]), columns=["Goal", "Status"])
        table.move_cursor(row=2)
        await pilot.pause()
        cleared, clear = [], table.clear
        table.clear = lambda *args, **kwargs: (cleared.append(1), clear(*args, **kwargs))[1]
        table.show_rows(rows(["todo", "todo", "done"]), columns=["Goal", "Status"])
        await pilot.pause()
        assert not cleared  # not built again: one cell changed
        assert [str(c) for c in table.get_row_at(2)] == ["goal 2", "done"]
        assert table.cursor_row == 2 and table.highlighted_row().key == "2"
        assert [row.cells[1].plain for row in table.table_rows] == ["todo", "todo", "done"]
        # other rows (a record gone, or new columns): the table is built again
        table.show_rows(rows(["todo", "done"]), columns=["Goal", "Status"])
        await pilot.pause()
        assert table.row_count == 2 and table.cursor_row == 1 and cleared
        table.show_rows(rows(["todo", "done"]), columns=["Goal", "State"])
        await pilot.pause()
        assert [str(c.label) for c in table.ordered_columns] == ["Goal", "State"]


async def test_a_column_narrows_again_when_its_long_cells_are_gone():
    """DataTable widens a column for a long cell and never narrows it: a long title once
    shown (then deleted, or filtered away) kept pushing the last columns off screen."""
    app = Harness()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(RecordTable)
        long = TableRow("1", None, ("A session with a very long title indeed", "60 min"))
        short = TableRow("2", None, ("Standup", "15 min"))
        table.show_rows([long, short], columns=["Session", "Length"])
        await pilot.pause()
        wide = table.ordered_columns[0].get_render_width(table)
        table.show_rows([short])
        await pilot.pause()
        assert table.ordered_columns[0].get_render_width(table) < wide
        assert [str(c.label) for c in table.ordered_columns] == ["Session", "Length"]


async def test_a_column_narrows_again_when_its_longest_cell_is_shortened_in_place():
    app = Harness()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(RecordTable)
        rows = [TableRow("1", None, ("A session with a very long title indeed", "60 min")),
                TableRow("2", None, ("Standup", "15 min"))]
        table.show_rows(rows, columns=["Session", "Length"])
        await pilot.pause()
        wide = table.ordered_columns[0].get_render_width(table)
        table.show_rows([TableRow("1", None, ("PoC outcome", "60 min")), rows[1]])  # the same rows, renamed
        await pilot.pause()
        assert table.ordered_columns[0].get_render_width(table) < wide
        assert [str(c) for c in table.get_row_at(0)] == ["PoC outcome", "60 min"]
