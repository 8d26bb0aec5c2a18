"""The results of one benchmark run: the table printed, the JSON written, the exit code.

At the large size a row over its budget fails the run. At the smoke size the
database is too small for the budgets to mean anything: such a row is shown as
"(over)" and does not fail the run; a benchmark that broke (raised, gave up,
gave no figure) or found something wrong (status FAIL set by the benchmark
itself, e.g. a broken file accepted) fails it at either size.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import machine
from common import Result, fmt

HEADER = ("benchmark", "measured", "budget", "status", "note")


@dataclass
class Row:
    benchmark: str  # its key in run.BENCHMARKS ("database" for the generator)
    result: Result


@dataclass
class Run:
    size: str
    database: Path
    json_path: Path
    rows: list[Row] = field(default_factory=list)
    benchmarks: dict[str, dict] = field(default_factory=dict)
    machine: dict = field(default_factory=machine.describe)
    started: float = field(default_factory=time.perf_counter)

    @property
    def judged(self) -> bool:
        """Are the figures held to their budgets (only at the large size)?"""
        return self.size == "large"

    def add(self, benchmark: str, found: list[Result], seconds: float | None, exit_code: int | None,
            cpu_seconds: float | None = None) -> None:
        self.rows += [Row(benchmark, result) for result in found]
        self.benchmarks[benchmark] = {
            "seconds": None if seconds is None else round(seconds, 2),
            "cpu_seconds": None if cpu_seconds is None else round(cpu_seconds, 2),
            "exit_code": exit_code,
            "rows": len(found),
        }

    def status(self, result: Result) -> str:
        if result.broken:
            return "ERROR"
        status = result.status
        if not self.judged and result.status_override is None and status in ("PASS", "FAIL"):
            return "(pass)" if status == "PASS" else "(over)"
        return status

    def exit_code(self) -> int:
        return 1 if any(self.status(row.result) in ("FAIL", "ERROR") for row in self.rows) else 0

    def summary(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            status = self.status(row.result)
            counts[status] = counts.get(status, 0) + 1
        return counts

    def print_table(self) -> None:
        rows = [(r.name, fmt(r.measured, r.unit), fmt(r.budget, r.unit), self.status(r), r.note)
                for r in (row.result for row in self.rows)]
        widths = [max(len(str(row[i])) for row in [HEADER, *rows]) for i in range(4)]
        line = "  ".join(f"{{:<{w}}}" for w in widths) + "  {}"
        m = self.machine
        load = " ".join(str(x) for x in m["load_average"] or [])
        print(f"{m['cpu']}, {m['cores']} cores (load {load} at the start); {m['python']}, "
              f"Textual {m['textual']}, SQLite {m['sqlite']}; commit {m['commit']}, {m['date']}")
        counts = machine.database(self.database)["counts"] or {}
        print(f"{self.size} database: " + ", ".join(f"{n:,} {what.replace('_', ' ')}" for what, n in counts.items()
                                                   if n is not None) + "\n")
        print(line.format(*HEADER))
        print("  ".join("-" * w for w in widths) + "  " + "-" * 4)
        for row in rows:
            print(line.format(*row))
        print()
        print(", ".join(f"{count} {status}" for status, count in sorted(self.summary().items())))
        if not self.judged:
            print(f"{self.size} size: the budgets are for the large database, so (pass)/(over) are informational; "
                  "only ERROR and FAIL rows (a benchmark that broke or found something wrong) fail the run")

    def as_json(self, complete: bool) -> dict:
        return {
            "size": self.size,
            "judged": self.judged,
            "complete": complete,
            "seconds": round(time.perf_counter() - self.started, 1),
            "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": self.machine,
            "load_average_now": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
            "database": machine.database(self.database),
            "benchmarks": self.benchmarks,
            "summary": self.summary(),
            "results": [
                {
                    "benchmark": row.benchmark,
                    "name": row.result.name,
                    "measured": row.result.measured,
                    "budget": row.result.budget,
                    "unit": row.result.unit,
                    "status": self.status(row.result),
                    "note": row.result.note,
                    "measured_text": fmt(row.result.measured, row.result.unit),
                    "budget_text": fmt(row.result.budget, row.result.unit),
                }
                for row in self.rows
            ],
        }

    def write(self, complete: bool) -> None:
        self.json_path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.json_path.with_name(self.json_path.name + ".partial")
        partial.write_text(json.dumps(self.as_json(complete), indent=2) + "\n", encoding="utf-8")
        partial.replace(self.json_path)
