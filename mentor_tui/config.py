"""Where mentor-tui keeps its files, and the small settings file.

The database path comes from, in order: `--db PATH`, the `MENTOR_TUI_DB`
environment variable, then `mentor.sqlite3` in the platformdirs user data dir.
Preferences (theme and the like) live in `settings.toml` in the user config dir.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Any

from mentor_tui import APP_NAME

DB_FILENAME = "mentor.sqlite3"
DEMO_FILENAME = "demo.sqlite3"
SETTINGS_FILENAME = "settings.toml"
ENV_DB = "MENTOR_TUI_DB"

DEFAULT_SETTINGS: dict[str, Any] = {"theme": "textual-dark", "stale_after_days": 90}
DEFAULT_SETTINGS["bus_factor_months"] = 12  # how recent a rating must be to count (Team, report --team)
BUS_FACTOR_MONTHS_RANGE = (1, 120)


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def demo_db_path() -> Path:
    return data_dir() / DEMO_FILENAME


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) with mode 0700 when it does not exist yet.

    An existing folder is left as it is: `--db /tmp/x.sqlite3` must not chmod /tmp.
    """
    if not path.exists():
        path.mkdir(parents=True, mode=0o700)
        os.chmod(path, 0o700)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILENAME


def load_settings(path: Path | None = None) -> dict[str, Any]:
    """The settings, with defaults for anything missing; a broken file is ignored."""
    path = path or settings_path()
    settings = dict(DEFAULT_SETTINGS)
    try:
        with path.open("rb") as fh:
            loaded = tomllib.load(fh)
    except (OSError, ValueError, RecursionError):
        return settings
    settings.update({k: v for k, v in loaded.items() if k in DEFAULT_SETTINGS})
    return settings


def save_settings(settings: dict[str, Any], path: Path | None = None) -> None:
    import tomli_w

    path = path or settings_path()
    ensure_private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(settings), encoding="utf-8")
    os.replace(tmp, path)


def stale_after_days(settings: dict[str, Any]) -> int:
    """Days after which a lab last practised is stale ("practise again"); a bad value means the default."""
    value = settings.get("stale_after_days")
    if type(value) is int and 1 <= value <= 3650:
        return value
    return int(DEFAULT_SETTINGS["stale_after_days"])


def stale_cutoff(settings: dict[str, Any], today: dt.date) -> dt.date:
    """Labs last practised before this day are stale."""
    return today - dt.timedelta(days=stale_after_days(settings))


def bus_factor_months(settings: dict[str, Any]) -> int:
    """The settings' `bus_factor_months` (how many months a skill rating counts towards the bus
    factor); a hand-edited value that is not a whole number from 1 to 120 gives the default."""
    value = settings.get("bus_factor_months")
    low, high = BUS_FACTOR_MONTHS_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return int(DEFAULT_SETTINGS["bus_factor_months"])
