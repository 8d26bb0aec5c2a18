"""The Dashboard's "Next sessions" panel: the next three occurrences, cancelled ones left out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from mentor_tui import dates

if TYPE_CHECKING:  # the Dashboard is the first screen: no peewee before its first frame
    from mentor_tui.db.occurrences import Entry

COUNT = 3


def fetch_next(now) -> list[Entry]:
    """Runs in the Dashboard's worker."""
    from mentor_tui.db import occurrences

    return occurrences.next_few(now, COUNT)


class NextSessionsPanel(Static):
    DEFAULT_CSS = "NextSessionsPanel { padding: 1 2 0 2; height: auto; }"

    def __init__(self) -> None:
        super().__init__("", id="next-sessions")

    def show(self, entries: Sequence[Entry]) -> None:
        parts: list = [("Next sessions", "bold")]
        if not entries:
            parts.append("\n  None scheduled. Press 5, then n, to schedule one.")
        for e in entries:
            when = f"{dates.show(e.day())} all day" if e.all_day else dates.show_moment(e.starts_at)
            presenter = f" · {e.presenter}" if e.presenter else ""
            moved = " (moved)" if e.moved else ""
            parts += ["\n  ", (when, "bold"), f"  {e.title} ({e.kind}){presenter}{moved}"]
        self.update(Content.assemble(*parts))
