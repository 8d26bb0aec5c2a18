"""`mentor-tui new-plan`: a plan for someone from a template, due dates following its phases."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--template", metavar="KEY", required=True, help="the template's key (see `mentor-tui templates`)")
    parser.add_argument("--person", metavar="NAME|UUID", required=True, help="whose plan it is")
    parser.add_argument("--start", metavar="DATE", help="when it starts, YYYY-MM-DD (default: today)")
    parser.add_argument("--mentor", metavar="NAME|UUID",
                        help="their mentor on this plan (default: the person's current mentor, if they have one)")


def run(args: argparse.Namespace) -> int:
    from mentor_tui import clock, dates
    from mentor_tui.commands.common import InputError, open_existing_store
    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.templates import find_template

    try:
        start = dates.parse(args.start) if args.start is not None else clock.today()
    except ValueError as exc:
        raise InputError(f"--start: {exc}") from None
    try:
        template = find_template(args.template)
    except ExchangeError as exc:
        raise InputError(str(exc)) from None

    from mentor_tui.db import database, people, template_plans

    open_existing_store(args)
    try:
        try:
            person = people.find(args.person)
            mentor = people.find(args.mentor) if args.mentor else template_plans.current_mentor_of(person.id)
        except people.PersonNotFound as exc:
            raise InputError(str(exc)) from None
        try:
            plan = template_plans.create_from_template(
                template.key, template.plan, template.competencies, person.id, start,
                mentor.id if mentor is not None and mentor.id != person.id else None,
            )
        except ValueError as exc:
            raise InputError(str(exc)) from None
        until = f" to {dates.show(plan.target_on)}" if plan.target_on else ""
        with_mentor = f", mentor {mentor.name}" if mentor is not None and mentor.id != person.id else ""
        print(f"created plan “{plan.title}” for {person.name} ({template.goal_count} goals, "
              f"{dates.show(plan.start_on)}{until}{with_mentor})")
        print(plan.uuid)
    finally:
        database.close_database()
    return 0
