"""The widget a form field is typed or picked in (`Field.kind`), built compact."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.suggester import SuggestFromList
from textual.widgets import Select

from mentor_tui.screens.form_fields import Field
from mentor_tui.text_safety import clip
from mentor_tui.widgets.form_select import FormSelect
from mentor_tui.widgets.plain_input import PlainInput, PlainTextArea, compact

FIELD_CLASSES = "form-field"


def field_widget(f: Field):
    """The field's widget, id `field-NAME`, holding its default."""
    wid = f"field-{f.name}"
    if f.kind == "textarea":
        return compact(PlainTextArea(str(f.default or ""), id=wid, soft_wrap=True, show_line_numbers=False,
                                     classes=FIELD_CLASSES))
    if f.kind == "select":
        value = f.default if f.default is not None else Select.NULL
        if value is Select.NULL and f.required and len(f.options) == 1:
            value = f.options[0][1]  # the only choice
        # a choice's label on one line of the dialog, not ten (a 600-character incident title)
        options = [(Text(clip(label, 80)) if isinstance(label, str) else label, v) for label, v in f.options]
        # A required choice with no default starts blank and must be made: a rating or a
        # level silently taken as the first option (1 star) is a wrong record nobody chose.
        blank = not f.required or value is Select.NULL
        return compact(FormSelect(options, id=wid, value=value, allow_blank=blank,
                                  classes=FIELD_CLASSES))
    if f.kind == "date":
        default = f.default.isoformat() if isinstance(f.default, dt.date) else (f.default or "")
        return compact(PlainInput(default, id=wid, placeholder=f.placeholder or "YYYY-MM-DD", classes=FIELD_CLASSES))
    if f.kind == "int":
        return compact(PlainInput("" if f.default is None else str(f.default), id=wid, placeholder=f.placeholder,
                                  type="integer", classes=FIELD_CLASSES))
    suggester = SuggestFromList(f.suggestions, case_sensitive=False) if f.suggestions else None
    return compact(PlainInput("" if f.default is None else str(f.default), id=wid, placeholder=f.placeholder,
                              classes=FIELD_CLASSES, suggester=suggester))
