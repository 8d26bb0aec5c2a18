"""A text field's own keys take effect in the order they were typed.

Textual's Input and TextArea put a typed character in at once, when the key reaches
them, but run their own key bindings (backspace, the arrows, home, ctrl+k, ...) only
once the key has gone up to the app and come back as an action. Keys that reach the
field together (over a slow SSH link, from an autotyper, or typed while the app is
busy) so came out of order: `b a backspace c` gave "ba", not "bc", and `ctrl+a
ctrl+k 2026` emptied the field after the date was typed. Here a field runs its own
binding for a key as soon as the key reaches it, in line with the characters around it
(as proposed upstream: Textualize/textual#6605). Keys the field does not bind go up
to the screen and the app as before; typed characters are left to the field.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding, BindingsMap

_OWN: dict[type, BindingsMap] = {}  # per widget class: its bindings


def _own_binding(widget: Any, event: events.Key) -> Binding | None:
    own = _OWN.get(type(widget))
    if own is None:
        own = _OWN[type(widget)] = BindingsMap(type(widget).BINDINGS)
    for key in event.aliases:
        for binding in own.key_to_bindings.get(key, ()):
            if not binding.priority:  # (a priority binding is the app's to run, before the field sees the key)
                return binding
    return None


class KeysInOrder:
    """Mixin for a text field (before Input or TextArea in the bases)."""

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # the field's own handler types it
        binding = _own_binding(self, event)
        if binding is None:
            return
        event.prevent_default()  # (not typed by the field's handler either)
        event.stop()  # (nor run again on the way up)
        await self.run_action(binding.action)  # type: ignore[attr-defined]
