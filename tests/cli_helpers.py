"""Running the real `mentor-tui` command line in a subprocess, for tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cli(db: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m mentor_tui --db DB ARGS...`, without a MENTOR_TUI_DB from outside."""
    env = {k: v for k, v in os.environ.items() if k != "MENTOR_TUI_DB"}
    return subprocess.run(
        [sys.executable, "-m", "mentor_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )
