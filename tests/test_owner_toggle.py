"""An action item's owner in the check-in form: switched by keyboard or mouse, saved, read back."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from mentor_tui.app import MentorApp
from mentor_tui.db import checkins, database, models, people
from mentor_tui.db.actions import NewAction
from mentor_tui.db.mentorships import create_mentorship
from mentor_tui.screens.checkin_form import ActionRow, CheckInForm
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.owner_toggle import OwnerToggle

from .pilot_helpers import settle

SIZE = (120, 40)


def _mentor_with_ana():
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    return me, ana, create_mentorship(me.id, ana.id, dt.date(2026, 9, 1), cadence_days=14)


def _with_an_item_of_mine() -> None:
    me, _ana, ship = _mentor_with_ana()
    checkins.create_checkin(ship.id, dt.date(2026, 11, 12), new_actions=[NewAction("Book the exam", me.id)])


async def _new_form(pilot) -> CheckInForm:
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CheckInForm)
    return pilot.app.screen


def _owners() -> list[tuple[str, str | None]]:
    return [(a.text, a.owner.name if a.owner else None)
            for a in models.ActionItem.select().order_by(models.ActionItem.position)]


async def test_the_owner_moves_by_keys_and_letters_and_is_saved(store_with_me):
    me, ana, _ship = _mentor_with_ana()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await _new_form(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press(*"Write the runbook", "tab")
        toggle = form.query_one(ActionRow).query_one(OwnerToggle)
        assert form.focused is toggle and toggle.value == ana.id  # a new item is the mentee's
        assert "space Next owner" in str(form.query_one(KeyBar).render())
        seen = []
        for key in ("space", "space", "space", "left", "b", "enter", "right"):
            await pilot.press(key)
            seen.append(toggle.label)
        assert seen == ["no owner", "Bo Chen (mentor)", "Ana Ruiz (mentee)", "Bo Chen (mentor)",
                        "Bo Chen (mentor)", "Ana Ruiz (mentee)", "no owner"]
        await pilot.press("a", "b")
        assert toggle.value == me.id
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInForm)
    assert _owners() == [("Write the runbook", "Bo Chen")]


async def test_an_item_saved_before_opens_with_its_owner_and_can_lose_it(store_with_me):
    _with_an_item_of_mine()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("enter")  # the timeline
        await settle(pilot)
        await pilot.press("enter")  # the check-in
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CheckInForm)
        toggle = form.query_one(OwnerToggle)
        assert toggle.label == "Bo Chen (mentor)"
        toggle.scroll_visible(animate=False, immediate=True)
        await settle(pilot)
        await pilot.click(toggle)  # a click moves on, as space does
        assert toggle.label == "Ana Ruiz (mentee)"
        toggle.focus()
        await pilot.press("space")
        assert toggle.value is None and form.query_one(ActionRow).raw()[1] is None
        assert form.query_one(ActionRow).query_one(".action-text", Input).value == "Book the exam"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInForm)
    assert _owners() == [("Book the exam", None)]
    database.close_database()


async def test_changing_only_the_owner_makes_the_form_ask_before_it_is_left(store_with_me):
    _with_an_item_of_mine()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await _new_form(pilot)
        rows_before = len(form.query(ActionRow))
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert len(form.query(ActionRow)) == rows_before + 1
        form.query(OwnerToggle).last().focus()
        await pilot.press("space")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form  # not left: something was changed
        assert "press esc again to discard it" in str(form.query_one("#form-error").render())


async def test_at_80_by_24_the_owner_stays_in_sight_when_its_key_takes_a_second_key_bar_line(store_with_me):
    from textual.containers import VerticalScroll

    def _in_sight(form, widget) -> bool:
        region = widget.region
        return form.get_widget_at(region.x, region.y)[0] is widget

    _mentor_with_ana()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        form = await _new_form(pilot)
        bar, scroll = form.query_one(KeyBar), form.query_one(VerticalScroll)
        await pilot.press("ctrl+n")
        await settle(pilot)
        toggle = form.query_one(OwnerToggle)
        scroll.scroll_home(animate=False, immediate=True)
        await settle(pilot)
        toggle.scroll_visible(animate=False, immediate=True)  # the new item on the form's last line in sight
        await settle(pilot)
        assert _in_sight(form, toggle)
        lines_before = bar.size.height
        form.set_focus(toggle, scroll_visible=False)  # as when focus arrives and the bar grows after
        await settle(pilot)
        assert bar.size.height == lines_before + 1  # "space Next owner" takes a second line
        assert _in_sight(form, toggle)  # and the owner is still in sight


async def test_a_name_of_wide_characters_is_cut_to_the_toggle_s_cells():
    from textual.app import App

    long_name = "山田太郎ですよね、長い名前の人です (mentee)"  # 2 cells a character: wider than the toggle grows
    toggle = OwnerToggle([("田中 (mentor)", 1), (long_name, 2)], 1)

    class One(App):
        def compose(self):
            yield toggle

    async with One().run_test(size=(40, 3)) as pilot:
        await pilot.pause()
        width = toggle.content_size.width
        assert toggle.render().cell_length == width and toggle.render().plain.endswith(" ⇄")
        await pilot.press("tab", "space")
        assert toggle.value == 2
        shown = toggle.render()
        assert shown.cell_length == width and "…" in shown.plain


async def test_the_toggle_is_as_wide_as_the_longest_name():
    """'Amara Okafor (mentee)' was cut at 24 cells, with the row's room to spare."""
    from textual.app import App

    toggle = OwnerToggle([("Jonas Becker (mentor)", 1), ("Amara Okafor (mentee)", 2)], 2)

    class One(App):
        def compose(self):
            yield toggle

    async with One().run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        assert toggle.render().plain == "Amara Okafor (mentee) ⇄"


async def test_a_long_name_shows_whole_in_the_form_beside_the_due_date_at_80_and_120_columns(store_with_me):
    """The form's grid gave the owner 25 columns (checkins.tcss) whatever the toggle's width:
    a name longer than 'Jonas Becker (mentor)' was cut, or ran under the due date."""
    me = people.me()
    amara = people.add_person("Amara Okafor-Nwachukwu", "mentee")  # 'Amara Okafor-Nwachukwu (mentee)': 31 cells
    create_mentorship(me.id, amara.id, dt.date(2026, 9, 1), cadence_days=14)
    for size in ((80, 24), (120, 40)):
        app = MentorApp(db_path=store_with_me)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            form = await _new_form(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            await pilot.press(*"Pair on the alert rules")
            row = form.query_one(ActionRow)
            toggle, due, new = row.query_one(OwnerToggle), row.query_one(".action-due"), row.query_one(".action-new")
            assert toggle.value == amara.id
            assert toggle.render().plain.rstrip() == "Amara Okafor-Nwachukwu (mentee) ⇄", size
            assert toggle.region.width == toggle.outer_size.width == 35, size
            assert toggle.region.right <= due.region.x and due.region.right <= new.region.x, size
            assert new.region.right <= row.region.right <= form.query_one("#dialog").region.right, size
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, CheckInForm)
        database.close_database()
    assert _owners() == [("Pair on the alert rules", "Amara Okafor-Nwachukwu")] * 2
