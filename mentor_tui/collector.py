"""When Python's cyclic garbage collector runs, so that a key does not wait for it.

A full collection walks every object the process holds. With the sections of a
large database open that is ~50 ms, and it lands at random inside a key's work:
the same form opened in 150 ms or in 200 ms depending on whether one fell in it.
What start-up and a section's first visit build (modules, the stylesheet, the
section screens with their tables) lives as long as the app, so once it is built
it is moved out of the collector's sight (`gc.freeze`): later collections walk
only what was made since (a form, a detail screen, a worker's rows). The
youngest generation is also collected less often (every 10,000 new objects
instead of 700): a key's work makes tens of thousands, and each collection of
the young walks all of them.

What a key's work leaves behind (a closed form, a detail screen) reaches the middle
generation, whose collection took ~25 ms and also landed inside keys (every third
check-in form). The middle generation is now collected when input has stopped for a
moment (`tidy`, while the user reads) and only rarely on its own.

Frozen objects are never collected, so the app gives them back to the collector
when it exits (`release`): a process that runs one app after another (the
tests) does not keep every app it ran.
"""

from __future__ import annotations

import gc

YOUNG_EVERY = 10_000  # new objects between two collections of the youngest generation (Python: 700)
MIDDLE_EVERY = 100  # collections of the youngest between two of the middle generation (Python: 10)
TIDY_AFTER = 1.0  # seconds without input before `tidy`


_before: tuple[int, int, int] | None = None  # the thresholds `tune` replaced


def tune() -> None:
    """Collect the youngest generations less often (once, when the app starts running)."""
    global _before
    if _before is None:
        _before = gc.get_threshold()
    young, middle, oldest = _before
    gc.set_threshold(max(YOUNG_EVERY, young), max(MIDDLE_EVERY, middle), oldest)


def tidy() -> None:
    """Collect the young and middle generations now: input has stopped, nobody waits."""
    gc.collect(1)


def keep_built() -> None:
    """What exists now lives as long as the app: collections no longer walk it."""
    gc.freeze()


def release() -> None:
    """The app is closing: what `keep_built` set aside is collectable again, and collections
    come as often as before `tune`."""
    global _before
    gc.unfreeze()
    if _before is not None:
        gc.set_threshold(*_before)
        _before = None
