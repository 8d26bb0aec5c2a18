"""`mentor-tui calendar export|import`: the session calendar as iCalendar (.ics).

    mentor-tui calendar export [-o FILE] [--force]
    mentor-tui calendar import FILE... [--dry-run]

Import reads and checks every file before the store is opened: a file that is
not iCalendar, is damaged or is over 10 MiB is one line on stderr, exit 1, and
the database is not touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mentor_tui.commands.common import UsageError, add_db_options, add_output_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="calendar_command", metavar="ACTION", parser_class=type(parser))
    export = sub.add_parser("export", help="write every session as an .ics file (RFC 5545)",
                            description="Write every session as iCalendar: one event per series, with its "
                            "rule, cancelled dates and moved occurrences. No notes of occurrences, no attendance.")
    add_db_options(export, suppress_default=True)
    add_output_option(export, help="write to FILE (mode 0600) instead of stdout")
    imp = sub.add_parser("import", help="read .ics files as sessions, de-duplicated by UID",
                         description="Read events of .ics files (Google Calendar, Outlook, Thunderbird) as "
                         "sessions; an event already here (same UID) is updated, not duplicated. All or nothing.")
    add_db_options(imp, suppress_default=True)
    imp.add_argument("files", metavar="FILE", nargs="+", type=Path, help=".ics files")
    imp.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "calendar_command", None)
    if action == "export":
        return _export(args)
    if action == "import":
        return _import(args)
    raise UsageError("calendar needs an action: export or import")


def _export(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError, check_output, open_existing_store
    from mentor_tui.db import database
    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.ical_export import calendar_bytes, count_events, write_calendar

    check_output(args.output, args.force)  # the same rule as every -o: links, FIFOs, devices, --force
    open_existing_store(args)
    try:
        data = calendar_bytes()
    finally:
        database.close_database()
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        path = write_calendar(args.output, data, force=args.force)
    except ExchangeError as exc:
        raise InputError(str(exc)) from None
    print(f"wrote {count_events(data)} events to {path} (no occurrence notes, no attendance)")
    return 0


def _import(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError, open_store
    from mentor_tui.db import database
    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.ical_import import import_records, read_files

    try:
        records, skipped = read_files(args.files)  # every file checked before the store is opened
        open_store(args)
        try:
            summary = import_records(records, skipped, dry_run=args.dry_run)
        finally:
            database.close_database()
    except ExchangeError as exc:
        raise InputError(str(exc)) from None
    for line in summary.lines():
        print(line)
    return 0
