"""The six sections as Textual modes, each screen built on first use, or ahead while the app is idle.

Building a section's screen (its code imported, its widgets composed and styled, its
first page read) took 100-150 ms of a first visit on a large database, against 50-70 ms
for a revisit. So once start-up is done and nobody has pressed a key for a moment, the
app builds each section's screen in the background, one at a time (MentorApp's warm-up
calls `build_ahead`); the mode then takes that screen on its first visit, which reads its
data again as every visit does. Once its data is shown it is also laid out at the
terminal's size and drawn off screen (`draw_ahead`): a first showing used to lay out and
draw every widget anew (Team: ~50 ms of a ~140 ms first visit), and is now as quick as a
revisit. A key pressed first simply builds the screen then, as before. Last it builds, and throws away, a few forms
(`build_form_ahead`, screens/forms_ahead.py says why).

Textual has no public call that starts a screen without showing it; `App._register` is
what `push_screen` and `switch_mode` use to start one. Nor one that lays out a screen not
shown: `Screen._refresh_layout` is what a resize uses, and it paints only the screen shown
(Textual is pinned in pyproject.toml; tests/test_section_modes.py fails if either stops
working, and checks that a screen drawn ahead paints what one built when shown paints).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from textual.screen import Screen


class SectionModes:
    """The screens of the sections (mode name -> "module:Class"), built when asked or ahead."""

    def __init__(self, app: Any, targets: dict[str, str]) -> None:
        self.app = app
        self.targets = targets
        self.ahead: dict[str, Screen] = {}  # built in the background, not shown yet
        self.taken: set[str] = set()  # modes whose screen the app has asked for
        self.drawn: set[int] = set()  # (ids of) screens built ahead and drawn off screen
        self.forms: set[int] = set()  # (ids of) the throwaway forms built ahead

    def factories(self) -> dict[str, Callable[[], Screen]]:
        """What `App.MODES` maps each mode to."""
        return {name: (lambda name=name: self.screen_for(name)) for name in self.targets}

    def screen_for(self, name: str) -> Screen:
        self.taken.add(name)
        # (one still being built is taken as it is: push_screen too shows a screen before it is composed)
        screen = self.ahead.pop(name, None)
        return screen if screen is not None else self._new(name)

    def _new(self, name: str) -> Screen:
        module_name, class_name = self.targets[name].split(":")
        return self._styled_now(getattr(importlib.import_module(module_name), class_name)())

    def _styled_now(self, screen: Screen) -> Screen:
        # A new screen is styled as it mounts, with the stylesheet as it is now: Textual would
        # otherwise re-apply the CSS of every screen built so far, twice, before showing it
        # (15-30 ms of a first visit). A theme changed later still refreshes it (the count moves on).
        screen._css_update_count = self.app._css_update_count
        return screen

    def _start(self, screen: Screen) -> Screen:
        """Compose, mount and style `screen` in the background (what push_screen does, without showing it)."""
        self.app._register(self.app, screen)
        return screen

    def next_to_build(self) -> str | None:
        """A section neither shown yet nor built ahead."""
        return next((name for name in self.targets if name not in self.taken and name not in self.ahead), None)

    def build_ahead(self, name: str) -> Screen:
        """Start `name`'s screen in the background: composed, styled and loading its data, not shown."""
        screen = self.ahead[name] = self._start(self._new(name))
        return screen

    def build_form_ahead(self, make: Callable[[], Screen]) -> Screen:
        """Start, in the background, a throwaway form made by `make` (screens/forms_ahead.py; never shown)."""
        form = self._start(self._styled_now(make()))
        self.forms.add(id(form))
        return form

    def draw_ahead(self, screen: Screen) -> bool:
        """Lay `screen` (a section built ahead, its data shown, or a throwaway form) out at the app's
        size and draw it off screen, once: False when there is nothing (more) to do."""
        if (screen not in self.ahead.values() and id(screen) not in self.forms) or id(screen) in self.drawn:
            return False
        self.drawn.add(id(screen))
        try:
            screen._refresh_layout(self.app.size)  # not the screen shown: lays out, paints nothing
            screen._compositor.render_full_update()  # each widget keeps the lines it drew
        except Exception:  # noqa: BLE001 - only time is lost: the first visit lays it out and draws it, as before
            pass
        return True

