"""Helpers for driving MentorApp with Textual's Pilot."""

from __future__ import annotations


async def settle(pilot, rounds: int = 3) -> None:
    """Wait until the app's workers are done and the screen has refreshed.

    A worker cancelled on the way (an exclusive load replaced by a newer one) is
    not a failure: the round after it waits for the workers still running.
    """
    from textual.worker import WorkerCancelled

    for round_ in range(rounds + 20):
        # The rounds after the first `rounds`: only while a worker the last pause started
        # (a list's reload as a form closed, under load) still runs.
        if round_ >= rounds and all(worker.is_finished for worker in pilot.app.workers):
            return
        for _attempt in range(10):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except WorkerCancelled:
                continue
        await pilot.pause()


def screen_text(app) -> str:
    """All text of the visible widgets of the active screen, for assertions."""
    from textual.widgets import DataTable, Markdown, Static

    parts = []
    for widget in app.screen.query("*"):
        if not widget.display:
            continue
        if isinstance(widget, Static):
            parts.append(_plain(widget.content, widget.render(), widget.content_size.width))
        elif isinstance(widget, Markdown):
            parts.append(widget.source)
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts.append(" | ".join(str(c) for c in widget.get_row_at(row)))
    return "\n".join(parts)


def _plain(content, shown, width: int) -> str:
    """A Static's content as text: what it renders, or for a Rich renderable (the help's
    tables) the renderable laid out at the widget's width."""
    if not hasattr(content, "__rich_console__"):
        return str(shown)
    import io

    from rich.console import Console

    out = io.StringIO()
    Console(file=out, width=max(width, 20), color_system=None, legacy_windows=False).print(content)
    return out.getvalue()


async def wait_until(pilot, condition, timeout: float = 10.0, what: str = "the condition") -> None:
    """Let the app run until `condition()` holds (for what no worker-wait covers: a worker
    blocked on a lock, a timer); fail after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def press_settled(pilot, *keys: str) -> None:
    """Settle, then press each key and settle after it."""
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def then(*keys: str):
    """A snapshot's `run_before`: `press_settled(pilot, *keys)`."""

    async def run_before(pilot) -> None:
        await press_settled(pilot, *keys)

    return run_before


def screen_cells(svg: str) -> dict[tuple[int, int], tuple[str, str]]:
    """Each cell of an exported screenshot: (row, column) -> (background, "character colour"); the
    same cells may be grouped into other runs of text or rectangles without looking different."""
    import html
    import re

    colours = dict(re.findall(r"\.(terminal-[\d-]*r\d+) \{ ([^}]*) \}", svg))
    grid: dict[tuple[int, int], list[str]] = {}
    for fill, x, y, width in re.findall(r'<rect fill="(#\w+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', svg):
        row, first = round((float(y) - 1.5) / 24.4), round(float(x) / 12.2)
        for column in range(first, first + round(float(width) / 12.2)):
            grid[(row, column)] = [fill, ""]
    for name, x, y, text in re.findall(r'<text class="([\w-]+)" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        row, first = round((float(y) - 20) / 24.4), round(float(x) / 12.2)
        for offset, char in enumerate(html.unescape(text)):
            if char.strip():
                grid.setdefault((row, first + offset), ["", ""])[1] = char + colours[name]
    return {cell: (fill, char) for cell, (fill, char) in grid.items()}


async def pick_first(pilot, field: str) -> None:
    """Choose the first option of a form's drop-down by keyboard (a required choice with no
    default starts blank): focus it, open it, move past the blank, take the option."""
    pilot.app.screen.query_one(f"#field-{field}").focus()
    await settle(pilot)
    for key in ("enter", "down", "enter"):
        await pilot.press(key)
        await settle(pilot)


def with_archived(db, *names: str):
    """`db` (closed) with the people `names` archived: they left the program."""
    from mentor_tui.db import database, people

    database.open_database(db)
    for name in names:
        people.set_archived(people.find(name).uuid, True)
    database.close_database()
    return db
