"""widgets/drawn_once.py: Markdown drawn once per width, then repeated, the same as drawn afresh."""

from __future__ import annotations

from rich.console import Console
from rich.markdown import Markdown

from mentor_tui.widgets.drawn_once import DrawnOnce

NOTES = """# Progress

- CPU alerts downgraded, **nights are quiet**
- Search team started on `SLIs`: a long line that wraps at a narrow width, and again

1. first
2. second
"""


def drawn(renderable, width: int) -> str:
    console = Console(width=width, record=True, color_system="truecolor", force_terminal=True)
    console.print(renderable)
    return console.export_text(styles=True)


def test_it_draws_what_the_markdown_draws_at_each_width():
    once = DrawnOnce(Markdown(NOTES))
    for width in (100, 40, 100, 12):
        assert drawn(once, width) == drawn(Markdown(NOTES), width)


def test_it_draws_the_markdown_once_per_width():
    calls = []

    class Counted(Markdown):
        def __rich_console__(self, console, options):
            calls.append(options.max_width)
            yield from super().__rich_console__(console, options)

    once = DrawnOnce(Counted(NOTES))
    for width in (80, 80, 50, 80, 50):
        drawn(once, width)
    assert calls == [80, 50]
