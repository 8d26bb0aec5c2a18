"""`mentor-tui people`: list people (with uuids and emails), merge two records of one human."""

from __future__ import annotations

import argparse
import sys

from mentor_tui.commands.common import add_db_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="every person: name, role, email, uuid and the uuids they were also known by")
    merge = sub.add_parser(
        "merge",
        help="merge OTHER into KEEP: every record of OTHER moves to KEEP, OTHER's uuid stays as an alias",
        description="Merge two records of one human (e.g. the same mentor imported from two databases).",
    )
    merge.add_argument("keep", metavar="KEEP", help="the person kept: a name or uuid")
    merge.add_argument("other", metavar="OTHER", help="the person merged into KEEP and removed: a name or uuid")
    merge.add_argument("--yes", action="store_true", help="merge without asking (for scripts)")
    for p in sub.choices.values():
        add_db_options(p, suppress_default=True)


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import open_existing_store
    from mentor_tui.db import database

    open_existing_store(args)
    try:
        return _list() if args.action == "list" else _merge(args)
    finally:
        database.close_database()


def _list() -> int:
    from mentor_tui.db import people

    for person in people.roster(include_archived=True, limit=1_000_000):
        aliases = people.aliases_of(person.id)
        extra = f"  also {', '.join(aliases)}" if aliases else ""
        flags = " (me)" if person.is_me else " (archived)" if person.archived else ""
        print(f"{person.name}{flags}\t{person.role}\t{person.email or '-'}\t{person.uuid}{extra}")
    return 0


def _merge(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError
    from mentor_tui.db import people
    from mentor_tui.db.people_merge import MergeRefused, merge, plan_merge

    try:
        keep = people.find(args.keep)
        other = people.find(args.other)
        plan = plan_merge(keep, other)
    except (people.PersonNotFound, MergeRefused) as exc:
        raise InputError(str(exc)) from None
    for line in plan.lines():
        print(line)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("not merged: no terminal to ask on; add --yes to merge without asking")
        try:
            answer = input("Merge? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("not merged")
            return 1
    merge(keep, other)
    print(f"merged: {other.name} is now {keep.name} ({keep.uuid})")
    return 0
