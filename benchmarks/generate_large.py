"""The large synthetic database (DESIGN.md sizes), made once with the demo generator."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

from common import LARGE_SIZES, PYTHON, ROOT, Result

BUDGET_S = 30.0


def schema_version_of(path: Path) -> int | None:
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(con.execute("PRAGMA user_version").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return None


def is_current(path: Path) -> bool:
    from mentor_tui.db.database import SCHEMA_VERSION

    return path.exists() and path.stat().st_size > 0 and schema_version_of(path) == SCHEMA_VERSION


def generate(path: Path, seed: int = 42) -> float:
    """Write the large database to `path` (replacing it); the wall time it took."""
    path.parent.mkdir(parents=True, exist_ok=True)
    args = [PYTHON, "-m", "mentor_tui.demo", "--force", "--seed", str(seed)]
    for key, value in LARGE_SIZES.items():
        args += [f"--{key.replace('_', '-')}", str(value)]
    started = time.perf_counter()
    subprocess.run([*args, str(path)], check=True, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started


def run(path: Path, force: bool = False) -> list[Result]:
    if not force and is_current(path):
        return [Result("generate large db", None, BUDGET_S, note="cached (use --regenerate to time it)",
                       status_override="cached")]
    return [Result("generate large db", generate(path), BUDGET_S)]
