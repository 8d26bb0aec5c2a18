"""The growth view on a small terminal (80x24): the skills it is about show above the records'
list, the rest of them a tab and a scroll away; on 120x40 every skill of the demo shows at once."""

from __future__ import annotations

import pytest

from mentor_tui import dates
from mentor_tui.app import MentorApp
from mentor_tui.screens.person import PersonScreen

from .pilot_helpers import press_settled, screen_cells


def screen_lines(app) -> list[str]:
    """The text on the terminal, a line per row, as the user sees it."""
    rows: dict[int, dict[int, str]] = {}
    for (row, column), (_background, char) in screen_cells(app.export_screenshot()).items():
        if char:
            rows.setdefault(row, {})[column] = char[0]
    return ["".join(rows.get(row, {}).get(c, " ") for c in range(app.size.width)).rstrip()
            for row in range(app.size.height)]


def skills_on_screen(app) -> list[str]:
    """The competencies whose skill line (name, self, mentor, history) is on the terminal."""
    names = [line.name for line in app.screen.data.growth.skills]
    lines = [line.strip() for line in screen_lines(app)]
    return [name for name in names if any(line.startswith(f"{name} ") for line in lines)]


def records_on_screen(app) -> int:
    """How many of the records' rows are on the terminal (top ones first)."""
    lines = screen_lines(app)
    shown = 0
    for record in app.screen.data.growth.records:
        if not any(line.strip().startswith(f"{record.kind} ") and dates.show(record.on) in line for line in lines):
            break
        shown += 1
    return shown


async def test_at_80x24_a_few_skills_show_above_the_records_and_the_rest_scroll_into_view(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "m")
        assert isinstance(app.screen, PersonScreen)
        skills = [line.name for line in app.screen.data.growth.skills]
        assert len(skills) == 8
        assert skills_on_screen(app) == skills[:3]  # they were all below the edge of the upper pane
        assert records_on_screen(app) >= 4
        assert app.focused is app.screen.records  # enter and d act on a record, as before

        await press_settled(pilot, "tab")  # the upper pane has the focus, and scrolls
        assert app.focused is app.screen.query_one("#growth-summary")
        await press_settled(pilot, "pagedown")
        assert skills[-1] in skills_on_screen(app)
        assert records_on_screen(app) >= 4  # the list stays where it was


@pytest.mark.parametrize("size", [(120, 40), (100, 30)])
async def test_a_taller_terminal_shows_more_skills_and_still_a_page_of_records(demo_db, size):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=size) as pilot:
        await press_settled(pilot, "m")
        skills = [line.name for line in app.screen.data.growth.skills]
        shown = skills_on_screen(app)
        if size == (120, 40):
            assert shown == skills  # all eight
        else:
            assert shown == skills[:len(shown)] and len(shown) >= 5
        assert records_on_screen(app) >= 7


async def test_at_80x24_a_rating_dated_in_the_future_says_so_and_keeps_who_rated_it(demo_db):
    import datetime as dt

    from mentor_tui import clock
    from mentor_tui.db import database, people, ratings

    database.open_database(demo_db)
    me = people.me()
    mentor = people.Person.select().where(people.Person.id != me.id).order_by(people.Person.id).first()
    ratings.create_rating(me.id, "kubernetes", 4, clock.today() + dt.timedelta(days=30), rated_by_id=mentor.id)
    database.close_database()
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "m")
        (line,) = [line for line in screen_lines(app) if line.strip().startswith("rating ") and "future" in line]
        # the date says it counts from its day on; the level and who rated it are not cut off
        assert f"{dates.show(clock.today() + dt.timedelta(days=30))} future" in line
        assert line.rstrip().endswith(f"Kubernetes 4 (by {mentor.name})")
        # every record's text still ends in view: cut with "…" where it is too long, never by the edge
        assert records_on_screen(app) >= 5
        for record in app.screen.data.growth.records[:5]:
            cell = str(app.screen.records.get_row(record.key)[2])
            assert any(cell in row for row in screen_lines(app)), cell
