"""`mentor-tui report`: a Markdown progress report, a person's brag doc or the team."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from mentor_tui.commands.common import add_output_option

GRAINS = ("month", "quarter")  # db.program_periods.GRAINS, without importing the store to parse

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--person",
        metavar="NAME|UUID",
        help="whose brag doc to write (default: you, the database's owner)",
    )
    who.add_argument(
        "--team",
        action="store_true",
        help="the team report: what changed since --since and the program's health per month or quarter, "
        "then people, plans, skills matrix, bus factor, pairing suggestions, what-if, "
        "check-in health, on-call ladder, kudos and program feedback (never private notes)",
    )
    parser.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        help="first day of the period: the brag doc's (default: one year before --until), or, with --team, "
        "of the program's health per period and of what changed since (default: the last 12 months or "
        "4 quarters, from when the program started)",
    )
    parser.add_argument(
        "--until",
        metavar="YYYY-MM-DD",
        help="last day of the period; the team report's 'as of' day (default: today)",
    )
    parser.add_argument(
        "--by",
        choices=GRAINS,
        help="with --team: the program's health per month (default) or per quarter",
    )
    add_output_option(parser)


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A strict YYYY-MM-DD date, or InputError naming the option."""
    from mentor_tui.commands.common import InputError
    from mentor_tui.date_range import year_problem

    if value is None:
        return None
    text = value.strip()
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: {value!r} is not a date; expected YYYY-MM-DD") from None
    problem = year_problem(day)
    if problem is not None:
        raise InputError(f"{option}: {problem}")
    return day


def one_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def run(args: argparse.Namespace) -> int:
    from mentor_tui import clock
    from mentor_tui.commands.common import (
        InputError,
        UsageError,
        check_output,
        open_existing_store,
        write_output,
    )

    if args.team and args.person:  # argparse's group already refuses this
        raise UsageError("--person and --team cannot be used together")
    if args.by is not None and not args.team:
        raise UsageError("--by goes with --team (the program's health per month or quarter)")
    until = parse_date(args.until, "--until") or clock.today()
    given_since = parse_date(args.since, "--since")
    since = given_since or one_year_before(until)
    if since > until:
        raise InputError(f"--since {since.isoformat()} is after --until {until.isoformat()}")

    check_output(args.output, args.force)
    open_existing_store(args)
    text = _team(given_since, until, args.by or "month") if args.team else _person(args.person, since, until)
    write_output(text, args.output, args.force, "the team report" if args.team else "the report")
    return 0


def _team(since: dt.date | None, as_of: dt.date, grain: str) -> str:
    """The team as of `as_of`, opening with the program's health from `since` (default: the last
    year's months or quarters, from the program's start)."""
    from mentor_tui import clock, config
    from mentor_tui.db.program_health import program_health, recent_since
    from mentor_tui.db.reports.team import team_overview
    from mentor_tui.exchange.team_report import team_report

    months = config.bus_factor_months(config.load_settings())
    since = since or recent_since(as_of, grain, 12 if grain == "month" else 4)
    program = program_health(since, as_of, grain, months)
    return team_report(team_overview(as_of, months), generated_on=clock.today(), program=program)


def _person(who: str | None, since: dt.date, until: dt.date) -> str:
    from mentor_tui import clock
    from mentor_tui.commands.common import InputError
    from mentor_tui.db import people
    from mentor_tui.db.reports.brag import person_period
    from mentor_tui.exchange import markdown_report

    if who is None:
        person = people.me()
        if person is None:
            raise InputError(
                "no --person given and nobody is set up as you in this database; use --person NAME"
            )
    else:
        try:
            person = people.find(who)
        except people.PersonNotFound as exc:
            raise InputError(str(exc)) from None
    period = person_period(person, since, until)
    return markdown_report.person_report(period, generated_on=clock.today())
