"""M in Team: merging two records of one human from the app, and the uuid/email columns."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Select

from mentor_tui.app import MentorApp
from mentor_tui.db import database, mentorships, people
from mentor_tui.db.models import Mentorship, Person, PersonAlias
from mentor_tui.screens.merge_people import MergeDialog

from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)


def _two_jonas(path):
    database.open_database(path)
    me = people.set_me("Lee Lead", "lead")
    jonas = people.add_person("Jonas Becker", "mentor", "jonas@example.com")
    copy = people.add_person("Jonas B.", "mentor")
    mentee = people.add_person("Zoë 李雷", "mentee")
    mentorships.create_mentorship(copy.id, mentee.id, dt.date(2026, 9, 1))
    # fixed uuids: the dialog shows them (and the snapshot pins the dialog)
    for person, uuid in ((jonas, "11111111-aaaa-4bbb-8ccc-000000000001"), (copy, "22222222-aaaa-4bbb-8ccc-000000000002")):
        Person.update(uuid=uuid).where(Person.id == person.id).execute()
        person.uuid = uuid
    ids = me.id, jonas.uuid, copy.uuid
    database.close_database()
    return ids


async def _open_merge(pilot, app, row: int) -> MergeDialog:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    app.screen.table.move_cursor(row=row)
    await pilot.press("M")
    await wait_until(pilot, lambda: isinstance(app.screen, MergeDialog), what="the merge dialog")
    return app.screen


async def test_merge_from_team_moves_the_records_and_keeps_the_uuid_as_an_alias(tmp_path):
    db = tmp_path / "lead.sqlite3"
    _me, jonas_uuid, copy_uuid = _two_jonas(db)
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_merge(pilot, app, row=1)  # Jonas Becker (rows by name: Jonas B., Jonas Becker…)
        assert dialog.keep.uuid == jonas_uuid
        await pilot.press("ctrl+s")  # nothing picked yet: nothing happens
        await settle(pilot)
        assert "Pick the person to merge into this one first." in screen_text(app)
        dialog.query_one("#other", Select).value = next(v for label, v in dialog.choices if "Jonas B." in label)
        await wait_until(pilot, lambda: "moves mentorships as mentor: 1" in screen_text(app), what="the plan")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, MergeDialog), what="the merge")
        await settle(pilot)
        assert "Jonas B." not in screen_text(app)
    database.open_database(db)
    jonas = Person.get(Person.uuid == jonas_uuid)
    assert Mentorship.get().mentor_id == jonas.id
    assert PersonAlias.get().uuid == copy_uuid and not Person.select().where(Person.uuid == copy_uuid).exists()


async def test_escape_leaves_both_people(tmp_path):
    db = tmp_path / "lead.sqlite3"
    _two_jonas(db)
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_merge(pilot, app, row=0)
        await pilot.press("escape")
        await settle(pilot)
    database.open_database(db)
    assert Person.select().count() == 4 and PersonAlias.select().count() == 0


async def test_the_warning_that_the_names_differ_is_in_view_at_80x24(demo_db):
    """What moves runs below the dialog's edge there (the demo's people have many records); the
    warning comes before it."""
    from .pilot_helpers import screen_cells

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open_merge(pilot, app, row=0)  # Amara Okafor
        dialog.query_one("#other", Select).value = next(v for label, v in dialog.choices if "Daniel" in label)
        await wait_until(pilot, lambda: "moves skill ratings" in screen_text(app), what="the plan")
        cells = screen_cells(app.export_screenshot())
        rows = ["".join((cells.get((row, column), ("", " "))[1] or " ")[:1] for column in range(80))
                for row in range(24)]
        assert not any("restoring a backup" in row for row in rows)  # (the plan is longer than the dialog)
        assert any("the names differ: merge only if Daniel" in row for row in rows), "\n".join(rows)


async def test_team_shows_email_and_on_request_the_uuid(tmp_path):
    db = tmp_path / "lead.sqlite3"
    _me, jonas_uuid, _copy = _two_jonas(db)
    app = MentorApp(db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        who = app.screen.query_one("#who")
        assert str(who.render()).startswith("Jonas B. · no email")  # the first row
        await pilot.press("down")
        await settle(pilot)
        assert "Jonas Becker · jonas@example.com" in str(who.render()) and jonas_uuid not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert f"uuid {jonas_uuid}" in str(who.render())
        await pilot.press("u")
        await settle(pilot)
        assert jonas_uuid not in screen_text(app)


def test_merge_dialog_snapshot(snap_compare, tmp_path):
    db = tmp_path / "lead.sqlite3"
    _two_jonas(db)

    async def run_before(pilot) -> None:
        dialog = await _open_merge(pilot, pilot.app, row=1)
        dialog.query_one("#other", Select).value = next(v for label, v in dialog.choices if "Jonas B." in label)
        await wait_until(pilot, lambda: "moves" in screen_text(pilot.app), what="the plan")
        await settle(pilot)

    assert snap_compare(MentorApp(db_path=db), terminal_size=SIZE, run_before=run_before)
