"""iCalendar from the Calendar section: E writes an .ics file, I reads .ics files.

The export dialog says what the file will hold before it is written (and what it
leaves out: occurrence notes, attendance, anything private). The import dialog
previews first (a dry run: what would be added, updated and skipped, and why),
then imports on a second ctrl+s, all or nothing.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from mentor_tui import clock
from mentor_tui.screens import store_work
from mentor_tui.screens.export_dialog import default_folder
from mentor_tui.widgets.key_bar import KeyBar
from mentor_tui.widgets.plain_input import PlainInput
from mentor_tui.words import plural


def _paths(text: str) -> list[Path]:
    text = text.strip()
    if not text:
        return []
    if Path(text).expanduser().exists():
        return [Path(text).expanduser()]
    try:
        parts = shlex.split(text)
    except ValueError:
        parts = text.split()
    return [Path(p).expanduser() for p in parts]


class IcsExportDialog(ModalScreen[Path | None]):
    AUTO_FOCUS = "#path"
    BINDINGS = [
        Binding("ctrl+s", "export", "Write .ics"),
        Binding("escape", "cancel", "Cancel"),
    ]

    data: bytes | None = None
    _replace_armed: Path | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static("Export the calendar as iCalendar (.ics)", id="title")
            yield Static(
                "For Google Calendar, Outlook, Thunderbird and the like: one event per series with its rule, "
                "cancelled dates and moved occurrences. Occurrence notes, attendance, presenters, linked "
                "incidents and private notes stay here.", id="intro")
            yield Static("Preparing the preview…", id="preview")
            yield Label("Write to")
            default = default_folder() / f"mentor-sessions-{clock.today().isoformat()}.ics"
            yield PlainInput(str(default), id="path", compact=True)
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Cancel (esc)", id="cancel")
                yield Button("Write .ics (ctrl+s)", id="write", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.prepare()

    @work(thread=True, exclusive=True, group="ics-export")
    def prepare(self) -> None:
        from mentor_tui.exchange import ical_export

        try:
            data = store_work.run_edit(ical_export.calendar_bytes)
        except Exception as exc:
            store_work.deliver(self, self._say, f"Could not read the database: {store_work.failure_reason(exc)}")
            return
        store_work.deliver(self, self._prepared, data)

    def _prepared(self, data: bytes) -> None:
        from mentor_tui.exchange.ical_export import count_events

        self.data = data
        series = data.count(b"RRULE:")
        events = count_events(data)
        moved = data.count(b"RECURRENCE-ID")
        text = (f"The file will hold {plural(events, 'event')}: {plural(series, 'repeating series', 'repeating series')}, "
                f"{plural(events - series - moved, 'single session')} and {plural(moved, 'moved occurrence')}; "
                f"{len(data):,} bytes.")
        self.query_one("#preview", Static).update(Content(text))

    def _say(self, text: str) -> None:
        self.query_one("#error", Static).update(Content(text))

    def action_export(self) -> None:
        from mentor_tui.exchange.errors import ExchangeError
        from mentor_tui.exchange.ical_export import write_calendar
        from mentor_tui.exchange.output_files import output_problem

        if self.data is None:
            self._say("Still preparing the file…")
            return
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self._say("Type where to write the file.")
            return
        path = Path(raw).expanduser()
        force = self._replace_armed == path
        special = output_problem(path, replace=True)  # the same rule as the TOML export dialog
        if special is not None:
            self._say(special[0].upper() + special[1:] + ".")
            return
        if path.exists() and not force:
            self._replace_armed = path
            self._say(f"{path} exists: press ctrl+s again to replace it, or change the name.")
            return
        try:
            written = write_calendar(path, self.data, force=force)
        except ExchangeError as exc:
            self._say(str(exc))
            return
        self.app.notify(f"Calendar written to {written} (no occurrence notes, no attendance).", title="Export")
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#write")
    def _write_pressed(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


class IcsImportDialog(ModalScreen[bool]):
    """Dismisses with True when sessions were added or updated."""

    AUTO_FOCUS = "#paths"
    BINDINGS = [
        Binding("ctrl+s", "run", "Preview, then import"),
        Binding("escape", "close", "Close"),
    ]

    imported = False
    previewed: tuple[Path, ...] | None = None
    busy = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static("Import .ics files as sessions", id="title")
            yield Static(
                "Events from Google Calendar, Outlook or Thunderbird become sessions. An event already here "
                "(same UID) is updated, not duplicated; occurrence notes and attendance here are kept. "
                "The first ctrl+s shows what would change; the second imports it, all or nothing.", id="intro")
            yield Label("Files (several: separated by spaces, \"quote paths\" with spaces)")
            yield PlainInput(placeholder="~/Downloads/calendar.ics", id="paths", compact=True)
            yield Static("", id="result")
            with Horizontal(id="buttons"):
                yield Button("Close (esc)", id="close")
                yield Button("Preview (ctrl+s)", id="run", variant="primary")
        yield KeyBar()

    @on(Input.Changed, "#paths")
    def _paths_changed(self) -> None:
        self.previewed = None
        self.query_one("#run", Button).label = "Preview (ctrl+s)"

    def action_run(self) -> None:
        if self.busy:
            return
        paths = tuple(_paths(self.query_one("#paths", Input).value))
        if not paths:
            self._result("Type one or more .ics files.", error=True)
            return
        write = self.previewed == paths
        self.busy = True
        self._result("Importing…" if write else "Reading and checking…")
        self.run_import(paths, write)

    @work(thread=True, exclusive=True, group="ics-import")
    def run_import(self, paths: tuple[Path, ...], write: bool) -> None:
        from mentor_tui.exchange import ical_import

        try:
            summary = store_work.run_edit(lambda: ical_import.import_files(list(paths), dry_run=not write))
        except Exception as exc:
            from mentor_tui.exchange.import_passes import REFUSED, WRITE_FAILED

            if isinstance(exc, ValueError) or type(exc).__name__ == "ExchangeError":
                message = f"{REFUSED}: {exc}"  # the TOML import's words
            else:
                message = f"{WRITE_FAILED}: {store_work.failure_reason(exc)}"
            store_work.deliver(self, self._failed, message[:1].upper() + message[1:])
            return
        store_work.deliver(self, self._done, paths, write, summary)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.previewed = None
        self._result(message, error=True)

    def _done(self, paths: tuple[Path, ...], write: bool, summary) -> None:
        self.busy = False
        lines = summary.lines()
        button = self.query_one("#run", Button)
        if write:
            self.previewed = None
            self.imported = self.imported or summary.changed
            button.label = "Preview (ctrl+s)"
        elif not (summary.added or summary.updated):
            lines.append("Nothing would change: there is nothing to import.")
        else:
            self.previewed = paths
            lines.append("Press ctrl+s again to import this.")
            button.label = "Import (ctrl+s)"
        self._result("\n".join(lines))

    def _result(self, text: str, error: bool = False) -> None:
        result = self.query_one("#result", Static)
        result.update(Content(text))
        result.set_class(error, "-error")

    def action_close(self) -> None:
        self.dismiss(self.imported)

    @on(Button.Pressed, "#run")
    def _run_pressed(self) -> None:
        self.action_run()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.action_close()
