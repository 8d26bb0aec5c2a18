"""A modal form built from a list of fields, with inline validation.

A form is data (`Field`s) plus a `save` function. Saving runs the field checks,
then `save(values)`; a `ValueError` from it is shown in the form, which stays
open, so nothing typed is lost. On success the form closes with the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from mentor_tui import dates
from mentor_tui.widgets.key_bar import KeyBar


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"  # text | textarea | select | date | int
    required: bool = False
    default: Any = None
    options: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""
    minimum: int | None = None
    maximum: int | None = None
    private: bool = False  # shown with a visible "private" mark
    check: Callable[[Any], str | None] | None = None  # extra check: a message, or None


@dataclass
class FormResult:
    values: dict[str, Any]
    saved: Any = None


class FormScreen(ModalScreen[FormResult | None]):
    """A modal form; `ctrl+s` saves, `escape` cancels."""


    # The first field, not the scrolling dialog around it, has the focus first.
    AUTO_FOCUS = ".form-field"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        save: Callable[[dict[str, Any]], Any],
        intro: str = "",
        save_label: str = "Save",
        cancellable: bool = True,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.save_values = save
        self.intro = intro
        self.save_label = save_label
        self.cancellable = cancellable

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(Content(self.form_title), id="form-title")
            if self.intro:
                yield Static(self.intro, id="form-intro")
            for f in self.fields:
                label = f"{f.label}{' *' if f.required else ''}"
                if f.private:
                    label += "  (PRIVATE: mentor only)"
                yield Label(label, classes="field-label private" if f.private else "field-label")
                yield self._widget_for(f)
                yield Static("", id=f"error-{f.name}", classes="field-error -empty")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                if self.cancellable:
                    yield Button("Cancel (esc)", id="cancel")
                yield Button(f"{self.save_label} (ctrl+s)", id="save", variant="primary")
        yield KeyBar()

    def _widget_for(self, f: Field):
        wid = f"field-{f.name}"
        if f.kind == "textarea":
            return TextArea(str(f.default or ""), id=wid, soft_wrap=True, show_line_numbers=False, compact=True, classes="form-field")
        if f.kind == "select":
            value = f.default if f.default is not None else Select.NULL
            options = [(Text(label) if isinstance(label, str) else label, v) for label, v in f.options]
            return Select(options, id=wid, value=value, allow_blank=not f.required, compact=True, classes="form-field")
        if f.kind == "date":
            default = f.default.isoformat() if isinstance(f.default, dt.date) else (f.default or "")
            return Input(default, id=wid, placeholder=f.placeholder or "YYYY-MM-DD", compact=True, classes="form-field")
        if f.kind == "int":
            return Input("" if f.default is None else str(f.default), id=wid, placeholder=f.placeholder, type="integer", compact=True, classes="form-field")
        return Input("" if f.default is None else str(f.default), id=wid, placeholder=f.placeholder, compact=True, classes="form-field")

    def _read(self, f: Field) -> tuple[Any, str | None]:
        widget = self.query_one(f"#field-{f.name}")
        if isinstance(widget, TextArea):
            raw: Any = widget.text.strip()
        elif isinstance(widget, Select):
            raw = None if widget.value is Select.NULL else widget.value
        else:
            raw = widget.value.strip()
        if raw in ("", None):
            return None, ("required" if f.required else None)
        if f.kind == "date":
            try:
                return dates.parse(raw), None
            except ValueError as exc:
                return None, str(exc)
        if f.kind == "int":
            try:
                value = int(raw)
            except ValueError:
                return None, f"expected a whole number, got {raw!r}"
            if f.minimum is not None and value < f.minimum or f.maximum is not None and value > f.maximum:
                return None, f"expected a number from {f.minimum} to {f.maximum}"
            raw = value
        if f.check is not None:
            problem = f.check(raw)
            if problem:
                return None, problem
        return raw, None

    def _show_error(self, name: str, message: str | None) -> None:
        error = self.query_one(f"#error-{name}", Static)
        error.update(Content(f"↳ {message}" if message else ""))
        error.set_class(not message, "-empty")

    def action_save(self) -> None:
        values: dict[str, Any] = {}
        first_bad = None
        for f in self.fields:
            value, problem = self._read(f)
            self._show_error(f.name, problem)
            if problem and first_bad is None:
                first_bad = f
            values[f.name] = value
        form_error = self.query_one("#form-error", Static)
        if first_bad is not None:
            form_error.update("Please fix the marked fields.")
            self.query_one(f"#field-{first_bad.name}").focus()
            return
        try:
            saved = self.save_values(values)
        except ValueError as exc:
            form_error.update(Content(f"Not saved: {exc}"))
            return
        except Exception as exc:  # a locked or broken database: keep the form open, lose nothing
            form_error.update(Content(f"Not saved: {type(exc).__name__}: {exc}"))
            return
        self.dismiss(FormResult(values, saved))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The first-start form must be answered: no esc in its key bar.
        return self.cancellable or action != "cancel"

    def _raw_values(self) -> list[Any]:
        """What is in the fields now, as typed (to tell whether anything changed)."""
        values = []
        for f in self.fields:
            widget = self.query_one(f"#field-{f.name}")
            values.append(widget.text if isinstance(widget, TextArea) else widget.value)
        return values

    def on_mount(self) -> None:
        # Focusing the first field scrolls a tall form past its title: show the top.
        self.call_after_refresh(self.query_one("#dialog").scroll_home, animate=False)
        self._pristine = self._raw_values()
        self._discard_armed = ""

    def _may_discard(self, key: str) -> bool:
        """True when nothing was typed, or `key` was pressed a second time to discard it."""
        if self._raw_values() == self._pristine or self._discard_armed == key:
            return True
        self._discard_armed = key
        self.query_one("#form-error", Static).update(
            f"You have typed something: press {key} again to discard it, or ctrl+s to save."
        )
        return False

    def action_cancel(self) -> None:
        """Esc closes the form; with changes typed, only when pressed a second time."""
        if self.cancellable and self._may_discard("esc"):
            self.dismiss(None)

    def confirm_quit(self) -> bool:
        """ctrl+q quits at once from an untouched form, else only when pressed again."""
        return self._may_discard("ctrl+q")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
