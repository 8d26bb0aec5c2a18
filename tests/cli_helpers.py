"""Running the real `mentor-tui` command line, for tests.

`cli` runs it in this process, through the same `main(argv)` the installed command runs,
with its own stdout and stderr: two hundred commands in the suite would otherwise spend
most of their time starting interpreters. What only a real process shows (its exit
status as the shell sees it, a lock held by another program, a kill in the middle) is
tested with subprocesses, in test_cli.py and test_kill_safety.py among others.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path


def cli(db: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mentor-tui --db DB ARGS...` in this process. A store the test had open is open again
    after it (the command opens its own, which closes the test's)."""
    return run_here(["--db", str(db), *args], cwd=cwd)


def run_here(argv: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mentor-tui ARGV...` through `mentor_tui.cli.main`, as a subprocess would report it."""
    from mentor_tui import cli as command_line
    from mentor_tui.db import database, models

    open_before = models.database_proxy.obj
    reopen = open_before.database if open_before is not None and not open_before.is_closed() else None
    out, err = _stream(), _stream()
    here = Path.cwd()
    saved_env = os.environ.pop("MENTOR_TUI_DB", None)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = command_line.main(argv)
            except SystemExit as exc:  # argparse: --help, a usage error
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if isinstance(exc.code, str):
                    print(exc.code, file=sys.stderr)
    finally:
        os.chdir(here)
        if saved_env is not None:
            os.environ["MENTOR_TUI_DB"] = saved_env
        database.close_database()
        if reopen is not None:
            database.open_database(reopen, daily_backup=False)
    return subprocess.CompletedProcess(["mentor-tui", *argv], code, _text(out), _text(err))


def _stream() -> io.TextIOWrapper:
    """A text stream with a byte buffer under it, like a process's stdout (`.buffer` works)."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return raw.decode("utf-8").replace("\r\n", "\n")
