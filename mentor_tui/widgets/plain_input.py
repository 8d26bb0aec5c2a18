"""The app's text input: Textual's Input without Textual's validation.

The app checks every value itself, the same way on every path (schema/checks.py), and
gives no Input a validator. Textual's Input still "validates" each value it is given,
with none, and sets a `-valid` class for it: a style change on every input as it is
built, ~1 ms each, 8 of them in a check-in's form. Its own keys (backspace, the arrows,
...) take effect in the order they were typed (widgets/keys_in_order.py)."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.widgets import Input, Select, TextArea

from mentor_tui.widgets.keys_in_order import KeysInOrder


class PlainInput(KeysInOrder, Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("validate_on", ())
        # The cursor at the end, nothing selected: in an edit form the first key typed must not
        # replace the title it was meant to add to (ctrl+u clears to the left, shift+home selects).
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)


class PlainTextArea(KeysInOrder, TextArea):
    """The app's text area: its own keys in the order they were typed, as PlainInput's, and
    the cursor at the end of the text it opens with, as PlainInput's (ctrl+u then clears to
    the left; typed text adds to what is there)."""

    def on_mount(self) -> None:
        if self.text:
            self.move_cursor(self.document.end)


W = TypeVar("W", Input, Select, TextArea)


def compact(widget: W) -> W:
    """`widget` drawn compact (no border), as `compact=True` would make it, but without
    restyling it while it is built: that applies the whole stylesheet to it once more, and a
    form has a dozen such widgets. (Its styles are worked out when it is mounted.)"""
    widget.set_reactive(type(widget).compact, True)
    widget.add_class("-textual-compact", update=False)
    return widget
