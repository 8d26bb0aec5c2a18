"""`mentor-tui incident PERSON TITLE --role ROLE`: an incident or on-call shift someone took part in."""

from __future__ import annotations

import argparse
from pathlib import Path

from mentor_tui.commands.growth_common import add_date_option
from mentor_tui.vocabulary import INCIDENT_ROLES, SEVERITIES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="who took part: a name or a uuid")
    parser.add_argument("title", metavar="TITLE", help="what happened, or the shift, in one line")
    parser.add_argument("--role", metavar="ROLE", required=True, help="one of " + ", ".join(INCIDENT_ROLES))
    parser.add_argument("--severity", metavar="SEV", default="SEV3",
                        help="one of " + ", ".join(SEVERITIES) + " (default SEV3)")
    lessons = parser.add_mutually_exclusive_group()
    lessons.add_argument("--lessons", metavar="TEXT", default="", help="lessons learned (Markdown)")
    lessons.add_argument("--lessons-file", metavar="FILE", type=Path, help="read the lessons from a Markdown file")
    parser.add_argument("--session", metavar="UUID", help="the session where the lessons were presented")
    add_date_option(parser, "the day it happened")


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError, open_existing_store
    from mentor_tui.commands.growth_common import day, person, say_if_future, store_write

    occurred_on = day(args.on)
    lessons = args.lessons
    if args.lessons_file is not None:
        try:
            lessons = args.lessons_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read {args.lessons_file}: {getattr(exc, 'strerror', None) or exc}") from None
    open_existing_store(args)
    from mentor_tui.db import incidents

    who = person(args.person)
    session_id = None
    if args.session:
        session_id = store_write(lambda: incidents.session_by_uuid(args.session)).id
    incident = store_write(lambda: incidents.create_incident(
        who.id, occurred_on, args.role.strip(), args.severity.strip(), args.title, lessons, session_id
    ))
    print(f"logged for {who.name}: {incident.role} · {incident.severity} · {incident.title} "
          f"on {incident.occurred_on.isoformat()}  {incident.uuid}")
    say_if_future(incident.occurred_on, f"it counts on the on-call ladder from {incident.occurred_on.isoformat()}")
    return 0
