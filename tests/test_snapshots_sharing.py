"""Snapshots of the sharing screens: the export dialog (private notes off and on), the import preview
(with a private file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people
from mentor_tui.exchange.toml_export import build_document, write_document

from .pilot_helpers import settle
from .test_exchange_tui import _mentor_with_checkin

SIZE = (120, 40)


@pytest.fixture
def lead_with_a_private_file(tmp_path, monkeypatch):
    """A lead's database, and a mentor's private export in the working folder."""
    source = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    database.open_database(source)
    write_document(build_document(include_private=True), tmp_path / "bo-PRIVATE.toml")
    database.close_database()
    lead = tmp_path / "lead.sqlite3"
    database.open_database(lead)
    people.set_me("Lee Lead", "lead")
    people.add_person("Ana Ruiz", "mentee")  # typed by hand here: a possible duplicate
    database.close_database()
    monkeypatch.chdir(tmp_path)  # the preview names the file as typed
    return lead


def test_import_preview(snap_compare, lead_with_a_private_file):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press(*"bo-PRIVATE.toml")
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(MentorApp(db_path=lead_with_a_private_file), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("private", [False, True], ids=["private-off", "private-on"])
def test_export_dialog(snap_compare, tmp_path, monkeypatch, private):
    """The preview says what the file will hold; the switch's words and the file name follow it."""
    monkeypatch.setattr("mentor_tui.screens.export_dialog.default_folder", lambda: Path("/home/bo/Documents"))
    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        if private:
            await pilot.press("tab", "space")  # from who to the switch
            await settle(pilot)

    assert snap_compare(MentorApp(db_path=db), terminal_size=SIZE, run_before=run_before)
