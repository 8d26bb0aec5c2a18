"""Start to first frame: `mentor-tui --db large.sqlite3` vs. a minimal Textual app.

Each runs in a fresh process (one warm-up, then RUNS measured, interleaved);
budget: the median for mentor-tui is at most 1.25 x the minimal app's median.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from common import BENCH_DIR, PYTHON, ROOT, Result, median, not_built

RUNS = 5
RATIO = 1.25
PROBE = str(BENCH_DIR / "probe_first_frame.py")


def first_frame(args: list[str]) -> float:
    started = time.time()
    proc = subprocess.run([PYTHON, PROBE, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError((proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"])
    return float(proc.stdout.strip().splitlines()[-1]) - started


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.app  # noqa: F401
    except ImportError as exc:
        minimal = median([first_frame(["minimal"]) for _ in range(RUNS)])
        return [Result("startup: minimal Textual app", minimal, None),
                not_built("startup: mentor-tui (first frame)", str(exc))]
    first_frame(["minimal"])
    first_frame(["mentor", str(db)])
    minimal_runs, mentor_runs = [], []
    for _ in range(RUNS):
        minimal_runs.append(first_frame(["minimal"]))
        mentor_runs.append(first_frame(["mentor", str(db)]))
    minimal, mentor = median(minimal_runs), median(mentor_runs)
    return [
        Result("startup: minimal Textual app", minimal, None, note=f"median of {RUNS}"),
        Result("startup: mentor-tui (first frame)", mentor, RATIO * minimal,
               note=f"median of {RUNS}; {mentor / minimal:.2f} x minimal (budget {RATIO} x)"),
    ]
