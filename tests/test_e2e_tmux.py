"""End to end: the real `mentor-tui` in tmux, driven by keys, read from the pane."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from mentor_tui.db import database


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10, check=True).stdout


def _wait_for(session: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    pane = ""
    while time.monotonic() < deadline:
        pane = _tmux("capture-pane", "-p", "-t", session)
        if text in pane:
            return pane
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the pane shows:\n{pane}")


@pytest.fixture
def tmux_session():
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed; `make test` installs it")
    name = f"mentor-e2e-{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_the_real_app_opens_and_key_2_shows_plans(store_with_me, tmux_session, tmp_path):
    database.close_database()
    script = Path(sys.executable).with_name("mentor-tui")
    command = f"{script if script.exists() else sys.executable + ' -m mentor_tui'} --db {store_with_me}"
    env = f"XDG_CONFIG_HOME={tmp_path / 'config'} XDG_DATA_HOME={tmp_path / 'data'}"
    _tmux("new-session", "-d", "-s", tmux_session, "-x", "120", "-y", "40", f"env {env} {command}")
    _wait_for(tmux_session, "Hello, Bo Chen (mentor).")
    _tmux("send-keys", "-t", tmux_session, "2")
    pane = _wait_for(tmux_session, "mentor-tui — 2 Plans")
    assert "No plans yet. Press n" in pane
    assert "n New plan" in pane
    _tmux("send-keys", "-t", tmux_session, "q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["tmux", "has-session", "-t", tmux_session], capture_output=True).returncode != 0:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("q did not quit the app")

