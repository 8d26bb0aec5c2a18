"""Waiting for another writer: as long as it makes progress, up to a limit that is named.

SQLite lets one program write at a time; the others wait the busy timeout and
then fail "database is locked". An import is one transaction, so it can simply
be tried again: it is, as long as the program holding the lock shows progress
(its -wal file changes), for at most LIMIT_MINUTES. A long import keeps its
pages in memory until it commits, so while it writes it touches the -wal file
every HEARTBEAT seconds (`writing`); a lock held by a program that shows
nothing (another app with a change pending) is given up on.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
LIMIT_MINUTES = 10
HEARTBEAT = 1.0
WAITING = "waiting for another mentor-tui (or another program) to finish writing…"


class StillLocked(Exception):
    """The other writer did not finish in time, or stopped making progress; one line."""


def is_locked(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _activity(database: Path) -> tuple[int, int, int, int] | None:
    """What changes while a program writes: the -wal file's and the database's size and time."""
    try:
        wal = os.stat(f"{database}-wal")
        main = os.stat(database)
    except OSError:
        return None
    return wal.st_size, wal.st_mtime_ns, main.st_size, main.st_mtime_ns


def while_others_write(
    attempt: Callable[[], T],
    database: Path,
    waiting: Callable[[str], None] | None = None,
    limit_minutes: float | None = None,
) -> T:
    """`attempt()`, tried again while it fails on the lock and the lock's holder writes.

    `attempt` must change nothing when it fails (one transaction). `waiting(WAITING)`
    is called once, the first time it has to wait. Raises StillLocked.
    """
    limit_minutes = LIMIT_MINUTES if limit_minutes is None else limit_minutes
    started = time.monotonic()
    said = False
    while True:
        before = _activity(database)
        try:
            return attempt()
        except Exception as exc:
            if not is_locked(exc):
                raise
            if _activity(database) == before:
                raise StillLocked(
                    "the database is locked by another program that is not writing (another mentor-tui "
                    "with a change pending?); try again when it is done"
                ) from None
            if time.monotonic() - started > limit_minutes * 60:
                raise StillLocked(
                    f"gave up after waiting {limit_minutes:g} minutes for another program writing to the "
                    "database; try again when it is done"
                ) from None
            if waiting is not None and not said:
                waiting(WAITING)
                said = True


@contextlib.contextmanager
def writing(database: Path) -> Iterator[None]:
    """Show other programs that this one is writing (see the module's text) until the block ends."""
    done = threading.Event()

    def beat() -> None:
        while not done.wait(HEARTBEAT):
            with contextlib.suppress(OSError):
                os.utime(f"{database}-wal")

    thread = threading.Thread(target=beat, daemon=True, name="write-heartbeat")
    thread.start()
    try:
        yield
    finally:
        done.set()
