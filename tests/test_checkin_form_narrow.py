"""A check-in's action item has its text on a line of its own, wide enough to read, with its
owner, due date and done box under it (beside them, it had 17 columns at 80 wide, 37 at most)."""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.screens.checkin_form import ActionRow
from mentor_tui.widgets.owner_toggle import OwnerToggle

from .pilot_helpers import press_settled
from .test_form_room import open_form


async def _new_item(demo_db, size):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=size) as pilot:
        form = await open_form(pilot, "4", ("n",))
        await press_settled(pilot, "ctrl+n")
        row = form.query_one(ActionRow)
        text, owner = row.query_one(".action-text"), row.query_one(OwnerToggle)
        return text.region, owner.region


async def test_an_action_items_text_has_its_own_line_at_80_columns(demo_db):
    text, owner = await _new_item(demo_db, (80, 24))
    assert text.width >= 60 and owner.y == text.y + 1


async def test_an_action_items_text_is_as_wide_as_the_dialog_on_a_wide_screen(demo_db):
    text, owner = await _new_item(demo_db, (120, 40))
    assert text.width >= 80 and owner.y == text.y + 1


async def test_a_carried_items_due_date_is_never_cut_off_at_80_columns(demo_db):
    from mentor_tui.widgets.marked_toggles import MarkedCheckbox

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "4", ("n",))
        carried = list(form.query(".carried").results(MarkedCheckbox))
        assert carried
        for box, item in zip(carried, form.context.open_items, strict=True):
            label = box.label.plain
            assert f"due {item.due_on.isoformat()}" in label  # what is cut is the text, with "…"
            assert box.label.cell_length + 4 <= box.size.width, label  # "▐ ▌ " then the label, whole
