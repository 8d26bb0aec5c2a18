"""`mentor-tui feedback RATING [TEXT]`: program feedback, anonymous unless --from names the author.

An anonymous entry stores no author at all.
"""

from __future__ import annotations

import argparse

from mentor_tui.commands.growth_common import add_date_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rating", metavar="RATING", help="how the program is going, 1 (poor) to 5 (great)")
    parser.add_argument("text", metavar="TEXT", nargs="?", default="", help="what works, what you would change")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--anonymous", action="store_true", help="store no author (the default)")
    who.add_argument("--from", dest="author", metavar="NAME|UUID", help="sign it with this person's name")
    add_date_option(parser, "the day it is given")


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import open_existing_store
    from mentor_tui.commands.growth_common import day, number, person, store_write

    rating = number(args.rating, "RATING")
    given_on = day(args.on)
    open_existing_store(args)
    from mentor_tui.db import feedback

    author = person(args.author, "--from") if args.author else None
    entry = store_write(lambda: feedback.create_feedback(
        given_on, rating, args.text, author.id if author is not None else None
    ))
    signed = f"from {author.name}" if author is not None else "anonymous"
    print(f"program feedback {entry.rating}/5 ({signed}) on {entry.given_on.isoformat()}  {entry.uuid}")
    return 0
