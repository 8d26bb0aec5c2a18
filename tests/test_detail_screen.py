"""Pilot tests of the pattern for the screens to come: detail screens, rows, saving off the UI thread.

A locked database is another connection holding the write lock (`BEGIN
IMMEDIATE` on the same file); conftest shortens the busy timeout to 250 ms.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import database, models, people
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.help import HelpScreen
from mentor_tui.screens.person import PersonScreen
from mentor_tui.screens.store_work import WAITING

from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)


@pytest.fixture
def team(store_with_me):
    """Bo Chen (me, mentor) mentors Ana Ruiz, who has a plan."""
    from mentor_tui.db import plans

    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee", "ana@example.com")
    models.Mentorship.create(mentor=me, mentee=ana, started_on=dt.date(2026, 9, 1), focus="Kubernetes")
    plans.create_plan(ana, "Kubernetes track", "skill", dt.date(2026, 10, 1), dt.date(2027, 3, 1))
    return store_with_me


class WriteLock:
    """Another program writing: holds the database's write lock until released."""

    def __init__(self, path) -> None:
        self.con = sqlite3.connect(path, isolation_level=None)
        self.con.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.con.execute("ROLLBACK")
        self.con.close()


def _names(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM person ORDER BY name")]
    finally:
        con.close()


async def _open_team(pilot) -> None:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)


async def _typed_add_person_form(pilot, name: str) -> FormScreen:
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    form.query_one("#field-name").focus()
    await pilot.press(*name)
    return form


# ---------------------------------------------------------------- the person screen


async def test_enter_on_a_person_in_team_opens_them_and_esc_goes_back(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        team_screen = app.screen
        assert team_screen.highlighted().person.name == "Ana Ruiz"
        assert "⏎ Open person" in str(team_screen.query_one("KeyBar").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        text = screen_text(app)
        for words in ("Ana Ruiz", "ana@example.com", "Mentored by Bo Chen", "since 2026-09-01",
                      "Kubernetes track", "skill · active", "0/0 · 2026-10-01 → 2027-03-01"):
            assert words in text
        assert app.screen.sub_title == "6 Team › Ana Ruiz"
        assert "esc Back  r Reload" in str(app.screen.query_one("KeyBar").render())

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is team_screen
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "Bo Chen (me)" in screen_text(app)
        assert "Mentors Ana Ruiz" in screen_text(app)


async def test_enter_right_after_arrow_keys_opens_the_row_they_moved_to(team):
    """Keys queued at once (a fast typist, a paste): enter must not overtake the arrows."""
    from textual.events import Key

    people.add_person("Cleo Park", "mentee")
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        for key in ("down", "down", "enter"):
            app.post_message(Key(key, None))
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.sub_title == "6 Team › Cleo Park"


async def test_a_second_click_on_a_row_opens_it(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        await pilot.click("#table", offset=(2, 2))  # the second row: the cursor moves there
        await settle(pilot)
        assert app.screen.highlighted().person.name == "Bo Chen"
        await pilot.click("#table", offset=(2, 2))
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.sub_title == "6 Team › Bo Chen"


async def test_r_reloads_the_person_and_a_deleted_one_says_so(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        await pilot.press("enter")
        await settle(pilot)
        models.Person.update(email="ana.ruiz@example.com").where(models.Person.name == "Ana Ruiz").execute()
        assert "ana.ruiz@example.com" not in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        assert "ana.ruiz@example.com" in screen_text(app)

        database.close_database()  # the next load fails: said on screen, what is shown stays
        await pilot.press("r")
        await settle(pilot)
        assert "Could not read the database: the database is not open. Press r to try again." in screen_text(app)
        assert "ana.ruiz@example.com" in screen_text(app)
        database.open_database(team)
        await pilot.press("r")
        await settle(pilot)
        assert "Could not read" not in screen_text(app)

        models.Person.delete().where(models.Person.name == "Ana Ruiz").execute()
        await pilot.press("r")
        await settle(pilot)
        assert "This person is not here anymore" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "team"
        assert "Ana Ruiz" not in screen_text(app)


async def test_the_person_screen_keys_are_in_help_and_the_palette(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Open person" in titles
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Open person" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        open_person = next(c for c in app.get_system_commands(app.screen) if c.title == "Open person")
        await open_person.callback()  # what the palette runs
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Back", "Reload"} <= set(titles)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "6 Team › Ana Ruiz" in text
        assert "esc  Back" in text and "r  Reload" in text


# ---------------------------------------------------------------- the row contract


async def test_highlighted_returns_the_record_of_the_row_on_team(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        table = app.screen.table
        assert [row.key for row in table.table_rows] == [p.uuid for p in people.roster()]
        assert app.screen.highlighted().person.name == "Ana Ruiz"
        await pilot.press("down")
        assert app.screen.highlighted().person.name == "Bo Chen"
        # a reload keeps the cursor on the same person, though a row came in above
        people.add_person("Aaron Abe", "mentee")
        app.screen.reload()
        await settle(pilot)
        assert app.screen.highlighted().person.name == "Bo Chen"
        # a person added in the form gets the cursor
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#field-name").focus()
        await pilot.press(*"Abby Abe", "ctrl+s")
        await settle(pilot)
        assert app.screen.highlighted().person.name == "Abby Abe"


async def test_highlighted_returns_the_record_on_the_other_sections(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        plan = app.screen.highlighted()
        assert (plan.title, plan.owner) == ("Kubernetes track", "Ana Ruiz")
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.highlighted() is None  # no labs: nothing under the cursor


# ---------------------------------------------------------------- saving off the UI thread


async def test_a_save_against_a_locked_database_keeps_the_form_and_what_was_typed(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        form = await _typed_add_person_form(pilot, "Cleo Park")
        lock = WriteLock(store_with_me)
        try:
            await pilot.press("ctrl+s")
            await settle(pilot)  # the save waits the busy timeout, then fails
            assert app.screen is form
            assert form.query_one("#field-name").value == "Cleo Park"
            assert ("Could not save: the database is locked by another program; your text is kept — try again"
                    in screen_text(app))
            assert not form.saving
        finally:
            lock.release()
        assert "Cleo Park" not in _names(store_with_me)

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        assert "Cleo Park | mentee" in screen_text(app)
    assert _names(store_with_me) == ["Bo Chen", "Cleo Park"]


async def test_a_save_waits_for_the_lock_says_so_and_ignores_a_second_ctrl_s(store_with_me):
    previous = database.busy_timeout()
    database.set_busy_timeout(10_000)  # connections made by this app wait long enough
    try:
        app = MentorApp(db_path=store_with_me)
        async with app.run_test(size=SIZE) as pilot:
            await _open_team(pilot)
            form = await _typed_add_person_form(pilot, "Cleo Park")
            lock = WriteLock(store_with_me)
            try:
                await pilot.press("ctrl+s")
                assert form.saving
                assert "Saving…" in screen_text(app)
                await wait_until(pilot, lambda: WAITING in screen_text(app), what="the waiting notice")
                await pilot.press("ctrl+s")  # ignored: the save under way answers first
                assert app.screen is form
            finally:
                lock.release()
            await settle(pilot)
            assert app.screen is not form
            assert "Cleo Park | mentee" in screen_text(app)
    finally:
        database.set_busy_timeout(previous)
    assert _names(store_with_me) == ["Bo Chen", "Cleo Park"]  # saved once


async def test_a_rule_broken_is_still_shown_in_the_form(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        form = await _typed_add_person_form(pilot, "bo chen")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "Not saved: Bo Chen is already here" in screen_text(app)


async def test_an_email_someone_has_is_refused_in_the_form(store_with_me):
    people.add_person("Ana Ruiz", "mentee", "ana@example.com")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        form = await _typed_add_person_form(pilot, "Ana Ruiz B")
        form.query_one("#field-email").value = " ANA@example.com"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "Not saved: Ana Ruiz already has the email ANA@example.com" in " ".join(screen_text(app).split())
    assert _names(store_with_me) == ["Ana Ruiz", "Bo Chen"]


async def test_choice_lists_are_read_in_a_worker_not_on_the_ui_thread(team, monkeypatch):
    seen: list[int] = []
    real_roster = people.roster

    def roster(*args, **kwargs):
        seen.append(threading.get_ident())
        return real_roster(*args, **kwargs)

    monkeypatch.setattr(people, "roster", roster)
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for section in ("2", "5", "6"):
            await pilot.press(section, "n" if section != "6" else "m")
            await settle(pilot)
            if section == "2":
                await pilot.press("enter")  # the template picker: an empty plan
                await settle(pilot)
            assert isinstance(app.screen, FormScreen)
            await pilot.press("escape")
            await settle(pilot)
    assert len(seen) == 3
    assert threading.get_ident() not in seen


async def test_a_detail_screen_save_reports_a_locked_database_and_saves_after(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_team(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        outcome: list = []
        lock = WriteLock(team)
        try:
            screen.save(lambda: people.add_person("Dee Lee", "mentee"), outcome.append, outcome.append)
            await settle(pilot)
        finally:
            lock.release()
        assert outcome and outcome[0].startswith("Could not save: the database is locked")
        assert "Could not save" in screen_text(app)
        screen.save(lambda: people.add_person("Dee Lee", "mentee"), outcome.append, outcome.append)
        await settle(pilot)
        assert outcome[1].name == "Dee Lee"
        assert "Saved." in screen_text(app)
    assert "Dee Lee" in _names(team)
