"""What the command-line entry point and the command modules share.

`mentor_tui.cli` imports this module, and so do the command modules; neither
imports the other's helpers through `cli`, so there is no import cycle. Only the
standard library is imported at module level: the TUI's start-up path goes
through here too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class UsageError(Exception):
    """Bad usage: exit status 2."""


class InputError(Exception):
    """Bad input (a file, a value): exit status 1."""


def add_db_options(parser: argparse.ArgumentParser, suppress_default: bool = False) -> None:
    """`--db PATH` and `--demo`, on the main parser and on every subcommand."""
    default = argparse.SUPPRESS if suppress_default else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=default,
        help="the database file (default: $MENTOR_TUI_DB, else mentor.sqlite3 in the user data dir)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=default if suppress_default else False,
        help="use the demo database (demo.sqlite3 in the user data dir), filled on first use",
    )


def add_output_option(
    parser: argparse.ArgumentParser,
    help: str = "write to FILE (mode 0600) instead of stdout",
    force: bool = True,
) -> None:
    """The `-o/--output FILE` option the writing commands share, and `--force`."""
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help=help)
    if force:
        parser.add_argument(
            "--force", action="store_true", help="replace FILE if it exists (a regular file; never a database)"
        )


def check_output(output: Path | None, force: bool = False) -> None:
    """Refuse an `-o` path before any work: a special file, a database, an existing file
    without --force (see `exchange.output_files`)."""
    from mentor_tui.exchange.output_files import output_problem

    if output is not None:
        problem = output_problem(output, force)
        if problem is not None:
            raise InputError(problem)


def db_path_from(args: argparse.Namespace) -> Path:
    from mentor_tui import config

    if getattr(args, "db", None) is not None:
        if getattr(args, "demo", False):
            raise UsageError("--demo opens demo.sqlite3 in the user data dir: leave out --db, or --demo")
        return Path(args.db).expanduser()
    if getattr(args, "demo", False):
        return config.demo_db_path()
    return config.default_db_path()


def open_store(args: argparse.Namespace):
    """Open the database the arguments name (filling the demo one on first use)."""
    from mentor_tui.db import database

    path = db_path_from(args)
    if getattr(args, "demo", False):
        from mentor_tui import demo

        demo.ensure_demo(path)
    # A database the user may not write (file or folder) is still read: check, export, reports.
    read_only = path.exists() and not database.writable(path)
    return database.open_database(path, read_only=read_only)


def open_existing_store(args: argparse.Namespace):
    """Open the database the arguments name; a missing file is an error, not a new store.

    (Only `--demo` fills its database on first use.) Every command but import uses it.
    """
    path = db_path_from(args)
    if not getattr(args, "demo", False) and not path.exists():
        raise InputError(f"{path} does not exist")
    return open_store(args)


def write_output(text: str, output: Path | None, force: bool = False, what: str = "the output") -> None:
    """`text` to `output` atomically (mode 0600), saying so on stdout; or to stdout."""
    from mentor_tui.exchange.atomic import write_atomic
    from mentor_tui.text_safety import escape_controls

    text = escape_controls(text)  # a name from an imported file never drives the terminal
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    check_output(output, force)
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    print(f"wrote {what} to {output}")
