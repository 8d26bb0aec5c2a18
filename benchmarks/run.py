"""Run the benchmarks of DESIGN.md's performance budget: `make bench`.

    python benchmarks/run.py [--regenerate] [--only NAME ...]

Makes the large synthetic database once (benchmarks/out/large.sqlite3,
git-ignored), runs each benchmark, prints one table row per measurement and
exits 1 when any row is over its budget. A benchmark whose code is not
written yet reports "n/a" instead of failing.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import subprocess
import sys
import traceback

from common import LARGE, Result, fmt

CHILD_TIMEOUT_S = 600
# name -> module (each has run(db_path) -> list[Result])
BENCHMARKS = {
    "startup": "startup",
    "memory": "memory",
    "switching": "switching",
    "exchange": "exchange_bench",
    "import_1000": "import_1000_bench",
    "refusal": "refusal_bench",
    "reports": "reports_bench",
    "growth": "growth_bench",
    "search": "search_bench",
    "plans": "plan_bench",
    "labs": "lab_toggle",
    "checkins": "checkins_bench",
    "calendar": "calendar_bench",
    "import_memory": "import_memory",
}


def print_table(results: list[Result]) -> None:
    header = ("benchmark", "measured", "budget", "status", "note")
    rows = [(r.name, fmt(r.measured, r.unit), fmt(r.budget, r.unit), r.status, r.note) for r in results]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(4)]
    line = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
    print(line.format(*header))
    print("  ".join("-" * w for w in widths) + "  " + "-" * 4)
    for row in rows:
        print(line.format(*row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regenerate", action="store_true", help="remake (and time) the large database")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these benchmarks")
    parser.add_argument("--one", choices=sorted(BENCHMARKS), help=argparse.SUPPRESS)  # a child: one, as JSON
    args = parser.parse_args(argv)
    if args.one:
        return run_one(args.one)

    import generate_large

    results: list[Result] = []
    print(f"large database: {LARGE}", flush=True)
    results += generate_large.run(LARGE, force=args.regenerate)
    for name in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        print(f"running {name} ...", flush=True)
        results += run_in_child(name)
    print()
    print_table(results)
    return 1 if any(r.failed for r in results) else 0


def run_one(name: str) -> int:
    """In a child process: one benchmark, its results as JSON lines on stdout."""
    try:
        found = importlib.import_module(BENCHMARKS[name]).run(LARGE)
    except Exception as exc:  # one broken benchmark must not hide the others
        traceback.print_exc(limit=3)
        found = [Result(name, None, None, note=f"error: {type(exc).__name__}: {exc}", status_override="FAIL")]
    for result in found:
        print("RESULT " + json.dumps(dataclasses.asdict(result)), flush=True)
    return 0


def run_in_child(name: str) -> list[Result]:
    """Each benchmark in a process of its own: what one leaves behind (threads, a frozen clock,
    an open store, imported modules) cannot slow or stall the next."""
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, timeout=CHILD_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return [Result(name, None, None, note=f"gave up after {CHILD_TIMEOUT_S} s", status_override="FAIL")]
    sys.stderr.write(done.stderr)
    found = [Result(**json.loads(line[7:])) for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    return found or [Result(name, None, None, note=f"no result (exit {done.returncode})", status_override="FAIL")]


if __name__ == "__main__":
    sys.exit(main())
