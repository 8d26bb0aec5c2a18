"""Atomic file writes shared by every exporter.

The data goes to a temporary file in the target's own folder (so ``os.replace``
is a rename on one file system), is flushed and fsynced, gets its mode, and then
replaces the target in one step: a reader sees the old file or the new one, never
half of one. The folder is fsynced too, so the rename survives a power loss.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, mode: int = 0o600) -> Path:
    """Write ``data`` (str is encoded as UTF-8) to ``path`` atomically.

    The file ends with permission bits ``mode`` (0600 by default: exports may hold
    personal data). Returns the path written. Raises ``OSError`` when the folder
    does not exist or is not writable; the target is then left untouched.
    """
    path = Path(path)
    refuse_database(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)
    return path


_SQLITE_MAGIC = b"SQLite format 3\x00"
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def refuse_database(path: Path) -> None:
    """An export must never replace a database (`-o mentor.sqlite3` by mistake).

    Raises FileExistsError when `path` is an SQLite file or one of its side files.
    """
    is_database = path.name.endswith(_SQLITE_SIDE_FILES)
    if not is_database and path.is_file():
        with contextlib.suppress(OSError), path.open("rb") as fh:
            is_database = fh.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    if is_database:
        raise FileExistsError(errno.EEXIST, "it is a database file; choose another name", str(path))


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every OS allows it)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
