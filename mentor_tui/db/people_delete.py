"""Deleting a person, and saying first what goes with them and what stays without their name.

What goes and what stays is the schema's own: a reference declared ON DELETE
CASCADE takes its records with the person (their plans with goals and labs,
their mentorships with check-ins, ratings, incidents, kudos received), one
declared SET NULL keeps its record with no name (action items they owned,
sessions they presented, ratings they gave, kudos they gave, feedback).
"me" is not deleted: the app needs someone to be you.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mentor_tui.db.models import ActionItem, CheckIn, Goal, Mentorship, Person, Plan
from mentor_tui.db.people_merge import PERSON_REFS, label_of


@dataclass
class PersonDependents:
    name: str
    goes: dict[str, int] = field(default_factory=dict)  # "plans": 2, ...
    kept: dict[str, int] = field(default_factory=dict)  # records that stay, without the name

    def words(self) -> str:
        """What goes and what stays, in a sentence or two for the question."""
        goes = ", ".join(_counted(n, what) for what, n in self.goes.items())
        kept = ", ".join(_counted(n, what) for what, n in self.kept.items())
        out = f"With them go {goes}." if goes else "No record of theirs goes with them."
        if kept:
            out += f" These stay, without their name: {kept}."
        return out


def _counted(n: int, what: str) -> str:
    """"2 plans as mentor", "1 plan as mentor": the labels name the records in the plural."""
    if n != 1:
        return f"{n} {what}"
    one = {"skill ratings": "skill rating", "kudos given": "kudos given", "kudos received": "kudos received",
           "feedback entries": "feedback entry", "goals of those plans (with their labs)": "goal of that plan (with its labs)",
           "check-ins of those mentorships": "check-in of those mentorships"}.get(what)
    if one is None:
        first, _, rest = what.partition(" ")
        one = f"{first.removesuffix('s')} {rest}".strip()
    return f"1 {one}"


def person_dependents(uuid: str) -> PersonDependents:
    person = Person.get_or_none(Person.uuid == uuid)
    if person is None:
        raise ValueError("that person is not here anymore")
    person_id = person.id
    found = PersonDependents(person.name)
    ships = Mentorship.select(Mentorship.id).where((Mentorship.mentor == person_id) | (Mentorship.mentee == person_id))
    for model, ref in PERSON_REFS:
        query = model.select().where(ref == person_id)
        if model is ActionItem:  # those of their own mentorships' check-ins go with them
            query = query.where(ActionItem.checkin.not_in(CheckIn.select(CheckIn.id).where(CheckIn.mentorship.in_(ships))))
        n = query.count()
        if n:
            (found.goes if ref.on_delete == "CASCADE" else found.kept)[label_of(model, ref)] = n
    checkins = CheckIn.select().where(CheckIn.mentorship.in_(ships)).count()
    if checkins:
        found.goes["check-ins of those mentorships"] = checkins
    goals = Goal.select().join(Plan).where(Plan.owner == person_id).count()
    if goals:
        found.goes["goals of those plans (with their labs)"] = goals
    found.goes.pop("aliases", None)  # (other uuids of the same person: nothing to say)
    return found


def delete_person(uuid: str) -> PersonDependents:
    """Delete a person with what goes with them (`person_dependents`); "me" is refused."""
    with Person._meta.database.atomic("IMMEDIATE"):
        gone = person_dependents(uuid)  # (refuses a person not here anymore)
        person = Person.get(Person.uuid == uuid)
        if person.is_me:
            raise ValueError("this is you (“me”) in this database: the app needs you. "
                             "To be someone else, merge (M) or edit this person instead")
        Person.delete().where(Person.id == person.id).execute()
    return gone
