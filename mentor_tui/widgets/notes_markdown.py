"""Markdown as the notes are shown: text in angle brackets is text, not HTML.

Notes are full of commands (`kubectl logs <pod> -n <namespace>`). CommonMark
takes `<pod>` for an HTML tag, and both renderers drop HTML, so the words
vanished from the screen (the stored text was whole). Here HTML is off in the
parser: angle brackets show as typed; links, code and the rest are Markdown.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from rich.markdown import Markdown


def widget_parser() -> MarkdownIt:
    """For Textual's Markdown widget (`parser_factory`): its own "gfm-like" parser, without HTML."""
    return MarkdownIt("gfm-like", {"html": False})


_RICH_PARSER = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").enable("table")


class NotesMarkdown(Markdown):
    """Rich's Markdown (what it enables: strikethrough, tables), without HTML."""

    def __init__(self, markup: str, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.markup = markup
        self.parsed = _RICH_PARSER.parse(markup)
