"""The App: six sections (modes), global keys, the command palette, first start.

Sections are Textual modes (screens/section_modes.py), each a screen built on
first use or ahead while the app is idle (screens/warm_up.py), so only the
Dashboard is imported at start. The database opens in a worker thread after the
first frame; until then keys that need it are disabled.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from mentor_tui import collector, config, terminal_watch
from mentor_tui.text_safety import escape_controls
from mentor_tui.widgets import key_routing
from mentor_tui.widgets.focus_hold import FocusHold
from mentor_tui.widgets.parsed_css import ParsedOnceStylesheet

if TYPE_CHECKING:
    from mentor_tui.screens.export_dialog import Whom

# mode name -> (key, label, "module:Class")
SECTIONS: dict[str, tuple[str, str, str]] = {
    "dashboard": ("1", "Dashboard", "mentor_tui.screens.dashboard:DashboardScreen"),
    "plans": ("2", "Plans", "mentor_tui.screens.plans:PlansScreen"),
    "labs": ("3", "Labs", "mentor_tui.screens.labs:LabsScreen"),
    "checkins": ("4", "Check-ins", "mentor_tui.screens.checkins:CheckInsScreen"),
    "calendar": ("5", "Calendar", "mentor_tui.screens.calendar:CalendarScreen"),
    "team": ("6", "Team", "mentor_tui.screens.team:TeamScreen"),
}


SECTIONS_GROUP = Binding.Group("Sections", compact=True)


# Seconds after the first screen before the day's backup is taken: the first frames and
# the first section's loading come first.
DAILY_BACKUP_AFTER = 3.0
FIRST_FRAME_WAIT = 1.0  # seconds the opened store waits for the start screen's first frame, at most


class MentorApp(App[None]):
    TITLE = "mentor-tui"
    CSS_PATH = ["app.tcss", "screens/sections.tcss", "screens/detail.tcss", "screens/dialogs.tcss",
                "screens/checkins.tcss"]
    BINDINGS = [
        # One footer entry for all six ("123456 Sections"): the header names the one shown.
        *(Binding(key, f"go('{name}')", label, group=SECTIONS_GROUP) for name, (key, label, _) in SECTIONS.items()),
        Binding("e", "export", "Export"),
        Binding("i", "import", "Import"),
        Binding("slash", "search", "Search"),
        # the same everywhere, also where / means something of the screen's own (Labs: filter by text)
        Binding("ctrl+f", "search", "Search all notes", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, db_path: Path | str, settings_file: Path | None = None) -> None:
        from mentor_tui.screens.section_modes import SectionModes
        from mentor_tui.screens.warm_up import WarmUp

        self.sections = SectionModes(self, {name: target for name, (_, _, target) in SECTIONS.items()})
        self.warm = WarmUp(self, self.sections)
        self.focus_hold = FocusHold(self)  # keys typed just after one that moves the focus
        self.MODES = self.sections.factories()  # App.__init__ copies them
        super().__init__()
        self.stylesheet = ParsedOnceStylesheet(variables=self.get_css_variables())
        self.db_path = Path(db_path)
        self.settings_file = settings_file
        self.settings = config.load_settings(settings_file)
        self.store_ready = False
        self.store_failed = False
        theme = self.settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:  # a hand-edited typo is ignored
            self.theme = theme

    def on_load(self) -> None:
        collector.tune()  # while the app runs; on_unmount gives the thresholds back

    def on_mount(self) -> None:
        from mentor_tui.screens.start import StartScreen

        self.push_screen(StartScreen(str(self.db_path)))
        self._start_shown = threading.Event()  # set once the start screen's first frame is painted
        self.call_after_refresh(self._start_shown.set)
        self.open_store()
        terminal_watch.watch(self)
        # a dialog or form opened on top is never covered by a toast said before it (its buttons were)
        self.screen_change_signal.subscribe(self, lambda shown: isinstance(shown, ModalScreen) and self.clear_notifications())

    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        # The start screen's first frame comes first: the work below would take turns with it on
        # the GIL. (Waiting here, not on the UI thread, keeps this worker running until the
        # Dashboard is asked for.)
        self._start_shown.wait(timeout=FIRST_FRAME_WAIT)
        from mentor_tui.db import database, people

        try:
            database.open_database(self.db_path, daily_backup=False)
            with database.worker_connection():
                has_me = people.me() is not None
                roster = [] if has_me else people.roster()  # for the first-start question
        except Exception as exc:
            self.call_from_thread(self._store_failed, str(exc))
            return
        # The Dashboard's code and data are read here, while the UI thread has nothing to do, so that
        # the Dashboard shows them in its first layout (no second worker, no second layout).
        try:
            from mentor_tui.screens.dashboard import read_at_start

            with database.worker_connection():
                self._start_data = read_at_start(self.settings)
        except Exception:  # noqa: BLE001 - the Dashboard reads again in its own worker, which says why
            self._start_data = None
        self.call_from_thread(self._store_opened, has_me, roster)

    @work(thread=True, exclusive=True, group="daily-backup")
    def take_daily_backup(self) -> None:
        """The day's automatic copy, taken once the app is up and idle (a start never waits for it)."""
        from mentor_tui.db import database

        try:
            with database.worker_connection():
                database.take_daily_backup()
        except Exception:  # noqa: BLE001 - closed meanwhile: the next start takes it
            pass

    def on_unmount(self) -> None:
        collector.release()

    _start_data: tuple | None = None

    def take_start_data(self) -> tuple | None:
        """What open_store read for the Dashboard, once (its first showing); None after."""
        data, self._start_data = self._start_data, None
        return data

    def _store_failed(self, message: str) -> None:
        from mentor_tui.screens.start import StartScreen

        self.store_failed = True  # the command line exits 1 when the app is closed

        if isinstance(self.screen, StartScreen):
            self.screen.show_error(message)

    async def _store_opened(self, has_me: bool, roster: list) -> None:
        self.store_ready = True
        await self.switch_mode("dashboard")
        if not has_me:
            self.ask_who_is_me(roster)
        # Once the Dashboard is up and its workers are done, import the other sections' code
        # (then the detail screens') while the user reads it, so a first visit does not wait for imports.
        self.warm.start()
        self.set_timer(DAILY_BACKUP_AFTER, self.take_daily_backup)

    _start_shown: threading.Event

    @property
    def warmed_up(self) -> bool:
        """The other screens' code is imported (the benchmarks wait for it)."""
        return self.warm.imported

    @property
    def sections_built(self) -> bool:
        """The sections' screens are built, shown or ahead (the benchmarks wait for it)."""
        return self.warm.built

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            if isinstance(event, events.Key):
                self.warm.key_pressed()  # the warm-up builds nothing while keys come
            if self._tidy is not None:
                self._tidy.stop()
            self._tidy = self.set_timer(collector.TIDY_AFTER, collector.tidy)  # once input stops
        if isinstance(event, events.Key) and key_routing.route(self, event):
            return  # dealt with (key_routing: keys that arrive together)
        if isinstance(event, events.Paste) and not event.is_forwarded and self.focus_hold.keep(event):
            return  # pasted just after a key that moves the focus: pasted where it moves
        came_back = event.is_forwarded  # (forwarding it below marks it forwarded)
        await super().on_event(event)
        if came_back and isinstance(event, events.Key):
            self.focus_hold.binding_ran(event)  # back up from the focused widget: its binding has run

    _tidy: Timer | None = None

    def ask_who_is_me(self, roster: list) -> None:
        """The first-start form; `roster` (read in open_store's worker) are the people already here."""
        from mentor_tui.db import people
        from mentor_tui.screens.form import Field, FormScreen, record_field

        fields = [
            # with people here already, picking one of them instead of typing a name is fine
            record_field("people", "name", "Your name", required=not roster, placeholder="e.g. Ana Ruiz"),
            record_field("people", "role", "Your role", default="mentee"),
            record_field("people", "email", "Email (optional)"),
        ]
        intro = "This database is new. Who are you? Your plans, check-ins and exports are yours."
        if roster:
            # People came in with an import: the owner may be one of them already.
            fields.insert(0, Field("existing", "I am already here as", "select",
                                   options=[(p.name, p.id) for p in roster]))
            intro = "Who are you? Pick yourself if you came in with an import, or type your name."

        def save(values):
            if values.get("existing"):
                return people.claim_me(values["existing"])
            if not values["name"]:
                raise ValueError("type your name, or pick yourself from the list")
            return people.set_me(values["name"], values["role"], values["email"])

        form = FormScreen("Welcome to mentor-tui", fields, save, intro=intro, cancellable=False)
        self.push_screen(form, self._me_saved)

    def _me_saved(self, result) -> None:
        if result is not None:
            self.notify(f"Welcome, {result.saved.name}.")
            if (reload := getattr(self.screen, "reload", None)) is not None:
                reload()

    def notify(self, message: str, *, title: str = "", severity="information", timeout=None, markup=True):
        """Notifications carry names, titles and paths: never read them as markup, and a
        control character in them is shown escaped."""
        message, title = escape_controls(message), escape_controls(title)
        # A toast gone from a screen that draws nothing new meanwhile (the Dashboard after an export)
        # stayed painted until the next key: the screen is painted again once it has gone.
        self.set_timer((self.NOTIFICATION_TIMEOUT if timeout is None else timeout) + 0.2, self._paint_after_toast)
        return super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _paint_after_toast(self) -> None:
        if self.is_running and self.screen_stack:  # none while quitting, or between a mode's screens
            self.screen.refresh()

    # Actions -----------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; a form with something typed in it asks first (see FormScreen.confirm_quit)."""
        if (confirm := getattr(self.screen, "confirm_quit", None)) is None or confirm():
            self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and type(self.screen).__name__ == "SearchScreen":
            return False  # already searching: there / is a character of the search
        if action in ("go", "help", "export", "import", "search"):
            return self.store_ready and not isinstance(self.screen, ModalScreen)
        return True

    async def action_go(self, section: str) -> None:
        if section in SECTIONS and self.current_mode == section:
            self.show_section_list()  # the section's own key on one of its detail screens
            return
        if section in SECTIONS and self.current_mode != section:
            # Nothing is painted until the section's screen is mounted (a first visit builds it
            # now), then it is painted at once: not Textual's fixed 50 ms pause of every switch.
            with self.batch_update():
                self._switching = True
                try:
                    await self.switch_mode(section)
                finally:
                    self._switching = False
            from mentor_tui.screens.detail import DetailScreen

            if isinstance(self.screen, DetailScreen):  # left open there: it may have changed meanwhile
                self.screen.reload()

    _switching = False

    def show_section_list(self) -> None:
        """Close the detail screens open in the section shown: back to its list."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._switching:  # a section switch holds its paints itself (action_go)
            super().delay_update(delay)

    def action_help(self) -> None:
        from mentor_tui.screens.help import HelpScreen, help_groups

        app_keys = [(key, f"Go to {label}") for key, label, _ in SECTIONS.values()]
        self.push_screen(HelpScreen(help_groups(self, app_keys)))

    def action_export(self) -> None:
        self._export_choices()

    @work(thread=True, exclusive=True, group="export-choices")
    def _export_choices(self) -> None:
        """The people to export, read in a worker; then the dialog."""
        from mentor_tui.db import database
        from mentor_tui.screens.export_dialog import export_choices

        try:
            with database.worker_connection():
                choices, default = export_choices()
        except Exception as exc:
            self.call_from_thread(self.notify, f"Could not read the database: {exc}", severity="error")
            return
        self.call_from_thread(self._push_export, choices, default)

    def _push_export(self, choices: list[Whom], default: str) -> None:
        from mentor_tui.screens.export_dialog import ExportDialog

        if not isinstance(self.screen, ModalScreen):  # nothing opened on top meanwhile
            self.push_screen(ExportDialog(choices, default), self._exported)

    def _exported(self, result: tuple[Path, bool] | None) -> None:
        if result is None:
            return
        path, private = result
        if private:
            self.notify(f"Exported to {path}, WITH private pairing notes: keep it to yourself.",
                        title="Export", severity="warning", timeout=12)
        else:
            self.notify(f"Exported to {path} (no private notes).", title="Export", timeout=10)

    def action_import(self) -> None:
        from mentor_tui.screens.import_dialog import ImportDialog

        self.push_screen(ImportDialog(), self._imported)

    def _imported(self, changed: bool | None) -> None:
        reload = getattr(self.screen, "reload", None)
        if changed and reload is not None:
            reload()

    def action_search(self) -> None:
        from mentor_tui.screens.search import SearchScreen
        from mentor_tui.screens.search_jump import open_hit

        self.push_screen(SearchScreen(), partial(open_hit, self))

    # Textual's own commands that do not belong here: "Keys" opens a panel esc does not
    # close (Help: keys lists ours), Maximize has no use, Screenshot writes into the cwd.
    _HIDDEN_SYSTEM_COMMANDS = frozenset({"Keys", "Maximize", "Screenshot"})

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in self._HIDDEN_SYSTEM_COMMANDS:
                yield command
        if not self.store_ready:
            return
        for name, (key, label, _) in SECTIONS.items():
            yield SystemCommand(f"Go to {label}", f"Open the {label} section (key {key})", partial(self.action_go, name))
        from mentor_tui.screens.help import own_bindings

        own = own_bindings(screen)
        for binding in own:
            if binding.show and _applies(screen, binding.action):  # (not the month's keys in the agenda)
                yield SystemCommand(
                    binding.description, f"{screen.sub_title} (key {self.get_key_display(binding)})",
                    partial(screen.run_action, binding.action),
                )
        taken = {binding.key for binding in own}  # a screen's own e (Edit person) is not Export

        def key(name: str) -> str:
            return "" if name in taken else f" (key {name})"

        yield SystemCommand("Export…", f"Write plans and records to a TOML file, with a preview{key('e')}",
                            self.action_export)
        yield SystemCommand("Import…", f"Read TOML exports of teammates, all or nothing{key('i')}", self.action_import)
        yield SystemCommand("Help: keys", "Every key binding (key ?)", self.action_help)
        yield SystemCommand("Search notes…", "Full-text search of every note; enter opens it "
                            f"(key {'ctrl+f' if 'slash' in taken else '/ or ctrl+f'})", self.action_search)
        if type(screen).__name__ != "TeamScreen":  # (there it is the Team's own P, listed above)
            yield SystemCommand("Program health", "The program over time, from any section (Team, key P)",
                                self._program_health)

    async def _program_health(self) -> None:
        await self.action_go("team")
        await self.screen.run_action("program")

    def watch_theme(self, theme: str) -> None:
        if self.settings.get("theme") != theme:
            self.settings["theme"] = theme
            try:
                config.save_settings(self.settings, self.settings_file)
            except OSError as exc:
                self.notify(f"Could not save the theme: {exc}", severity="warning")


def _applies(screen: Screen, action: str) -> bool:
    """Whether the screen's own action does something now (its key is shown, not dimmed)."""
    from textual.actions import ActionError, parse

    try:
        _namespace, name, parameters = parse(action)
    except ActionError:
        return True
    return screen.check_action(name, parameters) is True
