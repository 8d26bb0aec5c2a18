"""`mentor-tui export`: records as TOML (FORMAT.md) to a file or stdout."""

from __future__ import annotations

import argparse
import sys

from mentor_tui.commands.common import add_output_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--person",
        metavar="NAME|UUID",
        action="append",
        default=[],
        help="export this person's records (repeatable); no selection = everything",
    )
    parser.add_argument(
        "--plan", metavar="UUID", action="append", default=[], help="export this plan (repeatable)"
    )
    parser.add_argument(
        "--include-private",
        action="store_true",
        help="also write your private pairing notes: those of check-ins where you are the mentor "
             "(left out by default; other mentors' notes are never written)",
    )
    add_output_option(parser)


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError, check_output, open_existing_store
    from mentor_tui.db import database
    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.toml_export import build_document, count_records, dumps, write_document

    check_output(args.output, args.force)
    open_existing_store(args)
    try:
        doc = build_document(persons=args.person, plans=args.plan, include_private=args.include_private)
        if args.output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(dumps(doc).encode("utf-8"))
            sys.stdout.buffer.flush()
        else:
            path = write_document(doc, args.output)
            total = sum(count_records(doc).values())
            note = " (with private notes)" if doc["includes_private"] else ""
            print(f"wrote {total} records to {path}{note}")
    except ExchangeError as exc:
        raise InputError(str(exc)) from None
    finally:
        database.close_database()
    return 0
