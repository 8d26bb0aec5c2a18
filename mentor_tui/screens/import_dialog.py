"""Import from the TUI: files or a folder of TOML exports, all or nothing."""

from __future__ import annotations

import shlex
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static

from mentor_tui.widgets.key_bar import KeyBar


def expand(text: str) -> list[Path]:
    """Paths typed by the user: a folder stands for its *.toml files.

    Several paths are separated by spaces; a path with spaces in it is typed in
    quotes (shell style), or alone.
    """
    text = text.strip()
    if not text:
        return []
    if Path(text).expanduser().exists():
        parts = [text]
    else:
        try:
            parts = shlex.split(text)
        except ValueError:  # an unclosed quote
            parts = text.split()
    from mentor_tui.exchange.toml_import import collect_paths

    return collect_paths(parts)


class ImportDialog(ModalScreen[bool]):
    """Dismisses with True when something was imported."""

    AUTO_FOCUS = "#paths"
    BINDINGS = [
        Binding("ctrl+s", "run_import", "Import"),
        Binding("escape", "close", "Close"),
    ]

    imported = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static("Import TOML exports", id="title")
            yield Static(
                "Every file is checked before anything is written: one bad file and nothing changes. "
                "Records already here (same uuid) are updated, not duplicated.",
                id="intro",
            )
            yield Label("Files or a folder (several: separated by spaces, \"quote paths\" with spaces)")
            yield Input(placeholder="~/exports/  or  ana.toml bo.toml", id="paths", compact=True)
            yield ProgressBar(id="progress", show_eta=False, classes="-idle")
            yield Static("", id="result")
            with Horizontal(id="buttons"):
                yield Button("Close (esc)", id="close")
                yield Button("Import (ctrl+s)", id="import", variant="primary")
        yield KeyBar()

    def action_run_import(self) -> None:
        try:
            paths = expand(self.query_one("#paths", Input).value)
        except Exception as exc:  # ExchangeError: a folder without .toml files
            self._result(str(exc), error=True)
            return
        if not paths:
            self._result("Type a file or a folder of .toml files.", error=True)
            return
        bar = self.query_one("#progress", ProgressBar)
        bar.remove_class("-idle")
        bar.update(total=len(paths), progress=0)
        self._result(f"Importing {len(paths)} file(s)…")
        self.run_import(paths)

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, paths: list[Path]) -> None:
        from mentor_tui.db import database
        from mentor_tui.exchange import toml_import

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            with database.worker_connection():
                summary = toml_import.import_files(paths, progress=progress)
        except Exception as exc:
            message = str(exc)
            if not message.startswith(toml_import.WRITE_FAILED):
                message = f"Nothing was imported. {message}"  # a file was refused before writing
            self.app.call_from_thread(self._result, message[:1].upper() + message[1:], True)
            return
        self.imported = self.imported or summary.changed
        self.app.call_from_thread(self._result, "\n".join(summary.lines()))

    def _progress(self, done: int, total: int) -> None:
        """Two steps a file (see toml_import.import_files): reading and checking, then writing."""
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        files = total // 2
        if done <= files:
            self._result(f"Reading and checking file {done} of {files}…")
        else:
            self._result(f"Writing the records of file {done - files} of {files}…")

    def _result(self, text: str, error: bool = False) -> None:
        result = self.query_one("#result", Static)
        result.update(Content(text))
        result.set_class(error, "-error")

    def action_close(self) -> None:
        self.dismiss(self.imported)

    @on(Button.Pressed, "#import")
    def _import_pressed(self) -> None:
        self.action_run_import()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()
