"""`mentor-tui kudos TO TEXT`: recognition for someone (from you, unless --from says who)."""

from __future__ import annotations

import argparse

from mentor_tui.commands.growth_common import add_date_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("to", metavar="TO", help="who the kudos are for: a name or a uuid")
    parser.add_argument("text", metavar="TEXT", help="what you want to say")
    parser.add_argument("--from", dest="giver", metavar="NAME|UUID",
                        help="who gives them (default: you, the database's owner)")
    parser.add_argument("--for", dest="for_ref", metavar="UUID|TEXT",
                        help="what they are for: a goal, lab, incident or session uuid, or free text")
    add_date_option(parser, "the day they are given")


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import open_existing_store
    from mentor_tui.commands.growth_common import (
        day,
        me_or_error,
        person,
        say_if_future,
        store_write,
    )

    given_on = day(args.on)
    open_existing_store(args)
    from mentor_tui.db import growth_refs, kudos

    receiver = person(args.to)
    giver = person(args.giver, "--from") if args.giver else me_or_error("--from")
    given = store_write(lambda: kudos.create_kudos(receiver.id, giver.id, given_on, args.text, args.for_ref))
    for_text = ""
    if given.for_ref:
        for_text = " for " + growth_refs.describe([given.for_ref]).get(given.for_ref, given.for_ref)
    print(f"kudos to {receiver.name} from {giver.name}{for_text} on {given.given_on.isoformat()}  {given.uuid}")
    say_if_future(given.given_on, given.given_on.isoformat())
    return 0
