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


def test_a_team_export_carries_a_user_made_competency_nobody_uses_yet(store, tmp_path):
    """A lead's own competency (non-ASCII name, no goal or rating yet) reaches the teammate."""
    from mentor_tui.db.models import Competency
    from mentor_tui.exchange import toml_export, toml_import

    people.set_me("Zoë 李雷", "lead")
    Competency.create(key="resilience-chaos", name="Résilience & chaos", description="Jeux de panne")
    Competency.create(key="k8s-operators", name="Opérateurs Kubernetes", description="")
    team_file = tmp_path / "team.toml"
    toml_export.write_document(toml_export.build_document(), team_file)
    person_doc = toml_export.build_document(persons=["Zoë 李雷"])
    assert "competencies" not in person_doc  # a person's export carries only what it uses
    database.open_database(tmp_path / "teammate.sqlite3")
    toml_import.import_files([team_file])
    got = {c.key: c.name for c in Competency.select().where(~Competency.builtin)}
    assert got == {"resilience-chaos": "Résilience & chaos", "k8s-operators": "Opérateurs Kubernetes"}
