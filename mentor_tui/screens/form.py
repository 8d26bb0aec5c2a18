"""A modal form built from a list of fields, with inline validation.

A form is data (`Field`s) plus a `save` function. Saving runs the field checks,
then `save(values)` in a thread worker (store_work.run_edit), while the form
says "Saving…" (after a moment: that it waits for another program's write
lock) and ignores another ctrl+s.
A `ValueError` from `save` (the store's rules) is shown in the form; so is a
database that is locked (after waiting for it) or read-only. Either way the
form stays open with everything typed. On success the form closes with the
result. `save` gets plain values and must not touch widgets (it runs off the
UI thread); the choice lists of select fields are fetched before the form is
built (FormOpener.open_form_after).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from mentor_tui import clock, dates
from mentor_tui.screens import form_room, store_work
from mentor_tui.screens.form_fields import Field, FormResult, record_field
from mentor_tui.screens.form_widgets import field_widget
from mentor_tui.widgets.key_bar import KeyBar

__all__ = ["Field", "FormResult", "FormScreen", "dated_in_the_future", "record_field"]

FIX_MARKED = "Please fix the marked fields."


def dated_in_the_future(day: Any, what: str, until: str) -> tuple[str, str] | None:
    """The `ask_first` question for a record dated after today (`what`: "check-in"; `until`:
    what holds until that day), or None."""
    if day is None or day <= clock.today():
        return None
    return "Dated in the future", f"This {what} is dated in the future ({dates.show(day)}) — save anyway? {until}"
_UNREAD = object()  # the edited record's updated_at, not read yet


class FormScreen(ModalScreen[FormResult | None]):
    """A modal form; `ctrl+s` saves, `escape` cancels."""

    # The first field, not the scrolling dialog around it, has the focus first.
    AUTO_FOCUS = ".form-field"
    TEXT_AREA_ROWS = 3  # a text area's least height (dialogs.tcss), to tell whether the form will scroll
    saving = False  # a save is running in its worker
    _said = ""  # the line under the fields (_say)
    shown_once = False
    _wait_notice: Timer | None = None  # says "waiting for another mentor-tui" if the save takes long
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
        guard: tuple[str, int] | None = None,
        ask_first: Callable[[dict[str, Any]], tuple[str, str] | None] | None = None,
    ) -> None:
        """`guard`: (model name, id) of the record the form edits: a save first checks that
        nobody changed it since the form opened (db/stale.py). `ask_first(values)`: a (title,
        question) to answer before values the store accepts are saved (a date in the future)."""
        super().__init__()
        self.guard = guard
        self.ask_first = ask_first
        self._answered: tuple[str, str] | None = None  # the question said yes to
        self._loaded_stamp: Any = _UNREAD
        self._overwrite = False  # the user saw the other change and saves over it
        self.form_title = title
        self.fields = list(fields)
        self.save_values = save
        self.intro = intro
        self.save_label = save_label
        self.cancellable = cancellable

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes=form_room.SCROLLS if self._surely_scrolls(self.app.size.height) else ""):
            yield Static(Content(self.form_title), id="form-title")
            if self.intro:
                yield Static(self.intro, id="form-intro")
            for f in self.fields:
                label = f"{f.label}{' *' if f.required else ''}"
                if f.private:
                    label += "  (PRIVATE: mentor only)"
                yield Label(label, classes="field-label private" if f.private else "field-label")
                yield field_widget(f)
                # a field's error line is mounted under it when it first has something to say
            yield from self.compose_after_fields()
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                if self.cancellable:
                    yield Button("Cancel (esc)", id="cancel")
                yield Button(f"{self.save_label} (ctrl+s)", id="save", variant="primary")
        yield KeyBar()

    def compose_after_fields(self) -> ComposeResult:
        """Widgets a subclass adds under the fields (a check-in's action items)."""
        yield from ()

    def rows_after_fields(self) -> int:
        """The fewest rows `compose_after_fields` takes (see form_room)."""
        return 0

    def _surely_scrolls(self, height: int) -> bool:
        rows = form_room.least_rows((f.kind for f in self.fields), bool(self.intro), self.TEXT_AREA_ROWS,
                                    self.rows_after_fields())
        return form_room.surely_scrolls(rows, height)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Shown the first time: its widgets were styled as they were mounted, a moment ago, so not
        # all again (~5 ms of an opening). Shown again (a dialog over it closed), they are.
        if not self.shown_once:
            self.shown_once = True
            event.refresh_styles = False

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#dialog").set_class(self._surely_scrolls(event.size.height), form_room.SCROLLS)

    def _read(self, f: Field) -> tuple[Any, str | None]:
        widget = self.query_one(f"#field-{f.name}")
        if isinstance(widget, TextArea):
            raw: Any = widget.text if f.verbatim and widget.text.strip() else widget.text.strip()
        elif isinstance(widget, Select):
            raw = None if widget.value is Select.NULL else widget.value
        else:
            raw = widget.value.strip()
        if raw in ("", None):
            return f.empty, ("required" if f.required else None)
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
                return None, f"expected an integer from {f.minimum} to {f.maximum}"
            raw = value
        if f.check is not None:
            problem = f.check(raw)
            if problem:
                return None, problem
        return raw, None

    def _show_error(self, name: str, message: str | None) -> None:
        found = self.query(f"#error-{name}")
        if not found:
            if not message:
                return
            error = Static("", id=f"error-{name}", classes="field-error")
            self.query_one("#dialog").mount(error, after=f"#field-{name}")
        else:
            error = found.first(Static)
        error.update(Content(f"↳ {message}" if message else ""))
        error.set_class(not message, "-empty")

    def mark_fields(self) -> tuple[dict[str, Any], str | None]:
        """Every field read, each problem shown under its field: (the values, the first field
        with a problem or None)."""
        values: dict[str, Any] = {}
        first_bad = None
        for f in self.fields:
            value, problem = self._read(f)
            self._show_error(f.name, problem)
            if problem and first_bad is None:
                first_bad = f.name
            values[f.name] = value
        return values, first_bad

    def other_problem(self) -> str | None:
        """What is wrong besides the fields (a check-in's action items), said below them."""
        return None

    def refused(self, values: dict[str, Any]) -> tuple[str, str] | None:
        """(field, why) when the fields' values, each fine, do not go together here."""
        return None

    def action_save(self) -> None:
        if self.saving:
            return  # the save under way answers first
        # Every problem at once: the fields' (each marked under its field), then the others.
        values, first_bad = self.mark_fields()
        other = self.other_problem()
        if first_bad is not None or other:
            self._say(f"{FIX_MARKED if first_bad is not None else ''} {other or ''}".strip(), scroll=first_bad is None)
            if first_bad is not None:
                self._show_field(first_bad)
            return
        refused = self.refused(values)
        if refused is not None:
            self._show_error(*refused)
            self._say(FIX_MARKED, scroll=False)
            self._show_field(refused[0])  # in view with its reason, not the form's bottom line
            return
        question = self.ask_first(values) if self.ask_first is not None else None
        if question is not None and question != self._answered:
            from mentor_tui.screens.confirm import YesNoDialog

            self.app.push_screen(YesNoDialog(*question, "Save anyway"), lambda yes: self._asked(question, yes))
            return
        self._set_saving(True)
        self._say("Saving…", busy=True)
        self._wait_notice = self.set_timer(store_work.WAITING_AFTER, self._still_saving)
        self._save_in_worker(values)

    def _asked(self, question: tuple[str, str], yes: bool | None) -> None:
        if yes:
            self._answered = question
            self.action_save()

    @work(thread=True, exclusive=True, group="form-stamp")
    def _note_stamp(self) -> None:
        """When the form opens: the edited record's updated_at, to compare with at save."""
        from mentor_tui.db import database, stale

        assert self.guard is not None
        try:
            with database.worker_connection():
                self._loaded_stamp = stale.stamp(*self.guard)
        except Exception:  # noqa: BLE001 - unreadable now: the save says why, if it still is
            self._loaded_stamp = None

    def _save_checked(self, values: dict[str, Any]) -> Any:
        if self.guard is not None and not self._overwrite and self._loaded_stamp is not _UNREAD:
            from mentor_tui.db import stale

            stale.check(*self.guard, self._loaded_stamp)
        return self.save_values(values)

    @work(thread=True, exclusive=True, group="form-save")
    def _save_in_worker(self, values: dict[str, Any]) -> None:
        from mentor_tui.db.stale import ChangedElsewhere

        try:
            saved = store_work.run_edit(lambda: self._save_checked(values))
        except ChangedElsewhere as exc:  # both are shown: theirs in the message, yours in the form
            store_work.deliver(self, self._changed_elsewhere, exc)
        except ValueError as exc:  # the store's rules: say which, keep the form open
            field = getattr(exc, "field", None)  # a RecordError names its field: say it next to it
            store_work.deliver(self, self._not_saved, f"Not saved: {exc}", field)
        except Exception as exc:  # locked, read-only, gone: keep the form open, lose nothing
            store_work.deliver(self, self._not_saved, store_work.could_not_save(exc))
        else:
            store_work.deliver(self, self._saved, FormResult(values, saved))

    def _changed_elsewhere(self, exc: Any) -> None:
        from mentor_tui import dates

        self._set_saving(False)
        self._overwrite = True
        when = f" at {dates.show_moment(exc.when)}" if exc.when is not None else ""
        self._say(
            f"Changed elsewhere{when}, after you opened this form. Now: {exc.theirs}. "
            "Yours is in the form: ctrl+s saves yours over it; esc leaves it as it is now."
        )

    def _still_saving(self) -> None:
        if self.saving:
            self._say(store_work.WAITING, busy=True)

    def _saved(self, result: FormResult) -> None:
        self._set_saving(False)
        self.dismiss(result)

    def _not_saved(self, message: str, field: str | None = None) -> None:
        self._set_saving(False)
        named = field is not None and any(f.name == field for f in self.fields)
        self._say(message, scroll=not named)
        if named:
            self._show_error(field, message.removeprefix("Not saved: "))
            self._show_field(field)

    def _show_field(self, name: str) -> None:
        """Focus a refused field and bring it into view with its error line under it (on a short
        terminal the form's bottom line, "Please fix...", would otherwise take the view)."""
        widget = self.query_one(f"#field-{name}")
        widget.focus(scroll_visible=False)
        dialog = self.query_one("#dialog")

        def show() -> None:  # once the error line mounted under it is laid out
            for error in self.query(f"#error-{name}"):
                dialog.scroll_to_widget(error, animate=False)
            # its label too (just above it): the field alone says nothing of what it is
            siblings = list(dialog.children)
            above = siblings[siblings.index(widget) - 1] if widget in siblings[1:] else widget
            dialog.scroll_to_widget(above, animate=False)

        self.call_after_refresh(show)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        if not saving and self._wait_notice is not None:
            self._wait_notice.stop()
            self._wait_notice = None
        button = self.query_one("#save", Button)
        button.label = "Saving…" if saving else f"{self.save_label} (ctrl+s)"
        button.disabled = saving
        self.refresh_bindings()

    def _say(self, message: str, busy: bool = False, scroll: bool = True) -> None:
        """One line under the fields: an error, or (busy) what the form is doing; `scroll`:
        brought into view (not when a field and its own error line are shown instead)."""
        self._said = message
        line = self.query_one("#form-error", Static)
        line.update(Content(message))
        line.set_class(busy, "-busy")
        if message and scroll:
            line.scroll_visible(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.saving and action in ("save", "cancel"):
            return None  # shown dimmed: a second ctrl+s, or esc, waits for the save under way
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
        if not self.query("#dialog"):
            return  # the app closed while this form was built ahead: its Mount comes, its fields never
        # Focusing the first field scrolls a tall form past its title: show the top.
        self.call_after_refresh(self.query_one("#dialog").scroll_home, animate=False)
        self._pristine = self._raw_values()
        self._discard_armed = ""
        if self.guard is not None:
            self._note_stamp()

    def _may_discard(self, key: str) -> bool:
        """True when nothing was typed, or `key` was pressed a second time to discard it."""
        if self._raw_values() == self._pristine or self._discard_armed == key:
            return True
        self._discard_armed = key
        what = "quit and discard it" if key == "ctrl+q" else "discard it"
        self._say(f"You have typed something: press {key} again to {what}, or ctrl+s to save.")
        return False

    def action_cancel(self) -> None:
        """Esc closes the form; with changes typed, only when pressed a second time."""
        if self.cancellable and not self.saving and self._may_discard("esc"):
            self.dismiss(None)

    def confirm_quit(self) -> bool:
        """ctrl+q quits at once from an untouched form, else only when pressed again."""
        return self._may_discard("ctrl+q")

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        """A field's error line goes once the field is changed (the next save checks it again)."""
        name = (event.control.id or "").removeprefix("field-")
        for error in self.query(f"#error-{name}"):
            if not error.has_class("-empty"):
                self._show_error(name, None)
                if self._said.startswith(FIX_MARKED) and all(e.has_class("-empty") for e in self.query(".field-error")):
                    self._say(self._said.removeprefix(FIX_MARKED).strip(), scroll=False)  # none marked now

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
