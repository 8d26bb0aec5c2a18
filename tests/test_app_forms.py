"""Pilot tests of the forms: new records from the keyboard, esc/ctrl+q guards, ctrl+s."""

from __future__ import annotations

import datetime as dt

from mentor_tui.app import MentorApp
from mentor_tui.db import models
from mentor_tui.screens.form import FormScreen

from .pilot_helpers import pick_first, screen_text, settle

SIZE = (120, 40)


async def test_number_keys_type_into_a_text_field(store_with_me):
    from mentor_tui.db import people

    people.add_person("Ana Ruiz", "mentee")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")  # the template picker: an empty plan
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-title").focus()
        await pilot.press(*"Year 2026 goals")
        assert app.screen.query_one("#field-title").value == "Year 2026 goals"
        await pilot.press("3")
        assert isinstance(app.screen, FormScreen)
        assert app.current_mode == "plans"


async def test_new_plan_form_writes_the_plan(store_with_me):
    from mentor_tui.db import people

    people.add_person("Ana Ruiz", "mentee")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "n")
        await settle(pilot)
        await pilot.press("enter")  # the template picker: an empty plan
        await settle(pilot)
        form = app.screen
        await pick_first(pilot, "owner")  # whose plan: a mentor picks (Ana, the only mentee, first)
        form.query_one("#field-title").focus()
        await pilot.press(*"Kubernetes track")
        form.query_one("#field-target_on").focus()
        await pilot.press(*"2026-02-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "a bad date keeps the form open"
        assert "'2026-02-30' is not a day: February 2026 has 28 days" in str(form.query_one("#error-target_on").render())
        form.query_one("#field-target_on").value = "2027-03-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        assert "Ana Ruiz | Kubernetes track" in screen_text(app)
    plan = models.Plan.get()
    assert (plan.title, plan.owner.name, plan.kind, plan.start_on, plan.target_on, plan.mentor.name) == (
        "Kubernetes track",
        "Ana Ruiz",
        "skill",
        dt.date(2026, 11, 26),
        dt.date(2027, 3, 1),
        "Bo Chen",
    )


async def test_new_session_form_validates_time_and_schedules(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5", "n")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-title").focus()
        await pilot.press(*"Incident review: November")
        form.query_one("#field-time").value = "25:99"
        form.query_one("#field-timezone").value = "Europe/Berlin"
        form.query_one("#field-date").value = "2026-11-27"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "expected a time like 16:00" in str(form.query_one("#error-time").render())
        form.query_one("#field-time").value = "17:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        text = screen_text(app)
        assert "2026-11-27 16:00 | Incident review: November" in text  # 17:00 Berlin is 16:00 UTC
        assert "2026-12-11 16:00 | Incident review: November" in text  # every 2 weeks
    session = models.Session.get()
    assert (session.timezone, session.rrule, session.duration_minutes) == ("Europe/Berlin", "FREQ=WEEKLY;INTERVAL=2", 45)


async def test_new_checkin_marks_private_notes(store_with_me):
    from mentor_tui.db import people

    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    models.Mentorship.create(mentor=me, mentee=ana, started_on=dt.date(2026, 9, 1))
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "n")
        await settle(pilot)
        form = app.screen
        assert "PRIVATE" in screen_text(app)
        form.query_one("#field-progress").text = "Finished the kind lab."
        form.query_one("#field-private_notes").text = "Nervous about on-call."
        form.query_one("#field-confidence").value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        form.query_one("#field-confidence").value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Bo Chen → Ana Ruiz | 2026-11-26 | 2026-12-10" in screen_text(app)
    checkin = models.CheckIn.get()
    assert (checkin.progress, checkin.private_notes, checkin.confidence) == (
        "Finished the kind lab.",
        "Nervous about on-call.",
        3,
    )


async def test_add_person_from_team(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        app.screen.query_one("#field-name").focus()
        await pilot.press(*"Cleo Park")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Cleo Park | mentee" in screen_text(app)
    assert models.Person.get(models.Person.name == "Cleo Park").is_me is False


async def test_esc_asks_before_throwing_away_what_was_typed(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        form = app.screen
        form.query_one("#field-name").focus()
        await pilot.press(*"Cleo")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form, "the first esc only warns"
        assert "press esc again to discard" in screen_text(app)
        assert form.query_one("#field-name").value == "Cleo"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not form


async def test_esc_closes_an_untouched_form_at_once(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        form = app.screen
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not form


async def test_a_new_user_can_build_a_program_from_the_keyboard_alone(store_with_me):
    """Person → mentorship → plan → goal → lab → check-in, every step with the keys the screens name."""
    from textual.widgets import Select

    def select(field: str, value) -> None:
        app.screen.query_one(f"#field-{field}", Select).value = value

    async def type_into(field: str, text: str) -> None:
        await settle(pilot)  # forms open once their choice lists are read in a worker
        app.screen.query_one(f"#field-{field}").focus()
        await pilot.press(*text)

    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await type_into("name", "Ana Ruiz")
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("m")
        await settle(pilot)
        select("mentee", models.Person.get(models.Person.name == "Ana Ruiz").id)
        await type_into("focus", "Kubernetes")
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("2", "n")
        await settle(pilot)
        await pilot.press("enter")  # the template picker: an empty plan
        await settle(pilot)
        await pick_first(pilot, "owner")
        await type_into("title", "Kubernetes track")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert "Add a goal to “Kubernetes track” · Ana Ruiz" in screen_text(app)
        await type_into("title", "Debug a CrashLoopBackOff")
        select("competency", "kubernetes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "0/1" in screen_text(app)

        await pilot.press("3", "n")
        await settle(pilot)
        await type_into("title", "Break it and fix it")
        app.screen.query_one("#field-items").text = "Deploy a broken pod\nRead the events"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Break it and fix it" in screen_text(app)

        await pilot.press("4", "n")
        await settle(pilot)
        app.screen.query_one("#field-progress").text = "Lab started."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Bo Chen → Ana Ruiz" in screen_text(app)

    mentorship = models.Mentorship.get()
    assert (mentorship.mentor.name, mentorship.mentee.name, mentorship.focus) == ("Bo Chen", "Ana Ruiz", "Kubernetes")
    goal = models.Goal.get()
    assert (goal.title, goal.competency.key, goal.plan.title) == ("Debug a CrashLoopBackOff", "kubernetes", "Kubernetes track")
    assert [i.text for i in models.LabItem.select().order_by(models.LabItem.position)] == [
        "Deploy a broken pod",
        "Read the events",
    ]
    assert models.CheckIn.get().mentorship == mentorship


async def test_dialogs_open_with_the_first_field_focused(store_with_me):
    """Typing right after opening a dialog goes into its first field."""
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        await pilot.press(*"Cleo")
        assert app.screen.query_one("#field-name").value == "Cleo"
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press(*"~/exports")
        assert app.screen.query_one("#paths").value == "~/exports"
        await pilot.press("escape", "1")  # in Team, e edits the person under the cursor
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#who")


async def test_ctrl_q_asks_before_losing_what_was_typed(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        await pilot.press(*"Cleo", "ctrl+q")
        await settle(pilot)
        assert app.return_code is None  # still running
        assert "press ctrl+q again to quit and discard it" in screen_text(app)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.return_code is not None  # exited


async def test_ctrl_s_right_after_typing_saves_everything_typed(store_with_me):
    """No key typed before ctrl+s may be lost, nor land on the screen behind the form."""
    name = "Race Test Person Number 2 With A Fairly Long Name Typed Quickly"
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        from textual.events import Key

        for key in [*name, "ctrl+s"]:  # queued at once, as a fast typist or a paste does
            app.post_message(Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert app.current_mode == "team"
    assert models.Person.get(models.Person.name != "Bo Chen").name == name


async def test_form_ranges_come_from_the_registry(store_with_me):
    """The mentorship form refuses a cadence the importer refuses (1 to 365), inline."""
    from mentor_tui import schema
    from mentor_tui.db import people
    from mentor_tui.screens.form import record_field

    field = record_field("mentorships", "cadence_days", "Check-in every (days)")
    cadence = schema.KINDS["mentorships"].field("cadence_days")
    assert (field.kind, field.minimum, field.maximum) == ("int", cadence.low, cadence.high)
    assert [v for _, v in record_field("plans", "kind", "Kind").options] == list(schema.KINDS["plans"].field("kind").choices)

    people.add_person("Ana Ruiz", "mentee")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "m")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        from textual.widgets import Input, Select

        app.screen.query_one("#field-mentee", Select).value = models.Person.get(models.Person.name == "Ana Ruiz").id
        app.screen.query_one("#field-cadence_days", Input).value = "366"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen), "an out-of-range cadence must not be saved"
        assert "365" in screen_text(app)
    assert models.Mentorship.select().count() == 0


async def test_a_new_plan_gets_the_cursor_so_the_next_key_acts_on_it(store_with_me):
    """`n` then `g`: the goal goes to the plan just made, not the one the cursor was on."""
    import datetime as dt

    from mentor_tui.db import people, plans

    ana = people.add_person("Ana Ruiz", "mentee")
    plans.create_plan(ana, "Onboarding", "onboarding", dt.date(2026, 9, 1))
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "n")
        await settle(pilot)
        await pilot.press("enter")  # the template picker: an empty plan
        await settle(pilot)
        await pick_first(pilot, "owner")
        app.screen.query_one("#field-title").focus()
        await pilot.press(*"Terraform basics", "ctrl+s")
        await settle(pilot)
        assert app.screen.highlighted().title == "Terraform basics"
        await pilot.press("g")
        await settle(pilot)
        assert "Add a goal to “Terraform basics”" in screen_text(app)
