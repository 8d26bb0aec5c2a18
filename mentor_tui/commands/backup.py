"""`mentor-tui backup`: a consistent copy of the database (SQLite's backup API)."""

from __future__ import annotations

import argparse
from pathlib import Path

from mentor_tui.commands.common import add_output_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_output_option(
        parser, help="the new file (mode 0600; never overwritten); default: mentor-YYYYMMDD-HHMMSS.sqlite3 here",
        force=False,
    )


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError, open_existing_store
    from mentor_tui.db import backup

    target: Path = args.output if args.output is not None else Path(backup.default_backup_name())
    target = target.expanduser()
    if target.exists() or target.is_symlink():  # the database itself included
        raise InputError(f"{target} already exists; choose another file (a backup never replaces one)")
    db = open_existing_store(args)
    try:
        written = backup.backup_database(db, target)
    except backup.BackupError as exc:
        raise InputError(str(exc)) from None
    print(written)
    return 0
