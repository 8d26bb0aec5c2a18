"""Peak memory (max RSS) of an import: budget 2 x the size of its files + 100 MB (DESIGN.md).

Two imports into a new, empty store, each in a process of its own:
- the team export of the large database (one ~30 MB file, made once into
  benchmarks/out/team-large.toml from a copy of the large database);
- the 100 person files of the import benchmark (exchange_bench).

An outer interpreter runs the import as its only child and reports
`getrusage(RUSAGE_CHILDREN).ru_maxrss`: the largest of the import and its
reading workers, so earlier children of this process cannot count.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from common import OUT, PYTHON, ROOT, Result, is_missing_code, not_built

TEAM = OUT / "team-large.toml"
TARGET = OUT / "memory-import-target.sqlite3"
FIXED_MB = 100.0
OUTER = """
import resource, subprocess, sys
proc = subprocess.run([sys.executable, "-m", "mentor_tui", "--db", sys.argv[1], "import", *sys.argv[2:]],
                      capture_output=True, text=True)
if proc.returncode:
    sys.stderr.write(proc.stderr[-2000:] or proc.stdout[-2000:])
    raise SystemExit(proc.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def team_file(db: Path) -> Path:
    """The team export of the large database (made once; again when the database is newer)."""
    if TEAM.exists() and TEAM.stat().st_mtime >= db.stat().st_mtime:
        return TEAM
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:  # the export opens its store (and may back it up)
        copy = Path(tmp) / "source.sqlite3"
        shutil.copyfile(db, copy)
        subprocess.run([PYTHON, "-m", "mentor_tui", "--db", str(copy), "export", "-o", str(TEAM), "--force"],
                       cwd=ROOT, check=True, capture_output=True, text=True, timeout=600)
    return TEAM


def peak_mb(files: list[Path]) -> tuple[float | None, str]:
    """Max RSS in MB of `mentor-tui import FILES` into a new store, or None and why not."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    proc = subprocess.run([PYTHON, "-c", OUTER, str(TARGET), *map(str, files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    if proc.returncode:
        return None, (proc.stderr.strip().splitlines() or ["failed"])[-1]
    return int(proc.stdout.strip().splitlines()[-1]) / 1024, ""  # Linux: KiB


def _row(name: str, files: list[Path]) -> Result:
    size_mb = sum(f.stat().st_size for f in files) / 1024 / 1024
    budget = 2 * size_mb + FIXED_MB
    measured, error = peak_mb(files)
    if measured is None:
        return Result(name, None, budget, "MB", note=f"error: {error}", status_override="FAIL")
    return Result(name, measured, budget, "MB", note=f"{len(files)} file(s), {size_mb:.1f} MiB; budget 2 x size + 100 MB")


def run(db: Path) -> list[Result]:
    name = "peak memory: import the team export of the large db"
    try:
        from exchange_bench import person_files

        import mentor_tui.exchange.toml_import  # noqa: F401
    except ImportError as exc:
        if is_missing_code(exc):
            return [not_built(name, str(exc), None, "MB")]
        raise
    return [
        _row(name, [team_file(db)]),
        _row("peak memory: import 100 person files", person_files(db)),
    ]
