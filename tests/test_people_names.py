"""Names are found whatever their script or case: SQLite's lower() folds only ASCII."""

from __future__ import annotations

import pytest

from mentor_tui.db import database, people
from tests.cli_helpers import cli


@pytest.mark.parametrize("typed", ["Zoë Ñúñez", "zoë ñúñez", "ZOË ÑÚÑEZ", "  Zoë Ñúñez "])
def test_find_folds_case_in_every_script(store, typed):
    zoe = people.add_person("Zoë Ñúñez", "mentee")
    people.add_person("Zoe Nunez", "mentee")  # a different person: accents matter
    assert people.find(typed).id == zoe.id


def test_find_names_a_missing_person(store):
    people.add_person("李雷", "mentee")
    assert people.find("李雷").name == "李雷"
    with pytest.raises(people.PersonNotFound, match="no person called"):
        people.find("韩梅梅")


def test_report_person_finds_a_non_ascii_name(db_path):
    database.open_database(db_path)
    people.set_me("Zoë Ñúñez", "mentee")
    database.close_database()
    result = cli(db_path, "report", "--person", "ZOË ÑÚÑEZ")
    assert result.returncode == 0, result.stderr
    assert "Zoë Ñúñez" in result.stdout
