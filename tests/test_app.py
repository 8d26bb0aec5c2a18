"""Pilot tests of the app shell: first start, section keys, help, palette, quit, themes, paging."""

from __future__ import annotations

import datetime as dt

from mentor_tui.app import MentorApp
from mentor_tui.db import database, models
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.help import HelpScreen

from .pilot_helpers import pick_first, screen_text, settle

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
        await settle(pilot)
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
            ("4", "No mentorships yet, so no check-ins yet"),
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
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Go to Dashboard", "Go to Team", "Command palette", "Quit", "New plan", "ctrl+s"):
            assert words in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        assert app.current_mode == "plans"


async def palette_highlights(pilot, text: str, rounds: int = 100) -> None:
    """Wait until the command palette's search has run and highlights a command saying `text`."""
    from textual.widgets import OptionList

    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()  # the palette searches in a worker
        await settle(pilot)
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
            await settle(pilot)
            await pilot.press(*query)
            await palette_highlights(pilot, query)
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_mode == mode


async def test_q_quits(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert app.return_code is not None  # exited


async def test_ctrl_q_quits_even_from_a_form(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.return_code is not None  # exited


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
        await settle(pilot)
        assert app.return_code is not None  # exited


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
        for key, expected in [("2", "K8s [/] [b]track"), ("6", "Ana [WIP] Ruiz"), ("4", "Bo [/] Chen → Ana [WIP] Ruiz")]:
            await pilot.press(key)
            await settle(pilot)
            assert expected in screen_text(app)
        await pilot.press("2", "n")
        await settle(pilot)
        await pilot.press("enter")  # the template picker: an empty plan
        await settle(pilot)
        await pick_first(pilot, "owner")
        app.screen.query_one("#field-title").focus()
        await pilot.press(*"Second [/] plan")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Second [/] plan" in screen_text(app)
        assert app.is_running


async def test_first_start_after_an_import_lets_me_pick_myself(tmp_path):
    from textual.widgets import Select

    from mentor_tui.db import people

    path = tmp_path / "imported.sqlite3"
    database.open_database(path)
    people.add_person("Ana Ruiz", "mentee")
    bo = people.add_person("Bo Chen", "mentor")
    database.close_database()
    app = MentorApp(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # neither picked nor typed
        await settle(pilot)
        assert "type your name, or pick yourself" in screen_text(app)
        picker = app.screen.query_one("#field-existing", Select)
        picker.value = bo.id
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
        await settle(pilot)
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
    demo.generate(path, plans=450, today=dt.date(2026, 11, 26))
    app = MentorApp(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("A")  # every status: the list shows active plans first by default
        await settle(pilot)
        table = app.screen.query_one("#table")
        # the first page is two screenfuls, so opening the section renders and measures only those
        assert "80 of 450 shown · move down for more" in screen_text(app)
        await pilot.press("pagedown")
        await settle(pilot)
        assert table.row_count == 80  # more than a screenful still ahead of the cursor
        await pilot.press("pagedown")  # a screenful from the end: the next page comes before it is needed
        await settle(pilot)
        assert table.cursor_row < 80 and table.row_count == 180
        assert "180 of 450 shown · move down for more" in screen_text(app)
        await pilot.press("home")
        await pilot.press("end")  # the last row loaded
        await settle(pilot)
        assert table.cursor_row == 179
        assert table.row_count == 280
        for _ in range(3):
            await pilot.press("end")
            await settle(pilot)
        assert table.row_count == 450 and table.cursor_row == 449
        assert "450 of 450 shown" in screen_text(app)
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_the_palette_offers_only_commands_that_belong_here(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
    assert {"Export…", "Import…", "Help: keys", "Go to Plans"} <= titles
    assert not titles & {"Keys", "Maximize", "Screenshot"}


async def test_the_screen_is_painted_again_once_a_toast_has_gone(store_with_me, monkeypatch):
    """A toast that leaves a screen drawing nothing new (the Dashboard after an export) stayed
    painted until the next key: once it has gone, the screen is asked to paint itself again."""
    from textual.screen import Screen

    from .pilot_helpers import wait_until

    painted: list[Screen] = []  # whole-screen repaints
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        screen = app.screen
        app.notify("Exported to /tmp/x.toml (no private notes).", title="Export", timeout=0.3)
        await wait_until(pilot, lambda: screen.query("Toast"), what="the toast")
        refresh = type(screen).refresh

        def spied(self, *regions, **how):
            if self is screen and not regions and not how.get("layout"):  # the whole screen, painted
                painted.append(self)
            return refresh(self, *regions, **how)

        monkeypatch.setattr(type(screen), "refresh", spied)
        await wait_until(pilot, lambda: not screen.query("Toast") and painted, what="the screen painted again")


async def test_a_toasts_repaint_that_comes_as_the_app_quits_does_nothing(store_with_me):
    """The repaint after a toast is a timer: one that fired while the app was closing its
    screens raised ScreenStackError (seen once in a full run, at a test's end)."""
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app._paint_after_toast()  # a screen is up: painted
    assert not app.screen_stack  # closed: no screen left to paint
    app._paint_after_toast()


async def test_a_dialog_opened_on_top_is_not_covered_by_a_toast_said_before(store_with_me):
    from .pilot_helpers import wait_until

    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Ana Ruiz deleted.", timeout=30)
        await wait_until(pilot, lambda: app.screen.query("Toast"), what="the toast")
        await pilot.press("question_mark")  # a dialog on top (the help)
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await settle(pilot)
        assert not app.screen.query("Toast")
        await pilot.press("escape")
        await settle(pilot)
        assert not app.screen.query("Toast")  # gone for good, not back once the dialog closes
