"""Peak memory (max RSS) of the app driven headless through all six screens on the large db.

An outer interpreter runs the probe as its only child and reports
`getrusage(RUSAGE_CHILDREN).ru_maxrss`, so earlier children of this process
(the generator, the startup probes) cannot leak into the number.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from common import BENCH_DIR, PYTHON, ROOT, Result, not_built

BUDGET_MB = 150.0
OUTER = """
import resource, subprocess, sys
proc = subprocess.run([sys.executable, sys.argv[1], sys.argv[2]], capture_output=True, text=True)
if proc.returncode:
    sys.stderr.write(proc.stderr[-2000:] or proc.stdout[-2000:])
    raise SystemExit(proc.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run(db: Path) -> list[Result]:
    name = "peak memory: all screens, large db"
    try:
        import mentor_tui.app  # noqa: F401
    except ImportError as exc:
        return [not_built(name, str(exc), BUDGET_MB, "MB")]
    proc = subprocess.run([PYTHON, "-c", OUTER, str(BENCH_DIR / "probe_memory.py"), str(db)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        return [Result(name, None, BUDGET_MB, "MB", note=f"error: {last}", status_override="FAIL")]
    kib = int(proc.stdout.strip().splitlines()[-1])  # Linux: KiB
    return [Result(name, kib / 1024, BUDGET_MB, "MB")]
