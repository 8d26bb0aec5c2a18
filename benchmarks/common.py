"""Shared bits of the benchmarks: paths, the large database's sizes, result rows."""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT = BENCH_DIR / "out"
LARGE = OUT / "large.sqlite3"
PYTHON = sys.executable

# DESIGN.md, "Performance budget"
LARGE_SIZES = {
    "people": 50,
    "plans": 500,
    "goals": 10_000,
    "lab_items": 50_000,
    "checkins": 20_000,
    "sessions": 2_000,
}


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
