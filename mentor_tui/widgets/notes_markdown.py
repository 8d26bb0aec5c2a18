"""Markdown as the notes are shown: text in angle brackets is text, not HTML.

Notes are full of commands (`kubectl logs <pod> -n <namespace>`). CommonMark
takes `<pod>` for an HTML tag, and both renderers drop HTML, so the words
vanished from the screen (the stored text was whole). Here HTML is off in the
parser: angle brackets show as typed; links, code and the rest are Markdown.

A line break typed in a note is a line break on screen (its soft break made a
hard one): people type next steps a line each, and CommonMark joined them.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from rich.markdown import Markdown


class _LinesKept(MarkdownIt):
    """A parser whose line breaks within a paragraph stay line breaks."""

    def parse(self, src: str, env: Any = None) -> Any:
        tokens = super().parse(src, env)
        for token in tokens:
            for child in token.children or ():
                if child.type == "softbreak":
                    child.type = "hardbreak"
        return tokens


def widget_parser() -> MarkdownIt:
    """For Textual's Markdown widget (`parser_factory`): its own "gfm-like" parser, without HTML."""
    return _LinesKept("gfm-like", {"html": False})


_RICH_PARSER = _LinesKept("commonmark", {"html": False}).enable("strikethrough").enable("table")


class NotesMarkdown(Markdown):
    """Rich's Markdown (what it enables: strikethrough, tables), without HTML."""

    def __init__(self, markup: str, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.markup = markup
        self.parsed = _RICH_PARSER.parse(markup)
