"""`mentor-tui people`: list people (with teams, uuids and emails), add one, set someone's team,
list the teams, archive someone who left (and restore them), merge two records of one human."""

from __future__ import annotations

import argparse
import sys

from mentor_tui.commands.common import add_db_options
from mentor_tui.vocabulary import ROLES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = sub.add_parser(
        "list", help="every person: name, role, team, email, uuid and the uuids they were also known by")
    listing.add_argument("--team", metavar="TEAM", help='only the people of this team ("" = people with no team)')
    add = sub.add_parser("add", help="add a person", description="Add a person (names are unique, in any case).")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=ROLES, default="mentee", help="mentee (default), mentor or lead")
    add.add_argument("--email", metavar="EMAIL", default="")
    add.add_argument("--team", metavar="TEAM", default="", help='the team they work in, e.g. "platform"')
    set_team = sub.add_parser(
        "set-team", help='put a person in a team ("" = no team)',
        description="Put a person in a team: free text, e.g. platform or payments-sre; \"\" takes them out of any.")
    set_team.add_argument("person", metavar="PERSON", help="a name or uuid")
    set_team.add_argument("team", metavar="TEAM", help='the team ("" = no team)')
    sub.add_parser("teams", help="the teams in use, with how many active people each has")
    archive = sub.add_parser(
        "archive", help="archive someone who left the program: every record of theirs stays",
        description="Archive someone who left: they leave the skills matrix, the bus factor, the counts and "
                    "the pickers; their plans, check-ins and ratings stay. `people restore` brings them back.")
    archive.add_argument("person", metavar="PERSON", help="a name or uuid")
    restore = sub.add_parser("restore", help="bring an archived person back",
                             description="Bring an archived person back, as they were.")
    restore.add_argument("person", metavar="PERSON", help="a name or uuid")
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
    from mentor_tui.commands.common import open_existing_store, open_store
    from mentor_tui.db import database

    # adding someone may start a database (as an import does); the rest need one
    open_store(args) if args.action == "add" else open_existing_store(args)
    try:
        action = {"list": _list, "add": _add, "set-team": _set_team, "teams": _teams, "merge": _merge,
                  "archive": _archive, "restore": _archive}[args.action]
        return action(args)
    finally:
        database.close_database()


def _say(text: str) -> None:
    from mentor_tui.text_safety import escape_controls

    print(escape_controls(text))


def _list(args: argparse.Namespace) -> int:
    from mentor_tui.db import people

    team = None if args.team is None else args.team.strip()
    for person in people.roster(include_archived=True, limit=1_000_000):
        if team is not None and person.team != team:
            continue
        aliases = people.aliases_of(person.id)
        extra = f"  also {', '.join(aliases)}" if aliases else ""
        flags = " (me)" if person.is_me else " (archived)" if person.archived else ""
        _say(f"{person.name}{flags}\t{person.role}\t{person.team or '-'}\t{person.email or '-'}\t{person.uuid}{extra}")
    return 0


def _add(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError
    from mentor_tui.db import people

    try:
        person = people.add_person(args.name, args.role, args.email.strip() or None, args.team)
    except ValueError as exc:
        raise InputError(f"not added: {exc}") from None
    team = f", team {person.team}" if person.team else ""
    _say(f"added {person.name} ({person.role}{team}) {person.uuid}")
    return 0


def _set_team(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError
    from mentor_tui.db import people, teams

    try:
        person = teams.set_team(people.find(args.person).id, args.team)
    except (people.PersonNotFound, ValueError) as exc:
        raise InputError(f"team not set: {exc}") from None
    _say(f"{person.name} is now in {person.team}" if person.team else f"{person.name} is now in no team")
    return 0


def _archive(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError
    from mentor_tui.db import people

    archiving = args.action == "archive"
    try:
        person = people.find(args.person)
        if person.archived == archiving:
            _say(f"{person.name} is {'already' if archiving else 'not'} archived: nothing to do")
            return 0
        person = people.set_archived(person.uuid, archiving)
    except (people.PersonNotFound, ValueError) as exc:
        raise InputError(f"not {'archived' if archiving else 'restored'}: {exc}") from None
    if archiving:
        _say(f"{person.name} archived: their records stay; `mentor-tui people restore` brings them back")
    else:
        _say(f"{person.name} restored")
    return 0


def _teams(_args: argparse.Namespace) -> int:
    from mentor_tui.db import teams

    counts = teams.team_counts()
    if not any(c.team for c in counts):
        print("nobody has a team yet: mentor-tui people set-team PERSON TEAM")
    for c in counts:
        _say(f"{c.label}\t{c.people} {'person' if c.people == 1 else 'people'}")
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
