"""Where someone archived (they left the program) is named, they are marked "(archived)" as the other
lists mark them; and the export dialog offers them, as the command line exports them."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select

from mentor_tui.app import MentorApp
from mentor_tui.db import database, goals, labs, models, people, plans, sessions
from mentor_tui.screens.export_dialog import ExportDialog
from mentor_tui.screens.next_sessions import NextSessionsPanel

from .cli_helpers import cli
from .pilot_helpers import press_settled, screen_text, settle, then, wait_until, with_archived

SIZE = (120, 40)


def _mei_left() -> models.Person:
    """Mei (a mentee with a plan) left the program; Ana is still in it."""
    people.add_person("Ana Ruiz", "mentee")
    mei = people.add_person("Mei Tanaka", "mentee")
    plans.create_plan(mei, "Observability and SLOs track", "skill", dt.date(2026, 9, 1))
    return people.set_archived(mei.uuid, True)


async def test_the_export_dialog_offers_archived_people_after_the_others_as_the_command_line_does(
        store_with_me, tmp_path, monkeypatch):
    from mentor_tui.screens import export_dialog

    mei = _mei_left()
    everyone = {p.uuid for p in models.Person.select()}
    monkeypatch.setattr(export_dialog, "default_folder", lambda: tmp_path)
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog), what="the export dialog")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("enter")  # open the people (the dialog starts on them)
        await settle(pilot)
        offered = dialog.query_one(OptionList)
        labels = [str(offered.get_option_at_index(i).prompt) for i in range(offered.option_count)]
        assert labels == ["Everyone (the whole team)", "Ana Ruiz", "Bo Chen (me)", "Mei Tanaka (archived)"]
        assert {w.uuid for w in dialog.choices} == everyone  # all whom `export --person` takes
        await pilot.press("end", "enter")  # the last: Mei
        await settle(pilot)
        assert dialog.query_one("#who", Select).value == mei.uuid
        target = tmp_path / "mentor-mei-tanaka-2026-11-26.toml"  # her name, not her label
        assert dialog.query_one("#path", Input).value == str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog), what="the export")
    from_dialog = tomllib.loads(target.read_text())
    assert from_dialog["scope"] == "person" and [p["title"] for p in from_dialog["plans"]] == ["Observability and SLOs track"]
    by_cli = cli(store_with_me, "export", "--person", "Mei Tanaka", "-o", str(tmp_path / "cli.toml"))
    assert by_cli.returncode == 0, by_cli.stderr
    from_cli = tomllib.loads((tmp_path / "cli.toml").read_text())
    assert {**from_cli, "exported_at": None} == {**from_dialog, "exported_at": None}  # the same file
    database.close_database()


def _sofia_presents_and_left() -> models.Person:
    """Sofia presents a weekly session from Monday (a long line: title, kind, her name); then she left."""
    sofia = people.add_person("Sofia Almeida", "mentor")
    sessions.create_session("Platform updates", "platform-update", dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC), 30,
                            "FREQ=WEEKLY;BYDAY=MO", "UTC", presenter=sofia)
    return people.set_archived(sofia.uuid, True)


async def test_the_dashboards_next_sessions_mark_an_archived_presenter_one_line_each_at_80_columns(store_with_me):
    _sofia_presents_and_left()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(NextSessionsPanel)
        lines = str(panel.render()).splitlines()
        assert lines[1:] == ["  2026-11-30 09:00  Platform updates · Sofia Almeida (archived)",
                             "  2026-12-07 09:00  Platform updates · Sofia Almeida (archived)",
                             "  2026-12-14 09:00  Platform updates · Sofia Almeida (archived)"]  # the kind gave way
        assert panel.content_size.height == 4  # none wrapped
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: "(platform-update) · Sofia" in str(panel.render()), what="the kind back")


async def test_the_session_page_and_the_calendar_mark_an_archived_presenter(store_with_me):
    from rich.text import Text

    from mentor_tui.screens.session_view import SessionScreen

    _sofia_presents_and_left()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "5")
        presenter = app.screen.table.get_row_at(0)[4]
        # cut at 80 columns, and dim: a mark the cut keeps (as the Plans list's owners)
        assert isinstance(presenter, Text) and presenter.style == "dim" and presenter.plain.startswith("Sofia")
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, SessionScreen)
        assert "Presenter Sofia Almeida (archived)" in screen_text(app)


async def test_the_labs_list_marks_an_archived_owner_and_dims_them_for_a_narrow_cut(store_with_me):
    from rich.text import Text

    mei = _mei_left()
    plan = models.Plan.get(models.Plan.owner == mei.id)
    labs.create_lab(goals.add_goal(plan.id, "Burn-rate alerts").id, "Multi-window burn-rate alerts")
    assert [(r.owner, r.owner_archived) for r in labs.page()] == [("Mei Tanaka (archived)", True)]
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "3")
        owner = app.screen.table.get_row_at(0)[0]
        assert isinstance(owner, Text) and owner.style == "dim" and owner.plain.startswith("Mei Tana")


async def test_the_merge_picker_marks_archived_people_and_still_picks_one_of_the_same_name(store_with_me):
    from mentor_tui.screens.merge_people import MergeDialog

    keep = people.add_person("Jonas Becker", "mentor")
    people.add_person("Ana Ruiz", "mentee")
    # the same name again, come in with an import (the app refuses a name taken), and gone since
    twin = models.Person.create(name="Jonas Becker", role="mentor", archived=True, email="jb@example.com")
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_settled(pilot, "6")
        app.screen.table.move_cursor(row=[p.uuid for p in people.roster()].index(keep.uuid))
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog), what="the merge dialog")
        await settle(pilot)
        dialog = app.screen
        assert [label for label, _id in dialog.choices] == [
            f"Jonas Becker (archived) · jb@example.com · {twin.uuid[:8]}",
            f"Ana Ruiz · {people.find('Ana Ruiz').uuid[:8]}", f"Bo Chen · {people.me().uuid[:8]}"]
        assert dialog.query_one("#other", Select).value == twin.id  # the one of the same name, picked first
        await wait_until(pilot, lambda: "ctrl+s merges" in screen_text(app), what="what would move")


def _demo_with_two_gone(demo_db):
    return with_archived(demo_db, "Mei Tanaka", "Sofia Almeida")


@pytest.mark.parametrize("keys", [(), ("3",), ("e", "enter")], ids=["dashboard", "labs", "export-whom"])
def test_archived_people_named_at_80_columns(snap_compare, demo_db, monkeypatch, keys):
    monkeypatch.setattr("mentor_tui.screens.export_dialog.default_folder", lambda: Path("/home/jonas/Documents"))
    app = MentorApp(db_path=_demo_with_two_gone(demo_db))
    assert snap_compare(app, terminal_size=(80, 24), run_before=then(*keys))
