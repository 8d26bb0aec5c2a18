"""Who the people of imported files are here, before anything is written.

Each database gives its people their own uuid, so one human arrives under
several. A person of a file is the person here with that uuid, or with it as
an alias, or named by one of the file's aliases of them; otherwise the one
person here with the same email (trimmed, any case). People of the files that
share an email and match nobody here are one new person. When one human has
several uuids, the smallest is kept and the others become aliases, so every
database that sees the same files ends up the same whatever the order.
Records of a file naming any of those uuids map to the person kept.

A mentorship whose uuid is unknown here is the mentorship of the same mentor
and mentee whose period overlaps it, if there is one. Run inside the import's
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mentor_tui import schema
from mentor_tui.db.models import Mentorship, Person, PersonAlias
from mentor_tui.db.people import fold_email
from mentor_tui.db.people_merge import merge, overlap

Row = dict[str, Any]


@dataclass
class Matches:
    person_uuid: dict[str, str] = field(default_factory=dict)  # incoming uuid -> uuid kept here
    mentorship_uuid: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)  # uuid kept -> aliases to record
    merged_here: list[str] = field(default_factory=list)  # "A and B" (people here found to be one)
    by_email: int = 0  # incoming people found here (or in another file) by email


class _Groups:
    """Union-find over identity tokens (a person here, a uuid)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def match(people_records: Sequence[Row], mentorship_records: Sequence[Row]) -> Matches:
    """Map the files' people and mentorships to the ones here; join people here that
    the files say are one (an alias naming two of them)."""
    result = Matches()
    here = {p.id: p for p in Person.select()}
    if not people_records:
        _match_mentorships(mentorship_records, result)
        return result
    groups = _Groups()
    uuid_owner: dict[str, int] = {}
    for p in here.values():
        uuid_owner[p.uuid] = p.id
    aliases: Any = PersonAlias.select(PersonAlias.uuid, PersonAlias.person).tuples()
    for alias_uuid, person_id in aliases:
        uuid_owner[alias_uuid] = person_id
    for u, pid in uuid_owner.items():
        groups.union(f"P{pid}", f"U{u}")
    for rec in people_records:
        for a in rec.get("aliases") or ():
            groups.union(f"U{rec['uuid']}", f"U{a}")
    # email: the one person here who has it; else the files' people who share it
    email_here: dict[str, list[int]] = {}
    for p in here.values():
        if fold_email(p.email):
            email_here.setdefault(fold_email(p.email), []).append(p.id)
    first_new: dict[str, str] = {}
    for rec in people_records:
        email = fold_email(rec.get("email"))
        token = f"U{rec['uuid']}"
        if not email or rec["uuid"] in uuid_owner:
            continue
        owners = email_here.get(email, [])
        if len(owners) == 1:
            if groups.find(token) != groups.find(f"P{owners[0]}"):
                result.by_email += 1
            groups.union(token, f"P{owners[0]}")
        elif not owners:
            if email in first_new and groups.find(token) != groups.find(first_new[email]):
                result.by_email += 1
                groups.union(token, first_new[email])
            first_new.setdefault(email, token)
    members: dict[str, list[str]] = {}
    for rec in people_records:
        for token in (f"U{rec['uuid']}", *(f"U{a}" for a in rec.get("aliases") or ())):
            members.setdefault(groups.find(token), [])
    for token in list(groups.parent):
        root = groups.find(token)
        if root in members:
            members[root].append(token)
    for tokens in members.values():
        _settle_group(tokens, here, uuid_owner, result)
    _match_mentorships(mentorship_records, result)
    return result


def _settle_group(tokens: Iterable[str], here: dict[int, Person], uuid_owner: dict[str, int], result: Matches) -> None:
    """One human: join the people here, pick the uuid kept, map every incoming uuid to it."""
    person_ids = sorted({int(t[1:]) for t in tokens if t.startswith("P")})
    uuids = {t[1:] for t in tokens if t.startswith("U")}
    keep: Person | None = None
    if person_ids:
        people = [here[i] for i in person_ids]
        keep = next((p for p in people if p.is_me), min(people, key=lambda p: p.uuid))
        for other in people:
            if other.id != keep.id:
                result.merged_here.append(f"{keep.name} and {other.name}")
                merge(keep, other)
                keep = Person.get_by_id(keep.id)
    unknown = {u for u in uuids if u not in uuid_owner}
    if keep is not None:
        kept = min({keep.uuid, *unknown})
        if kept != keep.uuid:
            PersonAlias.create(person=keep.id, uuid=keep.uuid)
            Person.update(uuid=kept).where(Person.id == keep.id).execute()
            unknown.discard(kept)
        for u in unknown:
            PersonAlias.create(person=keep.id, uuid=u)
    else:
        kept = min(uuids)
        rest = uuids - {kept}
        if rest:
            result.aliases[kept] = rest  # recorded once the import has added the person
    for u in uuids:
        if u != kept:
            result.person_uuid[u] = kept


def _match_mentorships(records: Sequence[Row], result: Matches) -> None:
    """An unknown mentorship uuid is the mentorship of the same pair whose period overlaps
    its own, here or in an earlier record (two databases' copies of one mentorship); the
    smallest uuid is kept. A pair's earlier, ended mentorship stays a mentorship of its own."""
    if not records:
        return
    person = result.person_uuid
    people_uuid = {p.id: p.uuid for p in Person.select(Person.id, Person.uuid)}
    # pair -> [uuid, start, end, id here or None]
    by_pair: dict[tuple[str, str], list[list[Any]]] = {}
    known: set[str] = set()
    for m in Mentorship.select().order_by(Mentorship.uuid):
        ids: Any = m
        pair = (people_uuid[ids.mentor_id], people_uuid[ids.mentee_id])
        by_pair.setdefault(pair, []).append([m.uuid, m.started_on, m.ended_on, m.id])
        known.add(m.uuid)
    for rec in records:
        u = rec["uuid"]
        if u in known or u in result.mentorship_uuid:
            continue
        pair = (str(person.get(rec["mentor"], rec["mentor"])), str(person.get(rec["mentee"], rec["mentee"])))
        same = next(
            (c for c in by_pair.get(pair, []) if overlap(c[1], c[2], rec["started_on"], rec.get("ended_on"))), None
        )
        if same is None:
            by_pair.setdefault(pair, []).append([u, rec["started_on"], rec.get("ended_on"), None])
            known.add(u)
            continue
        kept, gone = min(u, same[0]), max(u, same[0])
        if kept != same[0]:
            if same[3] is not None:  # the one here takes the smaller uuid
                Mentorship.update(uuid=kept).where(Mentorship.id == same[3]).execute()
            for old, k in result.mentorship_uuid.items():
                if k == gone:
                    result.mentorship_uuid[old] = kept
            same[0] = kept
            known.add(kept)
        result.mentorship_uuid[gone] = kept


def possible_duplicates(names: Iterable[str]) -> list[tuple[str, int]]:
    """(name, how many people here have it) for those of `names` that two or more people share."""
    wanted = {schema.fold(n) for n in names}
    count: dict[str, int] = {}
    shown: dict[str, str] = {}
    rows: Any = Person.select(Person.name).where(~Person.archived).tuples()
    for (name,) in rows:
        key = schema.fold(name)
        if key in wanted:
            count[key] = count.get(key, 0) + 1
            shown.setdefault(key, name)
    return sorted((shown[k], n) for k, n in count.items() if n > 1)


def record_aliases(aliases: dict[str, set[str]]) -> None:
    """After the writes: the aliases of people this import added."""
    for kept, others in aliases.items():
        person = Person.get_or_none(Person.uuid == kept)
        if person is None:
            continue
        for u in sorted(others):
            if not PersonAlias.select().where(PersonAlias.uuid == u).exists():
                PersonAlias.create(person=person.id, uuid=u)
