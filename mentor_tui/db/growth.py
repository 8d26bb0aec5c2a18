"""A person's growth, as the growth view shows it.

- per competency, the latest self rating and the latest mentor rating (kept apart,
  never averaged), the history of all ratings in date order, the evidence; a rating
  dated after today counts from its day on, as in the Team matrix (the list marks it);
- the on-call ladder: shadow → secondary → primary → incident commander, with the
  number of incidents or shifts per role and the date of the last;
- ownership with since/until, kudos received, and every record of those kinds
  (for the view's list, where each is opened, edited or deleted).

A few queries per person; the UI calls `growth_of(person_id)` in a worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, fn

from mentor_tui import clock, dates
from mentor_tui.db.growth_refs import describe
from mentor_tui.db.models import (
    Competency,
    Feedback,
    Incident,
    Kudos,
    Ownership,
    Person,
    SkillRating,
    objects,
)
from mentor_tui.db.people import shown_name

LADDER = ("shadow", "secondary", "primary", "incident-commander")  # the on-call ladder, first step first
LADDER_WORDS = {"shadow": "shadowed", "secondary": "secondary", "primary": "primary",
                "incident-commander": "incident commander"}
HISTORY_SHOWN = 12  # ratings in a sparkline
RECORDS_SHOWN = 500  # records in the view's list, newest first


@dataclass(frozen=True)
class Rating:
    level: int
    rated_on: dt.date
    rated_by: str | None  # None = self; a rater who was archived says so ("Priya Raman (archived)")
    evidence: str | None  # as stored: a uuid, a link or a note
    evidence_label: str | None  # what a uuid points at ('lab: …'), else the text itself


@dataclass(frozen=True)
class SkillLine:
    key: str
    name: str
    latest_self: Rating | None
    latest_mentor: Rating | None
    history: tuple[int, ...]  # levels, oldest first (self and mentor ratings alike)


@dataclass(frozen=True)
class LadderStep:
    role: str
    label: str
    count: int
    last_on: dt.date | None


@dataclass(frozen=True)
class OwnershipLine:
    kind: str
    name: str
    since: dt.date
    until: dt.date | None


@dataclass(frozen=True)
class KudosLine:
    given_on: dt.date
    giver: str | None  # None: the giver is not in this database (or was deleted); "(archived)" after one archived
    text: str
    for_label: str | None


@dataclass(frozen=True)
class Record:
    """One record of the person's, in the view's list: its kind ('rating', …) and id open it."""

    kind: str
    id: int
    on: dt.date
    summary: str
    kept: int = 0  # characters at the end of `summary` that a cut to a narrow width keeps (a rating's
    # level and who rated it, "(archived)" included): the competency's name is cut instead
    future: bool = False  # dated after today (a rating, a shift, kudos): marked in the list

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Growth:
    skills: tuple[SkillLine, ...]
    ladder: tuple[LadderStep, ...]  # the four steps, in order
    other_roles: tuple[LadderStep, ...]  # scribe, comms: counted, not a step
    ownership: tuple[OwnershipLine, ...]  # open ones first
    kudos: tuple[KudosLine, ...]  # newest first
    kudos_count: int
    records: tuple[Record, ...]

    @property
    def ladder_step(self) -> str | None:
        """The highest step reached, in words, or None."""
        reached = [step.label for step in self.ladder if step.count]
        return reached[-1] if reached else None


def growth_of(person_id: int, with_anonymous_feedback: bool = False, as_of: dt.date | None = None) -> Growth:
    """`with_anonymous_feedback`: the list also holds the program feedback nobody signed
    (for the growth view of "me": this database's owner is who can edit it). `as_of`: the day
    the latest ratings are taken on (today)."""
    as_of = as_of or clock.today()
    ratings = list(objects(
        SkillRating.select(SkillRating, Competency.key.alias("ckey"), Competency.name.alias("cname"),
                           Person.name.alias("rater"), Person.archived.alias("rater_archived"))
        .join(Competency).switch(SkillRating)
        .join(Person, join_type=JOIN.LEFT_OUTER, on=(SkillRating.rated_by == Person.id))
        .where(SkillRating.person == person_id)
        .order_by(SkillRating.rated_on, SkillRating.id)
    ))
    incidents = list(Incident.select().where(Incident.person == person_id)
                     .order_by(Incident.occurred_on.desc(), Incident.id.desc()))
    owned = list(Ownership.select().where(Ownership.person == person_id)
                 .order_by(Ownership.until.is_null(False), Ownership.since.desc(), Ownership.id))
    Giver = Person.alias("giver")
    kudos = list(objects(
        Kudos.select(Kudos, Giver.name.alias("giver_name"), Giver.archived.alias("giver_archived"))
        .join(Giver, join_type=JOIN.LEFT_OUTER, on=(Kudos.giver == Giver.id))
        .where(Kudos.receiver == person_id).order_by(Kudos.given_on.desc(), Kudos.id.desc())
    ))
    authored = Feedback.person == person_id
    if with_anonymous_feedback:
        authored = authored | Feedback.person.is_null()
    feedback = list(Feedback.select().where(authored).order_by(Feedback.given_on.desc(), Feedback.id.desc())
                    .limit(RECORDS_SHOWN))
    labels = describe([r.evidence for r in ratings] + [k.for_ref for k in kudos])
    return Growth(
        _skills([r for r in ratings if r.rated_on <= as_of], labels),
        *_ladder(person_id, as_of),
        tuple(OwnershipLine(o.kind, o.name, o.since, o.until) for o in owned),
        tuple(KudosLine(k.given_on, _giver(k), k.text, _label(k.for_ref, labels)) for k in kudos[:10]),
        len(kudos),
        _records(ratings, incidents, owned, kudos, feedback, as_of),
    )


def _rater(r) -> str:
    """Who rated (a rating by someone else): "Priya Raman", "Priya Raman (archived)"."""
    return shown_name(r.rater, r.rater_archived) if r.rater is not None else "?"


def _giver(k) -> str | None:
    return shown_name(k.giver_name, k.giver_archived) if k.giver_name is not None else None


def _label(text: str | None, labels: dict[str, str]) -> str | None:
    return labels.get(text, text) if text else None


def _skills(ratings: list, labels: dict[str, str]) -> tuple[SkillLine, ...]:
    by_key: dict[str, list] = {}
    names: dict[str, str] = {}
    for r in ratings:  # oldest first
        by_key.setdefault(r.ckey, []).append(r)
        names[r.ckey] = r.cname
    lines = []
    for key, rows in by_key.items():
        selfs = [r for r in rows if r.rated_by_id is None]
        mentors = [r for r in rows if r.rated_by_id is not None]
        lines.append(SkillLine(
            key, names[key],
            _rating(selfs[-1], labels) if selfs else None,
            _rating(mentors[-1], labels) if mentors else None,
            tuple(r.level for r in rows[-HISTORY_SHOWN:]),
        ))
    return tuple(sorted(lines, key=lambda line: line.name.casefold()))


def _rating(r, labels: dict[str, str]) -> Rating:
    return Rating(r.level, r.rated_on, _rater(r) if r.rated_by_id is not None else None,
                  r.evidence, _label(r.evidence, labels))


def _ladder(person_id: int, as_of: dt.date) -> tuple[tuple[LadderStep, ...], tuple[LadderStep, ...]]:
    """The steps reached by `as_of` (an incident dated later counts from its day, as the team's
    ladder report counts them)."""
    rows: Any = (
        Incident.select(Incident.role, fn.COUNT(Incident.id), fn.MAX(Incident.occurred_on))
        .where((Incident.person == person_id) & (Incident.occurred_on <= as_of)).group_by(Incident.role).tuples()
    )
    counts = {role: (n, last) for role, n, last in rows}

    def step(role: str) -> LadderStep:
        n, last = counts.get(role, (0, None))
        if isinstance(last, str):  # an aggregate may come back as the stored text
            last = dt.date.fromisoformat(last)
        return LadderStep(role, LADDER_WORDS.get(role, role), n, last)

    others = tuple(step(role) for role in ("scribe", "comms"))
    return tuple(step(role) for role in LADDER), others


def _records(ratings, incidents, owned, kudos, feedback, as_of: dt.date) -> tuple[Record, ...]:
    records = [_rating_record(r, as_of) for r in ratings]
    records += [Record("incident", i.id, i.occurred_on, f"{LADDER_WORDS.get(i.role, i.role)} · {i.severity} · {i.title}",
                       future=i.occurred_on > as_of)
                for i in incidents]
    records += [Record("ownership", o.id, o.since, f"{o.kind} {o.name}" + _until(o.until, as_of)) for o in owned]
    records += [Record("kudos", k.id, k.given_on, f"from {_giver(k) or 'someone'}: {_first_line(k.text)}",
                       future=k.given_on > as_of)
                for k in kudos]
    records += [Record("feedback", f.id, f.given_on,
                       f"program feedback {f.rating}/5{'' if f.person_id else ' (anonymous)'}: {_first_line(f.text)}")
                for f in feedback]
    records.sort(key=lambda r: (r.on, r.kind, r.id), reverse=True)
    return tuple(records[:RECORDS_SHOWN])


def _until(until: dt.date | None, as_of: dt.date) -> str:
    """How an ownership's end reads in the list: ended, or the day it is to end."""
    if until is None:
        return ""
    return " (ended)" if until < as_of else f" (until {dates.show(until)})"


def _rating_record(r, as_of: dt.date) -> Record:
    said = f" {r.level} ({'self' if r.rated_by_id is None else 'by ' + _rater(r)})"
    return Record("rating", r.id, r.rated_on, r.cname + said, kept=len(said), future=r.rated_on > as_of)


def _first_line(text: str) -> str:
    """A record's text on its one line of the list: its first line, "…" when more follow."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if len(lines) > 1:
        return f"{lines[0]} …"
    return lines[0] if lines else ""
