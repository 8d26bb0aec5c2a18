"""Whether a form will scroll, known before it is laid out: its scroll bar's room is kept from the start.

A form taller than its dialog (most forms at 80x24, the long ones at 120x40) gets a
scroll bar once Textual has laid it out and found it too tall; the scroll bar takes a
column, so every field is laid out and drawn again, one column narrower: 10 ms of the
new session's opening. A form that will surely be too tall keeps that column for the
scroll bar from the start (`scrollbar-gutter: stable`, class SCROLLS in dialogs.tcss):
it is laid out once, at its final width, and looks the same. "Surely": the rows counted
are the fewest the form can take (each label one line, each text area its least
height), the room the most the dialog can have; a form that is not surely too tall is
laid out as before.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

SCROLLS = "-scrolls"

DIALOG_SHARE = 0.9  # dialogs.tcss: the dialog is at most 90% of the screen's height
DIALOG_BORDER = 2  # its border, above and below
TITLE_ROWS = 2  # a blank line and the title (the intro, the same)
LABEL_ROWS = 2  # a field's label: a blank line and at least one line
BOTTOM_ROWS = 1 + 4  # the form's message line (empty: its blank line), the buttons (a blank line, 3 rows)


def least_rows(kinds: Iterable[str], intro: bool, text_area_rows: int, after_fields: int) -> int:
    """The fewest rows the dialog's content can take: `kinds` of its fields, whether it has an
    intro, a text area's least height, the fewest rows of what comes after the fields."""
    rows = TITLE_ROWS * (2 if intro else 1) + after_fields + BOTTOM_ROWS
    for kind in kinds:
        rows += LABEL_ROWS + (text_area_rows if kind == "textarea" else 1)
    return rows


def surely_scrolls(rows: int, screen_height: int) -> bool:
    """True when `rows` of content cannot fit the dialog on a screen `screen_height` rows tall."""
    return rows > math.ceil(screen_height * DIALOG_SHARE) - DIALOG_BORDER
