"""The forms' Select (widgets/form_select.py) draws its value with one widget: it looks and
behaves as Textual's Select does."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Input, Select

from mentor_tui.widgets.form_select import FormSelect

from .pilot_helpers import screen_cells

OPTIONS = [
    (Text("Jonas Becker (mentor)"), 1),
    (Text("Amara Okafor: Onboarding — first 90 days › Complete the runbook training in the game day"), 2),
    (Text("Ana Ruiz"), 3),
    (Text("Exactly as long as the room beside the arrow: fifty-seven"), 4),
]


class OneSelect(App):
    CSS = "Select { width: 60; margin: 0 0 0 2; } Input { width: 20; }"

    def __init__(self, kind: type[Select], value=Select.NULL, compact: bool = True, allow_blank: bool = True) -> None:
        super().__init__()
        self.kind = kind
        self.start = (value, compact, allow_blank)
        self.changes: list[object] = []

    def compose(self) -> ComposeResult:
        value, compact, allow_blank = self.start
        yield Input(id="before")
        yield self.kind(OPTIONS, value=value, compact=compact, allow_blank=allow_blank, prompt="owner", id="pick")
        yield Input(id="after")

    def on_select_changed(self, event: Select.Changed) -> None:
        self.changes.append(event.value)


async def screenshot(kind: type[Select], keys: tuple[str, ...], **start) -> dict:
    app = OneSelect(kind, **start)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        return screen_cells(app.export_screenshot(title="select"))


@pytest.mark.parametrize(("keys", "start"), [
    ((), {}),  # the prompt, dimmed
    ((), {"value": 1}),
    ((), {"value": 2}),  # a value too long for one line wraps, as Textual's value widget does
    ((), {"value": 4}),  # one that just fits does not
    (("tab",), {"value": 3}),  # focused
    (("tab", "enter"), {"value": 1}),  # the overlay open: the arrow points up
    (("tab", "enter", "down", "enter"), {"value": 1}),  # another value picked, a longer one (two lines now)
    (("tab", "enter", "down", "enter"), {}),  # picked from the prompt
    ((), {"value": 3, "compact": False, "allow_blank": False}),  # with its border
])
async def test_looks_like_textuals_select(keys, start):
    assert await screenshot(FormSelect, keys, **start) == await screenshot(Select, keys, **start)


async def test_keys_pick_a_value_and_escape_closes_the_overlay_only():
    app = OneSelect(FormSelect, value=1)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("tab")
        pick = app.query_one("#pick", Select)
        assert app.focused is pick
        await pilot.press("enter")
        assert pick.expanded
        await pilot.press("down", "enter")
        await pilot.pause()
        assert pick.value == 2 and not pick.expanded and app.focused is pick
        assert app.changes[-1] == 2
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert not pick.expanded and pick.value == 2 and app.focused is pick
        await pilot.press("tab")
        assert app.focused is app.query_one("#after")


async def test_a_value_set_in_code_is_drawn():
    app = OneSelect(FormSelect)
    async with app.run_test(size=(80, 16)) as pilot:
        pick = app.query_one("#pick", Select)
        pick.value = 3
        await pilot.pause()
        shown = app.export_screenshot()
        pick.clear()
        await pilot.pause()
        cleared = app.export_screenshot()
        assert "Ana" in shown and "Ana" not in cleared and "owner" in cleared
