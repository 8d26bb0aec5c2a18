"""Another mentor's private pairing notes: left out by `mentor-tui import` unless asked for
(`--include-private`), as the app's import leaves them out unless its switch is on; your
own exports' notes are taken. Notes left out once are taken by a later import that asks."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from mentor_tui.db import database, people
from mentor_tui.db.models import CheckIn, Mentorship
from mentor_tui.exchange.toml_import import import_files
from tests.cli_helpers import cli
from tests.exchange_fixtures import SENTINEL, fill

HINT = "Another mentor's private notes were left out: to take them, "


@pytest.fixture
def bo_private(tmp_path):
    """Bo's database (he is "me" there) and his export with his private notes."""
    path = tmp_path / "bo.sqlite3"
    database.open_database(path)
    fill()
    database.close_database()
    out = tmp_path / "bo-PRIVATE.toml"
    assert cli(path, "export", "--include-private", "-o", str(out)).returncode == 0
    return path, out


@pytest.fixture
def lead_db(tmp_path):
    path = tmp_path / "lead.sqlite3"
    database.open_database(path)
    people.set_me("Lea Lead", "lead")
    database.close_database()
    return path


def notes(db) -> set[str]:
    database.open_database(db)
    try:
        return {c.private_notes for c in CheckIn.select()}
    finally:
        database.close_database()


def test_import_leaves_another_mentors_notes_out_and_says_how_to_take_them(bo_private, lead_db):
    _bo, export = bo_private
    result = cli(lead_db, "import", str(export))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"Private notes: {export} carries private pairing notes (left out)" in lines
    assert lines[-1] == HINT + "import the same files again with --include-private."
    assert SENTINEL not in notes(lead_db)

    dry = cli(lead_db, "import", "--dry-run", "--include-private", str(export))
    assert "(taken)" in dry.stdout and HINT not in dry.stdout
    assert "check-ins: 0 added, 2 updated" in dry.stdout  # the two check-ins with notes
    taken = cli(lead_db, "import", "--include-private", str(export))
    assert taken.returncode == 0, taken.stderr
    assert f"Private notes: {export} carries private pairing notes (taken)" in taken.stdout
    assert SENTINEL in notes(lead_db), "notes left out by the first import are taken now"
    again = cli(lead_db, "import", "--include-private", str(export))
    assert ": 0 added, 0 updated, " in again.stdout.splitlines()[0]
    assert "check-ins: 0 added, 0 updated" in again.stdout


def test_a_dry_run_says_to_add_the_flag_before_nothing_was_written(bo_private, lead_db):
    _bo, export = bo_private
    dry = cli(lead_db, "import", "--dry-run", str(export))
    assert dry.stdout.splitlines()[-2:] == [HINT + "add --include-private.", "Nothing was written (--dry-run)."]


@pytest.fixture
def bo_again(bo_private, tmp_path):
    """A new database of Bo's (a new laptop): his records imported without their notes, then
    Bo claimed as "me" there; and his export."""
    _bo, export = bo_private
    path = tmp_path / "bo-again.sqlite3"
    assert cli(path, "import", "--without-private", str(export)).returncode == 0
    database.open_database(path)
    people.claim_me(people.find("Bo Chen").id)
    database.close_database()
    return path, export


def test_your_own_exports_notes_are_taken_without_asking(bo_again):
    bo, export = bo_again
    result = cli(bo, "import", str(export))
    assert result.returncode == 0, result.stderr
    assert "(taken)" in result.stdout and HINT not in result.stdout
    assert SENTINEL in notes(bo)


def test_without_private_leaves_out_your_own_too_and_gives_no_hint(bo_again):
    bo, export = bo_again
    result = cli(bo, "import", "--without-private", str(export))
    assert "(left out)" in result.stdout and HINT not in result.stdout
    assert SENTINEL not in notes(bo)


def test_include_and_without_private_together_are_bad_usage(lead_db, bo_private):
    result = cli(lead_db, "import", "--include-private", "--without-private", str(bo_private[1]))
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_help_says_the_default(lead_db):
    text = " ".join(cli(lead_db, "import", "--help").stdout.split())
    assert "by default only your own exports' notes are taken, another mentor's are left out" in text


def test_notes_left_out_are_filled_in_by_a_later_import_of_the_same_copy(bo_private, lead_db):
    _bo, export = bo_private
    database.open_database(lead_db)
    import_files([export], take_private=lambda _f: False)
    before = {c.uuid: c.updated_at for c in CheckIn.select()}
    summary = import_files([export])
    assert summary.counts["checkins"].updated == 2
    after = {c.uuid: (c.updated_at, c.private_notes) for c in CheckIn.select()}
    filled = [u for u, (_at, text) in after.items() if text]
    assert sorted(after[u][1] for u in filled) == sorted([SENTINEL, "cai private"])
    for u in filled:  # the same copy, notes added: its stamp moves by a millisecond (a newer edit elsewhere wins)
        assert (after[u][0] - before[u]).total_seconds() == pytest.approx(0.001)
    assert import_files([export]).counts["checkins"].updated == 0


@pytest.fixture
def fay_private(tmp_path):
    """Another mentor's export with her private note: Fay mentors Ana in her own database."""
    path = tmp_path / "fay.sqlite3"
    database.open_database(path)
    fay = people.set_me("Fay Other", "mentor")
    ana = people.add_person("Ana Ruiz", "mentee")
    mentorship = Mentorship.create(mentor=fay, mentee=ana, started_on=dt.date(2026, 9, 1))
    CheckIn.create(mentorship=mentorship, held_on=dt.date(2026, 10, 2), progress="Pairing.", private_notes=FAYS)
    database.close_database()
    out = tmp_path / "fay-PRIVATE.toml"
    assert cli(path, "export", "--include-private", "-o", str(out)).returncode == 0
    return out


FAYS = "FAY-PRIVATE-7d1e"


async def _import_in_the_app(db, paths, switch: bool) -> tuple[str, str]:
    """The app's import of `paths` with the preview's defaults (the switch pressed when `switch`):
    the preview's words and the dialog's after the second ctrl+s."""
    from textual.widgets import Input

    from mentor_tui.app import MentorApp
    from tests.pilot_helpers import screen_text, settle

    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#paths", Input).value = " ".join(str(p) for p in paths)
        await pilot.press("ctrl+s")
        await settle(pilot)
        if switch:
            await pilot.press("ctrl+t")
            await settle(pilot)
        preview = screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        return preview, screen_text(app)


@pytest.mark.parametrize("switch", [False, True])
async def test_the_app_and_the_command_line_take_the_same_notes_from_mine_and_another_mentors(
    bo_again, fay_private, tmp_path, switch
):
    bo, export = bo_again
    by_app = tmp_path / "by-app.sqlite3"
    shutil.copyfile(bo, by_app)
    flags = ["--include-private"] if switch else []
    assert cli(bo, "import", *flags, str(export), str(fay_private)).returncode == 0
    preview, done = await _import_in_the_app(by_app, [export, fay_private], switch)
    assert "Imported 2 files" in done

    assert notes(by_app) == notes(bo)
    assert (SENTINEL in notes(by_app), FAYS in notes(by_app)) == (True, switch)
    text = " ".join(preview.split())
    assert f"{export} carries private pairing notes (taken)" in text
    fays = "taken" if switch else "left out"
    assert f"{fay_private} carries private pairing notes ({fays})" in text
    assert "Take other mentors' private pairing notes (ctrl+t)" in text


async def test_with_only_my_own_notes_the_apps_switch_leaves_them_out_as_without_private_does(
    bo_again, tmp_path
):
    bo, export = bo_again
    by_cli = tmp_path / "by-cli.sqlite3"
    shutil.copyfile(bo, by_cli)
    assert cli(by_cli, "import", "--without-private", str(export)).returncode == 0
    preview, _done = await _import_in_the_app(bo, [export], switch=True)  # on by default: pressed, off
    assert "Nothing would change" in preview  # Bo's records are here, without their notes
    assert "Take my private pairing notes (ctrl+t)" in preview
    assert f"{export} carries private pairing notes (left out)" in " ".join(preview.split())
    assert SENTINEL not in notes(bo) and notes(bo) == notes(by_cli)
