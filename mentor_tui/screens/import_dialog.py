"""Import from the TUI: read and check the files, preview what would change, then write.

ctrl+s first reads and checks every file and shows, per kind of record, what
would be added, updated, kept (newer here) and unchanged, the possible
duplicate people, and which files carry private notes. Those of my own exports are
taken and another mentor's left out, as `mentor-tui import` does; the switch takes
another mentor's too or, when every such file is mine, leaves mine out. Nothing is
written until ctrl+s again; editing the paths goes back to the first step.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static, Switch

from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.plain_input import PlainInput
from mentor_tui.words import plural


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


def preview_text(summary: Any) -> str:
    """The counts of a dry run as an aligned table, then its notices."""
    from mentor_tui.exchange.spec import KIND_LABELS, KINDS

    rows = [("records", "add", "update", "kept newer here", "unchanged")]
    for kind in KINDS:
        c = summary.counts[kind]
        if c.total:
            rows.append((KIND_LABELS[kind], str(c.added), str(c.updated), str(c.kept), str(c.unchanged)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [
        "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in rows
    ]
    n = len(summary.files)
    head = f"{plural(n, 'file')} checked. If you import {'it' if n == 1 else 'them'}:"
    notices = summary.notice_lines()
    return "\n".join([head, *lines, *([""] + notices if notices else [])])


def _whose(switch_on: bool, others: bool) -> str:
    """Whose private notes the import takes (toml_import.private_notes_taken). With another
    mentor's file among them the switch adds theirs to mine (`--include-private`); with mine
    alone it takes or leaves mine (`--without-private`)."""
    return "all" if switch_on else "mine" if others else "none"


class ImportDialog(ModalScreen[bool]):
    """Dismisses with True when something was imported."""

    AUTO_FOCUS = "#paths"
    BINDINGS = [
        Binding("ctrl+s", "run_import", "Check / Import"),
        Binding("ctrl+t", "toggle_private", "Private notes"),
        Binding("escape", "close", "Close"),
    ]

    imported = False

    def __init__(self) -> None:
        super().__init__()
        self._files: list[Any] | None = None  # read, checked and previewed: ctrl+s writes them
        self._nothing = False  # ... unless nothing would change: then ctrl+s checks them again
        self._others = False  # another mentor's file carries private notes

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static("Import TOML exports", id="title")
            yield Static(
                "Every file is read and checked first, and you see what would change before anything "
                "is written. A record changed here later than in the file is kept.",
                id="intro",
            )
            yield Label("Files or a folder (several: separated by spaces, \"quote paths\" with spaces)")
            yield PlainInput(placeholder="~/exports/  or  ana.toml bo.toml", id="paths", compact=True)
            yield ProgressBar(id="progress", show_eta=False, classes="-idle")
            yield Static("", id="result")
            with Horizontal(id="private-row", classes="-idle"):
                yield Switch(value=False, id="private")
                yield Label("Take my private pairing notes (ctrl+t)", id="private-label")
            with Horizontal(id="buttons"):
                yield Button("Close (esc)", id="close")
                yield Button("Check", id="import", variant="primary")
        yield KeyBar()

    # -- step 1: read, check, dry run

    def action_run_import(self) -> None:
        if self._files is not None and not self._nothing:
            self._write()
            return
        try:
            paths = expand(self.query_one("#paths", Input).value)
        except Exception as exc:  # ExchangeError: a folder without .toml files
            self._result(str(exc), error=True)
            return
        if not paths:
            self._result("Type a file or a folder of .toml files.", error=True)
            return
        self._busy(len(paths), f"Reading and checking {plural(len(paths), 'file')}…")
        self.check_files(paths)

    @work(thread=True, exclusive=True, group="import")
    def check_files(self, paths: list[Path]) -> None:
        from mentor_tui.db import database
        from mentor_tui.exchange import toml_import

        def progress(done: int) -> None:
            self.app.call_from_thread(self._progress, done, len(paths), "Reading and checking")

        try:
            files = toml_import.read_files(paths, progress)
            with database.worker_connection():
                mine = toml_import.own_exports()
                others = any(not mine(f) for f in files if toml_import.carries_private(f))
                switch_on = not others  # by default mine are taken, another mentor's left out
                summary = toml_import.import_parsed(
                    files, dry_run=True, take_private=toml_import.private_notes_taken(_whose(switch_on, others))
                )
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._checked, files, summary, switch_on, others)

    def _checked(self, files: list[Any], summary: Any, switch_on: bool, others: bool) -> None:
        self._others = others
        self._previewed(files, summary, switch_on)

    def _take_private(self, switch_on: bool) -> Callable[[Any], bool]:
        """(In a worker, the store open.)"""
        from mentor_tui.exchange import toml_import

        return toml_import.private_notes_taken(_whose(switch_on, self._others))

    def _previewed(self, files: list[Any], summary: Any, switch_on: bool) -> None:
        self._files = files
        self.query_one("#progress", ProgressBar).add_class("-idle")
        row = self.query_one("#private-row")
        row.set_class(not summary.private_files, "-idle")
        self.query_one("#private-label", Label).update(
            "Take other mentors' private pairing notes (ctrl+t)" if self._others
            else "Take my private pairing notes (ctrl+t)"
        )
        switch = self.query_one("#private", Switch)
        with switch.prevent(Switch.Changed):
            switch.value = switch_on
        self._nothing = not summary.changed
        self.query_one("#import", Button).label = "Check" if self._nothing else "Import"
        if self._nothing:
            after = "Nothing would change: there is nothing to import. ctrl+s checks the files again; esc closes."
        else:
            after = "ctrl+s imports; esc closes without writing."
        self._result(preview_text(summary) + "\n\n" + after)

    def action_toggle_private(self) -> None:
        if self._files is not None and self.query_one("#private-row").display:
            switch = self.query_one("#private", Switch)
            switch.value = not switch.value

    @on(Switch.Changed, "#private")
    def _private_changed(self, event: Switch.Changed) -> None:
        """A new preview with the notes taken or left out."""
        if self._files is not None:
            self.preview_again(self._files, event.value)

    @work(thread=True, exclusive=True, group="import")
    def preview_again(self, files: list[Any], switch_on: bool) -> None:
        from mentor_tui.db import database
        from mentor_tui.exchange import toml_import

        try:
            with database.worker_connection():
                summary = toml_import.import_parsed(
                    files, dry_run=True, take_private=self._take_private(switch_on)
                )
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._previewed, files, summary, switch_on)

    @on(Input.Changed, "#paths")
    def _paths_changed(self) -> None:
        """Other files: check again before writing."""
        if self._files is not None:
            self._files = None
            self.query_one("#import", Button).label = "Check"
            self.query_one("#private-row").add_class("-idle")
            self._result("")

    # -- step 2: write

    def _write(self) -> None:
        files = self._files
        assert files is not None
        switch_on = self.query_one("#private", Switch).value
        self._busy(len(files), f"Importing {plural(len(files), 'file')}…")
        self.write_files(files, switch_on)

    @work(thread=True, exclusive=True, group="import")
    def write_files(self, files: list[Any], switch_on: bool) -> None:
        from mentor_tui.db import database
        from mentor_tui.exchange import toml_import

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total, "Writing the records of")

        try:
            with database.worker_connection():
                summary = toml_import.import_parsed(
                    files, progress=progress, take_private=self._take_private(switch_on)
                )
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.imported = self.imported or summary.changed
        self.app.call_from_thread(self._done, "\n".join(summary.lines()))

    def _done(self, text: str) -> None:
        self._files = None
        self.query_one("#progress", ProgressBar).add_class("-idle")
        self.query_one("#private-row").add_class("-idle")
        self.query_one("#import", Button).label = "Check"
        self._result(text)

    # -- showing

    def _failed(self, exc: Exception) -> None:
        from mentor_tui.exchange.import_passes import REFUSED
        from mentor_tui.exchange.toml_import import WRITE_FAILED

        message = str(exc)
        if not message.startswith((WRITE_FAILED, REFUSED)):  # those say nothing changed
            message = f"{REFUSED}: {message}"  # a file was refused before writing
        self._result(message[:1].upper() + message[1:], True)

    def _busy(self, total: int, text: str) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.remove_class("-idle")
        bar.update(total=total, progress=0)
        self._result(text)

    def _progress(self, done: int, total: int, doing: str) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)
        if total:
            self._result(f"{doing} file {min(done, total) or 1} of {total}…")

    def _result(self, text: str, error: bool = False) -> None:
        result = self.query_one("#result", Static)
        result.update(Content(text))
        result.set_class(error, "-error")
        if error:
            self.query_one("#progress", ProgressBar).add_class("-idle")

    def action_close(self) -> None:
        self.dismiss(self.imported)

    @on(Button.Pressed, "#import")
    def _import_pressed(self) -> None:
        self.action_run_import()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()
