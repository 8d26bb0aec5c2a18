"""Notes are Markdown, but text in angle brackets (commands: `kubectl logs <pod>`) shows as
typed: before, both renderers took it for HTML and dropped it."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets.markdown import MarkdownBlock

from mentor_tui.app import MentorApp
from mentor_tui.screens.checkin_parts import markdown
from mentor_tui.screens.goal_view import GoalScreen
from mentor_tui.widgets.notes_markdown import NotesMarkdown

from .pilot_helpers import press_settled, settle

COMMAND = "run kubectl logs <pod-name> -c <container> then check <script>x</script>"


def _drawn(renderable) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def test_a_check_in_part_keeps_angle_brackets_and_stays_markdown():
    text = _drawn(NotesMarkdown(f"**Done:** {COMMAND}\n\n- `kubectl get <kind>`\n- a <https://example.com> link"))
    assert "run kubectl logs <pod-name> -c <container> then check <script>x</script>" in text
    assert "Done:" in text and "**" not in text  # still Markdown: bold, a list, code, a link
    assert "• kubectl get <kind>" in text and "https://example.com" in text
    assert "<pod-name>" in _drawn(markdown(COMMAND))  # the timeline's cached parts too


async def test_a_goals_detail_shows_angle_brackets(demo_db):
    from mentor_tui.db import database
    from mentor_tui.db.models import Goal

    database.open_database(demo_db)
    goal = Goal.select().order_by(Goal.id).first()
    Goal.update(detail=COMMAND).where(Goal.id == goal.id).execute()
    database.close_database()
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(GoalScreen(goal.uuid))
        await press_settled(pilot)
        assert isinstance(app.screen, GoalScreen)
        shown = app.screen.query_one("#goal-detail")
        assert shown.source == COMMAND
        text = " ".join(str(block.content) for block in shown.query(MarkdownBlock))
        assert "<pod-name>" in text and "<container>" in text


def test_lines_typed_one_under_another_stay_lines():
    """Next steps are typed a line each (ctrl+t makes each an action item): CommonMark joined them."""
    lines = _drawn(NotesMarkdown("Write the postmortem\nBook secondary week")).splitlines()
    assert [line.strip() for line in lines if line.strip()] == ["Write the postmortem", "Book secondary week"]
