"""Keys typed together never act on a screen that was not there when they were typed.

A terminal hands the app every key typed since its last read at once; Textual runs a
key's binding once the key has gone up from the focused widget to the app, by then
perhaps on another screen. `n` then "daily" typed at once in Labs used to delete the lab
under the cursor: the `d` opened "Delete lab?" and the `y` answered it.
"""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.screens.confirm import ConfirmDialog

from .pilot_helpers import press_settled, settle
from .test_keys_in_a_burst import burst


def _labs(db) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM lab").fetchone()[0]
    finally:
        con.close()


async def _burst_in_labs(db, *keys: str) -> None:
    """`keys` posted together on the Labs list; then any question left open answered no."""
    app = MentorApp(db_path=db)
    async with app.run_test() as pilot:
        await press_settled(pilot, "3")
        burst(app, *keys)
        await settle(pilot)
        while isinstance(app.screen, ConfirmDialog):  # a question left open: answered now, after it was shown
            await pilot.press("n")
            await settle(pilot)


async def test_a_delete_key_and_yes_typed_at_once_delete_nothing(demo_db):
    labs = _labs(demo_db)
    await _burst_in_labs(demo_db, "d", "y")  # the question comes after both keys were typed: y is not its answer
    assert _labs(demo_db) == labs


async def test_keys_after_a_key_that_opens_a_form_do_not_run_the_lists_keys(demo_db):
    labs = _labs(demo_db)
    await _burst_in_labs(demo_db, "n", *"daily")
    assert _labs(demo_db) == labs


async def test_a_search_typed_at_once_after_the_slash_is_in_the_search_field(demo_db):
    from mentor_tui.screens.search import SearchScreen

    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        await settle(pilot)
        burst(app, "slash", "Q", "o", "S")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query").value == "QoS"


async def test_a_question_ignores_a_key_stamped_before_it_was_shown(demo_db):
    """A key read before the dialog was mounted (in a read after the key that asked) is not
    its answer; one read after it is."""
    from textual import events

    answers: list[bool | None] = []
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.push_screen(ConfirmDialog("Delete lab?", "It goes."), answers.append)
        await settle(pilot)
        early = events.Key("y", "y")
        early.time = 0.0  # read long before the question
        app.post_message(early)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and answers == []
        await pilot.press("y")
        await settle(pilot)
    assert answers == [True]


async def test_characters_typed_while_a_form_reads_its_choices_go_into_the_form(demo_db):
    """`n` reads the new session form's people in a worker first: the keys typed meanwhile
    are held for the form, not run on the list (on Labs, `d` asked to delete a lab)."""
    from mentor_tui.screens.form import FormScreen

    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        await press_settled(pilot, "5")
        burst(app, "n", *"Chaos day")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert not any(isinstance(screen, ConfirmDialog) for screen in app.screen_stack)
        assert app.screen.focused.id == "field-title" and app.screen.focused.value == "Chaos day"


async def test_esc_while_a_form_reads_its_choices_gives_the_form_up(demo_db):
    from mentor_tui.screens.form import FormScreen

    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        await press_settled(pilot, "3")
        labs_screen = app.screen
        burst(app, "n", "escape")
        await settle(pilot)
        assert app.screen is labs_screen and labs_screen.form_pending is None
        await pilot.press("n")  # the list's keys work again
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_ctrl_q_is_never_held_for_a_form(demo_db, monkeypatch):
    """A form's choices read from a locked store can take seconds: quitting still works."""
    import threading

    from mentor_tui.screens import labs

    release = threading.Event()
    slow = labs._goal_choices

    def stuck():
        release.wait(10)
        return slow()

    monkeypatch.setattr(labs, "_goal_choices", stuck)
    app = MentorApp(db_path=demo_db)
    async with app.run_test() as pilot:
        await press_settled(pilot, "3")
        await pilot.press("n")
        assert app.screen.form_pending == []
        await pilot.press("x", "ctrl+q")
        quit_asked = app.return_code  # set by the quit action; None had the key been held
        release.set()
    assert quit_asked == 0
