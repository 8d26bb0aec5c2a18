"""Pilot tests of the Program view: P on Team (and the palette), month/quarter, back to Team."""

from __future__ import annotations

from textual.widgets import DataTable, Sparkline

from mentor_tui.app import MentorApp
from mentor_tui.screens.program import ProgramScreen
from mentor_tui.screens.team import TeamScreen

from .pilot_helpers import screen_text, settle, wait_until
from .test_app import palette_highlights

SIZE = (120, 40)


async def open_program(pilot) -> ProgramScreen:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    await pilot.press("P")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ProgramScreen)
    await wait_until(pilot, lambda: screen.health is not None and screen.health.sessions_counted,
                     what="the sessions counted")
    await settle(pilot)
    return screen


def table_rows(screen, selector: str = "#program-table") -> list[list[str]]:
    table = screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_p_on_team_opens_the_program_view_t_switches_esc_goes_back(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_program(pilot)
        text = screen_text(app)
        assert "Program health per month · 2025-12 to 2026-11 (to 2026-11-26)" in text
        assert "What changed since 2025-12-01" in text
        assert "held by one person or nobody 8 → 1" in text
        assert ("Kubernetes now has 2 holders: Jonas Becker and Lucas Moreau "
                "(nobody before).") in text
        assert "Security has a first holder: Sofia Almeida (still a single point of knowledge)." in text
        rows = table_rows(screen)
        assert len(rows) == 12 and rows[0][0] == "2026-11*" and rows[-1][0] == "2025-12"
        # Period, single points, silos, check-ins, actions, sessions, attending, incidents, ladder, kudos, feedback
        assert rows[0] == ["2026-11*", "1", "1", "7 / 10", "6", "9", "3.6", "2", "1", "5", "3.0"]
        assert rows[-1][1] == "8"
        roles = table_rows(screen, "#program-incidents")
        assert roles[0] == ["2026-11*", "0", "0", "1", "0", "1", "0", "1"]  # a primary, a scribe; one new step
        single_points = screen.query_one("#program-trends").query(Sparkline).first()  # the first figure
        assert list(single_points.data or []) == [8.0] * 10 + [1.0, 1.0]

        await pilot.press("t")
        await wait_until(pilot, lambda: screen.health.grain == "quarter" and screen.health.sessions_counted,
                         what="the quarters")
        await settle(pilot)
        assert "Program health per quarter" in screen_text(app)
        quarters = [row[0] for row in table_rows(screen)]
        assert quarters == ["2026 Q4*", "2026 Q3", "2026 Q2", "2026 Q1", "2025 Q4", "2025 Q3", "2025 Q2"]
        assert "What changed since 2025-04-01" in screen_text(app)

        await pilot.press("t")
        await wait_until(pilot, lambda: screen.health.grain == "month" and screen.health.sessions_counted,
                         what="the months again")
        assert len(table_rows(screen)) == 12

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)


async def program_from_palette(pilot, section: str) -> None:
    """In `section` (its key), ctrl+p, "Program health", enter: the Program view."""
    await settle(pilot)
    await pilot.press(section)
    await settle(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"Program health")
    await palette_highlights(pilot, "Program health")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ProgramScreen)


async def test_the_program_view_is_in_the_palette_and_in_help(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await program_from_palette(pilot, "6")
        await pilot.press("question_mark")
        await settle(pilot)
        help_text = screen_text(app)
        assert "Month / quarter" in help_text and "Check-ins due" in help_text


async def test_an_empty_program_shows_zeros_and_no_change(store_with_me):
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_program(pilot)
        text = screen_text(app)
        assert "Nothing recorded yet." in text and "record check-ins (4)" in text
        rows = table_rows(screen)
        assert len(rows) == 12  # nothing started: the last 12 months
        assert rows[0][:4] == ["2026-11*", "8", "0", "0 / 0"]


async def test_the_palette_opens_the_program_view_from_any_section(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await program_from_palette(pilot, "5")  # from the Calendar
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)  # it opens in Team, as P there does
