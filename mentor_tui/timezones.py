"""The user's IANA time zone name, for new sessions."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from mentor_tui import recurrence


def is_valid(name: str) -> bool:
    try:
        recurrence.zone(name)
    except ValueError:
        return False
    return True


def local_zone_name() -> str:
    """TZ, else the /etc/localtime link target, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.readlink("/etc/localtime")
        candidates.append(target.split("zoneinfo/", 1)[-1])
    except OSError:
        pass
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text().strip())
    for name in candidates:
        if name and is_valid(name):
            return name
    return "UTC"
