"""The app's text input: Textual's Input without Textual's validation.

The app checks every value itself, the same way on every path (schema/checks.py), and
gives no Input a validator. Textual's Input still "validates" each value it is given,
with none, and sets a `-valid` class for it: a style change on every input as it is
built, ~1 ms each, 8 of them in a check-in's form."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class PlainInput(Input):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("validate_on", ())
        super().__init__(*args, **kwargs)
