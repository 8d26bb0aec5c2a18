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


async def test_what_is_typed_after_ctrl_t_goes_where_it_is_seen_at_80x24(demo_db):
    """ctrl+t shows the new items, which at 80x24 takes the next steps out of sight: the focus goes
    with the view, so the keys typed next land in the last new item, not unseen in the next steps
    (which an export without private notes carries)."""
    from textual.widgets import Input

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "4", ("n",))
        steps = form.query_one("#field-next_steps")
        steps.focus()
        steps.insert("Book the CKA exam\nWrite the runbook")
        await press_settled(pilot, "ctrl+t", "x")
        rows = list(form.query(ActionRow))
        assert [r.raw()[0] for r in rows[-2:]] == ["Book the CKA exam", "Write the runbookx"]
        assert steps.text == "Book the CKA exam\nWrite the runbook"
        focused = app.focused
        assert isinstance(focused, Input) and focused is rows[-1].query_one(".action-text")
        dialog = form.query_one("#dialog")
        assert dialog.region.y <= focused.region.y < dialog.region.bottom  # in view
