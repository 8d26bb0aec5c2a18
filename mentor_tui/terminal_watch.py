"""Quit when the terminal is gone.

Closing a terminal window hangs up its terminal: the shell gets SIGHUP and passes it
on, and the app ends. But when the app runs under a program that catches SIGHUP and
waits for its children (`make run` does), no SIGHUP reaches the app, and Textual's
input thread spins on the dead terminal: a process left burning a core for good.
So the app asks the terminal every CHECK_EVERY seconds whether it is still there and,
when it is not, quits the way `q` does (the database is closed properly).
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

CHECK_EVERY = 2.0  # seconds


def terminal_gone(fd: int) -> bool:
    """Whether the terminal behind `fd` has hung up (asking it for its foreground group fails
    with EIO). Any other answer, an error included, is not taken for a hang-up."""
    try:
        os.tcgetpgrp(fd)
    except OSError as exc:
        return exc.errno == errno.EIO
    return False


def watch(app: Any) -> None:
    """Check the terminal of a running app now and then; quit once it is gone. Only a terminal
    that answers at the start is watched (one the app does not control is left alone)."""
    stdin = sys.__stdin__
    if app.is_headless or stdin is None or not hasattr(os, "tcgetpgrp"):
        return
    try:
        fd = stdin.fileno()
        os.tcgetpgrp(fd)
    except (OSError, ValueError):
        return

    def check() -> None:
        if terminal_gone(fd):
            app.exit()

    app.set_interval(CHECK_EVERY, check, name="terminal-watch")
