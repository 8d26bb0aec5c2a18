"""Where an export or report may be written, and what it is called by default.

One rule for the command line (`-o FILE`, `--force`) and the app's export
dialog: a file is written only to a new path or over a regular file (never over
a symbolic link, a FIFO, a device, a folder or a database), and an existing
file is replaced only when the user says so.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import unicodedata
from pathlib import Path

from mentor_tui.exchange.atomic import refuse_database

# A name a file system holds: at most 255 bytes; the stem is cut well before that.
_STEM_CHARS = 80


def output_problem(path: Path, replace: bool) -> str | None:
    """Why `path` must not be written (one line naming it), or None.

    `replace`: the user agreed to replace an existing regular file (`--force`).
    The file itself is never followed: a symbolic link is refused, not written through.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror or exc}"
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return f"{path} is a symbolic link; give the path of a regular file or a new one"
    if stat.S_ISDIR(mode):
        return f"{path} is a folder; give a file name"
    if not stat.S_ISREG(mode):
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return f"{path} is {what}, not a regular file; give the path of a regular file or a new one"
    try:
        refuse_database(path)
    except FileExistsError:
        return f"{path} is a database file; choose another name"
    if not replace:
        return f"{path} already exists; add --force to replace it"
    return None


def file_stem(text: str, fallback: str = "export") -> str:
    """`text` as part of a file name: letters and digits of every script kept (lower case),
    anything else a dash; `Zoë 李雷` gives `zoë-李雷`."""
    parts = []
    for char in unicodedata.normalize("NFC", text).lower():
        parts.append(char if char.isalnum() else "-")
    stem = "-".join(p for p in "".join(parts).split("-") if p)[:_STEM_CHARS].strip("-")
    return stem or fallback


def export_file_name(who: str, today: dt.date, private: bool = False) -> str:
    """e.g. mentor-ana-ruiz-2026-11-26.toml; a file with private notes says so in its name."""
    return f"mentor-{file_stem(who)}-{today.isoformat()}{'-PRIVATE' if private else ''}.toml"
