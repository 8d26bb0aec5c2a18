"""Peak memory (max RSS): of the app, and of an import (DESIGN.md's performance budget).

- the app driven headless through all six screens on the benchmark database
  (probe_memory.py): budget 150 MB;
- `mentor-tui import FOLDER` of one file per person of the benchmark database into
  an empty store: budget twice the files' size plus 100 MB.

An outer interpreter runs each as its only child and reports
`getrusage(RUSAGE_CHILDREN).ru_maxrss`, so earlier children of this process
(the generator, the exports) cannot leak into the number.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from common import BENCH_DIR, OUT, PYTHON, ROOT, Result, not_built, repeats

APP_BUDGET_MB = 150.0
IMPORT_BASE_MB = 100.0
FILES = OUT / "memory-import"
TARGET = OUT / "memory-import-target.sqlite3"
OUTER = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
if proc.returncode:
    sys.stderr.write(proc.stderr[-2000:] or proc.stdout[-2000:])
    raise SystemExit(proc.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_mb(command: list[str]) -> float:
    """Max RSS of `command` run as the only child of a fresh interpreter, in MB."""
    proc = subprocess.run([PYTHON, "-c", OUTER, *command], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if proc.returncode:
        raise RuntimeError((proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1])
    return int(proc.stdout.strip().splitlines()[-1]) / 1024  # Linux: KiB


def _person_files(db: Path) -> list[Path]:
    """One export file per person of `db`, made again unless they are newer than it."""
    from mentor_tui.exchange.spec import FORMAT_VERSION

    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        uuids = [row[0] for row in con.execute("SELECT uuid FROM person ORDER BY id")]
    finally:
        con.close()
    files = sorted(FILES.glob("*.toml"))
    fresh = (len(files) == len(uuids) and all(f.stat().st_mtime > db.stat().st_mtime for f in files)
             and f"version = {FORMAT_VERSION}\n" in files[0].read_text(encoding="utf-8")[:200])
    if fresh:
        return files
    from mentor_tui.db import database
    from mentor_tui.exchange.toml_export import build_document, write_document

    shutil.rmtree(FILES, ignore_errors=True)
    FILES.mkdir(parents=True)
    database.open_database(db)
    try:
        for n, uuid in enumerate(uuids):
            write_document(build_document(persons=[uuid]), FILES / f"person-{n:03d}.toml")
    finally:
        database.close_database()
    return sorted(FILES.glob("*.toml"))


def app_memory(db: Path) -> Result:
    name = "peak memory of the app (all screens)"
    try:
        return Result(name, peak_mb([PYTHON, str(BENCH_DIR / "probe_memory.py"), str(db)]), APP_BUDGET_MB, "MB",
                      note=f"every section {repeats(2)} x with its keys, 120x40")
    except RuntimeError as exc:
        return Result(name, None, APP_BUDGET_MB, "MB", note=f"error: {exc}", status_override="FAIL")


def import_memory(db: Path) -> Result:
    name = "peak memory of an import (a file per person)"
    files = _person_files(db)
    files_mb = sum(f.stat().st_size for f in files) / 1024 / 1024
    budget = 2 * files_mb + IMPORT_BASE_MB
    for suffix in ("", "-wal", "-shm"):
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    try:
        peak = peak_mb([PYTHON, "-m", "mentor_tui", "--db", str(TARGET), "import", str(FILES)])
    except RuntimeError as exc:
        return Result(name, None, budget, "MB", note=f"error: {exc}", status_override="FAIL")
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    return Result(name, peak, budget, "MB",
                  note=f"`mentor-tui import` of {len(files)} files, {files_mb:.1f} MB, into an empty store; "
                       f"budget 2 x files + {IMPORT_BASE_MB:.0f} MB")


def run(db: Path) -> list[Result]:
    try:
        import mentor_tui.app  # noqa: F401
    except ImportError as exc:
        return [not_built("peak memory of the app", str(exc), APP_BUDGET_MB, "MB")]
    return [app_memory(db), import_memory(db)]
