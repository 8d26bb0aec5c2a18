"""`mentor-tui skills-csv`: the skills matrix as CSV.

One row per active person (by name), one column per competency key (built-in
ones in their documented order, then user-made ones by key); a cell is the
latest level, empty when never rated.
"""

from __future__ import annotations

import argparse

from mentor_tui.commands.common import add_output_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_output_option(parser)


def run(args: argparse.Namespace) -> int:
    from mentor_tui.commands.common import check_output, open_existing_store, write_output
    from mentor_tui.exchange import skills_csv

    check_output(args.output, args.force)
    open_existing_store(args)
    write_output(skills_csv.skills_csv(), args.output, args.force, "the skills matrix")
    return 0
