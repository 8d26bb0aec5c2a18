"""Teams: the free-text team a person works in, the teams in use, and editing a person.

A team is a line of text ("platform", "payments-sre"); "" is no team. The
registry (`schema.KINDS["people"]`, field `team`) says what a team may be: no
control characters, at most `TEAM_LONGEST` characters. The form, the command
line (`people set-team`, `people add --team`) and the importer all go through it.
Teams are compared exactly as written (after trimming), so the form completes
from the teams already used to keep one spelling.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from peewee import fn

from mentor_tui import schema
from mentor_tui.db.models import Person

NO_TEAM_WORDS = "no team"
R = TypeVar("R")


@dataclass(frozen=True)
class TeamCount:
    team: str  # "" = the people with no team
    people: int

    @property
    def label(self) -> str:
        return self.team or NO_TEAM_WORDS


def team_names() -> list[str]:
    """Every team someone (archived people too) is in, sorted case-insensitively: what the form completes from."""
    query: Any = Person.select(Person.team).where(Person.team != "").distinct().tuples()
    return sorted((team for (team,) in query), key=team_order)


def team_counts() -> list[TeamCount]:
    """The teams of active people with how many are in each, by name; the people with no team last."""
    query: Any = (Person.select(Person.team, fn.COUNT(Person.id)).where(~Person.archived)
                  .group_by(Person.team).tuples())
    counts = [TeamCount(team, n) for team, n in query]
    return sorted(counts, key=lambda c: team_order(c.team))


def team_order(team: str) -> tuple[bool, str, str]:
    """Teams sorted by name, case aside; no team ("") last."""
    return (team == "", schema.fold(team), team)


def clean_team(team: str | None) -> str:
    """The team as stored: trimmed, "" for none; a value the registry refuses raises RecordError."""
    team = (team or "").strip()
    schema.check("people", {"team": team})
    return team


def set_team(person_id: int, team: str | None) -> Person:
    """Put the person in `team` ("" or None: in no team)."""
    team = clean_team(team)
    with Person._meta.database.atomic("IMMEDIATE"):
        if Person.get_or_none(Person.id == person_id) is None:
            raise ValueError("that person no longer exists")
        Person.update(team=team).where(Person.id == person_id).execute()
    return Person.get_by_id(person_id)


def update_person(person_id: int, name: str, role: str, email: str | None, team: str | None) -> Person:
    """Edit a person's name, role, email and team; a name another person has is refused."""
    from mentor_tui.db.people import checked_email, refuse_email_taken, refuse_taken

    name = name.strip()
    email = checked_email(name, role, email)
    team = clean_team(team)
    with Person._meta.database.atomic("IMMEDIATE"):
        if Person.get_or_none(Person.id == person_id) is None:
            raise ValueError("that person no longer exists")
        refuse_taken(name, but=person_id)
        refuse_email_taken(email, but=person_id)
        Person.update(name=name, role=role, email=email, team=team).where(Person.id == person_id).execute()
    return Person.get_by_id(person_id)


def team_of(record: Any) -> str:
    """The team of a row that has a `person` (a SkillRow) or is a person."""
    person = getattr(record, "person", record)
    return getattr(person, "team", "") or ""


def group_by_team(records: Iterable[R]) -> list[tuple[str, list[R]]]:
    """`records` (each with a person, or a person) under their team: teams by name, "" (no team) last;
    the order within a team is kept."""
    groups: dict[str, list[R]] = {}
    for record in records:
        groups.setdefault(team_of(record), []).append(record)
    return sorted(groups.items(), key=lambda item: team_order(item[0]))


def in_team(records: Sequence[R], team: str | None) -> list[R]:
    """The records whose person is in `team` ("" = in no team); None keeps them all."""
    return list(records) if team is None else [r for r in records if team_of(r) == team]
