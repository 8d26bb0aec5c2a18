"""A form that will surely scroll keeps its scroll bar's column from the start
(screens/form_room.py): it looks exactly as when Textual finds it too tall after laying it
out, and a form that fits never loses that column."""

from __future__ import annotations

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.screens import form_room
from mentor_tui.screens.form import FormScreen

from .pilot_helpers import screen_cells, settle

# (section key, keys there) of forms short and long, in the demo data
FORMS = [
    ("5", ("n",)),  # a new session: 12 fields
    ("4", ("n",)),  # a new check-in: text areas and the action items carried forward
    ("4", ("enter", "enter", "e")),  # a check-in's edit form
    ("6", ("n",)),  # a new person
    ("3", ("n",)),  # a new lab
]


async def open_form(pilot, section: str, keys: tuple[str, ...]) -> FormScreen:
    await settle(pilot)
    for key in (section, *keys):
        await pilot.press(key)
        await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form


async def new_session_form(db, size) -> tuple[dict, bool, bool]:
    """The cells of the new session's form (its dialog's region of the screen: what is behind it,
    the calendar loading or a notification, is no part of it), whether its dialog kept the scroll
    bar's column from the start and whether it shows a scroll bar."""
    app = MentorApp(db_path=db)
    async with app.run_test(size=size) as pilot:
        form = await open_form(pilot, "5", ("n",))
        for field in form.query("Input, TextArea"):
            field.cursor_blink = False  # the cursor shown steadily: the two screenshots are taken at any time
        await settle(pilot)
        dialog = form.query_one("#dialog")
        box = dialog.region
        cells = {(row, column): cell for (row, column), cell in screen_cells(app.export_screenshot()).items()
                 if box.y <= row < box.bottom and box.x <= column < box.right}
        return cells, dialog.has_class(form_room.SCROLLS), dialog.show_vertical_scrollbar


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_long_form_looks_the_same_with_its_scroll_bars_column_kept(demo_db, monkeypatch, size):
    kept = await new_session_form(demo_db, size)
    assert kept[1:] == (True, True)
    monkeypatch.setattr(form_room, "surely_scrolls", lambda rows, height: False)  # as before: Textual finds out
    found = await new_session_form(demo_db, size)
    assert found[1:] == (False, True)
    differ = sorted(cell for cell in kept[0].keys() | found[0].keys() if kept[0].get(cell) != found[0].get(cell))
    assert kept[0] and not differ, f"cells that differ (row, column): {differ[:10]}"


@pytest.mark.parametrize("size", [(80, 24), (120, 60)])  # (120x40: the test above)
async def test_only_a_form_too_tall_for_its_dialog_keeps_the_column(demo_db, size):
    app = MentorApp(db_path=demo_db)
    kept = []
    async with app.run_test(size=size) as pilot:
        for section, keys in FORMS:
            form = await open_form(pilot, section, keys)
            dialog = form.query_one("#dialog")
            if dialog.has_class(form_room.SCROLLS):
                assert dialog.show_vertical_scrollbar, f"{form.form_title} fits, yet has no column for its text"
                kept.append(form.form_title)
            await pilot.press("escape")
            while isinstance(app.screen, FormScreen) or len(app.screen_stack) > 1:
                await pilot.press("escape")
            await settle(pilot)
    assert ("New session" in kept) is (size[1] < 60)


async def test_a_terminal_made_taller_gives_the_column_back(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "5", ("n",))
        for field in form.query("Input, TextArea"):
            field.cursor_blink = False  # the cursor shown steadily: the two screenshots are taken at any time
        await settle(pilot)
        dialog = form.query_one("#dialog")
        assert dialog.has_class(form_room.SCROLLS) and dialog.show_vertical_scrollbar
        await pilot.resize_terminal(80, 70)
        await settle(pilot)
        assert not dialog.has_class(form_room.SCROLLS) and not dialog.show_vertical_scrollbar
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert dialog.has_class(form_room.SCROLLS) and dialog.show_vertical_scrollbar
