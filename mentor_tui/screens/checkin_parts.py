"""How a check-in's parts read on screen, shared by the timeline and the check-in view.

Progress, blockers and next steps are Markdown, rendered in full. Everything
typed by a user is text, never Rich markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from rich.console import Group, RenderableType
from rich.text import Text

from mentor_tui import dates
from mentor_tui.db.actions import ActionLine
from mentor_tui.db.blockers import BlockerAge
from mentor_tui.widgets.drawn_once import DrawnOnce
from mentor_tui.widgets.notes_markdown import NotesMarkdown
from mentor_tui.words import plural

PRIVATE_TITLE = "private — never exported unless you ask"


def confidence_dots(confidence: int | None) -> str:
    return "●" * confidence + "○" * (5 - confidence) if confidence else "—"


def blocker_age(age: BlockerAge) -> str:
    if age.checkins == 1:
        return "new at this check-in"
    text = f"open since {dates.show(age.since)}: {age.checkins} check-ins in a row, {plural(age.days, 'day')}"
    return ("⚠ " + text) if age.flagged else text


def due_text(due_on: dt.date | None, today: dt.date) -> Text:
    if due_on is None:
        return Text("")
    if due_on < today:
        return Text(f"{dates.show(due_on)} · {plural((today - due_on).days, 'day')} overdue", style="bold red")
    if due_on == today:
        return Text(f"{dates.show(due_on)} · due today", style="bold yellow")
    return Text(dates.show(due_on))


def due_short(due_on: dt.date | None, today: dt.date) -> Text:
    """`due_text` for a list's narrow column: how overdue, or the date when not due yet."""
    if due_on is None or due_on > today:
        return due_text(due_on, today)
    if due_on == today:
        return Text("due today", style="bold yellow")
    return Text(f"{plural((today - due_on).days, 'day')} overdue", style="bold red")


MIN_TEXT = 20  # cells of an action item's text kept however narrow the line


def action_line(item: ActionLine, today: dt.date, with_origin: bool = False, box: bool = True,
                width: int | None = None) -> Text:
    """An action item on one line: its text, then owner, due (or done) date, where it came from.
    Within `width` cells the text is cut, never what follows it (a line cut at the edge lost its date);
    where the text would keep too little, the check-in it came from is left out first."""
    line = Text(("[x] " if item.done_on else "[ ] ") if box else "")
    text = Text(item.text.strip().replace("\n", " "), style="dim" if item.done_on else "")
    if width is not None:
        after = action_line(replace(item, text=""), today, with_origin, box).cell_len
        if with_origin and width - after < 2 * MIN_TEXT:  # narrow: where it came from goes first
            return action_line(item, today, False, box, width)
        text.truncate(max(MIN_TEXT, width - after), overflow="ellipsis")
    line.append_text(text)
    extra = []
    if item.owner:
        extra.append(item.owner)
    if item.done_on:
        extra.append(f"done {dates.show(item.done_on)}")
    elif item.due_on:
        extra.append(f"due {dates.show(item.due_on)}")
    if with_origin:
        extra.append(f"from {dates.show(item.held_on)}")
    if extra:
        line.append("  · " + " · ".join(extra), style="dim")
    if item.overdue(today):
        line.append("  overdue", style="bold red")
    return line


@lru_cache(maxsize=256)
def markdown(text: str) -> DrawnOnce:
    """`text` parsed as Markdown and drawn (per width) once: a timeline drawn again (a reload,
    o for older check-ins, back from a check-in) parses and draws only what it has not shown before."""
    return DrawnOnce(NotesMarkdown(text))


def part(title: str, text: str) -> list[RenderableType]:
    """A titled Markdown part; an empty one says so."""
    heading = Text(title, style="bold")
    if not text.strip():
        return [heading, Text("  —", style="dim")]
    return [heading, markdown(text)]


def parts(progress: str, blockers: str, age: BlockerAge | None, next_steps: str) -> Group:
    items: list[RenderableType] = [*part("Progress", progress), Text("")]
    items += part("Blockers", blockers)
    if age is not None:
        items.append(Text("  " + blocker_age(age), style="yellow"))
    items += [Text(""), *part("Next steps", next_steps)]
    return Group(*items)


def actions_block(title: str, items: Sequence[ActionLine], today: dt.date, with_origin: bool = False) -> Group:
    lines: list[RenderableType] = [Text(title, style="bold")]
    if not items:
        lines.append(Text("  none", style="dim"))
    lines += [Text("  ").append_text(action_line(i, today, with_origin)) for i in items]
    return Group(*lines)
