"""Start-up of `mentor-tui --db large.sqlite3` vs. a minimal Textual app: to the first frame and to settled.

Each runs in a fresh process (one warm-up, then RUNS measured, alternating
with the minimal app); budgets: the median for mentor-tui is at most 1.25 x
the minimal app's to the first frame, and at most 1.3 x to settled (the
database open, the Dashboard filled, every worker done; the minimal app
settles at its first frame).
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from common import BENCH_DIR, PYTHON, ROOT, Result, median, not_built, repeats

RUNS = repeats(5, 1)
# Starts before the measured ones, to fill the OS's caches; the smoke size times nothing
# worth it (it proves the probes run, and each start is a process: ~0.7 s of CPU).
WARM_UPS = repeats(1, 0)
RATIO = 1.25
SETTLED_RATIO = 1.3
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
    mentor = ["mentor", str(db)]
    for _ in range(WARM_UPS):
        first_frame(["minimal"])
        first_frame(mentor)
        first_frame([*mentor, "--settled"])
    runs: dict[str, list[float]] = {"minimal": [], "first": [], "minimal settled": [], "settled": []}
    for _ in range(RUNS):
        runs["minimal"].append(first_frame(["minimal"]))
        runs["first"].append(first_frame(mentor))
        runs["minimal settled"].append(first_frame(["minimal", "--settled"]))
        runs["settled"].append(first_frame([*mentor, "--settled"]))
    medians = {name: median(times) for name, times in runs.items()}
    minimal, settled_minimal = medians["minimal"], medians["minimal settled"]
    return [
        Result("startup: minimal Textual app", minimal, None, note=f"median of {RUNS}"),
        Result("startup: mentor-tui (first frame)", medians["first"], RATIO * minimal,
               note=f"median of {RUNS}; {medians['first'] / minimal:.2f} x minimal (budget {RATIO} x)"),
        Result("startup: minimal Textual app (settled)", settled_minimal, None,
               note=f"median of {RUNS}; no workers: its first frame"),
        Result("startup: mentor-tui (settled)", medians["settled"], SETTLED_RATIO * settled_minimal,
               note=f"median of {RUNS}; Dashboard filled, workers done; "
                    f"{medians['settled'] / settled_minimal:.2f} x minimal (budget {SETTLED_RATIO} x)"),
    ]
