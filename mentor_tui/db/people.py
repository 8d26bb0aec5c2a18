"""People: who "me" is, finding someone by name or uuid, the roster, archiving.

An archived person has left the program: they leave the Team matrix, the bus
factor, the counts and the pickers, and every record of theirs stays (a
restore brings them back as they were). Archiving stays on this machine: it
never travels in a file, and it does not move the person's `updated_at`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mentor_tui import schema
from mentor_tui.db.models import Person, PersonAlias


class PersonNotFound(LookupError):
    pass


def me() -> Person | None:
    return Person.select().where(Person.is_me).first()


def set_me(name: str, role: str, email: str | None = None) -> Person:
    """Record who owns this database; there is exactly one "me"."""
    name = name.strip()
    email = checked_email(name, role, email)
    db = Person._meta.database
    with db.atomic("IMMEDIATE"):
        refuse_taken(name)
        refuse_email_taken(email)
        Person.update(is_me=False).where(Person.is_me).execute()
        return Person.create(name=name, role=role, email=email, is_me=True)


def claim_me(person_id: int) -> Person:
    """Mark an existing person (e.g. one who came in with an import) as "me"."""
    db = Person._meta.database
    with db.atomic("IMMEDIATE"):
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise ValueError("that person no longer exists")
        Person.update(is_me=False).where(Person.is_me).execute()
        Person.update(is_me=True, archived=False).where(Person.id == person_id).execute()
    return Person.get_by_id(person_id)


def find(name_or_uuid: str) -> Person:
    """The person with this uuid, or else the one person with this name.

    Names compare case-insensitively in every script (`schema.fold`: NFC and
    Unicode case folding), so "zoë ñúñez" finds "Zoë Ñúñez".
    """
    person = Person.get_or_none(Person.uuid == name_or_uuid)
    if person is not None:
        return person
    alias = PersonAlias.get_or_none(PersonAlias.uuid == name_or_uuid)
    if alias is not None:  # a uuid this person had in another database
        return Person.get_by_id(alias.person)
    matches = _named(name_or_uuid, limit=2)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise PersonNotFound(f"more than one person is called {name_or_uuid!r}; use their uuid")
    raise PersonNotFound(f"no person called {name_or_uuid!r}")


def refuse_taken(name: str, but: int | None = None) -> None:
    """Raise ValueError when someone (other than person `but`) already has this name."""
    taken = [p for p in _named(name, limit=2) if p.id != but]
    if taken:
        raise ValueError(f"{taken[0].name} is already here; add an initial to tell two people apart")


def checked_email(name: str, role: str, email: str | None) -> str | None:
    """Check a person's values as given (an email of spaces alone is refused, on every path); the
    email as stored: trimmed, or None."""
    schema.check("people", {"name": name, "role": role, "email": email or None})
    return (email or "").strip() or None


def fold_email(email: str | None) -> str:
    """An email as people are matched by it (an import's, the forms'): trimmed, any case."""
    return email.strip().casefold() if email and email.strip() else ""


def refuse_email_taken(email: str | None, but: int | None = None) -> None:
    """Raise ValueError when someone (other than person `but`) already has this email: an import
    matches a person by email only when one person here has it."""
    given = (email or "").strip()
    wanted = fold_email(given)
    if not wanted:
        return
    pairs: Any = Person.select(Person.id, Person.name, Person.email).where(Person.email.is_null(False)).tuples()
    for pid, name, other in pairs:
        if pid != but and fold_email(other) == wanted:
            raise ValueError(f"{name} already has the email {given}; "
                             "an import finds a person by email, so two people cannot share one")


def _named(name: str, limit: int) -> list[Person]:
    """Up to `limit` people whose name folds to the same as `name`.

    SQLite's lower() folds only ASCII, so names are compared here; a roster is
    hundreds of names at most, read as (id, name) pairs.
    """
    wanted = schema.fold(name)
    pairs: Any = Person.select(Person.id, Person.name).tuples()
    ids = [pid for pid, other in pairs if schema.fold(other) == wanted]
    return list(Person.select().where(Person.id.in_(ids[:limit])).order_by(Person.id)) if ids else []


def roster(include_archived: bool = False, limit: int = 500, offset: int = 0) -> list[Person]:
    query = Person.select().order_by(Person.name, Person.id)
    if not include_archived:
        query = query.where(~Person.archived)
    return list(query.limit(limit).offset(offset))


def add_person(name: str, role: str, email: str | None = None, team: str | None = None) -> Person:
    """A new person; a name already taken is refused, since people are picked by name."""
    from mentor_tui.db.teams import clean_team

    name = name.strip()
    email = checked_email(name, role, email)
    team = clean_team(team)
    refuse_taken(name)
    refuse_email_taken(email)
    return Person.create(name=name, role=role, email=email, team=team)


def by_id(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise PersonNotFound("that person no longer exists")
    return person


def aliases_of(person_id: int) -> list[str]:
    """The other uuids this person was known by (after a merge or an email match), sorted."""
    query = PersonAlias.select(PersonAlias.uuid).where(PersonAlias.person == person_id).order_by(PersonAlias.uuid)
    return [a.uuid for a in query]


def count(include_archived: bool = False) -> int:
    query = Person.select()
    if not include_archived:
        query = query.where(~Person.archived)
    return query.count()


def set_archived(uuid: str, archived: bool) -> Person:
    """Archive the person (they left the program) or restore them; "me" cannot be archived."""
    with Person._meta.database.atomic("IMMEDIATE"):
        person = Person.get_or_none(Person.uuid == uuid)
        if person is None:
            raise PersonNotFound("that person no longer exists")
        if archived and person.is_me:
            raise ValueError(f"{person.name} is you (“me”) in this database, and the app needs you")
        Person.update(archived=archived).where(Person.id == person.id).execute()
    return Person.get_by_id(person.id)


def archived_people() -> list[Person]:
    return list(Person.select().where(Person.archived).order_by(Person.name, Person.id))


def shown_name(name: str, archived: bool | int | None, *notes: str) -> str:
    """A person's name as lists and pickers show it, `notes` in parentheses after it and "archived"
    last for someone who left: "Sofia Almeida (mentor, archived)"."""
    notes = (*notes, "archived") if archived else notes
    return f"{name} ({', '.join(notes)})" if notes else name


def everyone() -> list[Person]:
    """Every person: the active by name, then the archived by name (whom an export may name, as
    `find` takes anyone on the command line)."""
    return list(Person.select().order_by(Person.archived, Person.name, Person.id))


def roster_keeping(keep: Iterable[int | None]) -> list[Person]:
    """The active people, and the archived ones among `keep` (the people a record being edited
    names: its form keeps them, as they are, instead of losing them). Label them with `label`."""
    ids = sorted({i for i in keep if i is not None})  # (none: peewee makes the IN false)
    return list(Person.select().where(~Person.archived | Person.id.in_(ids)).order_by(Person.name, Person.id))


def label(person: Person, *notes: str) -> str:
    """`shown_name` of a person read from the store."""
    return shown_name(person.name, person.archived, *notes)
