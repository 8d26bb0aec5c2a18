"""Pilot tests of the app shell: first start, section keys, help, palette, forms, quit."""

from __future__ import annotations

import datetime as dt

from mentor_tui.app import MentorApp
from mentor_tui.db import database, models
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.help import HelpScreen

from .pilot_helpers import screen_text, settle

SIZE = (120, 40)


def _me_rows(path):
    database.open_database(path)
    return [(p.name, p.role, p.is_me) for p in models.Person.select()]


async def test_first_start_asks_who_me_is_and_rejects_an_empty_name(db_path):
    app = MentorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Welcome to mentor-tui" in screen_text(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen), "an empty name must not be accepted"
        assert "required" in str(app.screen.query_one("#error-name").render())

        await pilot.press("escape")  # the first-start form cannot be cancelled
        assert isinstance(app.screen, FormScreen)

        app.screen.query_one("#field-name").focus()
        await pilot.press(*"Ana Ruiz")
        app.screen.query_one("#field-role").value = "mentee"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert app.current_mode == "dashboard"
        assert "Hello, Ana Ruiz (mentee)." in screen_text(app)
    assert _me_rows(db_path) == [("Ana Ruiz", "mentee", True)]


async def test_the_me_form_does_not_come_back_once_answered(store_with_me):
    database.close_database()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert "Hello, Bo Chen (mentor)." in screen_text(app)


async def test_number_keys_switch_sections(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = {
            "2": ("plans", "2 Plans"),
            "3": ("labs", "3 Labs"),
            "4": ("checkins", "4 Check-ins"),
            "5": ("calendar", "5 Calendar"),
            "6": ("team", "6 Team"),
            "1": ("dashboard", "1 Dashboard"),
        }
        for key, (mode, sub_title) in expected.items():
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode
            assert app.screen.sub_title == sub_title


async def test_empty_sections_say_what_to_press(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key, phrase in [
            ("2", "No plans yet. Press n"),
            ("3", "No labs yet. Press n"),
            ("4", "No check-ins yet. Press n"),
            ("5", "Press n to schedule a session"),
        ]:
            await pilot.press(key)
            await settle(pilot)
            assert phrase in screen_text(app)


async def test_dashboard_counts_come_from_the_store(store_with_me):
    from mentor_tui.db import people, plans

    ana = people.add_person("Ana Ruiz", "mentee")
    plans.create_plan(ana, "Kubernetes track", "skill", dt.date(2026, 11, 1))
    database.close_database()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "People\n2" in text
        assert "Active plans\n1" in text
        assert "Open actions\n0" in text


async def test_question_mark_opens_help_listing_every_binding(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Go to Dashboard", "Go to Team", "Command palette", "Quit", "New plan", "ctrl+s"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.current_mode == "plans"


async def palette_highlights(pilot, text: str, rounds: int = 100) -> None:
    """Wait until the command palette's search has run and highlights a command saying `text`."""
    from textual.widgets import OptionList

    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()  # the palette searches in a worker
        await pilot.pause()
        lists = pilot.app.screen.query(OptionList)
        found = lists.first() if lists else None
        index = found.highlighted if found is not None else None
        if found is not None and index is not None and text in str(found.get_option_at_index(index).prompt):
            return
    raise AssertionError(f"the command palette never highlighted {text!r}")


async def test_command_palette_goes_to_a_section(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query, mode in [("Go to Team", "team"), ("Go to Calendar", "calendar"), ("Go to Dashboard", "dashboard")]:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await palette_highlights(pilot, query)
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_mode == mode


async def test_number_keys_type_into_a_text_field(store_with_me):
    from mentor_tui.db import people

    people.add_person("Ana Ruiz", "mentee")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
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
        await pilot.pause()
        form = app.screen
        form.query_one("#field-title").focus()
        await pilot.press(*"Kubernetes track")
        form.query_one("#field-target_on").focus()
        await pilot.press(*"2026-02-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "a bad date keeps the form open"
        assert "expected a date like 2026-11-26" in str(form.query_one("#error-target_on").render())
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
        await pilot.pause()
        form = app.screen
        form.query_one("#field-title").focus()
        await pilot.press(*"Incident review: November")
        form.query_one("#field-time").value = "25:99"
        form.query_one("#field-timezone").value = "Europe/Berlin"
        form.query_one("#field-date").value = "2026-11-27"
        await pilot.press("ctrl+s")
        await pilot.pause()
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
        await pilot.pause()
        form = app.screen
        assert "PRIVATE" in screen_text(app)
        form.query_one("#field-progress").text = "Finished the kind lab."
        form.query_one("#field-private_notes").text = "Nervous about on-call."
        form.query_one("#field-confidence").value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        form.query_one("#field-confidence").value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "| PRIVATE |" in screen_text(app)
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
        await pilot.pause()
        app.screen.query_one("#field-name").focus()
        await pilot.press(*"Cleo Park")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Cleo Park | mentee" in screen_text(app)
    assert models.Person.get(models.Person.name == "Cleo Park").is_me is False


async def test_q_quits(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_ctrl_q_quits_even_from_a_form(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit


async def test_a_damaged_database_shows_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    app = MentorApp(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "could not be opened" in text
        assert "Nothing was changed" in text
        await pilot.press("2")  # sections stay closed
        assert app.current_mode == "_default"
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_brackets_in_names_and_titles_are_text_not_markup(tmp_path):
    """A title like "K8s [/]" or a name like "Ana [WIP]" must show as typed, on every screen."""
    from mentor_tui.db import people, plans, sessions

    path = tmp_path / "brackets.sqlite3"
    database.open_database(path)
    me = people.set_me("Bo [/] Chen", "mentor")
    ana = people.add_person("Ana [WIP] Ruiz", "mentee")
    models.Mentorship.create(mentor=me, mentee=ana, started_on=dt.date(2026, 9, 1))
    plans.create_plan(ana, "K8s [/] [b]track", "skill", dt.date(2026, 11, 1))
    sessions.create_session("Review [red]x", "other", dt.datetime(2026, 11, 27, 15, tzinfo=dt.UTC), 30)
    database.close_database()
    app = MentorApp(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Hello, Bo [/] Chen (mentor)." in text
        assert "Review [red]x" in text
        for key, expected in [("2", "K8s [/] [b]track"), ("6", "Ana [WIP] Ruiz"), ("4", "Press n")]:
            await pilot.press(key)
            await settle(pilot)
            assert expected in screen_text(app)
        await pilot.press("2", "n")
        await pilot.pause()
        app.screen.query_one("#field-title").focus()
        await pilot.press(*"Second [/] plan")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Second [/] plan" in screen_text(app)
        assert app.is_running


async def test_esc_asks_before_throwing_away_what_was_typed(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-name").focus()
        await pilot.press(*"Cleo")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form, "the first esc only warns"
        assert "press esc again to discard" in screen_text(app)
        assert form.query_one("#field-name").value == "Cleo"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not form


async def test_esc_closes_an_untouched_form_at_once(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await pilot.pause()
        form = app.screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not form


async def test_a_new_user_can_build_a_program_from_the_keyboard_alone(store_with_me):
    """Person → mentorship → plan → goal → lab → check-in, every step with the keys the screens name."""
    from textual.widgets import Select

    def select(field: str, label: str) -> None:
        widget = app.screen.query_one(f"#field-{field}", Select)
        widget.value = next(v for prompt, v in widget._options if str(prompt) == label)

    async def type_into(field: str, text: str) -> None:
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
        await pilot.pause()
        select("mentee", "Ana Ruiz")
        await type_into("focus", "Kubernetes")
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("2", "n")
        await type_into("title", "Kubernetes track")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert "Add a goal to “Kubernetes track” (Ana Ruiz)" in screen_text(app)
        await type_into("title", "Debug a CrashLoopBackOff")
        select("competency", "Kubernetes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "0/1" in screen_text(app)

        await pilot.press("3", "n")
        await pilot.pause()
        await type_into("title", "Break it and fix it")
        app.screen.query_one("#field-items").text = "Deploy a broken pod\nRead the events"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Break it and fix it" in screen_text(app)

        await pilot.press("4", "n")
        await pilot.pause()
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


async def test_first_start_after_an_import_lets_me_pick_myself(tmp_path):
    from textual.widgets import Select

    from mentor_tui.db import people

    path = tmp_path / "imported.sqlite3"
    database.open_database(path)
    people.add_person("Ana Ruiz", "mentee")
    people.add_person("Bo Chen", "mentor")
    database.close_database()
    app = MentorApp(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # neither picked nor typed
        await pilot.pause()
        assert "type your name, or pick yourself" in screen_text(app)
        picker = app.screen.query_one("#field-existing", Select)
        picker.value = next(v for prompt, v in picker._options if str(prompt) == "Bo Chen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Hello, Bo Chen (mentor)." in screen_text(app)
    database.open_database(path)
    assert [(p.name, p.is_me) for p in models.Person.select().order_by(models.Person.name)] == [
        ("Ana Ruiz", False),
        ("Bo Chen", True),
    ]


async def test_the_theme_is_remembered_in_the_settings_file(store_with_me, tmp_path):
    import tomllib

    settings = tmp_path / "config" / "settings.toml"
    app = MentorApp(db_path=store_with_me, settings_file=settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    assert tomllib.loads(settings.read_text())["theme"] == "nord"
    again = MentorApp(db_path=store_with_me, settings_file=settings)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


def test_a_broken_or_unknown_theme_in_settings_is_ignored(tmp_path):
    settings = tmp_path / "settings.toml"
    for text in ('theme = "no-such-theme"\n', "theme = [1, 2\n", "\x00\x01"):
        settings.write_text(text)
        app = MentorApp(db_path=tmp_path / "x.sqlite3", settings_file=settings)
        assert app.theme == "textual-dark"


async def test_long_lists_load_a_page_at_a_time(tmp_path):
    from mentor_tui import demo

    path = tmp_path / "long.sqlite3"
    demo.generate(path, checkins=450, today=dt.date(2026, 11, 26))
    app = MentorApp(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one("#table")
        assert "200 of 450 shown · move down for more" in screen_text(app)
        await pilot.press("end")  # the last row loaded: the next page comes
        await settle(pilot)
        assert table.cursor_row == 199
        assert table.row_count == 400
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert table.row_count == 450 and table.cursor_row == 449
        assert "450 of 450 shown" in screen_text(app)
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_dialogs_open_with_the_first_field_focused(store_with_me):
    """Typing right after opening a dialog goes into its first field."""
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await pilot.pause()
        await pilot.press(*"Cleo")
        assert app.screen.query_one("#field-name").value == "Cleo"
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"~/exports")
        assert app.screen.query_one("#paths").value == "~/exports"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#who")


async def test_ctrl_q_asks_before_losing_what_was_typed(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await pilot.pause()
        await pilot.press(*"Cleo", "ctrl+q")
        await pilot.pause()
        assert not app._exit
        assert "press ctrl+q again to discard" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit


async def test_ctrl_s_right_after_typing_saves_everything_typed(store_with_me):
    """No key typed before ctrl+s may be lost, nor land on the screen behind the form."""
    name = "Race Test Person Number 2 With A Fairly Long Name Typed Quickly"
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await pilot.pause()
        from textual.events import Key

        for key in [*name, "ctrl+s"]:  # queued at once, as a fast typist or a paste does
            app.post_message(Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert app.current_mode == "team"
    assert models.Person.get(models.Person.name != "Bo Chen").name == name
