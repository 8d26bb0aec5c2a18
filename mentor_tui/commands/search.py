"""`mentor-tui search TEXT`: full-text search over all notes.

Prints one hit per two lines, best first: date, kind, title and context, then
the snippet around the match (matches in bold on a terminal). Private pairing
notes are searched only with `--include-private`, and then only those of
check-ins where "me" is the mentor; such hits say PRIVATE. Exit status 0 when
something matched, 1 when nothing did (as grep), 2 for bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from mentor_tui import APP_NAME

DEFAULT_LIMIT = 20
MAX_LIMIT = 500
BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="+", metavar="TEXT",
                        help="words to find (all of them; the last may be the start of a word)")
    parser.add_argument("--include-private", action="store_true",
                        help="also search the private pairing notes of check-ins where you are the mentor")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                        help=f"show at most N hits (default {DEFAULT_LIMIT}, at most {MAX_LIMIT})")


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError, UsageError, open_existing_store
    from mentor_tui.db import search

    if not 1 <= args.limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}, got {args.limit}")
    text = " ".join(args.text)
    if search.fts_query(text) is None:
        raise InputError(f"nothing to search for in {text!r}: give at least one word")
    open_existing_store(args)
    hits = search.search(text, include_private=args.include_private, limit=args.limit)
    if not hits:
        print(f"{APP_NAME}: nothing matches {text!r}", file=sys.stderr)
        return 1
    bold = sys.stdout.isatty()
    for hit in hits:
        title = _line(hit.title, bold)
        private = "  PRIVATE" if hit.private else ""
        context = f" ({_line(hit.context, False)})" if hit.context else ""
        print(f"{_when(hit.when)}  {hit.label}: {title}{context}{private}")
        print(f"    {_line(hit.snippet, bold)}")
    return 0


def _when(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "-" * 10
    if isinstance(value, dt.datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _line(text: str, bold: bool) -> str:
    """Marked text on one line; its matches in bold on a terminal, never its control characters."""
    from mentor_tui.db.search import one_line_parts

    return "".join(f"{BOLD}{piece}{PLAIN}" if hit and bold else piece for piece, hit in one_line_parts(text))
