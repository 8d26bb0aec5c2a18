"""Snapshot tests of the Program view (Team's P) on the demo team, frozen at 2026-11-26:
per month at 120 and 80 columns, per quarter, and the per-period tables scrolled into view."""

from __future__ import annotations

from mentor_tui.app import MentorApp

from .pilot_helpers import settle, wait_until


def program(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in ("6", "P", *keys):
            await pilot.press(key)
            await settle(pilot)
            screen = pilot.app.screen
            if hasattr(screen, "health"):
                await wait_until(pilot, lambda s=screen: s.health is not None and s.health.sessions_counted,
                                 what="the sessions counted")
                await settle(pilot)

    return run_before


def test_program_view_per_month(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=program())


def test_program_view_per_quarter(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=program("t"))


def test_program_view_tables(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(120, 40), run_before=program("end"))


def test_program_view_at_80_columns(snap_compare, demo_db):
    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=(80, 24), run_before=program())
