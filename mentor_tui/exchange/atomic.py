"""Atomic file writes shared by every exporter.

The data goes to a temporary file in the target's own folder (so ``os.replace``
is a rename on one file system), is flushed and fsynced, gets its mode, and then
replaces the target in one step: a reader sees the old file or the new one, never
half of one. The folder is fsynced too, so the rename survives a power loss.
"""

from __future__ import annotations

import contextlib
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
