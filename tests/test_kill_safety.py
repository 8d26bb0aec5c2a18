"""SIGKILL at random moments: an import leaves the database whole (before or after, never
partial, never corrupt); an export over a file leaves the old file or the new one. And a
killed, hung-up or terminated import leaves no worker process holding its output.

The children are forked from a forkserver that has already imported mentor-tui, so each
of the many runs costs milliseconds to start, not an interpreter's start-up.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentor_tui.demo import generate
from tests.exchange_fixtures import file_hash

RUNS = 20
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["mentor_tui.exchange.toml_import", "mentor_tui.exchange.toml_export"])


def _import(db: str, files: list[str]) -> None:
    from mentor_tui.db import database
    from mentor_tui.exchange.toml_import import import_files

    database.open_database(db)
    import_files(files)
    database.close_database()


def _export(db: str, target: str) -> None:
    from mentor_tui.db import database
    from mentor_tui.exchange.toml_export import build_document, write_document

    database.open_database(db)
    write_document(build_document(), target)
    database.close_database()


def _run(target, *args) -> multiprocessing.Process:
    child = _CONTEXT.Process(target=target, args=args)
    child.start()
    return child


def _timed(target, *args) -> float:
    started = time.monotonic()
    child = _run(target, *args)
    child.join(60)
    assert child.exitcode == 0
    return time.monotonic() - started


def _kill_after(child: multiprocessing.Process, seconds: float) -> None:
    child.join(seconds)
    if child.is_alive():
        with contextlib.suppress(ProcessLookupError):  # it may end between the look and the kill
            os.kill(child.pid, signal.SIGKILL)
    child.join(10)


def _counts(path: Path) -> tuple[int, ...]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        return tuple(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ("person", "goal", "lab_item", "check_in", "session"))
    finally:
        con.close()


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A 'large' team export (a few MB), and an empty store to import it into."""
    folder = tmp_path_factory.mktemp("kill")
    source = folder / "source.sqlite3"
    generate(source, people=8, plans=20, goals=200, lab_items=800, checkins=250, sessions=30, seed=7)
    export = folder / "team.toml"
    _export(str(source), str(export))
    empty = folder / "empty.sqlite3"
    from mentor_tui.db import database

    database.open_database(empty)
    database.close_database()
    return folder, source, export, empty


def test_sigkill_during_an_import_leaves_the_database_before_or_after(large, tmp_path):
    folder, source, export, empty = large
    done = tmp_path / "done.sqlite3"
    shutil.copyfile(empty, done)
    seconds = _timed(_import, str(done), [str(export)])
    before, after = _counts(empty), _counts(done)
    assert after != before
    rng = random.Random(13)
    seen = set()
    for run in range(RUNS):
        target = tmp_path / f"run{run}.sqlite3"
        shutil.copyfile(empty, target)
        _kill_after(_run(_import, str(target), [str(export)]), rng.uniform(0.05, seconds * 1.1))
        counts = _counts(target)  # integrity and foreign keys checked too
        assert counts in (before, after), f"run {run}: a partial import {counts}"
        seen.add(counts)
    assert before in seen  # some kills landed inside the import (and were undone)


def test_sigkill_during_an_export_over_a_file_leaves_the_old_or_the_new_file(large, tmp_path):
    folder, source, export, empty = large
    new = export.read_bytes()
    old = b'format = "mentor-tui"\n# the previous export\n'
    seconds = _timed(_export, str(source), str(tmp_path / "timing.toml"))
    rng = random.Random(17)
    outcomes = []
    for run in range(RUNS):
        target = tmp_path / "team.toml"
        target.write_bytes(old)
        _kill_after(_run(_export, str(source), str(target)), rng.uniform(0.05, seconds * 1.1))
        data = target.read_bytes()  # the new file differs from `new` only in its exported_at
        assert data == old or (len(data) == len(new) and data.endswith(new[-2000:])), f"run {run}: partial"
        outcomes.append(data == old)
    assert True in outcomes  # some kills landed before the rename


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat_line = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat_line.rsplit(")", 1)[1].split()[1]) == parent and int(entry.name) not in found:
                    found.add(int(entry.name))
                    todo.append(int(entry.name))
    return found


_SLOW_IMPORT = """
import signal, sys, time
# As from a terminal: a suite started in the background (nohup, `&`) passes SIGHUP and SIGINT
# on as ignored, and the import would then never see them.
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGINT, signal.default_int_handler)
from mentor_tui.exchange import import_passes, parallel_read
parallel_read.PARALLEL_MIN_BYTES = 0
real = import_passes.match_people
def slow(files):
    time.sleep(60)  # this process writes slowly: the workers are up meanwhile
    return real(files)
import_passes.match_people = slow
from mentor_tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
def test_no_worker_outlives_an_import_that_is_killed(large, tmp_path, how):
    folder, source, export, empty = large
    files = []
    for n in range(4):
        copy = tmp_path / f"part{n}.toml"
        shutil.copyfile(export, copy)
        files.append(str(copy))
    db = tmp_path / "target.sqlite3"
    shutil.copyfile(empty, db)
    env = {k: v for k, v in os.environ.items() if k != "MENTOR_TUI_DB"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_IMPORT, "--db", str(db), "import", *files],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    deadline = time.monotonic() + 30
    while len(_descendants(proc.pid)) < 4 and time.monotonic() < deadline:  # tracker, forkserver, 2 workers
        time.sleep(0.05)
    family = _descendants(proc.pid)
    assert len(family) >= 4, "the import started no worker processes"
    os.kill(proc.pid, how)
    proc.wait(10)
    # A script reading the output gets end-of-file: no worker keeps the pipe open.
    for pipe in (proc.stdout, proc.stderr):
        assert pipe is not None
        ready, _w, _x = select.select([pipe], [], [], 15)
        assert ready, "the output stayed open"
        while pipe.read(65536):
            pass
    deadline = time.monotonic() + 15
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in family) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [pid for pid in family if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    assert alive == [], f"orphans after {how.name}"
    assert file_hash(db) == file_hash(empty) or _counts(db) == _counts(empty)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"
