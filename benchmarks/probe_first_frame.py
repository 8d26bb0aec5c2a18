"""Child process of the startup benchmark: run an app headless, stop at its first frame or once settled.

    python probe_first_frame.py minimal [--settled]
    python probe_first_frame.py mentor DB_PATH [--settled]

Prints `time.time()` at the first frame, or with --settled at the first frame
after the app has settled: the database open, the Dashboard filled with its
data and every worker done (a minimal app, which has none, settles at its
first frame). Printed after the app has exited, so Textual does not capture
the output. The parent subtracts its own `time.time()` taken just before it
spawned this process, so interpreter start and imports count.
"""

from __future__ import annotations

import sys
import time

import mentor_tui  # noqa: F401 - sets the frame rate (TEXTUAL_FPS) for both apps: the comparison is of the apps

first_frame: list[float] = []
SETTLED = "--settled" in sys.argv
POLL_S = 0.005


def _css_path(app_cls: type):
    """The app's CSS_PATH made absolute (Textual resolves it beside the subclass's file)."""
    import inspect
    from pathlib import Path

    css = getattr(app_cls, "CSS_PATH", None)
    here = Path(inspect.getfile(app_cls)).parent
    if isinstance(css, str | Path):
        return css if Path(css).is_absolute() else here / css
    if isinstance(css, list):
        return [p if Path(p).is_absolute() else here / p for p in css]
    return css


def _probe(app_cls: type) -> type:
    class Probe(app_cls):  # type: ignore[misc, valid-type]
        CSS_PATH = _css_path(app_cls)

        # Textual calls on_mount of every class in the MRO: the app's own still runs.
        def on_mount(self) -> None:
            if SETTLED:
                self.set_interval(POLL_S, self._settled_yet)
            else:
                self.call_after_refresh(self._first_frame)

        def _settled_yet(self) -> None:
            if not first_frame and _settled(self):
                self.call_after_refresh(self._first_frame)

        def _first_frame(self) -> None:
            if first_frame or (SETTLED and not _settled(self)):
                return  # a worker started meanwhile: the next poll looks again
            first_frame.append(time.time())
            self.exit()

        def run(self, *args, **kwargs):  # the real `mentor-tui` path, but headless
            kwargs["headless"] = True
            return super().run(*args, **kwargs)

    return Probe


def _settled(app) -> bool:
    """No worker running and, for mentor-tui, the store open and the Dashboard showing its data."""
    if any(not worker.is_finished for worker in app.workers):
        return False
    if not hasattr(app, "store_ready"):
        return True  # the minimal app: nothing to wait for
    return app.store_ready and type(app.screen).__name__ == "DashboardScreen" and app.screen.data_shown


def minimal() -> None:
    # The baseline: a bare Textual app, measured the same way as ours (not a layer breach).
    from textual.app import App, ComposeResult  # noqa: TID251
    from textual.widgets import Footer, Header, Static  # noqa: TID251

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Hello")
            yield Footer()

    _probe(Minimal)().run()


def mentor(db_path: str) -> None:
    from mentor_tui import app as app_module

    app_module.MentorApp = _probe(app_module.MentorApp)  # what cli._run_tui builds
    from mentor_tui.cli import main

    main(["--db", db_path])


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        mentor(sys.argv[2])
    if not first_frame:
        raise SystemExit("no first frame")
    print(f"{first_frame[0]:.6f}")
