"""Control characters in user text: refused in one-line values, stripped or escaped elsewhere.

A name such as `Evil \\x1b]0;pwned\\x07` would retitle (or clear) the terminal it
is shown in. Names, titles and every other one-line value refuse control
characters, tab, newline and CR included (a tab in a name splits a row of the
tab-separated `people list`); longer texts (notes, Markdown) keep newline and
tab and are stripped of the other controls on import; and every output
(screens, reports, CSV, messages) shows what is left escaped, so nothing the
data holds reaches a terminal raw. Standard library only.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 controls (CSI, OSC, ... in one byte):
# what a longer text (a note) may not keep.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What output escapes: the same, but a CR that ends a line (CSV's CRLF) is left alone.
_SHOWN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# The same with newline and tab: what a one-line value (a name, a title) may not hold,
# and what one line of a table or a message shows otherwise.
ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def has_control(text: str) -> bool:
    """Whether `text` holds a character a one-line value may not (tab and newline included)."""
    return ANY_CONTROL.search(text) is not None


def control_problem(text: str) -> str | None:
    """Why `text` may not be a name or title (a tab, a newline, an ESC, ...), or None."""
    found = ANY_CONTROL.search(text)
    if found is None:
        return None
    return f"expected text without control characters, got {_escape_one(found)} at position {found.start() + 1}"


def strip_controls(text: str) -> str:
    """`text` without control characters (newline and tab kept; a CR before LF dropped)."""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub("", text.replace("\r\n", "\n"))


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}"


def escape_controls(text: str) -> str:
    """`text` with each control character shown as `\\x1b` (newline, tab and CRLF kept)."""
    if _SHOWN.search(text) is None:
        return text
    return _SHOWN.sub(_escape_one, text)


def one_line(text: str) -> str:
    """`text` for one line of a table or message: newline and tab as spaces, controls escaped."""
    if ANY_CONTROL.search(text) is None:
        return text
    return escape_controls(text.replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def clip(text: str, width: int) -> str:
    """`text` on one line (`one_line`) cut to `width` characters, with an ellipsis when cut."""
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"
