"""Refusing a broken exchange file is quick: budget 1 s in process, 3 s from the command line.

Every file of the broken-file corpus (tests/data/broken/, the files
tests/test_exchange_import_errors.py checks the messages of) is imported into a
copy of the large database, so reference checks look through a full store:

- in process (`import_files`): the slowest refusal, budget 1 s;
- from the command line (`mentor-tui import FILE`, interpreter start-up
  included): the slowest refusal, budget 3 s;
- a file just over the size cap (sparse) from the command line, refused before it
  is read: budget 3 s;
- hostile 10 MiB files (dotted keys of 64+ parts in every spelling: bare, quoted
  with escapes, literal, with blanks; deep nesting of arrays and inline tables)
  from the command line: budget 2 s each (the guards before the parser are linear).

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
BIG = OUT / "over-the-cap.toml"
HOSTILE_BUDGET_S = 2.0
TEN_MIB = 10 * 1024 * 1024
# name -> the unit repeated to fill 10 MiB (after a valid header)
HOSTILE = {
    "dotted key, bare parts": "a.",
    "dotted key, quoted parts with escapes": '"a\\"b".',
    "dotted key, literal parts with blanks": "'x' . ",
    "dotted key in an inline table": None,
    "nested arrays": "[",
    "nested inline tables": "{a=",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _command(db: Path, file: Path) -> tuple[float, int]:
    started = time.perf_counter()
    proc = subprocess.run([PYTHON, "-m", "mentor_tui", "--db", str(db), "import", str(file)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    return time.perf_counter() - started, proc.returncode


def _big_file() -> Path:
    from mentor_tui.exchange.spec import MAX_FILE_BYTES

    with BIG.open("w", encoding="utf-8") as fh:
        fh.write('format = "mentor-tui"\nversion = 1\n')
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    return BIG


def _hostile_file(name: str, unit: str | None) -> Path:
    path = OUT / f"hostile-{name.replace(' ', '-').replace(',', '')}.toml"
    head = 'format = "mentor-tui"\nversion = 1\n'
    if unit is None:
        body = "x = { " + "a." * (TEN_MIB // 2) + "a = 1 }\n"
    elif unit[0] in "[{":  # a value nested 10 MiB deep
        body = "a = " + unit * (TEN_MIB // len(unit)) + "\n"
    else:
        body = unit * (TEN_MIB // len(unit)) + " = 1\n"
    path.write_text(head + body, encoding="utf-8")
    return path


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
    hostile_rows = []
    for hostile, unit in HOSTILE.items():
        file = _hostile_file(hostile, unit)
        seconds, status = _command(TARGET, file)
        file.unlink()
        if status != 1:
            accepted.append(f"{file.name} (exit {status})")
        hostile_rows.append((hostile, seconds, status))

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
        Result("refuse a file over the size cap, command line", big_seconds, COMMAND_BUDGET_S,
               note="refused before parsing", status_override=broken),
        *(
            Result(f"refuse a hostile 10 MiB file: {hostile}", seconds, HOSTILE_BUDGET_S,
                   note="command line, interpreter start-up included",
                   status_override="FAIL" if status != 1 else None)
            for hostile, seconds, status in hostile_rows
        ),
    ]
