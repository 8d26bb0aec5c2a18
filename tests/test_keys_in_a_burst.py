"""Keys read in one burst take effect in the order they were typed: a field's own keys among
its characters (widgets/keys_in_order.py), and what comes after a Tab in the field it moved
to (mentor_tui/widgets/key_routing.py).

A terminal hands the app every key typed since its last read at once: an autotyper, keys
sent by a script, or a fast typist while the app is busy. The keys here are posted to the
app together, as its driver posts what one read brought, not one at a time as Pilot's
`press` does (it waits for each key to be handled).
"""

from __future__ import annotations

from textual import events

from mentor_tui.app import MentorApp
from mentor_tui.screens.checkin_form import ActionRow
from mentor_tui.screens.form import FormScreen
from mentor_tui.widgets.form_select import FormSelect, ValueLine
from mentor_tui.widgets.owner_toggle import OwnerToggle

from .pilot_helpers import settle, wait_until
from .test_form_room import open_form
from .test_owner_toggle import _mentor_with_ana, _new_form


def burst(app, *keys: str) -> None:
    """Post `keys` to the app back to back, as one read of the terminal would."""
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_a_fields_own_keys_run_among_its_characters(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        form = await open_form(pilot, "4", ("n",))  # a new check-in: its date first, then text areas
        held_on = form.query_one("#field-held_on")
        assert app.focused is held_on and held_on.value
        burst(app, "ctrl+a", "ctrl+k", *"2026-11-02", "backspace", "3")
        await settle(pilot)
        assert held_on.value == "2026-11-03"
        burst(app, "tab", "b", "a", "backspace", "c", "left", "left", "x")
        await settle(pilot)
        assert form.query_one("#field-progress").text == "xbc"


async def test_text_typed_with_tabs_in_one_burst_lands_in_each_field(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        form = await open_form(pilot, "3", ("n",))  # a new lab: title, then link
        form.query_one("#field-title").focus()
        await settle(pilot)
        burst(app, "O", "n", "e", "tab", "h", "t")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert form.query_one("#field-title").value == "One"
        assert form.query_one("#field-link").value == "ht"
        burst(app, "shift+tab", "T", "w", "o")  # back: the cursor at the title's end, typed on
        await settle(pilot)
        assert form.query_one("#field-title").value == "OneTwo"
        assert form.query_one("#field-link").value == "ht"


async def test_a_space_right_after_tab_switches_the_owner_it_moved_to(store_with_me):
    _me, ana, _ship = _mentor_with_ana()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test() as pilot:
        await settle(pilot)
        form = await _new_form(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        burst(app, *"Book", "tab", "space")
        await settle(pilot)
        toggle = form.query_one(ActionRow).query_one(OwnerToggle)
        assert app.focused is toggle
        assert toggle.value != ana.id  # moved on from the mentee, the owner of a new item
        assert form.query_one(ActionRow).query_one("Input").value == "Book"


async def test_a_screens_own_tab_is_still_its_own(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        calendar = app.screen
        assert calendar.view == "agenda"
        burst(app, "tab")
        await settle(pilot)
        assert calendar.view == "month"  # Tab switches the calendar to its month, not the focus


async def test_text_typed_with_ctrl_n_in_one_burst_goes_into_the_new_action_item(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        form = await open_form(pilot, "4", ("n",))  # a new check-in, its date focused
        held_on = form.query_one("#field-held_on")
        date = held_on.value
        burst(app, "ctrl+n", *"Write the runbook")
        await settle(pilot)
        item = form.query_one(ActionRow).query_one(".action-text")
        assert item.value == "Write the runbook"
        assert app.focused is item
        assert held_on.value == date  # nothing of it in the date


async def test_a_paste_right_after_ctrl_n_goes_into_the_new_action_item(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        form = await open_form(pilot, "4", ("n",))
        held_on = form.query_one("#field-held_on")
        date = held_on.value
        burst(app, "ctrl+n")
        app.post_message(events.Paste("Book the game day room"))
        await settle(pilot)
        item = form.query_one(ActionRow).query_one(".action-text")
        assert item.value == "Book the game day room"
        assert held_on.value == date


async def test_a_drop_down_opened_picked_from_and_left_in_one_burst(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        form = await open_form(pilot, "5", ("n",))  # a new session: its presenter is a drop-down
        presenter = form.query_one("#field-presenter", FormSelect)
        presenter.focus()
        await settle(pilot)
        # enter opens the list, "Pr" finds Priya there, enter picks her, then Tab and the notes
        burst(app, "enter", "P", "r", "enter", "tab", *"hi")
        await settle(pilot)
        assert not presenter.expanded
        assert str(presenter.query_one(ValueLine).label) == "Priya Raman"
        assert app.focused is not presenter and getattr(app.focused, "value", getattr(app.focused, "text", "")) == "hi"


async def test_keys_held_after_one_whose_focus_moves_late_go_where_it_moved(demo_db):
    """A drop-down picked from takes the focus back when it reads the pick, a message after the
    key: under load, after the screen has refreshed. The held keys wait for the focus to move."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        form = await open_form(pilot, "3", ("n",))  # a new lab: title, then link
        title, link = form.query_one("#field-title"), form.query_one("#field-link")
        title.focus()
        await settle(pilot)
        # as if ctrl+o moved the focus to the link a while after it was read (within the hold's time)
        title.moves_focus_on = lambda key: key == "ctrl+o" and app.set_timer(0.2, link.focus) is not None
        burst(app, "ctrl+o", "a", "b")
        await wait_until(pilot, lambda: link.value == "ab", what="the held keys typed into the link")
        assert title.value == ""


async def test_keys_held_after_a_key_that_never_comes_back_are_read_after_a_while(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        form = await open_form(pilot, "5", ("n",))
        title = form.query_one("#field-title")
        title.focus()
        await settle(pilot)
        # as if "x" moved the focus: the field takes it and stops it, so no binding runs for it
        title.moves_focus_on = lambda key: key == "x"
        burst(app, "x", "y", "z")
        await settle(pilot)
        await wait_until(pilot, lambda: title.value.endswith("xyz"), what="the held keys typed")
        assert app.focus_hold.opener is None


async def test_a_hold_looked_at_again_as_the_app_quits_does_nothing(store_with_me):
    """A hold looks at the focus again on a timer: one that came as the app was closing its
    screens asked a screen stack with nothing on it (ScreenStackError)."""
    app = MentorApp(db_path=store_with_me)
    async with app.run_test() as pilot:
        await settle(pilot)
        opener = events.Key("x", "x")
        app.focus_hold.opener = opener  # a key that moved the focus, its hold not released yet
    assert not app.screen_stack
    app.focus_hold._release_once_moved(opener)
