"""Pilot tests of the Team section (matrix, bus factor, what-if, pairing, feedback) and the Dashboard's
growth panel."""

from __future__ import annotations

import datetime as dt

from mentor_tui.app import MentorApp
from mentor_tui.db import database, mentorships, people
from mentor_tui.db import models as m
from mentor_tui.screens.pairing import PairingScreen
from mentor_tui.screens.person import PersonScreen
from mentor_tui.screens.what_if import WhatIfDialog

from .conftest import FROZEN_TODAY as TODAY
from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)


def rate(who, key, level, days_ago, by=None):
    m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == key), level=level,
                         rated_on=TODAY - dt.timedelta(days=days_ago), rated_by=by)


def build_team(path):
    """Bo (me, mentor) holds cloud with Ana; Sofia alone holds security; Mei (3) and Lucas (2) could learn it."""
    database.open_database(path)
    bo = people.set_me("Bo Chen", "mentor")
    sofia = people.add_person("Sofia Almeida", "mentor")
    mei = people.add_person("Mei Tanaka", "mentee")
    lucas = people.add_person("Lucas Moreau", "mentee")
    ana = people.add_person("Ana Ruiz", "lead")
    rate(sofia, "security", 5, 30)
    rate(mei, "security", 3, 30, by=bo)
    rate(lucas, "security", 2, 30)
    rate(bo, "cloud", 4, 20)
    rate(ana, "cloud", 5, 20)
    rate(ana, "kubernetes", 5, 800)  # stale: shown, not counted
    mentorships.create_mentorship(sofia.id, lucas.id, TODAY - dt.timedelta(days=60))
    m.Feedback.create(given_on=TODAY - dt.timedelta(days=3), rating=4, text="Pairing sessions help a lot")
    m.Feedback.create(given_on=TODAY - dt.timedelta(days=40), rating=2, text="Too many meetings", person=mei)
    database.close_database()
    return path


async def open_team(pilot):
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)


async def test_team_shows_the_matrix_bus_factor_and_feedback(db_path):
    app = MentorApp(db_path=build_team(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        text = screen_text(app)
        rows = {line.split(" | ")[0]: line.split(" | ")[2:] for line in text.splitlines() if " | " in line}
        security = 6  # the sixth built-in competency
        assert rows["Sofia Almeida"][security - 1] == "5 █"
        assert rows["Mei Tanaka"][security - 1] == "3 ▄"
        assert rows["Bo Chen (me)"][security - 1] == "·"
        assert "5~" in text  # Ana's kubernetes rating is 800 days old
        assert "single point of knowledge: Sofia Almeida" in text
        assert "pair: Sofia Almeida → Mei Tanaka (level 3)" in text  # no mentorship yet: before Lucas
        assert "Bo Chen, Ana Ruiz" in text or "Ana Ruiz, Bo Chen" in text  # cloud: two holders
        assert "⚠ kubernetes" in text and "nobody" in text  # the stale 5 does not count
        assert "Program feedback" in text and "Pairing sessions help a lot" in text
        assert "anonymous" in text and "Mei Tanaka" in text
        assert "window: 12 months" in text

        await pilot.press("enter")  # enter still opens the person
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)


async def test_with_nobody_rated_every_competency_says_nobody(store_with_me):
    database.close_database()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        text = screen_text(app)
        assert "single point of knowledge" not in text
        assert text.count("0  nobody") == 8
        assert "nobody to pair from" not in text  # one note instead of eight
        assert "Nobody is rated yet" in text


async def test_the_window_comes_from_the_settings_file(db_path, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text("bus_factor_months = 36\n", encoding="utf-8")
    app = MentorApp(db_path=build_team(db_path), settings_file=settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        text = screen_text(app)
        assert "window: 36 months" in text
        assert "single point of knowledge: Ana Ruiz" in text  # her 800-day-old kubernetes 5 counts now
        assert "5~" not in text


async def test_at_80_columns_the_person_stays_and_a_hint_names_the_hidden_skills(db_path):
    app = MentorApp(db_path=build_team(db_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_team(pilot)
        legend = str(app.screen.query_one("#matrix-legend").render())
        assert "more skills:" in legend and "right" in legend
        table = app.screen.query_one("#table")
        assert table.fixed_columns == 2  # name and role
        await pilot.press("end")  # the table has focus; scroll all the way right
        for _ in range(12):
            await pilot.press("right")
        await settle(pilot)
        legend = str(app.screen.query_one("#matrix-legend").render())
        assert "left" in legend
        await pilot.press("home")
        for _ in range(12):
            await pilot.press("left")
        await settle(pilot)
        left, right = table.hidden_columns()
        assert table.scroll_x == 0 and left == 0 and right > 1
        await pilot.press("right")  # one whole skill column out of view, not one character
        await settle(pilot)
        assert table.hidden_columns()[0] == 1
        assert table.scroll_x == table.ordered_columns[2].get_render_width(table)  # the first skill's width
        assert "more skills: 1 left" in str(app.screen.query_one("#matrix-legend").render())


async def test_what_if_shows_what_would_drop_for_the_person_picked(db_path):
    app = MentorApp(db_path=build_team(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        # rows by name: Ana Ruiz, Bo Chen, Lucas Moreau, Mei Tanaka, Sofia Almeida
        for _ in range(4):
            await pilot.press("down")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WhatIfDialog)
        result = str(app.screen.query_one("#what-if-result").render())
        assert "Without Sofia Almeida" in result
        assert "security" in result and "1 → 0" in result and "nobody" in result
        await pilot.press("up", "up", "up")  # Bo Chen
        await settle(pilot)
        result = str(app.screen.query_one("#what-if-result").render())
        assert "Without Bo Chen" in result
        assert "cloud" in result and "single point of knowledge: Ana Ruiz" in result
        await pilot.press("up")  # Ana Ruiz holds cloud too; kubernetes (stale) is not hers to lose
        await settle(pilot)
        result = str(app.screen.query_one("#what-if-result").render())
        assert "Without Ana Ruiz" in result and "kubernetes" not in result
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.sub_title == "6 Team"


async def test_p_lists_pairing_suggestions_and_c_creates_the_mentorship(db_path):
    app = MentorApp(db_path=build_team(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PairingScreen)
        text = screen_text(app)
        first, second = [line for line in text.splitlines() if line.startswith("security")][:2]
        assert "Sofia Almeida" in first and "Mei Tanaka" in first and "—" in first
        assert "Lucas Moreau" in second and "already" in second
        assert "kubernetes: nobody: nobody to pair from" in text.replace("⚠ ", "")
        await pilot.press("c")
        await settle(pilot)
        await wait_until(pilot, lambda: "now mentors" in screen_text(app) or not app.screen.creating,
                         what="the mentorship to be saved")
        await settle(pilot)
        rows = [line for line in screen_text(app).splitlines() if line.startswith("security")]
        assert all("already" in line for line in rows)
    database.open_database(db_path)
    ship = m.Mentorship.select().join(m.Person, on=(m.Mentorship.mentee == m.Person.id)).where(
        m.Person.name == "Mei Tanaka").get()
    assert ship.mentor.name == "Sofia Almeida" and ship.started_on == TODAY
    assert "Security" in ship.focus and ship.ended_on is None


async def test_the_dashboard_shows_my_growth_and_the_flagged_skills(db_path):
    build_team(db_path)
    database.open_database(db_path)
    bo = people.me()
    rate(bo, "cloud", 3, 100)  # before this quarter (it began 2026-10-01) ...
    m.Incident.create(person=bo, occurred_on=TODAY - dt.timedelta(days=9), role="primary", title="Checkout down")
    m.Ownership.create(person=bo, kind="slo", name="Checkout availability", since=TODAY - dt.timedelta(days=30))
    m.Kudos.create(giver=people.find("Mei Tanaka"), receiver=bo, given_on=TODAY - dt.timedelta(days=2),
                   text="Great pairing on the outage")
    database.close_database()
    app = MentorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#growth").render())
        assert "Cloud 3→4" in text  # ... and rated 4 twenty days ago (by its name, as the growth view says)
        assert "[primary]" in text
        assert "Checkout availability (slo)" in text
        assert "Great pairing on the outage" in text and "from Mei Tanaka" in text
        assert "Team's flagged skills" in text
        assert "⚠ security  single point of knowledge: Sofia Almeida" in text
        assert "cloud  " not in text.split("Team's flagged skills")[1]  # two holders: not flagged

        # A second holder of security, and the Dashboard no longer flags it.
        database.open_database(db_path)
        rate(people.find("Mei Tanaka"), "security", 4, 1, by=bo)
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        text = str(app.screen.query_one("#growth").render())
        assert "security" not in text.split("Team's flagged skills")[1]


async def test_a_mentee_sees_her_growth_but_not_the_team_part(db_path):
    database.open_database(db_path)
    people.set_me("Mei Tanaka", "mentee")
    database.close_database()
    app = MentorApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#growth").render())
        assert "My growth" in text and "not on call yet" in text
        assert "flagged" not in text


async def test_help_on_team_lists_its_keys_and_how_the_bus_factor_counts(db_path):
    from mentor_tui.screens.help import HelpScreen

    app = MentorApp(db_path=build_team(db_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_team(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(screen_text(app).split())  # a description may wrap onto a second line
        for line in ("What if…", "Pairing", "how it counts", "latest mentor rating", "bus_factor_months"):
            assert line in text, line


async def test_the_levels_legend_wraps_between_its_entries_at_80_columns(demo_db):
    from textual.geometry import Region

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        legend = app.screen.query_one("#matrix-legend")
        shown = legend.render_lines(Region(0, 0, legend.size.width, legend.size.height))
        lines = [strip.text.replace("\u00a0", " ") for strip in shown]
        assert len([line for line in lines if line.strip()]) > 1  # it does not fit on one line here
        for entry in ("0 none", "1 aware", "2 learning", "3 practitioner", "4 proficient", "5 expert",
                      "never rated", "~ stale"):
            assert any(entry in line for line in lines), f"{entry!r} is cut: {lines}"
