"""Export and import from the TUI: the preview, the private-notes switch, all-or-nothing import."""

from __future__ import annotations

import datetime as dt
import stat
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, Switch

from mentor_tui.app import MentorApp
from mentor_tui.db import database, models, people
from mentor_tui.screens.export_dialog import ExportDialog
from mentor_tui.screens.import_dialog import ImportDialog

from .pilot_helpers import screen_text, settle

SIZE = (120, 40)
SENTINEL = "SENTINEL-PRIVATE-tui-51c2"


def _mentor_with_checkin(path):
    database.open_database(path)
    me = people.set_me("Bo Chen", "mentor")
    ana = people.add_person("Ana Ruiz", "mentee")
    mentorship = models.Mentorship.create(mentor=me, mentee=ana, started_on=dt.date(2026, 9, 1))
    models.CheckIn.create(
        mentorship=mentorship, held_on=dt.date(2026, 10, 1), progress="Kind lab done.", private_notes=SENTINEL
    )
    database.close_database()
    return path


async def _export(pilot, app, target, private: bool) -> None:
    await pilot.press("e")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    if private:
        dialog.query_one("#private", Switch).value = True
        await settle(pilot)
    dialog.query_one("#path", Input).value = str(target)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_export_preview_leaves_private_notes_out_by_default(tmp_path):
    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    target = tmp_path / "out" / "bo.toml"
    target.parent.mkdir()
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        text = screen_text(app)
        assert "scope: person" in text
        assert "check-ins: 1" in text  # the same labels as the import summary
        assert "Private pairing notes: not included" in text
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    data = target.read_bytes()
    assert SENTINEL.encode() not in data
    assert tomllib.loads(data.decode())["includes_private"] is False
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_export_with_the_private_switch_on_says_so_and_includes_them(tmp_path):
    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    target = tmp_path / "bo-private.toml"
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#private", Switch).value = True
        await settle(pilot)
        assert "Private pairing notes: INCLUDED" in screen_text(app)
        assert "(on: they go in the file)" in screen_text(app) and "off: they stay" not in screen_text(app)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
    document = tomllib.loads(target.read_text())
    assert document["includes_private"] is True
    assert document["checkins"][0]["private_notes"] == SENTINEL


async def test_switching_private_on_and_exporting_at_once_still_includes_them(tmp_path):
    """The file follows the switch as it is when Export is pressed, not a stale preview."""
    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    target = tmp_path / "quick.toml"
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#private", Switch).value = True  # no wait for its preview
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert tomllib.loads(target.read_text())["includes_private"] is True


async def test_export_to_a_missing_folder_keeps_the_dialog_open(tmp_path):
    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(tmp_path / "nope" / "x.toml")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "does not exist" in screen_text(app)


async def test_import_dialog_imports_a_teammates_export(tmp_path):
    source = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    export = tmp_path / "exports" / "bo.toml"
    export.parent.mkdir()
    from mentor_tui.exchange import toml_export

    database.open_database(source)
    toml_export.write_document(toml_export.build_document(persons=["Bo Chen"]), export)
    database.close_database()

    lead_db = tmp_path / "lead.sqlite3"
    database.open_database(lead_db)
    people.set_me("Lee Lead", "lead")
    database.close_database()

    app = MentorApp(db_path=lead_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportDialog)
        app.screen.query_one("#paths", Input).value = str(export.parent)  # a folder
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "1 file checked. If you import it:" in text and "ctrl+s imports" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Imported 1 file" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "People\n3" in screen_text(app)  # the dashboard counts imported people
    database.open_database(lead_db)
    names = {(p.name, p.is_me) for p in models.Person.select()}
    assert names == {("Lee Lead", True), ("Bo Chen", False), ("Ana Ruiz", False)}
    assert models.CheckIn.get().private_notes == ""


async def test_import_dialog_reports_a_bad_file_and_changes_nothing(tmp_path, store_with_me):
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "mentor-tui"\nversion = 99\n')
    database.close_database()

    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#paths", Input).value = str(bad)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "Import refused, nothing was changed: " in text
        assert "bad.toml" in text

    database.open_database(store_with_me)
    assert models.Person.select().count() == 1


def test_typed_import_paths_may_hold_spaces(tmp_path):
    from mentor_tui.screens.import_dialog import expand

    folder = tmp_path / "My Exports"
    folder.mkdir()
    (folder / "a b.toml").write_text("")
    (folder / "c.toml").write_text("")
    (folder / "notes.txt").write_text("")
    assert expand(str(folder)) == [folder / "a b.toml", folder / "c.toml"]
    assert expand(f'"{folder / "a b.toml"}" "{folder / "c.toml"}"') == [folder / "a b.toml", folder / "c.toml"]
    assert expand("   ") == []


def test_a_relative_import_path_not_found_says_where_it_was_looked_for(tmp_path, monkeypatch):
    """The dialog does not show the app's working folder: a file not found names the path tried."""
    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.toml_import import read_files
    from mentor_tui.screens.import_dialog import expand

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ExchangeError) as refused:
        read_files(expand("amara.toml"))
    assert str(refused.value) == f"amara.toml: no such file (looked for {tmp_path / 'amara.toml'})"
    with pytest.raises(ExchangeError) as refused:
        read_files([tmp_path / "bo.toml"])
    assert str(refused.value) == f"{tmp_path / 'bo.toml'}: no such file"


async def test_export_asks_before_replacing_a_file_and_names_private_files(tmp_path, monkeypatch):
    from mentor_tui.screens import export_dialog

    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    monkeypatch.setattr(export_dialog, "default_folder", lambda: tmp_path)
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        plain = tmp_path / "mentor-bo-chen-2026-11-26.toml"
        assert app.screen.query_one("#path", Input).value == str(plain)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert plain.exists()

        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#private", Switch).value = True
        await settle(pilot)
        private = tmp_path / "mentor-bo-chen-2026-11-26-PRIVATE.toml"
        assert app.screen.query_one("#path", Input).value == str(private)
        app.screen.query_one("#path", Input).value = str(plain)  # over the shareable file
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "exists already: press ctrl+s again to replace it" in screen_text(app)
        assert SENTINEL not in plain.read_text()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert SENTINEL in plain.read_text()


async def test_import_dialog_says_when_another_program_holds_the_database(tmp_path):
    """A valid file and a write lock held elsewhere: one sentence, no repeated 'nothing'."""
    import sqlite3

    from mentor_tui.exchange.toml_export import build_document, write_document

    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    database.open_database(db)
    team = write_document(build_document(), tmp_path / "team.toml")
    database.close_database()
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#paths", Input).value = str(team)
        holder = sqlite3.connect(db)
        holder.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            await settle(pilot)
        finally:
            holder.rollback()
            holder.close()
        text = " ".join(screen_text(app).split())
        assert "Import failed, nothing was changed: the database is locked by another program" in text
        assert text.lower().count("nothing was changed") == 1


async def test_import_preview_shows_private_notes_and_leaves_them_out_unless_switched(tmp_path):
    """A mentor's private export reaches a lead: the preview says so, and the notes stay out
    unless the lead turns the switch on; nothing is written before the second ctrl+s."""
    from mentor_tui.exchange.toml_export import build_document, write_document

    source = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    database.open_database(source)
    private = write_document(build_document(include_private=True), tmp_path / "bo-PRIVATE.toml")
    database.close_database()
    lead_db = tmp_path / "lead.sqlite3"
    database.open_database(lead_db)
    people.set_me("Lee Lead", "lead")
    database.close_database()
    before = lead_db.read_bytes()

    app = MentorApp(db_path=lead_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#paths", Input).value = str(private)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = screen_text(app)
        assert "carries private pairing notes (left out)" in text
        assert app.screen.query_one("#private-row").display and app.screen.query_one(Switch).value is False
        assert lead_db.read_bytes() == before  # checked and counted, nothing written
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "carries private pairing notes (taken)" in screen_text(app)
        await pilot.press("ctrl+t")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Imported 1 file" in screen_text(app)
    database.open_database(lead_db)
    assert {c.private_notes for c in models.CheckIn.select()} == {""}


def test_exports_go_to_the_documents_folder_or_home_never_the_folder_started_from(monkeypatch, tmp_path):
    import platformdirs

    from mentor_tui.screens.export_dialog import default_folder

    monkeypatch.chdir(tmp_path)  # `make run` starts the app in the repository
    documents = tmp_path / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    assert default_folder() == Path.home()
    documents.mkdir()
    assert default_folder() == documents


async def test_the_private_switch_renames_the_file_with_the_cursor_at_its_end(tmp_path):
    """The suggested name grows -PRIVATE when the switch goes on: ctrl+u then typing a path gives
    exactly that path (a cursor left mid-name kept a tail of the old name after it)."""
    db = _mentor_with_checkin(tmp_path / "bo.sqlite3")
    target = tmp_path / "mine.toml"
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#private", Switch).focus()
        await pilot.press("space")
        await settle(pilot)
        path = app.screen.query_one("#path", Input)
        assert path.value.endswith("-PRIVATE.toml")
        path.focus()
        await pilot.press("ctrl+u", *str(target), "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert target.exists() and tomllib.loads(target.read_text())["includes_private"] is True
    assert not list(tmp_path.glob("mine.toml*.toml"))


async def test_import_dialog_names_the_file_a_date_rule_refusal_comes_from(tmp_path):
    """A newer copy of a plan whose target falls before goals kept here: the dialog says once that
    nothing changed, names the file, and the plan keeps its dates."""
    from tests.exchange_fixtures import fill

    db = tmp_path / "x.sqlite3"
    database.open_database(db)
    team = fill()
    plan = team.ana_plan
    file = tmp_path / "moved-target.toml"
    file.write_text("\n".join([
        'format = "mentor-tui"', "version = 1", "exported_at = 2026-11-27T10:00:00Z", "[[plans]]",
        f'uuid = "{plan.uuid}"', f'owner = "{team.ana.uuid}"', 'title = "Onboarding"', 'kind = "onboarding"',
        "start_on = 2026-09-01", "target_on = 2026-09-10", 'status = "active"', "updated_at = 2099-01-01T00:00:00Z",
    ]), encoding="utf-8")
    database.close_database()

    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#paths", Input).value = str(file)
        await pilot.press("ctrl+s")  # check
        await settle(pilot)
        await pilot.press("ctrl+s")  # import
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Import refused, nothing was changed: " in text and "moved-target.toml: the goal" in text
        assert text.lower().count("nothing was changed") == 1
    database.open_database(db)
    assert models.Plan.get_by_id(plan.id).target_on == dt.date(2026, 11, 30)


async def test_the_export_dialog_opens_at_its_top_at_80x24(demo_db):
    """Taller than the screen there: it opens with its title and "Whose records" in view, the
    first field focused."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box = dialog.query_one("#dialog")
        assert box.max_scroll_y > 0  # it does scroll here
        assert box.scroll_y == 0 and dialog.query_one("#title").region.y >= box.region.y
        assert app.focused is dialog.query_one("#who")
        # where the file goes is in view too, above the preview (which fills the rest)
        path = dialog.query_one("#path", Input)
        assert path.value.endswith(".toml") and box.region.y <= path.region.y < box.region.bottom
        assert path.region.y < dialog.query_one("#preview").region.y


async def test_the_export_dialogs_question_to_replace_a_file_is_in_view_at_80x24(demo_db, tmp_path):
    target = tmp_path / "there.toml"
    target.write_text("old", encoding="utf-8")
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error, box = app.screen.query_one("#error"), app.screen.query_one("#dialog")
        assert "exists already: press ctrl+s again to replace it" in str(error.render())
        assert box.region.y <= error.region.y < box.region.bottom  # on screen, not below its edge
        assert target.read_text(encoding="utf-8") == "old"
