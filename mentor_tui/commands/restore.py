"""`mentor-tui restore FILE`: put a backup in place of the database, keeping the current file aside."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the backup to put back (see `mentor-tui backups`)")
    parser.add_argument(
        "--yes", action="store_true", help="do not ask (for scripts; without a terminal it is required)"
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from mentor_tui.commands.common import InputError, db_path_from
    from mentor_tui.db import restore

    database = db_path_from(args)
    source = Path(args.file).expanduser()
    try:
        summary = restore.check_backup(source)
        if source.resolve() == database.resolve():
            raise restore.RestoreError(f"{source} is the database itself; give a backup file")
        if not args.yes:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                raise InputError("restore replaces the database: run it on a terminal to be asked, or add --yes")
            print(f"Put {source} ({summary}) in place of {database}?")
            print("The current file is kept beside it, renamed; nothing is deleted.")
            answer = input("Restore? [y/N] ").strip().lower()
            if answer not in ("y", "yes"):
                print("nothing was changed")
                return 1
        aside = restore.restore(source, database)
    except restore.RestoreError as exc:
        raise InputError(str(exc)) from None
    kept = f"; the previous file is kept as {aside}" if aside is not None else ""
    print(f"restored {database} from {source}{kept}")
    return 0
