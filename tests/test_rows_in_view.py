"""On a short terminal (80x24) the row a key acts on is on screen: the Dashboard's action items,
a plan's goals, a lab's checklist, in containers that scroll (widgets/reveal.py)."""

from __future__ import annotations

from textual.widgets import OptionList

from mentor_tui.app import MentorApp
from mentor_tui.db import database
from mentor_tui.db.models import Lab
from mentor_tui.screens.lab import LabScreen
from mentor_tui.screens.plan_view import PlanScreen
from mentor_tui.widgets.record_table import RecordTable

from .pilot_helpers import press_settled, settle

SMALL = (80, 24)


def _cursor_row_y(table: RecordTable) -> int:
    """The screen row of the table's cursor (its rows are one line each)."""
    return table.region.y + table.header_height + table.cursor_row - int(table.scroll_y)


def _in_view(y: int, container) -> bool:
    view = container.content_region
    return view.y <= y < view.bottom


async def test_the_dashboard_scrolls_by_keys_and_ticks_only_an_action_item_in_view(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        body = app.screen.query_one("#body")
        table = app.screen.query_one("#my-actions", RecordTable)
        assert app.focused is body  # the panels first: the action items are below the edge
        await press_settled(pilot, "pagedown")
        assert body.scroll_y > 0
        await press_settled(pilot, "home")
        before = str(app.screen.query_one("#card-actions").render())
        await press_settled(pilot, "space")  # the items out of sight: brought into view, nothing ticked
        assert str(app.screen.query_one("#card-actions").render()) == before
        assert app.focused is table and _in_view(_cursor_row_y(table), body)
        assert "space ticks it done" in str(app.screen.query_one("#status").render())
        await press_settled(pilot, "down", "down")
        assert _in_view(_cursor_row_y(table), body)
        await press_settled(pilot, "space")
        assert str(app.screen.query_one("#card-actions").render()) != before


async def test_the_palettes_tick_brings_the_action_items_into_view_first(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        body = app.screen.query_one("#body")
        table = app.screen.query_one("#my-actions", RecordTable)
        assert app.focused is body
        tick = next(c for c in app.get_system_commands(app.screen) if c.title == "Tick action done")
        await tick.callback()
        await settle(pilot)
        assert app.focused is table and _in_view(_cursor_row_y(table), body)
        before = str(app.screen.query_one("#card-actions").render())
        await tick.callback()  # now it ticks the item under the cursor
        await settle(pilot)
        assert str(app.screen.query_one("#card-actions").render()) != before


async def test_a_plans_last_goal_is_on_screen_when_the_cursor_is_on_it(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await press_settled(pilot, "2", "enter")
        assert isinstance(app.screen, PlanScreen)
        table = app.screen.query_one("#goals", RecordTable)
        await press_settled(pilot, "end")
        assert table.cursor_row == table.row_count - 1 > 8
        assert _in_view(_cursor_row_y(table), app.screen.query_one("#detail-body"))
        await press_settled(pilot, "home")
        assert _in_view(_cursor_row_y(table), app.screen.query_one("#detail-body"))


async def test_a_lab_with_a_long_title_keeps_its_checklist_on_screen(demo_db):
    database.open_database(demo_db)
    lab = Lab.select().where(Lab.title == "Game day: follow three runbooks").get()
    lab.title = "Game day: " + "follow the runbook, " * 15
    lab.save()
    database.close_database()
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await press_settled(pilot, "3", "down", "enter")
        assert isinstance(app.screen, LabScreen)
        steps = app.screen.query_one("#lab-items", OptionList)
        body = app.screen.query_one("#detail-body")
        assert app.focused is steps
        view = body.content_region
        assert view.y <= steps.region.y and steps.region.bottom <= view.bottom
        assert steps.region.height >= 7


async def test_a_timeline_opens_with_its_heading_in_view_at_80x24(demo_db):
    """The newest check-in card is taller than the view: the key bar's third line (its keys)
    must not scroll the card to the top and the mentorship's heading off the screen."""
    from mentor_tui.screens.timeline import TimelineScreen

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SMALL) as pilot:
        await press_settled(pilot, "4", "enter")
        assert isinstance(app.screen, TimelineScreen)
        body, head = app.screen.query_one("#detail-body"), app.screen.query_one("#timeline-head")
        card = app.focused
        assert card is not None and card.outer_size.height > body.content_region.height
        assert body.scroll_y == 0 and head.region.y >= body.content_region.y
