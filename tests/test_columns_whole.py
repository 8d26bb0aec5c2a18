"""Tables shown with every column whole at 80 and 120 columns: a column is in view entirely, or
not at all (or its cut is marked "…"), never half a header with its cells' last characters lost.

The Team section's skill matrix scrolled right, a plan grouped by competency (its Lab steps
column), and the pairing suggestions (whose last column says whether the two already pair)."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import database, goals, mentorships, people
from mentor_tui.db import models as m
from mentor_tui.screens.pairing import PairingScreen
from mentor_tui.screens.plan_view import PlanScreen

from .conftest import FROZEN_TODAY as TODAY
from .pilot_helpers import press_settled, screen_cells, wait_until


def screen_lines(app) -> list[str]:
    """The screen as it is drawn, a string per line."""
    cells = screen_cells(app.export_screenshot())
    rows = max(row for row, _column in cells) + 1
    columns = max(column for _row, column in cells) + 1
    return ["".join((cells.get((row, column), ("", " "))[1] or " ")[0] for column in range(columns)).rstrip()
            for row in range(rows)]


def header_line(app, first: str) -> str:
    return next(line for line in screen_lines(app) if line.strip().startswith(first))


def labels(table) -> list[str]:
    return [str(column.label) for column in table.ordered_columns]


def columns_fit(table) -> bool:
    """Every column of `table` is in its width, without scrolling."""
    return sum(column.get_render_width(table) for column in table.ordered_columns) \
        <= table.scrollable_content_region.width


async def test_the_skill_matrix_scrolled_right_shows_whole_columns_only(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "6")
        table = app.screen.query_one("#table")
        skills = labels(table)[table.fixed_columns:]
        table.focus()
        seen: list[str] = []
        for _step in range(len(skills) + 1):  # one more than there are: the last one stays put
            shown = header_line(app, "Person").split()[2:]  # what follows Person and Role
            assert all(word in skills or word == "…" for word in shown), shown  # no skill cut mid-word
            assert shown[0] in skills  # the first after the person is whole too
            seen += shown
            await press_settled(pilot, "right")
        assert set(skills) <= set(seen)  # every skill came into view, the last one as well
        assert "…" not in shown and shown[-1] == skills[-1]
        hint = next(line for line in screen_lines(app) if "more skills:" in line)
        assert " left" in hint and " right" not in hint


def with_more_goals(path, count: int):
    """`path` (the demo) with `count` more goals in the first plan listed (Amara's onboarding): a plan
    long enough that the table and the page around it both scroll."""
    database.open_database(path)
    plan = m.Plan.select().join(m.Person, on=(m.Plan.owner == m.Person.id)).where(
        m.Person.name == "Amara Okafor").get()
    for number in range(count):
        goals.add_goal(plan.id, f"Another goal with a title long enough to be cut, number {number}", "kubernetes")
    database.close_database()
    return path


@pytest.mark.parametrize(("size", "more"), [((80, 24), 0), ((120, 40), 0), ((80, 24), 30), ((120, 40), 40)])
async def test_a_plan_grouped_by_competency_shows_its_lab_steps_whole(demo_db, size, more):
    app = MentorApp(db_path=with_more_goals(demo_db, more))
    async with app.run_test(size=size) as pilot:
        await press_settled(pilot, "2", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen) and app.screen.table.row_count > 0,
                         what="the plan's goals")
        await press_settled(pilot, "tab")
        table = app.screen.table
        assert labels(table)[0] == "Competency"
        assert columns_fit(table)
        header = header_line(app, "Competency")
        assert all(label in header for label in labels(table)), header
        assert any("✔ 4/4" in line for line in screen_lines(app))  # a lab steps cell, whole


def build_reversed_pair(path):
    """Sofia alone holds security; Lucas (level 2) could learn it, and already mentors Sofia: the
    mentorship joins the two the other way round from the suggestion (Sofia mentoring Lucas)."""
    database.open_database(path)
    people.set_me("Bo Chen", "mentor")
    sofia = people.add_person("Sofia Almeida", "mentor")
    lucas = people.add_person("Lucas Moreau", "mentor")
    competency = m.Competency.get(m.Competency.key == "security")
    m.SkillRating.create(person=sofia, competency=competency, level=5, rated_on=TODAY - dt.timedelta(days=30))
    m.SkillRating.create(person=lucas, competency=competency, level=2, rated_on=TODAY - dt.timedelta(days=30))
    mentorships.create_mentorship(lucas.id, sofia.id, TODAY - dt.timedelta(days=60))
    database.close_database()
    return path


async def test_pairing_says_the_two_already_pair_whichever_way_the_mentorship_runs(db_path):
    app = MentorApp(db_path=build_reversed_pair(db_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await press_settled(pilot, "6", "p")
        assert isinstance(app.screen, PairingScreen)
        table = app.screen.query_one("#pairing-table")
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[2:4] == ["Sofia Almeida", "Lucas Moreau"]  # Sofia would mentor Lucas ...
        assert labels(table)[-1] == "Paired" and row[-1] == "already"  # ... and they pair already (he mentors her)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_pairing_shows_every_column_whole(demo_db, size):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=size) as pilot:
        await press_settled(pilot, "6", "p")
        assert isinstance(app.screen, PairingScreen)
        table = app.screen.query_one("#pairing-table")
        assert table.row_count > 0 and columns_fit(table)
        header = header_line(app, "Competency")
        assert all(label in header for label in labels(table)), header
        cells = {str(table.get_row_at(i)[-1]) for i in range(table.row_count)}
        assert cells == {"already", "—"}  # the demo has pairs of both kinds
