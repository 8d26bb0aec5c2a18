"""The import dialog's words: one file is "it", a check that would change nothing says so
(and ctrl+s does not import), a date written in quotes is named as such."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button, Input

from mentor_tui.app import MentorApp
from mentor_tui.db import database, models
from mentor_tui.exchange import toml_export
from mentor_tui.screens.import_dialog import ImportDialog
from tests.exchange_fixtures import fill

from .pilot_helpers import screen_text, settle

SIZE = (120, 40)
BROKEN = Path(__file__).parent / "data" / "broken"


def _own_export(tmp_path) -> tuple[Path, Path]:
    db = tmp_path / "bo.sqlite3"
    database.open_database(db)
    fill()
    export = toml_export.write_document(toml_export.build_document(), tmp_path / "bo.toml")
    database.close_database()
    return db, export


async def _check(pilot, app, paths: str) -> str:
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(app.screen, ImportDialog)
    app.screen.query_one("#paths", Input).value = paths
    await pilot.press("ctrl+s")
    await settle(pilot)
    return screen_text(app)


async def test_a_check_that_would_change_nothing_says_so_and_ctrl_s_does_not_import(tmp_path):
    db, export = _own_export(tmp_path)  # its records are all here already
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await _check(pilot, app, str(export))
        assert "1 file checked. If you import it:" in text and "them:" not in text
        assert "Nothing would change: there is nothing to import." in text
        assert "ctrl+s imports" not in text
        assert app.screen.query_one("#import", Button).label.plain == "Check"
        await pilot.press("ctrl+s")  # checks again; never "Imported"
        await settle(pilot)
        text = screen_text(app)
        assert "Imported" not in text and "Nothing would change" in text


async def test_two_files_are_them(tmp_path):
    db, export = _own_export(tmp_path)
    second = shutil.copy(export, tmp_path / "bo-copy.toml")
    database.open_database(db)
    models.CheckIn.delete().execute()  # so there is something to import again
    database.close_database()
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await _check(pilot, app, f"{export} {second}")
        assert "2 files checked. If you import them:" in text and "ctrl+s imports" in text
        assert app.screen.query_one("#import", Button).label.plain == "Import"


async def test_a_date_in_quotes_is_named_as_a_string(store_with_me):
    database.close_database()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = await _check(pilot, app, str(BROKEN / "quoted_date.toml"))
        assert "Import refused, nothing was changed: " in text
        assert "(a string: TOML dates are written without quotes, due_on = 2026-08-30)" in " ".join(text.split())
