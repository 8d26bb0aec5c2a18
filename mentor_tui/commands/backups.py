"""`mentor-tui backups`: the automatic backups of the database, newest last."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import db_path_from
    from mentor_tui.db import backup_files

    path = db_path_from(args)
    found = backup_files.automatic_backups(path)
    folder = backup_files.folder_for(path)
    if not found:
        print(f"no automatic backups of {path} yet (they go to {folder}: one a day, and one before every upgrade)")
        return 0
    print(f"automatic backups of {path} (the last {backup_files.KEEP} are kept), newest last:")
    for b in found:
        try:
            size = f"{b.path.stat().st_size / 1024:,.0f} KiB"
        except OSError:
            size = "?"
        print(f"  {b.path}  {b.taken_at:%Y-%m-%d %H:%M} UTC  {size:>10}  {b.why}")
    print(f"put one back with: mentor-tui --db {path} restore FILE")
    return 0
