"""The demo database: a believable small DevOps/SRE team, or a large synthetic one.

`generate(path)` fills an empty store with the team of team.toml (a lead, two
mentors, four mentees; "me" is the mentor Jonas Becker with three mentees),
their plans, labs, check-ins with private notes, sessions, skills, incidents,
ownership, kudos and program feedback, written through the exchange importer
(small.py). Sizes above the small demo's add synthetic records on top of it
with bulk inserts (large.py) until each requested count is reached exactly, so
a large database still has the same "me".

Everything is derived from `seed` and `today`: dates are relative to `today`
and uuids come from a seeded `random.Random`, so two runs with the same seed
and day write identical files (snapshot tests render them).

Command line (the benchmarks' large database):

    python -m mentor_tui.demo --people 50 --plans 500 --goals 10000 \\
        --lab-items 50000 --checkins 20000 --sessions 2000 PATH
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import time
from pathlib import Path

from mentor_tui.demo import small

__all__ = ["ME", "SMALL", "TIMEZONE", "DemoError", "ensure_demo", "generate", "main"]

ME = small.me_name()
TIMEZONE = small.timezone()
# How many records of each size the small team has: the smallest sizes there are.
SMALL: dict[str, int] = small.sizes()


class DemoError(ValueError):
    """A request the generator cannot fill (say, fewer people than the small demo has)."""


def generate(
    path: Path,
    *,
    people: int = SMALL["people"],
    plans: int | None = None,
    goals: int | None = None,
    lab_items: int | None = None,
    checkins: int | None = None,
    sessions: int | None = None,
    seed: int = 42,
    today: dt.date | None = None,
) -> None:
    """Fill the (new or empty) store at `path` with demo data, then close it.

    With no sizes this is the small team; a size larger than the small demo's
    (see SMALL) adds synthetic records until the count is exact. Raises
    DemoError for a size below the small demo's or a store that already has
    people.
    """
    from mentor_tui import clock
    from mentor_tui.db import database, models

    sizes = {"people": people, "plans": plans, "goals": goals, "lab_items": lab_items,
             "checkins": checkins, "sessions": sessions}
    wanted = {k: SMALL[k] if v is None else int(v) for k, v in sizes.items()}
    for key, value in wanted.items():
        if value < SMALL[key]:
            raise DemoError(f"{key.replace('_', '-')} must be at least {SMALL[key]} (the small demo's size)")
    day = today or clock.today()
    rng = random.Random(seed)

    database.open_database(Path(path))
    try:
        if models.Person.select().exists():
            raise DemoError(f"{path} already has people; the demo fills an empty database")
        small.write(rng, day)
        if wanted != SMALL:
            from mentor_tui.demo import large

            large.add(rng, day, **wanted)
    finally:
        database.close_database()


def _has_people(path: Path) -> bool:
    """Whether `path` is a store with at least one person (stdlib only, read-only)."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return con.execute("SELECT 1 FROM person LIMIT 1").fetchone() is not None
        finally:
            con.close()
    except sqlite3.Error:
        return False


def ensure_demo(path: Path) -> None:
    """Generate the small demo at `path` unless a demo with people is already there."""
    path = Path(path).expanduser()
    if path.exists() and path.stat().st_size > 0 and _has_people(path):
        return
    generate(path)


# --------------------------------------------------------------------------- command line


def _size(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mentor_tui.demo",
        description="Write a demo database: the small team, or larger synthetic data with sizes.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="the database file to create")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the day the data is relative to (default: today)")
    for key, value in SMALL.items():
        parser.add_argument(f"--{key.replace('_', '-')}", dest=key, type=_size, default=None, metavar="N",
                            help=f"how many (at least {value})")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    args = parser.parse_args(argv)

    path: Path = args.path.expanduser()
    if path.exists() and path.stat().st_size > 0:
        if not args.force:
            print(f"demo: {path} exists; use --force to replace it", file=sys.stderr)
            return 1
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    sizes = {key: getattr(args, key) for key in SMALL}
    if sizes["people"] is None:
        sizes["people"] = SMALL["people"]
    started = time.perf_counter()
    try:
        generate(path, seed=args.seed, today=args.today, **sizes)
    except DemoError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    got = {key: SMALL[key] if value is None else value for key, value in sizes.items()}
    print(
        f"demo: {got['people']} people, {got['plans']} plans, {got['goals']} goals, "
        f"{got['lab_items']} lab items, {got['checkins']} check-ins, {got['sessions']} sessions "
        f"-> {path} in {elapsed:.1f} s"
    )
    return 0
