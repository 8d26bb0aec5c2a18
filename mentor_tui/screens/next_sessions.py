"""The Dashboard's "Next sessions" panel: the next three occurrences, cancelled ones left out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from mentor_tui import dates
from mentor_tui.text_safety import clip, one_line

if TYPE_CHECKING:  # the Dashboard is the first screen: no peewee before its first frame
    from mentor_tui.db.occurrences import Entry

COUNT = 3


def fetch_next(now) -> list[Entry]:
    """Runs in the Dashboard's worker."""
    from mentor_tui.db import occurrences

    return occurrences.next_few(now, COUNT)


class NextSessionsPanel(Static):
    """One line a session: when, the title, its kind, the presenter (marked "(archived)" for
    someone who left). Where the line is too long, the kind gives way, then the title is cut."""

    DEFAULT_CSS = "NextSessionsPanel { padding: 1 2 0 2; height: auto; }"

    _entries: Sequence[Entry] | None = None

    def __init__(self) -> None:
        super().__init__("", id="next-sessions")

    def on_resize(self) -> None:
        if self._entries is not None:
            self.show(self._entries)

    def show(self, entries: Sequence[Entry]) -> None:
        self._entries = entries
        width = self.content_size.width or self.app.size.width - 6  # (before the first layout: the padding, a scrollbar)
        parts: list = [("Next sessions", "bold")]
        if not entries:
            parts.append("\n  None scheduled. Press 5, then n, to schedule one.")
        for e in entries:
            when = f"{dates.show(e.day())} all day" if e.all_day else dates.show_moment(e.starts_at)
            title, kind = one_line(e.title), f" ({e.kind})"
            after = (f" · {one_line(e.presenter)}" if e.presenter else "") + (" (moved)" if e.moved else "")
            room = width - len(f"  {when}  {after}")
            if len(title) + len(kind) > room:
                kind = ""
            parts += ["\n  ", (when, "bold"), f"  {clip(title, max(12, room - len(kind)))}{kind}{after}"]
        self.update(Content.assemble(*parts))
