"""Refusing a broken exchange file is quick: budget 1 s in process, 3 s from the command line.

Every file of the broken-file corpus (tests/data/broken/, the files
tests/test_exchange_import_errors.py checks the messages of) is imported into a
copy of the large database, so reference checks look through a full store:

- in process (`import_files`): the slowest refusal, budget 1 s;
- from the command line (`mentor-tui import FILE`, interpreter start-up
  included): the slowest refusal, budget 3 s;
- a file just over 10 MiB from the command line, refused before it is parsed:
  budget 3 s.

Each refusal must also leave the copy unchanged; a benchmark row fails otherwise.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from pathlib import Path

from common import OUT, PYTHON, ROOT, Result, is_missing_code, not_built

IN_PROCESS_BUDGET_S = 1.0
COMMAND_BUDGET_S = 3.0
BROKEN = ROOT / "tests" / "data" / "broken"
TARGET = OUT / "refusal-target.sqlite3"
BIG = OUT / "over-10-mib.toml"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _command(db: Path, file: Path) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run([PYTHON, "-m", "mentor_tui", "--db", str(db), "import", str(file)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    return time.perf_counter() - started, proc.returncode


def _big_file() -> Path:
    if not BIG.exists() or BIG.stat().st_size <= 10 * 1024 * 1024:
        with BIG.open("w", encoding="utf-8") as fh:
            fh.write('format = "mentor-tui"\nversion = 1\n')
            line = "# " + "x" * 1022 + "\n"
            for _ in range(10 * 1024 + 1):
                fh.write(line)
    return BIG


def run(db: Path) -> list[Result]:
    name = "refuse a broken file, in process (slowest)"
    try:
        from mentor_tui.db import database
        from mentor_tui.exchange.errors import ExchangeError
        from mentor_tui.exchange.toml_import import import_files
    except ImportError as exc:
        if is_missing_code(exc):
            return [not_built(name, str(exc), IN_PROCESS_BUDGET_S)]
        raise
    files = sorted(BROKEN.glob("*.toml"))
    shutil.copyfile(db, TARGET)
    before = _digest(TARGET)

    slowest, which, accepted = 0.0, "", []
    database.open_database(TARGET)
    try:
        for file in files:
            started = time.perf_counter()
            try:
                import_files([file])
                accepted.append(file.name)
            except ExchangeError:
                pass
            seconds = time.perf_counter() - started
            if seconds > slowest:
                slowest, which = seconds, file.name
    finally:
        database.close_database()

    command_slowest, command_which = 0.0, ""
    for file in files:
        seconds, status = _command(TARGET, file)
        if status != 1:
            accepted.append(f"{file.name} (exit {status})")
        if seconds > command_slowest:
            command_slowest, command_which = seconds, file.name
    big_seconds, big_status = _command(TARGET, _big_file())
    if big_status != 1:
        accepted.append(f"{BIG.name} (exit {big_status})")

    changed = _digest(TARGET) != before
    for suffix in ("", "-wal", "-shm"):  # a copy of the large database: do not keep it
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    broken = "FAIL" if accepted or changed else None
    problem = f"; NOT refused: {', '.join(accepted)}" if accepted else ""
    problem += "; the database changed" if changed else ""
    return [
        Result(name, slowest, IN_PROCESS_BUDGET_S, note=f"{which}, {len(files)} files{problem}",
               status_override=broken),
        Result("refuse a broken file, command line (slowest)", command_slowest, COMMAND_BUDGET_S,
               note=f"{command_which}, interpreter start-up included", status_override=broken),
        Result("refuse a file over 10 MiB, command line", big_seconds, COMMAND_BUDGET_S,
               note="refused before parsing", status_override=broken),
    ]
