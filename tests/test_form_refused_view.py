"""A refused save shows the field it refused: focused, in view, with its error line under it.

On a short terminal the form's bottom line ("Please fix the marked fields.") used to take
the view instead, leaving the field that needs fixing scrolled out of sight.
"""

from __future__ import annotations

from textual.widget import Widget

from mentor_tui.app import MentorApp

from .pilot_helpers import pick_first, settle
from .test_form_room import open_form


def in_view(dialog: Widget, widget: Widget) -> bool:
    """Whether all of `widget` is inside the part of the scrolling dialog on screen."""
    top = dialog.scroll_offset.y
    region = widget.virtual_region
    return top <= region.y and region.bottom <= top + dialog.scrollable_content_region.height


async def test_an_empty_required_field_is_shown_with_its_error_at_80x24(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "3", ("n",))  # a new lab: its goal and title are required
        await pick_first(pilot, "goal")
        dialog = form.query_one("#dialog")
        dialog.scroll_home(animate=False)
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = form.query_one("#dialog")
        title = form.query_one("#field-title")
        error = form.query_one("#error-title")
        assert app.focused is title
        assert "required" in str(error.render())
        assert in_view(dialog, title) and in_view(dialog, error)
        assert not in_view(dialog, form.query_one("#form-error"))  # the form's bottom line is below


async def test_a_refused_field_far_down_is_scrolled_to_from_the_top(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "5", ("n",))  # a new session: twelve fields
        form.query_one("#field-title").value = "Chaos day"
        form.query_one("#field-custom_rule").value = "FREQ=NEVERLY"
        form.query_one("#field-title").focus()
        dialog = form.query_one("#dialog")
        dialog.scroll_home(animate=False)
        await settle(pilot)
        rule = form.query_one("#field-custom_rule")
        assert not in_view(dialog, rule)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved
        assert app.focused is rule
        assert in_view(dialog, rule) and in_view(dialog, form.query_one("#error-custom_rule"))


async def test_a_check_in_dated_before_its_mentorship_shows_the_date_and_why_at_80x24(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "4", ("n",))  # a new check-in: its date first
        held_on = form.query_one("#field-held_on")
        held_on.value = "2020-01-02"
        form.query_one("#field-progress").focus()  # typing on, further down
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = form.query_one("#dialog")
        assert app.screen is form and app.focused is held_on
        error = form.query_one("#error-held_on")
        assert "the mentorship started on" in str(error.render())
        assert in_view(dialog, held_on) and in_view(dialog, error)
        label = list(dialog.children)[list(dialog.children).index(held_on) - 1]
        assert "Held on" in str(label.render()) and in_view(dialog, label)  # what the field is
        held_on.value = "2026-11-20"  # changed: its error line goes (the next save checks again)
        await settle(pilot)
        assert "-empty" in error.classes
