"""The smoke size's knobs: fewer repeats and smaller inputs for the benchmarks that keep theirs
in module constants, set in the child process before the benchmark runs (run.py --one).

Kept here, not in each benchmark, so a benchmark's module reads as what it measures at
the large size; a benchmark that wants its own knob can use `common.repeats()` instead.
A knob naming a constant the module no longer has is reported on stderr, so it cannot
go stale silently (the smoke run would only be slower).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import ModuleType

from common import OUT

BROKEN_FILES = 3  # of the broken-file corpus, refused from the command line at smoke size
HOSTILE_FILES = 2  # of the hostile files, each refused from the command line


def _broken_subset(corpus: Path) -> Path:
    """A folder with the first few files of the broken-file corpus."""
    folder = OUT / "broken-subset"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for file in sorted(corpus.glob("*.toml"))[:BROKEN_FILES]:
        shutil.copyfile(file, folder / file.name)
    return folder


# benchmark name -> {module constant: its smoke value, or a function of the large value}
KNOBS: dict[str, dict[str, object]] = {
    "startup": {"RUNS": 1},
    "refusal": {
        "BROKEN": _broken_subset,
        "HOSTILE": lambda kinds: dict(list(kinds.items())[:HOSTILE_FILES]),
        "TEN_MIB": 256 * 1024,
    },
    "reports": {},  # reports_bench.py uses common.repeats()
    "search": {"RUNS": 2},
    "plans": {"RUNS": 1},
    "labs": {"TOGGLES": 2},
    "calendar": {"RUNS": 1},
}


def apply(name: str, module: ModuleType) -> None:
    # The app builds no section ahead at the smoke size (a first visit builds it, as when a
    # key comes before the warm-up): that is most of each app's start-up CPU, and the smoke
    # run only proves each benchmark runs (app_driver.wait_ready does not wait for it then).
    from mentor_tui.screens import warm_up

    warm_up.BUILD_AHEAD_AFTER = 24 * 3600.0
    for constant, value in KNOBS.get(name, {}).items():
        if not hasattr(module, constant):
            print(f"smoke: {module.__name__}.{constant} is gone; its smoke knob does nothing", file=sys.stderr)
            continue
        setattr(module, constant, value(getattr(module, constant)) if callable(value) else value)
