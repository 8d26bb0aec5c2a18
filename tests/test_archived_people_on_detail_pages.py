"""The detail pages mark someone archived (they left the program) "(archived)" where they name
them, as the lists do: a lab's owner, a goal's owner, a session's attendees and the people of its
incidents (on the page and in its l dialog). At 80 columns the heads keep one line a field."""

from __future__ import annotations

from textual.widgets import SelectionList, Static

from mentor_tui.app import MentorApp
from mentor_tui.screens.goal_view import GoalScreen
from mentor_tui.screens.lab import LabScreen
from mentor_tui.screens.pick_list import PickListDialog
from mentor_tui.screens.session_view import SessionScreen

from .pilot_helpers import press_settled, screen_text, settle, wait_until, with_archived

SIZE = (80, 24)


def _demo_with_two_gone(demo_db):
    """Amara (her onboarding plan, two labs, two incidents) and Mei left the program."""
    return with_archived(demo_db, "Amara Okafor", "Mei Tanaka")


def _head_lines(app, selector: str) -> list[str]:
    """The lines of a page's head, after checking that none wrapped at the terminal's width."""
    head = app.screen.query_one(selector, Static)
    lines = str(head.render()).splitlines()
    assert head.content_size.height == len(lines), f"a line of the head wrapped: {lines}"
    return lines


async def test_the_lab_page_marks_an_archived_owner(demo_db):
    app = MentorApp(db_path=_demo_with_two_gone(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await press_settled(pilot, "3")
        assert app.screen.highlighted().owner == "Amara Okafor (archived)"  # the first lab: hers
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, LabScreen)
        lines = _head_lines(app, "#lab-head")
        assert lines[1:3] == ["Plan   Onboarding — first 90 days", "Owner  Amara Okafor (archived)"]


async def test_the_goal_view_marks_an_archived_owner(demo_db):
    app = MentorApp(db_path=_demo_with_two_gone(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await press_settled(pilot, "2")
        rows = [row.record for row in app.screen.table.table_rows]
        app.screen.table.move_cursor(row=[(p.title, p.owner_archived) for p in rows].index(
            ("Onboarding — first 90 days", True)))
        await press_settled(pilot, "enter", "enter")  # the plan, its first goal
        assert isinstance(app.screen, GoalScreen)
        lines = _head_lines(app, "#goal-head")
        assert lines[1].startswith("Plan     Onboarding — first 90 days (2026-")
        assert lines[2] == "Owner    Amara Okafor (archived)"
        await press_settled(pilot, "e")  # its edit form names the owner without brackets in brackets
        assert "Edit goal of “Onboarding — first 90 days” · Amara Okafor (archived)" in screen_text(app)


async def test_the_session_page_marks_archived_attendees_and_the_people_of_its_incidents(demo_db):
    app = MentorApp(db_path=_demo_with_two_gone(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await press_settled(pilot, "5", "p")  # the past occurrences, latest first
        rows = [row.record for row in app.screen.table.table_rows]
        review = next(i for i, e in enumerate(rows) if e.title.startswith("Incident review") and not e.cancelled)
        app.screen.table.move_cursor(row=review)
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        text = screen_text(app)
        assert ("Attended  5: Amara Okafor (archived), Jonas Becker, Lucas Moreau, Mei Tanaka (archived), "
                "Sofia Almeida") in text
        # whose before the title, as the l dialog has them (no parentheses in parentheses at the end)
        assert " SEV3 Amara Okafor (archived): Slow image pulls after registry mirror failover\n" in text
        assert " SEV1 Mei Tanaka (archived): Checkout outage: expired TLS certificate on the ingress\n" in text
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, PickListDialog), what="the incidents dialog")
        await settle(pilot)
        picks = app.screen.query_one(SelectionList)
        options = [picks.get_option_at_index(i) for i in range(picks.option_count)]
        ticked = [str(o.prompt).split(" ", 1)[1] for o in options if o.value in picks.selected]  # (no date)
        assert sorted(ticked) == [
            "SEV1 Mei Tanaka (archived): Checkout outage: expired TLS certificate on the ingress",
            "SEV2 Amara Okafor (archived): Payments API 5xx after a bad config rollout",
            "SEV3 Amara Okafor (archived): Slow image pulls after registry mirror failover",
        ]
