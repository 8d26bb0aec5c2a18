"""Shared bits of the benchmarks: paths, the database sizes, result rows.

Two sizes: "large" (DESIGN.md's performance budget, what the budgets are for) and
"smoke" (a small database and fewer repeats, to prove every benchmark still runs;
its figures are informational). The size and the scratch folder come from the
environment, so each benchmark's child process sees what the parent was asked for:
MENTOR_BENCH_SIZE (large | smoke) and MENTOR_BENCH_OUT (default benchmarks/out/,
benchmarks/out/smoke/ for the smoke size). `run.py --size/--out` set them.
"""

from __future__ import annotations

import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
PYTHON = sys.executable
SIZE_ENV, OUT_ENV = "MENTOR_BENCH_SIZE", "MENTOR_BENCH_OUT"

# DESIGN.md, "Performance budget"
LARGE_SIZES = {
    "people": 50,
    "plans": 500,
    "goals": 10_000,
    "lab_items": 50_000,
    "checkins": 20_000,
    "sessions": 2_000,
}
# a few seconds per benchmark; the demo generator's minimums are 7/7/38/28/19/6
SMOKE_SIZES = {
    "people": 8,
    "plans": 10,
    "goals": 60,
    "lab_items": 120,
    "checkins": 60,
    "sessions": 12,
}
SIZES = {"large": LARGE_SIZES, "smoke": SMOKE_SIZES}


def _size() -> str:
    size = os.environ.get(SIZE_ENV) or "large"
    if size not in SIZES:
        raise SystemExit(f"{SIZE_ENV}={size!r}: expected one of {', '.join(SIZES)}")
    return size


def _out(size: str) -> Path:
    given = os.environ.get(OUT_ENV)
    if given:
        return Path(given).resolve()
    # the smoke size keeps its scratch files apart, so it never replaces a large one
    return BENCH_DIR / "out" if size == "large" else BENCH_DIR / "out" / size


SIZE = _size()
SMOKE = SIZE == "smoke"
DB_SIZES = SIZES[SIZE]
OUT = _out(SIZE)
# the benchmark database; named LARGE because the budgets are for the large one
LARGE = OUT / f"{SIZE}.sqlite3"


def repeats(large: int, smoke: int = 1) -> int:
    """How many times to repeat a measurement: `large` at the large size, fewer at smoke size."""
    return smoke if SMOKE else large


class NotBuilt(Exception):
    """The code a benchmark measures does not exist yet."""


@dataclass
class Result:
    name: str
    measured: float | None  # None: not measured
    budget: float | None  # None: informational row
    unit: str = "s"
    note: str = ""
    status_override: str | None = None

    @property
    def status(self) -> str:
        if self.status_override:
            return self.status_override
        if self.measured is None:
            return "n/a"
        if self.budget is None:
            return "info"
        return "PASS" if self.measured <= self.budget else "FAIL"

    @property
    def failed(self) -> bool:
        return self.status == "FAIL"

    @property
    def broken(self) -> bool:
        """The benchmark itself failed (raised, timed out, gave no figure): not a slow figure."""
        return self.measured is None and self.status_override == "FAIL"


def not_built(name: str, why: str, budget: float | None = None, unit: str = "s") -> Result:
    return Result(name, None, budget, unit, note=f"n/a (not built yet: {why})")


def is_missing_code(exc: BaseException) -> bool:
    """An ImportError/AttributeError about our own code: the feature is not written yet."""
    if isinstance(exc, ModuleNotFoundError):
        return (exc.name or "").startswith("mentor_tui")
    return isinstance(exc, ImportError | AttributeError)


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.2f} {unit}"
