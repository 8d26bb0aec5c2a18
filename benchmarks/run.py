"""Run the benchmarks of DESIGN.md's performance budget: `make bench`.

    python -m benchmarks [--size large|smoke] [--only NAME ...] [--json FILE] [--out DIR] [--regenerate]
    python benchmarks/run.py ...   (the same)

Makes the benchmark database once (benchmarks/out/large.sqlite3, git-ignored),
runs each benchmark in a process of its own, prints one table row per
measurement (figure, budget, pass/fail) and writes the same, with the machine
and the database it ran on, as JSON (benchmarks/out/results.json unless --json
says otherwise). Exits 1 when a row is over its budget or a benchmark broke.

--size smoke runs every benchmark on a small database with fewer repeats, to
prove they all still work (`make test` does); its figures are informational:
the budgets are for the large size. Its scratch files go to benchmarks/out/smoke/
(or --out DIR), so a smoke run never replaces the large database.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import resource
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from common import Result

SIZES = ("large", "smoke")
CHILD_TIMEOUT_S = {"large": 900, "smoke": 120}
# name -> module (each has run(db_path) -> list[Result])
BENCHMARKS = {
    "startup": "startup",
    "memory": "memory",
    "switching": "switching",
    "paging": "paging_bench",
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
    "program": "program_bench",
    "import_memory": "import_memory",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default=os.environ.get("MENTOR_BENCH_SIZE") or "large",
                        help="the database to measure on: large (the budgets' size, default) or smoke "
                             "(small and quick, figures informational)")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME",
                        help=f"run only these benchmarks ({', '.join(BENCHMARKS)})")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="where to write the results as JSON (default: results.json in the scratch folder)")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="scratch folder for the databases and files the benchmarks make "
                             "(default: benchmarks/out/, benchmarks/out/smoke/ for the smoke size)")
    parser.add_argument("--regenerate", action="store_true", help="remake (and time) the benchmark database")
    parser.add_argument("--one", choices=sorted(BENCHMARKS), help=argparse.SUPPRESS)  # a child: one, as JSON
    return parser.parse_args(argv)


def _write_bytecode() -> None:
    """The app's compiled modules, written as Python writes them on a user's first start.

    Where PYTHONDONTWRITEBYTECODE is set (this project's CI and sandboxes set it) Python
    never writes them, and every start compiles the app's modules again: ~40 ms more of the
    first frame than a user ever waits, and an unfair comparison with the minimal app, whose
    Textual was compiled when pip installed it."""
    import compileall

    import mentor_tui

    compileall.compile_dir(Path(mentor_tui.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.one:  # the parent has set the environment
        return run_one(args.one)
    # before `common` is first imported: it reads them, and so do the children
    os.environ["MENTOR_BENCH_SIZE"] = args.size
    if args.out:
        os.environ["MENTOR_BENCH_OUT"] = str(args.out.resolve())
    else:
        os.environ.pop("MENTOR_BENCH_OUT", None)
    import common
    import generate_large
    import results

    common.OUT.mkdir(parents=True, exist_ok=True)
    _write_bytecode()
    json_path = (args.json or common.OUT / "results.json").resolve()
    record = results.Run(size=common.SIZE, database=common.LARGE, json_path=json_path)
    print(f"{common.SIZE} database: {common.LARGE}", flush=True)
    try:
        made = generate_large.run(common.LARGE, force=args.regenerate)
    except subprocess.CalledProcessError as exc:
        print(f"could not make the database ({exc}):\n{(exc.stderr or '')[-2000:]}", file=sys.stderr)
        return 1
    record.add("database", made, seconds=made[0].measured, exit_code=0)
    for name in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        print(f"running {name} ...", end=" ", flush=True)
        started, cpu = time.perf_counter(), children_cpu()
        found, exit_code = run_in_child(name, CHILD_TIMEOUT_S[common.SIZE])
        seconds, cpu = time.perf_counter() - started, children_cpu() - cpu
        print(f"{seconds:.1f} s ({cpu:.1f} s CPU)", flush=True)
        record.add(name, found, seconds, exit_code, cpu)
        record.write(complete=False)  # a run stopped half way still leaves what it measured
    record.write(complete=True)
    print()
    record.print_table()
    print(f"\nresults: {json_path}")
    return record.exit_code()


def children_cpu() -> float:
    """CPU seconds of the finished child processes (and theirs): on a busy machine, what a benchmark
    cost apart from its waiting for a core."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_one(name: str) -> int:
    """In a child process: one benchmark, its results as JSON lines on stdout."""
    from common import LARGE, SMOKE, Result

    try:
        module = importlib.import_module(BENCHMARKS[name])
        if SMOKE:
            import smoke

            smoke.apply(name, module)
        found = module.run(LARGE)
    except Exception as exc:  # one broken benchmark must not hide the others
        traceback.print_exc(limit=3)
        found = [Result(name, None, None, note=f"error: {type(exc).__name__}: {exc}", status_override="FAIL")]
    for result in found:
        print("RESULT " + json.dumps(dataclasses.asdict(result)), flush=True)
    return 0


def run_in_child(name: str, timeout_s: float) -> tuple[list[Result], int | None]:
    """Each benchmark in a process of its own: what one leaves behind (threads, a frozen clock,
    an open store, imported modules) cannot slow or stall the next."""
    from common import Result

    try:
        done = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        return [Result(name, None, None, note=f"error: gave up after {timeout_s} s", status_override="FAIL")], None
    sys.stderr.write(done.stderr)
    found = [Result(**json.loads(line[7:])) for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if not found:
        found = [Result(name, None, None, note=f"error: no result (exit {done.returncode})", status_override="FAIL")]
    return found, done.returncode


if __name__ == "__main__":
    sys.exit(main())
