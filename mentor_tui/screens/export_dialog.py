"""Export from the TUI: choose who, see a preview, then write the TOML file.

The preview is built by the same code that writes the file, so what it counts
is exactly what will be in the file. Private pairing notes are off unless the
switch is turned on, and the preview says which it is in words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, Switch

from mentor_tui import clock
from mentor_tui.exchange.output_files import export_file_name, output_problem
from mentor_tui.exchange.spec import KIND_LABELS
from mentor_tui.text_safety import one_line
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.plain_input import PlainInput

EVERYONE = "__team__"


def default_folder() -> Path:
    """The user's documents folder when it exists, else their home folder (never the folder the
    app was started from: `make run` starts it in the repository, where an export, private notes
    and all, is one `git add .` from being shared)."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


default_file_name = export_file_name  # e.g. mentor-zoë-李雷-2026-11-26.toml


class Whom(NamedTuple):
    """A person the dialog offers: as the list shows them, their uuid, their name (for the file name)."""

    label: str
    uuid: str
    name: str


def export_choices() -> tuple[list[Whom], str]:
    """Runs in a worker: everyone an export may name (the command line's `--person` takes anyone),
    those who left marked "(archived)" after the others; and the uuid selected first (me, else the team)."""
    from mentor_tui.db import people

    choices = [Whom(people.label(p, *(("me",) if p.is_me else ())), p.uuid, p.name) for p in people.everyone()]
    me = people.me()
    return choices, me.uuid if me is not None else EVERYONE


class ExportDialog(ModalScreen[tuple[Path, bool] | None]):
    """Dismisses with (the file written, whether it holds private notes), or None."""

    AUTO_FOCUS = "#who"
    BINDINGS = [
        Binding("ctrl+s", "export", "Export"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, choices: list[Whom], default: str) -> None:
        """`choices`: the people offered (`export_choices`); `default`: the uuid selected first."""
        super().__init__()
        self.choices = choices
        self.default = default
        self._suggested = ""
        self._replace_armed: Path | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static("Export to a TOML file", id="title")
            yield Label("Whose records")
            yield Select(
                [("Everyone (the whole team)", EVERYONE), *((Text(one_line(whom.label)), whom.uuid) for whom in self.choices)],
                value=self.default,
                allow_blank=False,
                compact=True,
                id="who",
            )
            with Horizontal(id="private-row"):
                yield Switch(False, id="private")
                yield Static(_private_words(False), id="private-label")
            # where it goes before the preview: at 80x24 the preview fills the rest of the dialog
            yield Label("Write to")
            yield PlainInput(id="path", compact=True)
            yield Static("", id="error")
            yield Static("Preparing the preview…", id="preview")
            with Horizontal(id="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Export (ctrl+s)", id="export", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self._suggest_path()
        self.refresh_preview()
        # its title and "Whose records" in view: focusing the first field scrolled a dialog taller
        # than the screen (80x24) down to that field
        self.call_after_refresh(self.query_one("#dialog", VerticalScroll).scroll_home, animate=False)

    def _who_label(self) -> str:
        who = self.query_one("#who", Select).value
        if who == EVERYONE:
            return "team"
        return next((whom.name for whom in self.choices if whom.uuid == who), "export")

    def _suggest_path(self) -> None:
        """Suggest a file name for the selection, unless the user has typed their own."""
        path_input = self.query_one("#path", Input)
        if path_input.value in ("", self._suggested):
            private = self.query_one("#private", Switch).value
            self._suggested = str(default_folder() / default_file_name(self._who_label(), clock.today(), private))
            path_input.value = self._suggested
            # at its end, as when moving into it: ctrl+u then clears all of it (not a leftover tail)
            path_input.cursor_position = len(self._suggested)

    @on(Select.Changed, "#who")
    @on(Switch.Changed, "#private")
    def _selection_changed(self) -> None:
        self.query_one("#private-label", Static).update(_private_words(self.query_one("#private", Switch).value))
        self._suggest_path()
        self.refresh_preview()

    def _selection(self) -> tuple[list[str], bool]:
        who = self.query_one("#who", Select).value
        return ([] if who == EVERYONE else [str(who)]), self.query_one("#private", Switch).value

    @work(thread=True, exclusive=True, group="export-preview")
    def refresh_preview(self) -> None:
        from mentor_tui.db import database
        from mentor_tui.exchange import toml_export

        persons, include_private = self._selection()
        try:
            with database.worker_connection():
                document = toml_export.build_document(persons=persons, include_private=include_private)
        except Exception as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        self.app.call_from_thread(self._show_preview, (persons, include_private), document,
                                  toml_export.count_records(document))

    def _show_preview(self, selection: tuple[list[str], bool], document: dict[str, Any], counts: dict[str, int]) -> None:
        if selection != self._selection():
            return  # a preview for a selection changed since: the newer one is on its way
        private = bool(document.get("includes_private"))
        lines = [f"[b]Preview[/b]  scope: {document.get('scope')}"]
        shown = [f"{KIND_LABELS.get(kind, kind)}: {count}" for kind, count in counts.items() if count]
        lines.append("  " + (" · ".join(shown) if shown else "nothing to export"))
        if shown and not counts.get("plans"):
            lines.append("  No plans: an export holds the plans its people own (a mentee exports their own).")
        if private:
            lines.append("  [b $warning]Private pairing notes: INCLUDED[/], yours: those of check-ins where you are the "
                         "mentor (the file will say includes_private = true)")
        else:
            lines.append("  Private pairing notes: not included")
        preview = self.query_one("#preview", Static)
        preview.update("\n".join(lines))
        preview.set_class(private, "-private")
        self._show_error("")

    def _show_error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")  # no blank lines between the path and the preview
        if message:
            self.call_after_refresh(error.scroll_visible, animate=False)  # below the screen's edge at 80x24

    def action_export(self) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._show_error("Where should the file go? Type a path.")
            return
        path = Path(raw).expanduser()
        persons, include_private = self._selection()
        if path.is_dir():
            path = path / default_file_name(self._who_label(), clock.today(), include_private)
        if not path.parent.is_dir():
            self._show_error(f"The folder {path.parent} does not exist.")
            return
        special = output_problem(path, replace=True)  # a link, FIFO, device, folder or database
        if special is not None:
            self._show_error(special[0].upper() + special[1:] + ".")
            return
        if path.exists() and self._replace_armed != path:
            self._replace_armed = path
            self._show_error(f"{path.name} exists already: press ctrl+s again to replace it, or change the name.")
            return
        self.write(path, persons, include_private)

    @work(thread=True, exclusive=True, group="export-write")
    def write(self, path: Path, persons: list[str], include_private: bool) -> None:
        """Build the document afresh from the selection as it is now, then write it."""
        from mentor_tui.db import database
        from mentor_tui.exchange import toml_export

        try:
            with database.worker_connection():
                document = toml_export.build_document(persons=persons, include_private=include_private)
            written = toml_export.write_document(document, path)
        except Exception as exc:
            self.app.call_from_thread(self._show_error, f"Not written: {exc}")
            return
        self.app.call_from_thread(self.dismiss, (written, include_private))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export")
    def _export_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def _private_words(on: bool) -> str:
    if on:
        return "Include private pairing notes (on: they go in the file)"
    return "Include private pairing notes (off: they stay on this machine)"
