"""What the app does ahead while the user reads the Dashboard: its warm-up.

Once start-up's workers are done, the other screens' code is imported, a module at a
time (a key pressed meanwhile waits for one import at most), so a first visit or a
first Enter does not wait for imports. Then, after half a second without a key, each
section's screen is built in the background, one at a time, each once the one before
has read its data and been laid out and drawn off screen, and last a few throwaway forms, one at a time (screens/forms_ahead.py
says why). Nothing is built while a dialog or form is open or a worker runs; a screen
whose read has not come back after WAIT_AT_MOST is left to finish it and the next is
built anyway (a read that hangs does not stop the warm-up). Each step asks for the next;
a watch takes the warm-up up again if no step came for STALLED_AFTER (a step lost).
"""

from __future__ import annotations

import importlib
import time
from typing import Any

from textual.screen import ModalScreen

from mentor_tui import collector
from mentor_tui.screens.forms_ahead import FORMS
from mentor_tui.screens.section_modes import SectionModes

WARM_UP_AFTER = 0.1  # seconds after the Dashboard is asked for before the first import (and between tries)
WARM_UP_STEP = 0.01  # seconds between two steps
BUILD_AHEAD_AFTER = 0.5  # seconds without a key before the sections' screens are built ahead
WAIT_AT_MOST = 10.0  # seconds a screen built ahead may take to read its data before the next is built anyway
# Seconds without a step after which the watch takes the warm-up up again: each step asks for
# the next one a timer's time later (0.5 s at most), so a gap this long means a lost step.
# (Seen twice under heavy load in a test run, cause not found; the watch makes it harmless.)
STALLED_AFTER = 3.0

# What Enter opens from the sections: imported ahead too, so a first open does not wait for it.
DETAIL_SCREENS = (
    "mentor_tui.screens.plan_view", "mentor_tui.screens.goal_view", "mentor_tui.screens.lab",
    "mentor_tui.screens.timeline", "mentor_tui.screens.checkin_view", "mentor_tui.screens.session_view",
    "mentor_tui.screens.person", "mentor_tui.screens.search",
)


class WarmUp:
    imported = False  # every module imported (the benchmarks wait for it)
    built = False  # every section's screen built, shown or ahead, and the forms (the benchmarks wait for it)

    def __init__(self, app: Any, sections: SectionModes) -> None:
        self.app = app
        self.sections = sections
        self.last_key = 0.0
        self._to_import = [target.split(":")[0] for target in sections.targets.values()]
        self._to_import += ["mentor_tui.widgets.record_table", *DETAIL_SCREENS]
        self._building: Any = None  # the screen being built ahead
        self._building_since = 0.0  # when it was started
        self._late: list[Any] = []  # screens built ahead whose read took over WAIT_AT_MOST
        self._forms = list(FORMS)  # the throwaway forms not built yet

    def start(self) -> None:
        self._stepped = time.monotonic()
        self.app.set_timer(WARM_UP_AFTER, self._imports)
        self._watch = self.app.set_interval(STALLED_AFTER, self._take_up_if_stalled, name="warm-up-watch")

    def _take_up_if_stalled(self) -> None:
        if self.built:
            self._watch.stop()
        elif time.monotonic() - self._stepped > STALLED_AFTER:
            self.restarts += 1
            self._stepped = time.monotonic()
            (self._build_next if self.imported else self._imports)()

    restarts = 0  # times the watch took a stalled warm-up up again

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def _busy(self) -> bool:
        """A worker runs (not one of a screen built ahead whose read took over WAIT_AT_MOST)."""
        return any(not worker.is_finished and worker.node not in self._late for worker in self.app.workers)

    def _imports(self) -> None:
        self._stepped = time.monotonic()
        if self._busy():
            self.app.set_timer(WARM_UP_AFTER, self._imports)  # start-up (the Dashboard's data) first
            return
        self._import_next()

    def _import_next(self) -> None:
        self._stepped = time.monotonic()
        if not self._to_import:
            self.imported = True
            collector.keep_built()  # start-up's objects live as long as the app
            self.app.set_timer(BUILD_AHEAD_AFTER, self._build_next)
            return
        importlib.import_module(self._to_import.pop(0))
        self.app.set_timer(WARM_UP_STEP, self._import_next)

    def _throw_away(self, screen: Any) -> None:
        if isinstance(screen, ModalScreen) and screen.is_attached:
            screen.remove()  # a form built ahead: its work is done

    def _build_next(self) -> None:
        """Build one screen ahead, once nothing else runs and no key came for a moment."""
        app = self.app
        self._stepped = time.monotonic()
        if not app.is_running:
            return  # closing
        if not app.screen_stack:  # between a mode's screens: look again in a moment
            app.set_timer(BUILD_AHEAD_AFTER, self._build_next)
            return
        name = self.sections.next_to_build()
        now = time.monotonic()
        idle = now - self.last_key >= BUILD_AHEAD_AFTER
        building = self._building
        if building is not None and (not building.is_mounted or getattr(building, "reading", False)):
            if now - self._building_since < WAIT_AT_MOST:
                app.set_timer(WARM_UP_STEP if idle else BUILD_AHEAD_AFTER, self._build_next)
                return  # the one before is still being built, or reading its data
            if building not in self._late:
                self._late.append(building)  # a read that hangs: the next is built anyway
        if building is not None and building not in self._late and self.sections.draw_ahead(building):
            pass  # the one before, read, is laid out and drawn (off screen) first
        elif name is None and not self._forms:
            self.built = True
            self._throw_away(building)
            return
        elif idle and not self._busy() and not isinstance(app.screen, ModalScreen):
            if name is not None:
                self._building = self.sections.build_ahead(name)
            else:
                self._throw_away(building)
                self._building = self.sections.build_form_ahead(self._forms.pop(0))
            self._building_since = now
        app.set_timer(WARM_UP_STEP if idle else BUILD_AHEAD_AFTER, self._build_next)
