"""The benchmark database (DESIGN.md's large sizes, or the smoke sizes), made once with the
demo generator and kept in the scratch folder until the schema or the sizes change."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import common
from common import PYTHON, ROOT, Result

BUDGET_S = 30.0
# the generator's size options -> the table each one counts
TABLES = {
    "people": "person",
    "plans": "plan",
    "goals": "goal",
    "lab_items": "lab_item",
    "checkins": "check_in",
    "sessions": "session",
}


def _read(path: Path, sql: str) -> int | None:
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(con.execute(sql).fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return None


def schema_version_of(path: Path) -> int | None:
    return _read(path, "PRAGMA user_version")


def counts(path: Path) -> dict[str, int | None]:
    """How many of each thing the generator was asked for the database holds."""
    return {key: _read(path, f'SELECT count(*) FROM "{table}"') for key, table in TABLES.items()}


def is_current(path: Path) -> bool:
    """Made for this schema and with the sizes asked for now."""
    from mentor_tui.db.database import SCHEMA_VERSION

    return (path.exists() and path.stat().st_size > 0 and schema_version_of(path) == SCHEMA_VERSION
            and counts(path) == common.DB_SIZES)


def generate(path: Path, seed: int = 42) -> float:
    """Write the benchmark database to `path` (replacing it); the wall time it took."""
    path.parent.mkdir(parents=True, exist_ok=True)
    args = [PYTHON, "-m", "mentor_tui.demo", "--force", "--seed", str(seed)]
    for key, value in common.DB_SIZES.items():
        args += [f"--{key.replace('_', '-')}", str(value)]
    started = time.perf_counter()
    subprocess.run([*args, str(path)], check=True, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started


def run(path: Path, force: bool = False) -> list[Result]:
    name = f"generate the {common.SIZE} database"
    if not force and is_current(path):
        return [Result(name, None, BUDGET_S, note="cached (use --regenerate to time it)", status_override="cached")]
    return [Result(name, generate(path), BUDGET_S)]
