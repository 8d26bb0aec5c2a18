"""Archiving someone who left: `a` and `A` in Team, `people archive` / `people restore` on the command line.

The person leaves the matrix and the counts, every record of theirs stays, and a
restore brings them back; "me" cannot be archived; archiving does not move the
person's `updated_at` (it never travels in a file).
"""

from __future__ import annotations

from mentor_tui.app import MentorApp
from mentor_tui.db import database, people
from mentor_tui.db.models import CheckIn, Person, Plan
from mentor_tui.screens.pick import PickScreen

from .cli_helpers import cli
from .pilot_helpers import screen_text, settle, then, wait_until
from .test_team_delete import _team, in_team

SIZE = (120, 40)


async def test_a_archives_the_person_under_the_cursor_and_A_restores_them(tmp_path):
    db = tmp_path / "t.sqlite3"
    _me, ana, _bo = _team(db)
    database.open_database(db)
    stamp = Person.get(Person.uuid == ana).updated_at
    database.close_database()
    async with in_team(db, row=0) as (app, pilot, said):  # rows by name: Ana Ruiz first
        await pilot.press("a")
        await wait_until(pilot, lambda: "Ana Ruiz" not in screen_text(app), what="the matrix without her")
        assert said[-1].startswith("Ana Ruiz archived: they left the matrix")
        await pilot.press("1")
        await wait_until(pilot, lambda: "People\n2" in screen_text(app), what="the count without her")
        await pilot.press("6")
        await settle(pilot)
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), what="the archived people")
        assert [label for label, _uuid in app.screen.options] == ["Ana Ruiz  (mentee)"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: said[-1] == "Ana Ruiz restored.", what="the restore")
        await wait_until(pilot, lambda: "Ana Ruiz" in screen_text(app), what="the matrix with her again")
    database.open_database(db)
    kept = Person.get(Person.uuid == ana)
    assert not kept.archived and kept.updated_at == stamp
    assert Plan.select().count() == 1 and CheckIn.select().count() == 1
    database.close_database()


async def test_the_cursor_lands_on_the_person_restored(tmp_path):
    db = tmp_path / "t.sqlite3"
    _me, _ana, bo = _team(db)
    async with in_team(db, row=1) as (app, pilot, said):  # Ana Ruiz, Bo Chen, Lee Lead (me)
        await pilot.press("a")
        await wait_until(pilot, lambda: app.screen.table.row_count == 2, what="the matrix without Bo")
        app.screen.table.move_cursor(row=1)  # Lee Lead: the row after Bo's once he is back
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, PickScreen), what="the archived people")
        await pilot.press("enter")
        await wait_until(pilot, lambda: said[-1] == "Bo Chen restored." and app.screen.table.row_count == 3,
                         what="the matrix with Bo again")
        await settle(pilot)
        assert app.screen.highlighted().person.uuid == bo


async def test_a_on_me_is_refused_and_A_with_nobody_archived_says_so(tmp_path):
    db = tmp_path / "t.sqlite3"
    me, _ana, _bo = _team(db)
    async with in_team(db, row=2) as (app, pilot, said):  # Ana Ruiz, Bo Chen, Lee Lead (me)
        await pilot.press("a")
        await settle(pilot)
        assert said[-1].startswith("Lee Lead is you (“me”) in this database")
        await pilot.press("A")
        await wait_until(pilot, lambda: said[-1].startswith("Nobody is archived"), what="the answer")
        assert not isinstance(app.screen, PickScreen)
    database.open_database(db)
    assert not Person.get(Person.uuid == me).archived
    database.close_database()


def test_the_store_refuses_to_archive_me(tmp_path):
    db = tmp_path / "t.sqlite3"
    me, _ana, _bo = _team(db)
    database.open_database(db)
    try:
        try:
            people.set_archived(me, True)
        except ValueError as exc:
            assert "Lee Lead is you" in str(exc)
        else:
            raise AssertionError("archiving me was not refused")
        assert not Person.get(Person.uuid == me).archived
    finally:
        database.close_database()


def test_people_archive_and_restore_on_the_command_line(tmp_path):
    db = tmp_path / "t.sqlite3"
    _me, ana, _bo = _team(db)
    done = cli(db, "people", "archive", "ana ruiz")
    assert done.returncode == 0 and "Ana Ruiz archived" in done.stdout
    assert "Ana Ruiz (archived)" in cli(db, "people", "list").stdout
    assert "already archived" in cli(db, "people", "archive", ana).stdout
    refused = cli(db, "people", "archive", "Lee Lead")
    assert refused.returncode != 0 and "not archived: Lee Lead is you" in refused.stderr
    restored = cli(db, "people", "restore", ana)
    assert restored.returncode == 0 and "Ana Ruiz restored" in restored.stdout
    database.open_database(db)
    assert not Person.select().where(Person.archived).exists()
    database.close_database()


def test_restore_picker_snapshot(snap_compare, tmp_path):
    db = tmp_path / "t.sqlite3"
    _team(db)
    assert snap_compare(MentorApp(db_path=db), terminal_size=SIZE, run_before=then("6", "a", "A"))


def test_merging_someone_active_into_an_archived_person_restores_them_and_says_so(tmp_path):
    from mentor_tui.db.people_merge import merge, plan_merge

    db = tmp_path / "t.sqlite3"
    _me, ana, _bo = _team(db)
    database.open_database(db)
    try:
        people.set_archived(ana, True)
        again = people.add_person("Ana R.", "mentee")  # the same human, typed by hand: still active
        keep, other = Person.get(Person.uuid == ana), Person.get(Person.uuid == again.uuid)
        assert "  Ana Ruiz is archived and Ana R. is not: Ana Ruiz is restored" in plan_merge(keep, other).lines()
        merge(keep, other)
        assert not Person.get(Person.uuid == ana).archived
        people.set_archived(ana, True)  # both archived: the one kept stays archived
        cai = people.add_person("Cai Müller", "mentee")
        people.set_archived(cai.uuid, True)
        merge(Person.get(Person.uuid == ana), Person.get(Person.uuid == cai.uuid))
        assert Person.get(Person.uuid == ana).archived
    finally:
        database.close_database()


async def test_a_restored_persons_row_is_selected_though_a_read_from_before_comes_first(tmp_path):
    """The Team list reads again as the picker closes, racing the restore's write: rows read
    before it (without the person) keep the selection for the next showing."""
    db = tmp_path / "t.sqlite3"
    _me, _ana, bo = _team(db)
    async with in_team(db, row=0) as (app, pilot, _said):
        screen = app.screen
        before = [row for row in screen.table.table_rows if row.key != bo]  # as read before the restore
        everyone = list(screen.table.table_rows)
        screen.select_after_reload = bo
        screen.show_rows(before)
        await settle(pilot)
        screen.show_rows(everyone)
        await settle(pilot)
        assert screen.highlighted().person.uuid == bo


async def test_a_restored_persons_row_is_selected_though_a_read_from_after_came_first(tmp_path):
    """The list's own read, made after the restore's write, may show the person before the
    restore asks for the cursor: the read it asks for finds nothing changed and still moves it."""
    db = tmp_path / "t.sqlite3"
    _me, _ana, bo = _team(db)
    async with in_team(db, row=2) as (app, pilot, _said):  # Ana Ruiz, Bo Chen, Lee Lead (me)
        screen = app.screen
        screen.select_after_reload = bo
        await screen.reload().wait()
        await settle(pilot)
        assert screen.highlighted().person.uuid == bo
        assert screen.select_after_reload is None
