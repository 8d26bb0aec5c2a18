"""Teams on the command line (people add / set-team / list / teams), in exchange files, and in report --team."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import pytest

from mentor_tui.db import database, people, teams
from mentor_tui.db import models as m

from .cli_helpers import cli
from .conftest import FROZEN_TODAY as TODAY


def test_people_add_set_team_list_and_teams(db_path):
    added = cli(db_path, "people", "add", "Jonas Becker", "--role", "mentor", "--team", " platform ")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added Jonas Becker (mentor, team platform) ")
    assert cli(db_path, "people", "add", "Mei Tanaka").returncode == 0
    moved = cli(db_path, "people", "set-team", "mei tanaka", "data-infra")
    assert moved.stdout == "Mei Tanaka is now in data-infra\n"
    assert cli(db_path, "people", "add", "Nia Obi", "--role", "lead").returncode == 0
    listing = cli(db_path, "people", "list").stdout.splitlines()
    assert [line.split("\t")[:3] for line in listing] == [
        ["Jonas Becker", "mentor", "platform"], ["Mei Tanaka", "mentee", "data-infra"], ["Nia Obi", "lead", "-"]]
    only = cli(db_path, "people", "list", "--team", "platform").stdout.splitlines()
    assert [line.split("\t")[0] for line in only] == ["Jonas Becker"]
    assert cli(db_path, "people", "teams").stdout == (
        "data-infra\t1 person\nplatform\t1 person\nno team\t1 person\n")
    cleared = cli(db_path, "people", "set-team", "Mei Tanaka", "")
    assert cleared.stdout == "Mei Tanaka is now in no team\n"
    database.open_database(db_path)
    assert {p.name: p.team for p in people.roster()} == {"Jonas Becker": "platform", "Mei Tanaka": "",
                                                          "Nia Obi": ""}


@pytest.mark.parametrize(
    ("team", "message"),
    [
        ("plat\x1b[31mform", "team: expected text without control characters, got \\x1b at position 5"),
        ("x" * 61, "team: expected at most 60 characters, got 61"),
    ],
)
def test_a_team_the_registry_refuses_is_one_line_and_changes_nothing(db_path, team, message):
    assert cli(db_path, "people", "add", "Jonas Becker", "--team", "platform").returncode == 0
    refused = cli(db_path, "people", "set-team", "Jonas Becker", team)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == f"mentor-tui: team not set: {message}\n"
    not_added = cli(db_path, "people", "add", "Mei Tanaka", "--team", team)
    assert not_added.returncode == 1 and not_added.stderr == f"mentor-tui: not added: {message}\n"
    unknown = cli(db_path, "people", "set-team", "Nobody", "platform")
    assert unknown.returncode == 1 and unknown.stderr == "mentor-tui: team not set: no person called 'Nobody'\n"
    database.open_database(db_path)
    assert [(p.name, p.team) for p in people.roster()] == [("Jonas Becker", "platform")]


def _person_file(tmp_path, name: str, **extra: str) -> str:
    keys = "".join(f'{k} = "{v}"\n' for k, v in extra.items())
    path = tmp_path / f"{name.split()[0].lower()}.toml"
    path.write_text(
        'format = "mentor-tui"\nversion = 2\nexported_at = 2026-11-20T10:00:00Z\nscope = "person"\n'
        f'includes_private = false\n\n[[people]]\nuuid = "uuid-{name.split()[0].lower()}"\nname = "{name}"\n'
        f'role = "mentee"\n{keys}',
        encoding="utf-8",
    )
    return str(path)


def test_the_team_travels_in_exports_and_a_file_without_one_still_imports(db_path, tmp_path):
    assert cli(db_path, "people", "add", "Jonas Becker", "--team", "platform").returncode == 0
    out = tmp_path / "all.toml"
    assert cli(db_path, "export", "-o", str(out)).returncode == 0
    exported = tomllib.loads(out.read_text(encoding="utf-8"))
    assert [(p["name"], p["team"]) for p in exported["people"]] == [("Jonas Becker", "platform")]

    other = tmp_path / "other.sqlite3"
    older = _person_file(tmp_path, "Mei Tanaka")  # written before teams: no `team` key
    result = cli(other, "import", str(out), older)
    assert result.returncode == 0, result.stderr
    database.open_database(other)
    assert {p.name: p.team for p in people.roster()} == {"Jonas Becker": "platform", "Mei Tanaka": ""}
    database.close_database()
    again = tmp_path / "again.toml"
    assert cli(other, "export", "-o", str(again)).returncode == 0
    teams_again = {p["name"]: p.get("team") for p in tomllib.loads(again.read_text(encoding="utf-8"))["people"]}
    assert teams_again["Jonas Becker"] == "platform"


@pytest.mark.parametrize(
    ("team", "message"),
    [
        ("plat\\u001bform", "expected text without control characters"),
        ("x" * 61, "expected at most 60 characters, got 61"),
    ],
)
def test_an_import_refuses_a_team_the_form_refuses(db_path, tmp_path, team, message):
    bad = _person_file(tmp_path, "Mei Tanaka", team=team)
    result = cli(db_path, "import", bad)
    assert result.returncode == 1
    assert "people[0].team" in result.stderr and message in result.stderr and result.stderr.count("\n") == 1


def test_report_team_names_silos_and_cross_team_pairs(db_path):
    database.open_database(db_path)
    jonas = people.add_person("Jonas Becker", "mentor", team="platform")
    lucas = people.add_person("Lucas Moreau", "mentee", team="platform")
    mei = people.add_person("Mei Tanaka", "mentee", team="data-infra")
    for who, level in ((jonas, 5), (lucas, 4), (mei, 3)):
        m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == "kubernetes"),
                             level=level, rated_on=TODAY - dt.timedelta(days=5))
    assert teams.team_names() == ["data-infra", "platform"]
    database.close_database()
    text = cli(db_path, "report", "--team").stdout
    kubernetes = next(line for line in text.splitlines() if line.startswith("| Kubernetes"))
    cells = [c.strip() for c in re.split(r"\|", kubernetes)[1:-1]]
    assert cells == ["Kubernetes", "2", "1", "Jonas Becker, Lucas Moreau", "**silo**: 2 holders, all in platform"]
    assert "- **Kubernetes** (silo: 2 holders, all in platform):" in text
    assert "  - Jonas Becker with Mei Tanaka, level 3 practitioner (cross-team: platform → data-infra)" in text
    assert "- Jonas Becker · platform" in text


def test_an_email_is_checked_the_same_on_the_command_line_in_an_import_and_in_the_store(db_path, tmp_path):
    expected = "email: expected an email address like ana@example.com"
    refused = cli(db_path, "people", "add", "Mei Tanaka", "--email", "not-an-email")
    assert refused.returncode == 1 and expected in refused.stderr
    imported = cli(db_path, "import", _person_file(tmp_path, "Ana Ruiz", email="ana at example"))
    assert imported.returncode == 1 and "people[0].email: expected an email address like ana@example.com" in imported.stderr
    assert cli(db_path, "people", "add", "Mei Tanaka", "--email", "mei@example.com").returncode == 0
    assert cli(db_path, "import", _person_file(tmp_path, "Ana Ruiz", email="ana@example.com")).returncode == 0
    database.open_database(db_path)
    with pytest.raises(ValueError, match="expected an email address"):
        people.add_person("Bo Chen", "mentor", "bo@")
    assert sorted((p.name, p.email) for p in people.roster()) == [
        ("Ana Ruiz", "ana@example.com"), ("Mei Tanaka", "mei@example.com")]
