"""At 80x24 every key of the key bar is on screen: the bar takes the lines it needs (the
plan view and the Team list need four), none is cut off below it."""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.widgets.key_bar import KeyBar

from .pilot_helpers import settle

# (keys from a section's list) of the screens with the most keys, in the demo data
SCREENS = [("2",), ("2", "enter"), ("3", "enter"), ("4", "enter"), ("5",), ("6",), ("6", "enter")]


async def test_every_key_is_on_screen_at_80x24(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in SCREENS:
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            text = str(bar.render())
            assert bar.size.height == text.count("\n") + 1, f"{keys}: {type(app.screen).__name__}: {text!r}"
            for key in ("? Help", "q Quit", "^p palette"):
                assert key in text, f"{keys}: {text!r}"
            while len(app.screen_stack) > 1:  # back to the section's list
                app.pop_screen()
                await settle(pilot)
