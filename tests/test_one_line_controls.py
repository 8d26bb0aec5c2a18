"""A tab, newline or CR in a one-line value (a name, a title, a uuid) is refused like an ESC,
on every path: the command line, the store, an import and a form. Notes keep them.

A tab in a name once split a row of the tab-separated `people list` in two.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.app import MentorApp
from mentor_tui.db import models, people, sessions
from mentor_tui.schema import RecordError
from mentor_tui.screens.form import FormScreen
from tests.cli_helpers import cli
from tests.exchange_fixtures import file_hash

from .pilot_helpers import screen_text, settle

HEAD = 'format = "mentor-tui"\nversion = 2\nscope = "team"\nincludes_private = false\n'


@pytest.mark.parametrize(
    ("name", "shown"), [("Zoe\tTab", "\\x09"), ("Zoe\nNL", "\\x0a"), ("Zoe\rCR", "\\x0d"), ("Zoe\x1bE", "\\x1b")]
)
def test_people_add_refuses_a_tab_newline_or_cr_as_it_refuses_esc(db_path, name, shown):
    result = cli(db_path, "people", "add", name)
    assert result.returncode == 1, result.stdout
    assert result.stderr == (
        f"mentor-tui: not added: name: expected text without control characters, got {shown} at position 4\n"
    )
    assert "Zoe" not in cli(db_path, "people", "list").stdout


def test_people_list_keeps_its_columns(db_path):
    cli(db_path, "people", "add", "Zoe Tab")
    rows = cli(db_path, "people", "list").stdout.splitlines()
    assert [row.split("\t")[:2] for row in rows] == [["Zoe Tab", "mentee"]]


def test_the_store_refuses_them_in_names_and_titles(store):
    for bad in ("Tab\there", "Line\nbreak", "Carriage\rreturn"):
        with pytest.raises(RecordError, match="name: expected text without control characters"):
            people.add_person(bad, "mentee")
        with pytest.raises(RecordError, match="title: expected text without control characters"):
            sessions.create_session(bad, "other", dt.datetime(2026, 12, 1, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("record", "where"),
    [
        ('uuid = "p-ana"\nname = "Ana\\tRuiz"\nrole = "mentee"', "people[0].name"),
        ('uuid = "p-ana"\nname = "Ana\\nRuiz"\nrole = "mentee"', "people[0].name"),
        ('uuid = "p-ana"\nname = "Ana"\nrole = "mentee"\nteam = "plat\\tform"', "people[0].team"),
        ('uuid = "p-\\u001bana"\nname = "Ana"\nrole = "mentee"', "people[0].uuid"),
        ('uuid = "p-\\tana"\nname = "Ana"\nrole = "mentee"', "people[0].uuid"),
    ],
)
def test_an_import_refuses_them_in_one_line_values(db_path, tmp_path, record, where):
    cli(db_path, "people", "add", "Bo")
    before = file_hash(db_path)
    file = tmp_path / "in.toml"
    file.write_text(HEAD + "\n[[people]]\n" + record + "\n", encoding="utf-8")
    result = cli(db_path, "import", str(file))
    assert result.returncode == 1, result.stdout
    assert f"{where}: expected text without control characters, got \\x" in result.stderr
    assert file_hash(db_path) == before


def test_notes_keep_their_tabs_and_newlines(store):
    from mentor_tui.db import mentorships

    me = people.set_me("Ana", "mentor")
    bo = people.add_person("Bo", "mentee")
    pair = mentorships.create_mentorship(me.id, bo.id, dt.date(2026, 1, 1), focus="one\ttwo\nthree")
    assert models.Mentorship.get_by_id(pair.id).focus == "one\ttwo\nthree"


async def test_the_person_form_refuses_a_pasted_tab(store_with_me):
    from textual import events

    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("6", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-name").focus()
        app.post_message(events.Paste("Zoe\tTab"))  # Tab as a key moves the focus: only a paste types one
        await settle(pilot)
        assert form.query_one("#field-name").value == "Zoe\tTab"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form, "the form stays open"
        assert "name: expected text without control characters, got \\x09 at position 4" in screen_text(app)
    assert not models.Person.select().where(models.Person.name.contains("Zoe")).exists()
