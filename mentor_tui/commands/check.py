"""`mentor-tui check`: PRAGMA integrity_check of the database."""

from __future__ import annotations

import argparse

from mentor_tui.commands.common import db_path_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import InputError
    from mentor_tui.db import guard

    path = db_path_from(args)
    if not path.exists():
        raise InputError(f"{path} does not exist")
    problems = guard.integrity_problems(path)
    if problems:
        for line in problems:
            print(line)
        return 1
    print("ok")
    return 0
