"""`mentor-tui rate PERSON COMPETENCY LEVEL`: a skill rating, by the person themselves or a mentor."""

from __future__ import annotations

import argparse

from mentor_tui.commands.growth_common import add_date_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="who is rated: a name or a uuid")
    parser.add_argument("competency", metavar="COMPETENCY", help="a competency key, e.g. kubernetes")
    parser.add_argument("level", metavar="LEVEL",
                        help="0 none, 1 aware, 2 learning, 3 practitioner, 4 proficient, 5 expert (number or word)")
    parser.add_argument("--by", metavar="NAME|UUID|self", default="self",
                        help="who rates: self (default) or a mentor's name or uuid")
    parser.add_argument("--evidence", metavar="UUID|LINK",
                        help="a lab, incident or session uuid, or a link or a short note")
    add_date_option(parser, "the day of the rating")


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import open_existing_store
    from mentor_tui.commands.growth_common import day, number, person, say_if_future, store_write
    from mentor_tui.vocabulary import LEVELS

    level = number(args.level, "LEVEL", LEVELS)
    rated_on = day(args.on)
    open_existing_store(args)
    from mentor_tui.db import growth_refs, ratings

    who = person(args.person)
    by = None if args.by.strip().casefold() == "self" else person(args.by, "--by")
    rating = store_write(lambda: ratings.create_rating(
        who.id, args.competency, level, rated_on, by.id if by is not None else None, args.evidence
    ))
    rating = ratings.get_rating(rating.id)
    evidence = ""
    if rating.evidence:
        evidence = " · evidence: " + growth_refs.describe([rating.evidence]).get(rating.evidence, rating.evidence)
    rater = "self" if rating.rated_by_id is None else f"by {ratings.rater_name(rating)}"
    print(f"rated {who.name}: {rating.competency.key} {rating.level} {LEVELS[rating.level]} ({rater}) "
          f"on {rating.rated_on.isoformat()}{evidence}  {rating.uuid}")
    say_if_future(rating.rated_on, f"until {rating.rated_on.isoformat()} the rating before it is the current one")
    return 0
