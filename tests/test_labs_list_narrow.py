"""The Labs list follows the terminal when it is resized: owner, lab and plan › goal are cut again
for the new width (they were cut once, for the width the list opened at: at 80 columns after 120
the plan › goal column was pushed off the edge, and back at 120 they stayed cut short)."""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.screens.labs import LabsScreen

from .pilot_helpers import press_settled, settle, wait_until


def _all_in_sight(screen: LabsScreen) -> bool:
    table = screen.table
    widths = [column.get_render_width(table) for column in table.ordered_columns]
    return sum(widths) <= table.scrollable_content_region.width


def _cells(screen: LabsScreen) -> list[tuple[str, ...]]:
    table = screen.table
    return [tuple(str(cell) for cell in table.get_row_at(index)) for index in range(table.row_count)]


def _drawn_whole(screen: LabsScreen) -> bool:
    """Every cell of the rows on screen drawn as it is (not an earlier, shorter cut of it)."""
    table = screen.table
    lines = [table.render_line(y).text for y in range(1, min(table.row_count, table.size.height - 1) + 1)]
    return all(all(str(cell).strip() in line for cell in row) for row, line in zip(_cells(screen), lines, strict=False))


async def test_the_columns_follow_the_terminal_when_it_is_resized(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_settled(pilot, "3", "down", "down")
        screen = app.screen
        assert isinstance(screen, LabsScreen) and screen.table.row_count > 2
        assert _all_in_sight(screen)
        wide = _cells(screen)
        lab = screen.highlighted()
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: _all_in_sight(screen), what="every column in sight at 80 columns")
        await settle(pilot)
        assert _all_in_sight(screen)
        narrow = _cells(screen)
        assert all(len(n[4]) < len(w[4]) for n, w in zip(narrow, wide, strict=True))  # plan › goal cut shorter
        assert screen.highlighted() == lab  # the cursor stayed on its lab
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: _cells(screen) == wide, what="the columns as long as at first")
        await settle(pilot)
        assert _all_in_sight(screen) and _drawn_whole(screen) and screen.highlighted() == lab


async def test_resized_while_another_section_is_shown_the_list_fits_the_new_width_on_return(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_settled(pilot, "3")
        screen = app.screen
        wide = _cells(screen)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: _all_in_sight(screen), what="every column in sight at 80 columns")
        await press_settled(pilot, "2")
        await pilot.resize_terminal(120, 40)
        await press_settled(pilot, "3")
        assert app.screen is screen
        await wait_until(pilot, lambda: _cells(screen) == wide, what="the columns as long as at first")
        await settle(pilot)
        assert _all_in_sight(screen) and _drawn_whole(screen)
