"""Tab and shift+tab move the focus as soon as the app reads them.

Textual hands each key to the widget that has the focus when the app reads the key,
and a Tab moves the focus only once it has come back up from that widget to the
screen's binding. Keys read together (an autotyper, keys sent by a script, a fast
typist while the app is busy) so went to the field the Tab was leaving:
`Ana<Tab>ana@example.com` gave "Anaana@example.com" in the name field and nothing
in the next. Here a Tab that would only move the focus moves it at once, before the
next key is handed on. A Tab that means something else where it is pressed (a
screen's own Tab, a text area that indents with it) goes the usual way.
"""

from __future__ import annotations

from typing import Any

FOCUS_ACTIONS = {"tab": "app.focus_next", "shift+tab": "app.focus_previous"}


def move_focus_now(app: Any, key: str) -> bool:
    """Move the focus for `key` now if that is all it does here; whether it did."""
    action = FOCUS_ACTIONS.get(key)
    if action is None:
        return False
    focused = app.focused
    if getattr(focused, "tab_behavior", None) == "indent":  # a TextArea that indents with Tab
        return False
    active = app.screen.active_bindings.get(key)
    if active is None or active.binding.action != action or not active.enabled:
        return False
    if key == "tab":
        app.action_focus_next()
    else:
        app.action_focus_previous()
    return True
