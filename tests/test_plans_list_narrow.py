"""The Plans list at 80 columns: every column in sight, the dates whole (kind, status, a
10-cell progress bar and the two dates took 54 cells, so Start and Target were cut)."""

from __future__ import annotations

import datetime as dt

from mentor_tui import dates
from mentor_tui.app import MentorApp
from mentor_tui.db import database, people, plans
from mentor_tui.db.models import Plan
from mentor_tui.screens.plans import PlansScreen

from .pilot_helpers import press_settled, settle, wait_until

WIDE = ["Owner", "Plan", "Kind", "Status", "Progress", "Start", "Target"]
NARROW = ["Owner", "Plan", "Status", "Progress", "Start", "Target"]


def _with_long_values(demo_db):
    """An archived plan (the longest status) of someone with a long name, with a long title."""
    database.open_database(demo_db)
    owner = people.add_person("Maximilian Oppenheimer-Castellanos", "mentee")
    plan = plans.create_plan(owner, "A very long plan title that goes on and on and on, and on", "leadership",
                             dt.date(2026, 10, 1), dt.date(2027, 3, 31))
    Plan.update(status="archived").where(Plan.id == plan.id).execute()
    database.close_database()
    return demo_db


def _columns(screen: PlansScreen) -> list[str]:
    return [str(column.label) for column in screen.table.ordered_columns]


def _assert_all_in_sight(screen: PlansScreen) -> None:
    table = screen.table
    widths = [column.get_render_width(table) for column in table.ordered_columns]
    assert sum(widths) <= table.scrollable_content_region.width, (widths, table.scrollable_content_region)
    start, target = _columns(screen).index("Start"), _columns(screen).index("Target")
    for index, row in enumerate(table.table_rows):
        cells = [str(cell) for cell in table.get_row_at(index)]
        assert (cells[start], cells[target]) == (dates.show(row.record.start_on), dates.show(row.record.target_on))
        assert widths[start] - 2 >= len(cells[start]) and widths[target] - 2 >= len(cells[target])


async def test_at_80_columns_every_column_fits_and_the_dates_show_whole(demo_db):
    app = MentorApp(db_path=_with_long_values(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "2", "A")  # all statuses: "archived" too
        screen = app.screen
        assert isinstance(screen, PlansScreen)
        assert len(screen.table.table_rows) == Plan.select().count()
        assert any(row.record.status == "archived" for row in screen.table.table_rows)
        _assert_all_in_sight(screen)
        assert _columns(screen) == NARROW  # the kind went (the plan's own screen says it)


async def test_the_columns_follow_the_terminal_when_it_is_resized(demo_db):
    app = MentorApp(db_path=_with_long_values(demo_db))
    async with app.run_test(size=(120, 40)) as pilot:
        await press_settled(pilot, "2", "A")
        screen = app.screen
        assert _columns(screen) == WIDE
        _assert_all_in_sight(screen)
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: _columns(screen) == NARROW, what="the narrow columns")
        await settle(pilot)
        _assert_all_in_sight(screen)
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: _columns(screen) == WIDE, what="the kind back")
        await settle(pilot)
        _assert_all_in_sight(screen)
