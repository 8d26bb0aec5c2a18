"""Pilot tests of teams in the app: the Team section's filter and grouping, the person form's team
completion and edit, silos in the bus factor panel and the pairing screen."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, OptionList

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people
from mentor_tui.db import models as m
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.pairing import PairingScreen
from mentor_tui.screens.person import PersonScreen
from mentor_tui.screens.pick import PickScreen

from .conftest import FROZEN_TODAY as TODAY
from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)


def rate(who, key, level):
    m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == key), level=level,
                         rated_on=TODAY - dt.timedelta(days=5))


def build(path):
    """Jo and Lu (platform) hold kubernetes: a silo; Mei (data-infra) could learn it; Nia has no team."""
    database.open_database(path)
    jo = people.set_me("Jo Park", "mentor")
    m.Person.update(team="platform").where(m.Person.id == jo.id).execute()
    lu = people.add_person("Lu Wang", "mentee", team="platform")
    mei = people.add_person("Mei Tanaka", "mentee", team="data-infra")
    people.add_person("Nia Obi", "lead")
    rate(jo, "kubernetes", 5)
    rate(lu, "kubernetes", 4)
    rate(mei, "kubernetes", 3)
    database.close_database()
    return path


def matrix_names(app) -> list[str]:
    table = app.screen.query_one("#table")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_team(pilot):
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)


async def test_g_groups_the_rows_under_team_headings_with_no_team_last(db_path):
    app = MentorApp(db_path=build(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        assert matrix_names(app) == ["Jo Park (me)", "Lu Wang", "Mei Tanaka", "Nia Obi"]
        await pilot.press("g")
        await settle(pilot)
        assert matrix_names(app) == ["▾ data-infra (1)", "Mei Tanaka", "▾ platform (2)", "Jo Park (me)", "Lu Wang",
                                     "▾ no team (1)", "Nia Obi"]
        assert "grouped by team" in screen_text(app)
        await pilot.press("home")  # a heading: the line below names the team and its silos
        await settle(pilot)
        assert "data-infra · 1 person" in screen_text(app)
        await pilot.press("down", "down")
        await settle(pilot)
        assert "platform · 2 people · silo: kubernetes" in screen_text(app)
        await pilot.press("enter")  # a heading opens nothing
        await settle(pilot)
        assert not isinstance(app.screen, PersonScreen)
        await pilot.press("down", "enter")  # a person under it opens
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen) and "· team platform" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert matrix_names(app) == ["Jo Park (me)", "Lu Wang", "Mei Tanaka", "Nia Obi"]


async def test_t_shows_one_team_and_then_all_again(db_path):
    app = MentorApp(db_path=build(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        options = app.screen.query_one(OptionList)
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
            "All teams  (4 people)", "data-infra  (1)", "platform  (2)", "no team  (1)"]
        await pilot.press("down", "down", "enter")  # platform
        await settle(pilot)
        assert matrix_names(app) == ["Jo Park (me)", "Lu Wang"]
        text = screen_text(app)
        assert "team platform: 2 people of 4 (t: all teams)" in text
        assert "silo: 2 holders, all in platform" in text  # the bus factors still count everyone
        await pilot.press("t", "down", "enter")  # the list opens on platform: the next one is no team
        await settle(pilot)
        assert matrix_names(app) == ["Nia Obi"]
        await pilot.press("t", "home", "enter")  # all teams
        await settle(pilot)
        assert len(matrix_names(app)) == 4 and "team platform" not in screen_text(app)


async def test_the_bus_factor_panel_and_pairing_name_the_silo_and_the_cross_team_pair(db_path):
    app = MentorApp(db_path=build(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "⚑ kubernetes  silo: 2 holders, all in platform" in screen_text(app)  # the Dashboard, for a mentor
        await open_team(pilot)
        text = screen_text(app)
        assert "⚑ kubernetes" in text and "silo: 2 holders, all in platform" in text
        assert "cross-team: platform → data-infra" in text
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PairingScreen)
        table = app.screen.query_one("#pairing-table")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][:3] == ["kubernetes", "silo", "Jo Park"] and rows[0][3] == "Mei Tanaka"
        assert all(row[5] == "cross-team: platform → data-infra" for row in rows)


async def test_the_add_form_completes_a_team_already_used(db_path):
    app = MentorApp(db_path=build(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), what="the form")
        await settle(pilot)
        await pilot.press(*"Ana Ruiz")
        team = app.screen.query_one("#field-team", Input)
        team.focus()
        await pilot.press("p", "l")
        await settle(pilot)
        await pilot.press("right")  # takes the completion
        assert team.value == "platform"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, FormScreen), what="the save")
        await settle(pilot)
    database.open_database(db_path)
    assert m.Person.get(m.Person.name == "Ana Ruiz").team == "platform"


async def test_e_edits_the_person_and_a_refused_team_keeps_the_form(db_path):
    app = MentorApp(db_path=build(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        await pilot.press("down", "down", "down")  # Nia Obi
        await settle(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), what="the form")
        await settle(pilot)
        assert "Edit Nia Obi" in screen_text(app)
        team = app.screen.query_one("#field-team", Input)
        team.value = "x" * 61
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "expected at most 60 characters, got 61" in screen_text(app)
        team.value = "payments-sre"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, FormScreen), what="the save")
        await settle(pilot)
        assert "Nia Obi · payments-sre" in screen_text(app)
    database.open_database(db_path)
    assert m.Person.get(m.Person.name == "Nia Obi").team == "payments-sre"
