"""Where the automatic backups of a database live, and what they are called.

`backups/` beside the database holds the last KEEP automatic copies: one taken
before every migration, and one a day on the first start. Names sort by time:

    backups/mentor.sqlite3.20261126T093000Z.daily.bak
    backups/mentor.sqlite3.20261126T093000Z.before-v3.bak

Standard library only: the command line names the newest backup when a
database cannot be opened, before peewee is imported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

KEEP = 5
FOLDER = "backups"
_NAME = re.compile(r"\.(\d{8}T\d{6}Z)(?:-(\d+))?\.(daily|before-v\d+)\.bak$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime  # UTC
    reason: str  # "daily" or "before-vN"

    @property
    def why(self) -> str:
        if self.reason == "daily":
            return "daily"
        return f"before the upgrade from schema {self.reason.removeprefix('before-v')}"


def folder_for(database: Path) -> Path:
    return database.parent / FOLDER


def automatic_backups(database: Path) -> list[BackupFile]:
    """The automatic backups of `database`, oldest first."""
    folder = folder_for(database)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    prefix = database.name
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix):
            continue
        match = _NAME.fullmatch(name[len(prefix):])
        if match is None:
            continue
        taken = dt.datetime.strptime(match[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        found.append((taken, int(match[2] or 1), BackupFile(entry, taken, match[3])))
    return [b for _t, _n, b in sorted(found, key=lambda item: (item[0], item[1]))]


def newest(database: Path) -> BackupFile | None:
    found = automatic_backups(database)
    return found[-1] if found else None


def new_name(database: Path, reason: str, now: dt.datetime) -> Path:
    """A path in the backups folder not taken yet, for a copy taken `now` for `reason`."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = folder_for(database)
    candidate = folder / f"{database.name}.{stamp}.{reason}.bak"
    number = 1
    while candidate.exists():  # two copies in one second (a restored file migrated again)
        number += 1
        candidate = folder / f"{database.name}.{stamp}-{number}.{reason}.bak"
    return candidate


def restore_hint(database: Path) -> str:
    """What to say after "cannot open": the newest backup and the command that puts it back."""
    last = newest(database)
    if last is None:
        return ""
    return (
        f"; the newest backup is {last.path} ({last.taken_at:%Y-%m-%d %H:%M} UTC): "
        f"mentor-tui --db {database} restore {last.path}"
    )
