"""The person form: add someone (n in Team) or edit them (e in Team and in their growth view).

Name, role, email and team. The team is free text completed from the teams
already used (→ takes the completion), so one team keeps one spelling; the
registry decides what a team may be, as for the command line and imports.
"""

from __future__ import annotations

from typing import Any

from mentor_tui.screens.form import FormScreen, record_field

TEAM_HINT = "e.g. platform; → completes a team already used; empty = no team"


def person_choices(uuid: str | None = None) -> tuple[Any, list[str]]:
    """Runs in a worker: the person to edit (None when adding, or when they are gone) and the teams in use."""
    from mentor_tui.db import people, teams

    person = None
    if uuid is not None:
        try:
            person = people.find(uuid)
        except people.PersonNotFound:
            person = None
    return person, teams.team_names()


def _fields(team_names: list[str], person: Any = None) -> list:
    return [
        record_field("people", "name", "Name", default=person.name if person else None),
        record_field("people", "role", "Role", default=person.role if person else "mentee"),
        record_field("people", "email", "Email", default=person.email if person else None),
        record_field("people", "team", "Team", default=person.team if person else None, placeholder=TEAM_HINT,
                     suggestions=team_names),
    ]


def new_person_form(team_names: list[str]) -> FormScreen:
    from mentor_tui.db import people

    def save(values):
        return people.add_person(values["name"], values["role"], values["email"], values["team"])

    return FormScreen("Add person", _fields(team_names), save)


def edit_person_form(person: Any, team_names: list[str]) -> FormScreen:
    """Edits `person` (a db Person read in the worker); a save checks nobody changed them meanwhile."""
    from mentor_tui.db import teams

    person_id = person.id

    def save(values):
        return teams.update_person(person_id, values["name"], values["role"], values["email"], values["team"])

    return FormScreen(f"Edit {person.name}", _fields(team_names, person), save, guard=("Person", person_id))
