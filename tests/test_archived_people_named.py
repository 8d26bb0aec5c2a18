"""Where someone archived (they left the program) is named, they are marked "(archived)" as the other
lists mark them; and the export dialog offers them, as the command line exports them."""

from __future__ import annotations

import datetime as dt
import tomllib

from textual.widgets import Input, OptionList, Select

from mentor_tui.app import MentorApp
from mentor_tui.db import database, models, people, plans
from mentor_tui.screens.export_dialog import ExportDialog

from .cli_helpers import cli
from .pilot_helpers import settle, wait_until

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
