"""Child process of the startup benchmark: run an app headless, stop at its first frame.

    python probe_first_frame.py minimal
    python probe_first_frame.py mentor DB_PATH

Prints `time.time()` at the first frame (after the app has exited, so Textual
does not capture the output). The parent subtracts its own `time.time()` taken
just before it spawned this process, so interpreter start and imports count.
"""

from __future__ import annotations

import sys
import time

first_frame: list[float] = []


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
            self.call_after_refresh(self._first_frame)

        def _first_frame(self) -> None:
            first_frame.append(time.time())
            self.exit()

        def run(self, *args, **kwargs):  # the real `mentor-tui` path, but headless
            kwargs["headless"] = True
            return super().run(*args, **kwargs)

    return Probe


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
