"""Ticked and unticked boxes differ in their glyph, not only in colour (widgets/marked_toggles.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from mentor_tui.widgets.marked_toggles import MarkedCheckbox, MarkedSelectionList


class _Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield MarkedCheckbox("done", value=False)
        yield MarkedSelectionList(("Ana", 1, True), ("Bo", 2, False))


async def test_a_ticked_box_shows_a_tick_and_an_unticked_one_nothing():
    app = _Boxes()
    async with app.run_test() as pilot:
        box = app.query_one(MarkedCheckbox)
        assert str(box.render()).startswith("▐ ▌")
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and str(box.render()).startswith("▐✔▌")
        listing = app.query_one(MarkedSelectionList)
        assert listing.render_line(0).text.startswith("▐✔▌ Ana")
        assert listing.render_line(1).text.startswith("▐ ▌ Bo")
        listing.select(2)
        await pilot.pause()
        assert listing.render_line(1).text.startswith("▐✔▌ Bo")
