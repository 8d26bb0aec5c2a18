"""Every form the growth view opens gives the focus back where it was once it closes, at 80x24 (the
size of the user trials): the records' list with its cursor on the same row after esc, on the row
saved after a save (in view, also when the edit moved it down the list), or the view above it."""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.screens.confirm import DeleteDialog
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.person import PersonScreen
from mentor_tui.widgets.record_table import RecordTable

from .pilot_helpers import press_settled, settle

ADD_KEYS = {"rating": "s", "incident": "l", "ownership": "o", "kudos": "k", "feedback": "f"}


async def _cursor_to(pilot, table: RecordTable, kind: str, index: int = 1) -> str:
    """The cursor down to the `index`-th record of `kind` (not the top row: a lost cursor goes
    there); its row key."""
    rows = [i for i, row in enumerate(table.table_rows) if row.record.kind == kind]
    row = rows[min(index, len(rows) - 1)]
    await pilot.press("home", *["down"] * row)
    await settle(pilot)
    assert table.cursor_row == row
    return table.table_rows[row].key


def _cursor_in_view(table: RecordTable) -> bool:
    top = int(table.scroll_y)
    return top <= table.cursor_row < top + table.scrollable_content_region.height - table.header_height


async def _closes_back_to(pilot, keys: tuple[str, ...], opened: type, screen: PersonScreen, widget, row: str | None):
    """`keys[0]` opens `opened`; the rest of `keys` close it: the focus is on `widget` again, and a
    table's cursor on the row keyed `row`, in view."""
    await press_settled(pilot, keys[0])
    assert isinstance(pilot.app.screen, opened), f"{keys[0]} opened {pilot.app.screen!r}"
    await press_settled(pilot, *keys[1:])
    assert pilot.app.screen is screen, f"{keys} left {pilot.app.screen!r} open"
    assert pilot.app.focused is widget, f"after {keys} the focus is on {pilot.app.focused!r}"
    if row is not None:
        assert widget.highlighted_row().key == row and _cursor_in_view(widget), keys


async def _my_growth(pilot) -> tuple[PersonScreen, RecordTable]:
    await press_settled(pilot, "m")
    screen = pilot.app.screen
    assert isinstance(screen, PersonScreen)
    return screen, screen.records


async def test_esc_and_save_of_each_records_form_give_the_focus_back_to_its_row(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await _my_growth(pilot)
        for kind in ADD_KEYS:  # (the forms adding one: from the view above, below)
            key = await _cursor_to(pilot, table, kind)
            await _closes_back_to(pilot, ("enter", "escape"), FormScreen, screen, table, key)
            await _closes_back_to(pilot, ("enter", "ctrl+s"), FormScreen, screen, table, key)  # saved as it was


async def test_the_persons_form_the_delete_question_a_moved_and_a_new_record_keep_the_focus(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await _my_growth(pilot)
        key = await _cursor_to(pilot, table, "rating", 3)
        await _closes_back_to(pilot, ("e", "escape"), FormScreen, screen, table, key)  # the person's form
        await _closes_back_to(pilot, ("e", "ctrl+s"), FormScreen, screen, table, key)
        await _closes_back_to(pilot, ("d", "escape"), DeleteDialog, screen, table, key)

        # An edit that moves the rating to the end of the list (an older date): the cursor goes with it.
        await press_settled(pilot, "enter")
        app.screen.query_one("#field-rated_on").value = "2001-01-02"
        await press_settled(pilot, "ctrl+s")
        assert app.screen is screen and app.focused is table
        assert table.highlighted_row().key == key and _cursor_in_view(table)
        assert table.cursor_row == len(table.table_rows) - 1

        # A new record: the cursor on its row.
        await press_settled(pilot, "o")
        app.screen.query_one("#field-name").value = "checkout-api"
        await press_settled(pilot, "ctrl+s")
        assert app.screen is screen and app.focused is table
        assert table.highlighted_row().record.summary == "service checkout-api" and _cursor_in_view(table)


async def test_a_form_opened_from_the_view_above_gives_it_the_focus_back(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "m", "tab", "pagedown")
        screen = app.screen
        above = screen.query_one("#growth-summary")
        assert app.focused is above
        scrolled = above.scroll_y
        for key in (*ADD_KEYS.values(), "e"):
            await _closes_back_to(pilot, (key, "escape"), FormScreen, screen, above, None)
        await _closes_back_to(pilot, ("enter", "escape"), FormScreen, screen, above, None)  # the list's row
        await press_settled(pilot, "o")
        app.screen.query_one("#field-name").value = "checkout-api"
        await press_settled(pilot, "ctrl+s")
        assert app.focused is above and above.scroll_y == scrolled
