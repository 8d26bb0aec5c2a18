"""Merging two records of one human: every record of one moves to the other.

The person merged away leaves its uuid (and its aliases) behind as aliases of
the one kept, so a file that names either maps to the merged person. What a
merge makes double becomes one: two mentorships of the same mentor and mentee
(their periods overlap) become one with both histories, and an attendance ticked for both counts once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from peewee import ForeignKeyField

from mentor_tui import schema
from mentor_tui.db.models import (
    ALL_MODELS,
    Attendance,
    CheckIn,
    Kudos,
    Mentorship,
    Person,
    PersonAlias,
)
from mentor_tui.words import plural


class MergeRefused(ValueError):
    """A merge that would make nonsense (one line, for the user)."""


@dataclass
class MergePlan:
    keep: Person
    other: Person
    moves: dict[str, int] = field(default_factory=dict)  # what moves, as "check-ins as mentee": n
    joined_mentorships: int = 0  # pairs that were two mentorships and become one

    def lines(self) -> list[str]:
        """What the merge does, for a confirmation (CLI and app)."""
        out = [f"Merge {self.other.name} ({self.other.uuid}) into {self.keep.name} ({self.keep.uuid}):"]
        if schema.fold(self.keep.name) != schema.fold(self.other.name):  # first: in view in a small dialog
            out.append(f"  ⚠ the names differ: merge only if {self.other.name} and {self.keep.name} are one human")
        if self.moves:
            out += [f"  moves {what}: {n}" for what, n in self.moves.items()]
        else:
            out.append("  no records to move")
        if self.joined_mentorships:
            n = self.joined_mentorships
            out.append(f"  {plural(n, 'pair')} of mentorships {'becomes' if n == 1 else 'become'} one, with both histories")
        out.append(f"  {self.other.name}'s uuid is kept as an alias; {self.other.name} is then removed")
        if self.other.is_me and not self.keep.is_me:
            out.append(f"  {self.keep.name} becomes \"me\"")
        if self.keep.archived and not self.other.archived:
            out.append(f"  {self.keep.name} is archived and {self.other.name} is not: {self.keep.name} is restored")
        out.append("  a merge cannot be undone, except by restoring a backup")
        return out


# (model, field) of every reference to a person, found from the models, so a table
# added later is covered without a change here.
PERSON_REFS: tuple[tuple[Any, ForeignKeyField], ...] = tuple(
    (model, f)
    for model in ALL_MODELS
    for f in model._meta.sorted_fields
    if isinstance(f, ForeignKeyField) and f.rel_model is Person
)

_LABELS = {
    ("Mentorship", "mentor"): "mentorships as mentor",
    ("Mentorship", "mentee"): "mentorships as mentee",
    ("Plan", "owner"): "plans",
    ("Plan", "mentor"): "plans as mentor",
    ("ActionItem", "owner"): "action items",
    ("Session", "presenter"): "sessions presented",
    ("Attendance", "person"): "attendances",
    ("SkillRating", "person"): "skill ratings",
    ("SkillRating", "rated_by"): "ratings given",
    ("Incident", "person"): "incidents",
    ("Ownership", "person"): "ownerships",
    ("Kudos", "giver"): "kudos given",
    ("Kudos", "receiver"): "kudos received",
    ("Feedback", "person"): "feedback entries",
    ("PersonAlias", "person"): "aliases",
}


def label_of(model: type, f: ForeignKeyField) -> str:
    return _LABELS.get((model.__name__, f.name), f"{model.__name__} ({f.name})")


def plan_merge(keep: Person, other: Person) -> MergePlan:
    """What merging `other` into `keep` would do; raises MergeRefused when it cannot be done."""
    if keep.id == other.id:
        raise MergeRefused("a person cannot be merged with themselves")
    between = Mentorship.select().where(
        ((Mentorship.mentor == keep) & (Mentorship.mentee == other))
        | ((Mentorship.mentor == other) & (Mentorship.mentee == keep))
    )
    if between.exists():
        raise MergeRefused(
            f"{keep.name} and {other.name} are in a mentorship with each other; "
            "delete that mentorship first (a person cannot mentor themselves)"
        )
    plan = MergePlan(keep, other)
    for model, f in PERSON_REFS:
        n = model.select().where(f == other.id).count()
        if n:
            plan.moves[label_of(model, f)] = n
    plan.joined_mentorships = len(_double_pairs(keep.id, other.id))
    return plan


def _double_pairs(keep_id: int, other_id: int) -> list[tuple[Mentorship, Mentorship]]:
    """(kept, merged away) mentorships that name the same pair once `other` is `keep`."""
    pairs = []
    for m in Mentorship.select().where((Mentorship.mentor == other_id) | (Mentorship.mentee == other_id)):
        ids: Any = m
        mentor = keep_id if ids.mentor_id == other_id else ids.mentor_id
        mentee = keep_id if ids.mentee_id == other_id else ids.mentee_id
        twins = Mentorship.select().where(
            (Mentorship.mentor == mentor) & (Mentorship.mentee == mentee) & (Mentorship.id != m.id)
        )
        # the same mentorship kept twice (its periods overlap); an earlier, ended one stays apart
        twin = next((t for t in twins if overlap(t.started_on, t.ended_on, m.started_on, m.ended_on)), None)
        if twin is not None:
            pairs.append((twin, m))
    return pairs


def overlap(a_start: dt.date, a_end: dt.date | None, b_start: dt.date, b_end: dt.date | None) -> bool:
    """Whether two periods share a day (no end: still going)."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def join_mentorships(kept: Mentorship, gone: Mentorship) -> None:
    """One mentorship of a pair from two: the check-ins of `gone` move to `kept`, which
    starts at the earlier start, stays open if either is, and keeps the newer settings."""
    CheckIn.update(mentorship=kept.id).where(CheckIn.mentorship == gone.id).execute()
    changes: dict = {"started_on": min(kept.started_on, gone.started_on)}
    changes["ended_on"] = None if kept.ended_on is None or gone.ended_on is None else max(kept.ended_on, gone.ended_on)
    if gone.updated_at is not None and (kept.updated_at is None or gone.updated_at > kept.updated_at):
        changes.update(focus=gone.focus, cadence_days=gone.cadence_days)
    Mentorship.update(**changes).where(Mentorship.id == kept.id).execute()
    Mentorship.delete().where(Mentorship.id == gone.id).execute()


def merge(keep: Person, other: Person) -> MergePlan:
    """Merge `other` into `keep` (run inside the caller's transaction, or one of its own)."""
    plan = plan_merge(keep, other)
    with Person._meta.database.atomic():
        for kept, gone in _double_pairs(keep.id, other.id):
            join_mentorships(kept, gone)
        # attendance is unique per occurrence and person: the other's tick where keep's exists goes
        both = Attendance.select(Attendance.occurrence).where(Attendance.person == keep.id)
        Attendance.delete().where((Attendance.person == other.id) & Attendance.occurrence.in_(both)).execute()
        for model, f in PERSON_REFS:
            model.update({f: keep.id}).where(f == other.id).execute()
        # kudos between the two are now kudos to oneself, which no path takes: their text stays,
        # with no giver (as migration step 9 keeps such kudos)
        Kudos.update(giver=None).where((Kudos.giver == keep.id) & (Kudos.receiver == keep.id)).execute()
        PersonAlias.create(person=keep.id, uuid=other.uuid)
        changes: dict = {}
        if other.is_me and not keep.is_me:
            changes["is_me"] = True
        if not keep.email and other.email:
            changes["email"] = other.email
        if not keep.team and other.team:
            changes["team"] = other.team
        if keep.archived and not other.archived:  # one of the two is still in the program: so is the one kept
            changes["archived"] = False
        Person.delete().where(Person.id == other.id).execute()
        if changes:
            Person.update(**changes).where(Person.id == keep.id).execute()
    return plan
