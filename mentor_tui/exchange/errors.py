"""The one error type of the exchange package: a one-line message for the user."""

from __future__ import annotations

from mentor_tui.text_safety import escape_controls


class ExchangeError(Exception):
    """Bad input or output for an import/export, phrased for the user on one line; a control
    character from a file (a title, a key) is shown escaped (`\\x1b`), never sent to a terminal."""

    def __init__(self, message: str) -> None:
        super().__init__(escape_controls(one_line(message)))


def one_line(text: str, limit: int = 400) -> str:
    """`text` with every run of whitespace (newlines too) folded to one space, capped."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
