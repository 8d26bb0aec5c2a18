"""The app quits when its terminal is gone, also when no SIGHUP reaches it (`make run`)."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import textwrap
import time

from mentor_tui import terminal_watch

# A session leader that owns the terminal, ignores its hang-up and waits for its child, as
# `make` does: the app under it gets no SIGHUP when the terminal goes.
LAUNCHER = textwrap.dedent("""
    import fcntl, os, signal, subprocess, sys, termios
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)  # the app itself would die of one: it gets none
    child = subprocess.Popen([sys.executable, "-m", "mentor_tui", "--db", sys.argv[1]])
    open(sys.argv[2], "w").write(str(child.pid))
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    sys.exit(child.wait())
""")


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_a_hung_up_terminal_is_told_from_a_live_one():
    master, slave = os.openpty()
    try:
        assert not terminal_watch.terminal_gone(slave)  # live (not this process's own: ENOTTY)
        os.close(master)  # the terminal window closed
        master = -1
        assert terminal_watch.terminal_gone(slave)  # hung up: EIO
    finally:
        if master != -1:
            os.close(master)
        os.close(slave)


def test_the_app_quits_when_its_terminal_hangs_up_and_no_sighup_comes(tmp_path):
    master, slave = os.openpty()
    launcher = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(tmp_path / "mentor.sqlite3"), str(tmp_path / "pid")],
        stdin=slave, stdout=slave, stderr=slave, env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(slave)
    app_pid = -1
    try:
        # the app is up once it has drawn its first screen; keep reading so its writes never block
        drawn = b""
        deadline = time.monotonic() + 30
        while b"Welcome" not in drawn and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                drawn += os.read(master, 65536)
        assert b"Welcome" in drawn, drawn[-500:]
        app_pid = int((tmp_path / "pid").read_text())
        os.close(master)  # the terminal window is closed
        master = -1
        assert _wait_gone(app_pid, timeout=terminal_watch.CHECK_EVERY + 20), "the app kept running"
        assert launcher.wait(timeout=10) == 0  # it quit as `q` quits
        assert (tmp_path / "mentor.sqlite3").exists()
    finally:
        if master != -1:
            os.close(master)
        for pid in (app_pid, launcher.pid) if app_pid != -1 else (launcher.pid,):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        launcher.wait(timeout=10)
