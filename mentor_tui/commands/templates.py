"""`mentor-tui templates`: the plan templates, built-in and the user's, with their goal counts."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = ("Your own templates: TOML files in the exchange format (scope = \"template\") "
                     "in the templates folder under the config folder.")


def run(args: argparse.Namespace) -> int:
    from mentor_tui.exchange.templates import load_templates, user_dir

    templates, problems = load_templates()
    width = max(len(t.key) for t in templates)
    print(f"{'KEY':<{width}}  GOALS  KIND        TITLE")
    for t in templates:
        mark = "" if t.built_in else f"  (yours: {t.source})"
        print(f"{t.key:<{width}}  {t.goal_count:>5}  {t.kind:<10}  {t.title}{mark}")
    for problem in problems:
        print(f"mentor-tui: template skipped: {problem}", file=sys.stderr)
    print(f"\nYour own templates go in {user_dir()}; start a plan with: "
          "mentor-tui new-plan --template KEY --person NAME")
    return 0
