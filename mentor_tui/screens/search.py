"""`/`: search all notes, as you type; `enter` jumps to the record found.

Every keystroke runs the search in a worker (`db.search`, tens of
milliseconds even on a large database); a newer one replaces an older one.
Each hit shows its kind, date, title and whose it is, then the words around
the match, the match highlighted. What is shown is the user's own text, put on
screen as plain text (never read as markup). Private pairing notes are found
only in check-ins where "me" is the mentor, and say PRIVATE.

The screen dismisses with the chosen `Hit`; `search_jump.open_hit` opens it.
"""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mentor_tui import dates
from mentor_tui.db.search import DEFAULT_LIMIT, ELLIPSIS, Hit, one_line_parts
from mentor_tui.screens.store_work import deliver, failure_reason
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.plain_input import PlainInput
from mentor_tui.widgets.title_bar import TitleBar

HIT_STYLE = "bold reverse"
PRIVATE_STYLE = "bold $text-error"
LABEL_WIDTH = 14  # "session notes" and "private note" fit
DATE_WIDTH = 10
SNIPPET_INDENT = 4  # the words around the match, under the kind
INTRO = (
    "Type a word to search the notes of check-ins, goals, labs, lab evidence, sessions, "
    "incidents and kudos. Your private pairing notes (of the mentees you mentor) are "
    "searched too and marked PRIVATE."
)


class SearchScreen(Screen[Hit | None]):
    TITLE = "mentor-tui"
    SUB_TITLE = "Search"
    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#query"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("enter", "open_hit", "Open", priority=True),  # also while typing in the search field
        Binding("down", "move(1)", "Next hit", show=False),
        Binding("up", "move(-1)", "Previous hit", show=False),
        Binding("slash", "edit_query", "Edit search"),
    ]

    hits: list[Hit]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.hits = []
        self.initial_text = text
        self.searched = ""  # the text the hits shown are for

    def compose(self) -> ComposeResult:
        yield TitleBar(icon="◆")
        yield PlainInput(self.initial_text, placeholder="Search all notes…", id="query", compact=True)
        yield Static(Content(INTRO), id="search-status")
        yield OptionList(id="hits")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.initial_text:
            self.run_search(self.initial_text)

    @property
    def results(self) -> OptionList:
        return self.query_one("#hits", OptionList)

    def highlighted_hit(self) -> Hit | None:
        index = self.results.highlighted
        return self.hits[index] if index is not None and 0 <= index < len(self.hits) else None

    # Searching ----------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, text: str) -> None:
        from mentor_tui.db import database, search

        try:
            with database.worker_connection():
                hits = search.search(text, include_private=True)
        except Exception as exc:  # a locked or damaged database: say so, keep the query
            deliver(self, self._set_status, f"Could not search: {failure_reason(exc)}")
            return
        deliver(self, self._show_hits, text, hits, search.fts_query(text) is not None)

    def _set_status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(Content(text))

    def _show_hits(self, text: str, hits: list[Hit], searchable: bool) -> None:
        self.searched, self.hits = text, hits
        width = self.results.content_size.width - SNIPPET_INDENT
        self.results.set_options(Option(hit_prompt(hit, width)) for hit in hits)
        if hits:
            self.results.highlighted = 0
        if not searchable and text.strip():  # emoji, punctuation: the index holds words only
            self._set_status(f"Search finds words (letters and digits): “{text.strip()}” has none.")
        elif not searchable:
            self._set_status(INTRO)
        elif not hits:
            self._set_status(f"No notes match “{text.strip()}”.")
        else:
            more = " (the best ones)" if len(hits) >= DEFAULT_LIMIT else ""
            self._set_status(f"{len(hits)} found{more} · ↑ ↓ choose · enter opens · esc goes back")
        self.refresh_bindings()

    # Keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_hit":
            return self.highlighted_hit() is not None
        if action == "edit_query":  # while typing, / is a character of the search
            return not self.query_one("#query", Input).has_focus
        return True

    def action_move(self, step: int) -> None:
        if self.hits:
            current = self.results.highlighted or 0
            self.results.highlighted = max(0, min(len(self.hits) - 1, current + step))

    def action_edit_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_open_hit(self) -> None:
        hit = self.highlighted_hit()
        if hit is not None:
            self.dismiss(hit)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_hit()

    @on(OptionList.OptionHighlighted, "#hits")
    def _highlighted(self) -> None:
        self.refresh_bindings()


def hit_prompt(hit: Hit, width: int = 0) -> Content:
    """Two lines: kind, date, title (and whose it is); then the words around the match, begun later
    when the first match would be past `width` cells (a narrow terminal cuts the line's end)."""
    when = hit.when
    shown = dates.show_moment(when) if isinstance(when, dt.datetime) else dates.show(when)
    head = [(f"{hit.label:<{LABEL_WIDTH}}", "$text-muted"), f"{shown:<{DATE_WIDTH}}  "]
    head += marked(hit.title, "bold")
    if hit.context:
        head.append((f"  {one_line(hit.context)}", "$text-muted"))
    if hit.private:
        head.append(("  PRIVATE", PRIVATE_STYLE))
    snippet = marked(hit.snippet, "") or [("(no notes: the title matched)", "$text-muted")]
    return Content.assemble(*head, "\n", " " * SNIPPET_INDENT, *_from_the_match(snippet, width))


def _from_the_match(pieces: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """`pieces`, their start dropped ("…" instead) so that the first match ends inside `width`
    with a third of the width before it."""
    before = 0
    for text, style in pieces:
        if HIT_STYLE in style:
            if width <= 0 or before + len(text) <= width:
                return pieces
            break
        before += len(text)
    else:
        return pieces
    drop = before - width // 3
    out: list[tuple[str, str]] = [(ELLIPSIS, "")]
    for text, style in pieces:
        if drop >= len(text):
            drop -= len(text)
            continue
        out.append((text[drop:], style))
        drop = 0
    return out


def marked(text: str, style: str) -> list[tuple[str, str]]:
    """The pieces of marked text as (text, style), the matches in HIT_STYLE: plain text, no markup."""
    return [(piece, f"{style} {HIT_STYLE}".strip() if hit else style) for piece, hit in one_line_parts(text)]


def one_line(text: str) -> str:
    return "".join(piece for piece, _hit in one_line_parts(text))
