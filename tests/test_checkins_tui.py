"""Pilot tests of the Check-ins section: mentorships, timeline, check-in view and form, the Dashboard's items."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Checkbox, Input

from mentor_tui.app import MentorApp
from mentor_tui.db import checkins, database, models, people
from mentor_tui.db.actions import NewAction
from mentor_tui.db.mentorships import create_mentorship
from mentor_tui.screens.checkin_form import ActionRow, CheckInForm
from mentor_tui.screens.checkin_view import CheckInScreen
from mentor_tui.screens.confirm import YesNoDialog
from mentor_tui.screens.timeline import CheckInCard, TimelineScreen

from .pilot_helpers import screen_text as widget_text
from .pilot_helpers import settle, wait_until

SIZE = (120, 40)
D = dt.date
NOTE = "Nervous about the first on-call week; pair on the runbook."


def _mentor_with_ana(path):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    ship = create_mentorship(me.id, ana.id, D(2026, 9, 1), cadence_days=14)
    return me, ana, ship


def screen_text(app) -> str:
    """The screen's text, with Rich renderables (Markdown parts, action lists) rendered as plain text."""
    import io

    from rich.console import Console
    from textual.content import Content
    from textual.widgets import Static

    parts = [widget_text(app)]
    console = Console(width=110, file=io.StringIO(), color_system=None)
    for widget in app.screen.query(Static):
        if widget.display and not isinstance(widget.content, str | Content):
            with console.capture() as capture:
                console.print(widget.content)
            parts.append(capture.get())
    return "\n".join(parts)


async def _open_form(pilot, app) -> CheckInForm:
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, CheckInForm)
    return app.screen


async def _open_first_checkin(pilot, app) -> CheckInScreen:
    await pilot.press("4")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, TimelineScreen)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, CheckInScreen)
    return app.screen


async def test_a_check_in_with_a_private_note_and_two_items_reads_back_after_a_restart(store_with_me):
    _mentor_with_ana(store_with_me)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await _open_form(pilot, app)
        form.query_one("#field-progress").text = "- Finished the **kind** lab\n"
        form.query_one("#field-next_steps").text = "- Book the CKA exam\n- Write the runbook\n"
        form.query_one("#field-private_notes").text = NOTE
        await pilot.press("ctrl+t")  # the two next-steps lines become two action items
        await settle(pilot)
        rows = list(form.query(ActionRow))
        assert [r.raw()[0] for r in rows] == ["Book the CKA exam", "Write the runbook"]
        rows[0].query_one(".action-due", Input).value = "2026-12-10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInForm)
        assert "Bo Chen → Ana Ruiz" in screen_text(app)
    database.close_database()

    app = MentorApp(db_path=store_with_me)  # the next week: a new start
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "Bo Chen → Ana Ruiz | 2026-11-26 | 2026-12-10 | 2 |" in screen_text(app)
        view = await _open_first_checkin(pilot, app)
        text = screen_text(app)
        assert NOTE in text and view.query_one("#private-panel").border_title == "private — never exported unless you ask"
        assert "Finished the kind lab" in text  # Markdown rendered
        assert "Book the CKA exam" in text and "due 2026-12-10" in text and "Write the runbook" in text
    checkin = models.CheckIn.get()
    assert checkin.progress == "- Finished the **kind** lab\n"  # kept exactly as typed
    assert checkin.private_notes == NOTE
    assert [(a.text, a.owner.name) for a in checkin.actions.order_by(models.ActionItem.position)] == [
        ("Book the CKA exam", "Ana Ruiz"), ("Write the runbook", "Ana Ruiz")
    ]


async def test_the_next_check_in_carries_open_items_forward_and_closes_one(store_with_me):
    me, ana, ship = _mentor_with_ana(store_with_me)
    checkins.create_checkin(ship.id, D(2026, 11, 12), new_actions=[NewAction("Book the CKA exam", ana.id),
                                                                   NewAction("Request staging access", me.id)])
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await _open_form(pilot, app)
        boxes = list(form.query(".carried").results(Checkbox))
        assert [str(b.label).split("  ·")[0] for b in boxes] == ["Book the CKA exam", "Request staging access"]
        boxes[0].focus()
        await pilot.press("space")  # ticked done; the other stays open
        form.query_one("#field-progress").text = "Exam booked."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInForm)
    items = {a.text: a.done_on for a in models.ActionItem.select()}
    assert items == {"Book the CKA exam": D(2026, 11, 26), "Request staging access": None}


async def test_tick_my_action_item_from_the_dashboard(store_with_me):
    me, ana, ship = _mentor_with_ana(store_with_me)
    checkins.create_checkin(ship.id, D(2026, 11, 1), new_actions=[
        NewAction("Later one", me.id, D(2026, 12, 20)), NewAction("Overdue one", me.id, D(2026, 11, 10)),
        NewAction("Hers", ana.id, D(2026, 11, 5)),
    ])
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "2026-11-10 overdue | Overdue one | Bo Chen → Ana Ruiz" in text
        assert text.index("Overdue one") < text.index("Later one") and "Hers" not in text
        await pilot.press("tab", "space")  # into my action items (the body has the focus), the first row
        await settle(pilot)
        await wait_until(pilot, lambda: "Overdue one" not in screen_text(app), what="the ticked item to go")
        assert "Later one" in screen_text(app)
        assert "Open actions\n2" in screen_text(app)
    assert models.ActionItem.get(models.ActionItem.text == "Overdue one").done_on == D(2026, 11, 26)


async def test_a_long_action_item_on_the_dashboard_is_cut_with_an_ellipsis_at_80_columns(store_with_me):
    me, _ana, ship = _mentor_with_ana(store_with_me)
    long_text = "Ask cluster owners to enable Cilium audit mode in the staging clusters before the review"
    checkins.create_checkin(ship.id, D(2026, 11, 1), new_actions=[NewAction(long_text, me.id, D(2026, 11, 10))])
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cell = next(line for line in screen_text(app).splitlines() if "Ask cluster owners" in line)
        assert "Ask cluster owners to enable Cilium audit mode in …" in cell  # cut where the screen ends


async def test_leaving_an_edited_check_in_form_asks_first(store_with_me):
    _mentor_with_ana(store_with_me)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await _open_form(pilot, app)
        await pilot.press("ctrl+n")  # an action item typed is a change too
        await settle(pilot)
        await pilot.press(*"Book the exam")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form
        assert "press esc again to discard it" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInForm)
    assert models.CheckIn.select().count() == 0


async def test_a_future_date_asks_and_a_date_before_the_start_is_refused(store_with_me):
    _mentor_with_ana(store_with_me)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await _open_form(pilot, app)
        form.query_one("#field-held_on").value = "2026-08-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "the mentorship started on 2026-09-01" in screen_text(app)

        form.query_one("#field-held_on").value = "2027-01-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, YesNoDialog)
        assert "dated in the future (2027-01-01) — save anyway?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is form and models.CheckIn.select().count() == 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInForm)
    assert models.CheckIn.get().held_on == D(2027, 1, 1)


async def test_a_bad_date_and_a_bad_action_item_are_said_at_once(store_with_me):
    from textual.widgets import Input

    _mentor_with_ana(store_with_me)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = await _open_form(pilot, app)
        form.query_one("#field-held_on").value = "2026-02-30"
        await pilot.press("ctrl+n")
        await settle(pilot)
        form.query(".action-text").last(Input).value = "Write the runbook"
        form.query(".action-due").last(Input).value = "soon"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        text = screen_text(app)
        assert "February 2026 has 28 days" in text  # under the date field
        assert "Please fix the marked fields. Action item 1:" in text  # and the item, in the same save
        assert app.focused is form.query_one("#field-held_on")  # the first problem, from the top
    assert models.CheckIn.select().count() == 0


async def test_a_check_in_is_edited_corrected_and_deleted(store_with_me):
    _, _, ship = _mentor_with_ana(store_with_me)
    checkins.create_checkin(ship.id, D(2027, 1, 1), progress="typo", private_notes=NOTE,
                            new_actions=[NewAction("x")])
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await _open_first_checkin(pilot, app)
        assert "(dated in the future)" in screen_text(app)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CheckInForm)
        assert form.query_one("#field-private_notes").text == NOTE
        form.query_one("#field-held_on").value = "2026-11-20"
        form.query_one("#field-progress").text = "fixed"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is view
        assert "2026-11-20" in screen_text(app) and "fixed" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, YesNoDialog)
        assert "with its 1 action item? Its private notes go with it." in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert "No check-ins yet" in screen_text(app)
    assert (models.CheckIn.select().count(), models.ActionItem.select().count()) == (0, 0)


async def test_a_mentorship_is_edited_ended_and_deleted_from_the_list(store_with_me):
    _, _, ship = _mentor_with_ana(store_with_me)
    checkins.create_checkin(ship.id, D(2026, 10, 1), private_notes="Worried about the on-call load")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#field-cadence_days").value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "49 days overdue" in screen_text(app)  # due 2026-10-08: a check-in every 7 days
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ended 2026-11-26" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        asked = " ".join(screen_text(app).split())
        assert "Delete the mentorship Bo Chen → Ana Ruiz with its 1 check-in and 0 action items?" in asked
        assert "The private pairing notes of 1 check-in go with them." in asked
        await pilot.press("y")
        await settle(pilot)
        assert "No mentorships yet" in screen_text(app)
    assert models.Mentorship.select().count() == 0


async def test_a_mentee_who_is_me_never_sees_a_private_panel_or_field(store):
    """Ana is "me" and the mentee; her database holds Bo's notes (say, from a full export)."""
    bo = people.add_person("Bo Chen", "mentor")
    ana = people.set_me("Ana Ruiz", "mentee")
    ship = create_mentorship(bo.id, ana.id, D(2026, 9, 1))
    checkins.create_checkin(ship.id, D(2026, 11, 20), progress="Lab done", private_notes=NOTE)
    app = MentorApp(db_path=store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen.query_one(CheckInCard)
        assert "Lab done" in screen_text(app)
        assert "private" not in screen_text(app).lower() and card.entry.private_notes is None
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        assert not app.screen.query("#private-panel")
        assert NOTE not in screen_text(app) and "private" not in screen_text(app).lower()
        await pilot.press("e")  # her own edit form: no private field
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert not app.screen.query("#field-private_notes")
        assert "PRIVATE" not in screen_text(app) and NOTE not in screen_text(app)
        app.screen.query_one("#field-progress").text = "Lab done, runbook read"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape", "escape", "4", "n")  # a new one
        await settle(pilot)
        assert isinstance(app.screen, CheckInForm)
        assert not app.screen.query("#field-private_notes") and "PRIVATE" not in screen_text(app)
    assert models.CheckIn.get().private_notes == NOTE  # her edit left the mentor's notes alone


async def test_a_long_timeline_shows_the_newest_first_and_older_ones_on_request(store_with_me):
    _, _, ship = _mentor_with_ana(store_with_me)
    for week in range(12):
        checkins.create_checkin(ship.id, D(2026, 9, 1) + dt.timedelta(days=7 * week), progress=f"week {week}")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "enter")
        await settle(pilot)
        cards = app.screen.query(CheckInCard)
        assert [c.entry.progress for c in cards][:2] == ["week 11", "week 10"] and len(cards) == 5
        assert "7 older check-ins not shown: press o to show more." in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert len(app.screen.query(CheckInCard)) == 10
        await pilot.press("o")
        await settle(pilot)
        assert len(app.screen.query(CheckInCard)) == 12
        assert app.screen.query(CheckInCard).last().entry.progress == "week 0"
        await pilot.press("up")  # ↑ ↓ move between check-ins; enter opens the one focused
        await pilot.press("down", "down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen) and "week 9" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.focused.entry.progress == "week 9"  # back on the check-in it left
        await pilot.press("d")  # deletes the focused check-in, after asking
        await settle(pilot)
        assert "Delete the check-in of 2026-11-03" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert "week 9" not in [c.entry.progress for c in app.screen.query(CheckInCard)]
    assert models.CheckIn.select().count() == 11


async def test_next_steps_to_action_items_says_what_it_did_and_not_saved_when_nothing_was(store_with_me):
    _, _, ship = _mentor_with_ana(store_with_me)
    checkins.create_checkin(ship.id, D(2026, 11, 20), progress="ok", next_steps="- Write the runbook")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _open_first_checkin(pilot, app)
        await pilot.press("a")
        await settle(pilot)
        assert "1 action item made from the next steps." in screen_text(app)
        await pilot.press("a")  # made already: nothing to do, and the status line does not say Saved.
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing to add: each next-steps line is an action item already" in text and "Saved." not in text
    assert models.ActionItem.select().count() == 1


async def test_a_mentee_in_no_mentorship_is_told_the_others_are_not_listed(store):
    people.set_me("Mia Chen", "mentee")
    jo, ana, bo = (people.add_person(name, role) for name, role in
                   (("Jo Park", "mentor"), ("Ana Ruiz", "mentee"), ("Bo Lee", "mentee")))
    create_mentorship(jo.id, ana.id, D(2026, 9, 1))
    create_mentorship(jo.id, bo.id, D(2026, 9, 1))
    database.close_database()

    text = await _checkins_shown(store)
    assert "You are in no mentorship yet" in text and "This database holds 2 other mentorships" in text
    assert "No mentorships yet" not in text


async def test_an_empty_database_says_there_are_no_mentorships_yet(store_with_me):
    database.close_database()
    assert "No mentorships yet, so no check-ins yet" in await _checkins_shown(store_with_me)


async def _checkins_shown(db) -> str:
    """The text of the Check-ins section (4) as the app opened on `db` shows it."""
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        return widget_text(app)


async def test_a_status_line_too_long_for_80_columns_ends_with_an_ellipsis(store_with_me):
    """A section's status line and a detail page's are one line: what does not fit is cut with "…",
    never silently (the check-in page's "nothing to add" lost its end so at 80 columns)."""
    _, _, ship = _mentor_with_ana(store_with_me)
    checkins.create_checkin(ship.id, D(2026, 11, 20), progress="ok")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        long = "a status line of many words " * 5
        for status_id, open_page in (("#status", False), ("#detail-status", True)):
            if open_page:
                await _open_first_checkin(pilot, app)
            app.screen.set_status(long)
            await settle(pilot)
            shown = app.screen.query_one(status_id).render_line(0).text.rstrip()
            assert shown.endswith("…") and len(shown) <= 80, shown
