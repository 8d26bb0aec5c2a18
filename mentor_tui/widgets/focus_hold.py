"""Keys typed right after a key that moves the focus go where it moved to.

Textual hands each key to the widget focused when the app reads it, but runs a key's
binding only once the key has come back up to the app. So keys that arrive together
with one that moves the focus (ctrl+n adding an action item to a check-in, enter
opening a drop-down's list) went to the field focused before: ctrl+n then "Write the
runbook" typed at once put the text into the date field above.

Here such a key (`moves_focus`) starts a hold: the keys (and pastes) read after it are
kept, and once its binding has run and the focus has moved, they are read again, in
order, as if typed then (`binding_ran`). The focus may move after the binding: a
drop-down's list, picked from, hands the pick to the drop-down in a message of its own,
and the drop-down takes the focus back when it reads it (under load, after a refresh). A key that a widget
takes and stops, so that it never comes back up, lets them go after `HOLD_AT_MOST`
seconds: no key is ever lost. ctrl+q and ctrl+c are never held.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import events

from mentor_tui.widgets.key_routing import ALWAYS

HOLD_AT_MOST = 0.5  # seconds
LOOK_AGAIN_AFTER = 0.01  # seconds between two looks at whether the focus has moved


class FocusHold:
    """The app's hold: the key that started it and the keys read since."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.opener: events.Key | None = None
        self.focused_then: Any = None  # what had the focus when the opener was read
        self.held: list[Callable[[], events.Event]] = []  # the held events, each made anew

    def keep(self, event: events.Key | events.Paste) -> bool:
        """Keep `event` (a key or a paste, just read) if a hold is on; whether it was kept."""
        if self.opener is None:
            return False
        if isinstance(event, events.Paste):
            self.held.append(partial(events.Paste, event.text))
        elif event.key in ALWAYS:
            return False
        else:
            self.held.append(partial(events.Key, event.key, event.character))
        return True

    def start_if_moving(self, event: events.Key) -> None:
        """Start a hold if `event` (just read, going to the focused widget) moves the focus."""
        if moves_focus(self.app, event.key):
            self.opener = event
            self.focused_then = self.app.focused
            self.held = []
            self.app.set_timer(HOLD_AT_MOST, lambda: self._release_for(event))

    def binding_ran(self, event: events.Key) -> None:
        """`event` came back up and its binding (if any) has run: read the held keys once the
        screen is refreshed and the focus has moved. With none held, the hold ends now: a key
        read later comes after the focus move (the app's queue is in order)."""
        if event is not self.opener:
            return
        if self.held:
            self.app.call_after_refresh(self._release_once_moved, event)
        else:
            self.opener = None

    def _release_once_moved(self, opener: events.Key) -> None:
        if self.opener is not opener or not self.app.is_running:
            return  # released already, or quitting (no screen to ask for its focus)
        if self.app.focused is self.focused_then:  # not yet: look again (the timer ends the hold at the latest)
            self.app.set_timer(LOOK_AGAIN_AFTER, partial(self._release_once_moved, opener))
            return
        self._release_for(opener)

    def _release_for(self, opener: events.Key) -> None:
        if self.opener is not opener:
            return  # released already (a later hold may be on)
        held, self.opener, self.held, self.focused_then = self.held, None, [], None
        for make in held:
            self.app.post_message(make())


def moves_focus(app: Any, key: str) -> bool:
    """Whether `key`, read now, moves the focus to a field the keys after it belong in."""
    focused = app.focused
    for node in (focused, getattr(focused, "parent", None)):  # a drop-down, or its open list
        check = getattr(node, "moves_focus_on", None)
        if check is not None and check(key):
            return True
    if key not in getattr(app.screen, "KEYS_THAT_MOVE_FOCUS", ()):
        return False
    active = app.screen.active_bindings.get(key)
    return active is not None and active.enabled
