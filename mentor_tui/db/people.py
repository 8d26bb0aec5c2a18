"""People: who "me" is, finding someone by name or uuid, the roster."""

from __future__ import annotations

from peewee import fn

from mentor_tui.db.models import ROLES, Person


class PersonNotFound(LookupError):
    pass


def me() -> Person | None:
    return Person.select().where(Person.is_me).first()


def set_me(name: str, role: str, email: str | None = None) -> Person:
    """Record who owns this database; there is exactly one "me"."""
    name = name.strip()
    if not name:
        raise ValueError("a name is required")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    db = Person._meta.database
    with db.atomic("IMMEDIATE"):
        Person.update(is_me=False).where(Person.is_me).execute()
        return Person.create(name=name, role=role, email=email or None, is_me=True)


def claim_me(person_id: int) -> Person:
    """Mark an existing person (e.g. one who came in with an import) as "me"."""
    db = Person._meta.database
    with db.atomic("IMMEDIATE"):
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise ValueError("that person no longer exists")
        Person.update(is_me=False).where(Person.is_me).execute()
        Person.update(is_me=True).where(Person.id == person_id).execute()
    return Person.get_by_id(person_id)


def find(name_or_uuid: str) -> Person:
    """The person with this uuid, or else the one person with this name (case-insensitive)."""
    person = Person.get_or_none(Person.uuid == name_or_uuid)
    if person is not None:
        return person
    matches = list(Person.select().where(fn.lower(Person.name) == name_or_uuid.strip().lower()).limit(2))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise PersonNotFound(f"more than one person is called {name_or_uuid!r}; use their uuid")
    raise PersonNotFound(f"no person called {name_or_uuid!r}")


def roster(include_archived: bool = False, limit: int = 500, offset: int = 0) -> list[Person]:
    query = Person.select().order_by(Person.name, Person.id)
    if not include_archived:
        query = query.where(~Person.archived)
    return list(query.limit(limit).offset(offset))


def add_person(name: str, role: str, email: str | None = None) -> Person:
    """A new person; a name already taken is refused, since people are picked by name."""
    name = name.strip()
    if not name:
        raise ValueError("a name is required")
    if Person.select().where(fn.lower(Person.name) == name.lower()).exists():
        raise ValueError(f"someone called {name} is already here; add an initial to tell them apart")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    return Person.create(name=name, role=role, email=email or None)


def count(include_archived: bool = False) -> int:
    query = Person.select()
    if not include_archived:
        query = query.where(~Person.archived)
    return query.count()
