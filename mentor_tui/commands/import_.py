"""`mentor-tui import FILE...`: TOML exports in, all-or-nothing."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", metavar="FILE", nargs="+", type=Path,
        help="mentor-tui TOML files to import; a folder stands for the .toml files in it",
    )
    parser.add_argument(
        "--dry-run", action="store_true",
        help="read and check everything, print what would be added, updated and kept; write nothing",
    )
    private = parser.add_mutually_exclusive_group()
    private.add_argument(
        "--include-private", action="store_true",
        help="take the private pairing notes of every file that carries them; by default only "
             "your own exports' notes are taken, another mentor's are left out",
    )
    private.add_argument(
        "--without-private", action="store_true",
        help="leave out the private pairing notes of every file, your own exports' too",
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from mentor_tui.commands.common import InputError, open_store
    from mentor_tui.db import database
    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.parallel_read import worker_count
    from mentor_tui.exchange.toml_import import (
        collect_paths,
        gc_paused,
        import_files,
        import_parsed,
        private_notes_taken,
        read_files,
    )

    try:
        paths = collect_paths(args.files)
    except ExchangeError as exc:
        raise InputError(str(exc)) from None
    show_progress = len(paths) > 1 and sys.stderr.isatty()
    take_private: Callable[[Any], bool] | None = None
    whose = "none" if args.without_private else "all" if args.include_private else "mine"

    def chosen() -> None:
        """Whose private notes are taken, once the store is open: as the app's import does,
        another mentor's only when asked."""
        nonlocal take_private
        take_private = private_notes_taken(whose)

    def shown(done: int) -> None:
        path = paths[done - 1]
        print(f"\rreading {done}/{len(paths)} {str(path)[-50:]:<50}", end="", file=sys.stderr)

    def steps(done: int, total: int) -> None:
        print(f"\rimporting {len(paths)} files: {done * 100 // total:3d}%", end="", file=sys.stderr)

    def clear_progress() -> None:  # so an error starts a line of its own
        if show_progress:
            print("\r" + " " * 70 + "\r", end="", file=sys.stderr)

    def waiting(message: str) -> None:
        print(message, file=sys.stderr)

    try:
        with gc_paused():
            if worker_count(paths)[0]:
                # A big batch is written while it is read (import_stream): the store opens first,
                # and a bad file rolls back everything written before it was found.
                open_store(args)
                try:
                    chosen()
                    summary = import_files(
                        paths, steps if show_progress else None, waiting,
                        dry_run=args.dry_run, take_private=take_private,
                    )
                finally:
                    clear_progress()
                    database.close_database()
            else:
                # Read and check every file before the store is even opened: a bad file
                # leaves the database untouched.
                try:
                    files = read_files(paths, shown if show_progress else None)
                finally:
                    clear_progress()
                open_store(args)
                try:
                    chosen()
                    summary = import_parsed(files, waiting=waiting, dry_run=args.dry_run, take_private=take_private)
                finally:
                    database.close_database()
    except ExchangeError as exc:
        raise InputError(str(exc)) from None
    lines = summary.lines()
    if any(not taken for _file, taken in summary.private_files) and not args.without_private:
        again = "add --include-private" if args.dry_run else "import the same files again with --include-private"
        hint = f"Another mentor's private notes were left out: to take them, {again}."
        lines.insert(len(lines) - args.dry_run, hint)  # (before "Nothing was written")
    print("\n".join(lines))
    return 0
