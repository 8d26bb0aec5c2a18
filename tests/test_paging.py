"""Paged tables (mentor_tui/screens/section.py): the next page is read as the cursor
nears the end, and a page that arrives after the list was reloaded is dropped.

The section here lists records from a plain list; a gate holds the read of any
page after the first until the test releases it, so "the list is reloaded while
a page is on its way" happens every time, in that order.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass

from textual.app import App

from mentor_tui.screens.section import TableSection


@dataclass(frozen=True)
class Rec:
    id: int
    name: str


def records(ids) -> list[Rec]:
    return [Rec(i, f"record {i}") for i in ids]


class ListSection(TableSection[Rec]):
    COLUMNS = ("Name",)
    PAGE_SIZE = 200

    def __init__(self, source: list[Rec]) -> None:
        super().__init__()
        self.source = source
        self.gate: threading.Event | None = None  # set: pages after the first wait for it
        self.requested = threading.Event()  # a page after the first was asked for

    def count_rows(self) -> int:
        return len(self.source)

    def fetch_page(self, limit: int, offset: int) -> list[Rec]:
        page = list(self.source[offset : offset + limit])  # what the store holds now
        if offset and self.gate is not None:
            self.requested.set()
            self.gate.wait(timeout=30)
        return page

    def cells(self, record: Rec) -> tuple[str, ...]:
        return (record.name,)


class ListApp(App[None]):
    def __init__(self, section: ListSection) -> None:
        super().__init__()
        self.section = section

    def on_mount(self) -> None:
        self.push_screen(self.section)


def shown_ids(section: ListSection) -> list[int]:
    return [row.record.id for row in section.table.table_rows]


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_a_page_then_reload(pilot, section: ListSection, new_source: list[Rec]) -> None:
    """Scroll to the end (the next page is asked for and held), go back to the top,
    then reload the list from `new_source` while the page is still on its way."""
    section.gate = threading.Event()
    section.table.focus()
    await pilot.press("end")
    assert await asyncio.to_thread(section.requested.wait, 10), "the next page was never asked for"
    await pilot.press("home")
    await pilot.pause()
    section.source = new_source
    await section.reload().wait()
    await pilot.pause()


async def release_the_page(pilot, section: ListSection) -> None:
    assert section.gate is not None
    section.gate.set()
    await settle(pilot)


async def test_the_next_page_loads_as_the_cursor_nears_the_end(store):
    section = ListSection(records(range(450)))
    app = ListApp(section)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        assert shown_ids(section) == list(range(200))
        assert (section.loaded, section.total) == (200, 450)

        section.table.focus()
        await pilot.press("end")
        await settle(pilot)
        assert shown_ids(section) == list(range(400))
        await pilot.press("end")
        await settle(pilot)
        assert shown_ids(section) == list(range(450))
        assert section.loaded == section.total == 450


async def test_a_page_arriving_after_a_reload_that_shortened_the_list_is_dropped(store):
    section = ListSection(records(range(450)))
    app = ListApp(section)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        await start_a_page_then_reload(pilot, section, records(range(150)))
        assert shown_ids(section) == list(range(150))

        await release_the_page(pilot, section)  # rows 200-399 of the old list
        assert shown_ids(section) == list(range(150))
        assert (section.loaded, section.total) == (150, 150)


async def test_a_page_arriving_after_a_reload_of_the_same_length_is_dropped(store):
    section = ListSection(records(range(450)))
    app = ListApp(section)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        new = records([1000]) + records(range(450))  # one record added at the top
        await start_a_page_then_reload(pilot, section, new)
        assert shown_ids(section) == [r.id for r in new[:200]]

        await release_the_page(pilot, section)  # the old list's rows 200-399
        assert shown_ids(section) == [r.id for r in new[:200]], "a stale page was appended"

        section.gate = None
        await pilot.press("end")
        await settle(pilot)
        assert shown_ids(section) == [r.id for r in new[:400]]
