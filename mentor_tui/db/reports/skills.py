"""Skills: the matrix of latest levels (the skills CSV) and how a person grew.

The skills queries aggregate in SQL: the latest rating per (person, competency)
comes from a `ROW_NUMBER()` window over the `(person, competency, rated_on)` index,
so the matrix costs one query for the ratings whatever the history size. The bus
factor, and the level that counts towards it, are `mentor_tui.db.team_skills`'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import Select, fn

from mentor_tui.db.models import Competency, Person, SkillRating
from mentor_tui.db.reports.common import (
    CompetencyRef,
    PersonRef,
    as_date,
    competencies,
    competency_order,
    each_row,
    level_name,
    person_ref,
    pk,
)


@dataclass(frozen=True)
class SkillChange:
    competency_key: str
    competency_name: str
    from_level: int
    from_on: dt.date
    to_level: int
    to_on: dt.date
    ratings_in_period: int
    first_in_period: bool = False  # no rating before the period: its first rating is in it

    @property
    def delta(self) -> int:
        return self.to_level - self.from_level

    @property
    def from_name(self) -> str:
        return level_name(self.from_level)

    @property
    def to_name(self) -> str:
        return level_name(self.to_level)


@dataclass(frozen=True)
class MatrixRow:
    person: PersonRef
    levels: dict[str, int] = field(default_factory=dict)  # competency key -> latest level
    rated_on: dict[str, dt.date] = field(default_factory=dict)  # competency key -> date of it


@dataclass(frozen=True)
class SkillsMatrix:
    """Active people (sorted by name) × competencies (builtin order, then user-made by key)."""

    as_of: dt.date
    competencies: list[CompetencyRef]
    rows: list[MatrixRow]


def _latest_ratings(as_of: dt.date) -> Select:
    """Subquery: the latest rating on or before `as_of` per (person, competency).

    Columns: person_id, competency_id, level, rated_on. Ties on the same day go to
    the rating entered last (highest id).
    """
    rn = (
        fn.ROW_NUMBER()
        .over(
            partition_by=[SkillRating.person, SkillRating.competency],
            order_by=[SkillRating.rated_on.desc(), pk(SkillRating).desc()],
        )
        .alias("rn")
    )
    ranked = (
        SkillRating.select(
            SkillRating.person.alias("person_id"),
            SkillRating.competency.alias("competency_id"),
            SkillRating.level.alias("level"),
            SkillRating.rated_on.alias("rated_on"),
            rn,
        )
        .where(SkillRating.rated_on <= as_of)
        .alias("ranked")
    )
    return (
        Select(
            [ranked],
            [ranked.c.person_id, ranked.c.competency_id, ranked.c.level, ranked.c.rated_on],
        )
        .where(ranked.c.rn == 1)
        .alias("latest")
    )


def skill_changes(person: Person, since: dt.date, until: dt.date) -> list[SkillChange]:
    """Per competency the person was ever rated in by `until`: where they started, where they are.

    The starting point is the level the person entered the period with (the latest
    rating before `since`) or, when they had none, the earliest rating in the
    period (`first_in_period`); the end point is the latest rating on or before
    `until`. Competencies come in the order of `competencies()`.
    """
    ratings = (
        SkillRating.select(SkillRating.competency, SkillRating.level, SkillRating.rated_on)
        .where((SkillRating.person == person) & (SkillRating.rated_on <= until))
        .order_by(SkillRating.competency, SkillRating.rated_on, pk(SkillRating))
        .tuples()
    )
    by_competency: dict[int, list[tuple[int, dt.date]]] = {}
    for competency_id, level, rated_on in each_row(ratings):
        by_competency.setdefault(competency_id, []).append((level, rated_on))
    if not by_competency:
        return []
    names = {
        c.get_id(): CompetencyRef(c.key, c.name, bool(c.builtin))
        for c in Competency.select().where(pk(Competency).in_(list(by_competency)))
    }
    changes = []
    for competency_id, series in by_competency.items():
        before = [r for r in series if r[1] < since]
        within = [r for r in series if r[1] >= since]
        start = before[-1] if before else within[0]
        end = series[-1]
        ref = names[competency_id]
        changes.append(
            SkillChange(
                competency_key=ref.key,
                competency_name=ref.name,
                from_level=start[0],
                from_on=start[1],
                to_level=end[0],
                to_on=end[1],
                ratings_in_period=len(within),
                first_in_period=not before,
            )
        )
    return sorted(
        changes,
        key=lambda c: (competency_order(c.competency_key), c.competency_key),
    )


def skills_matrix(as_of: dt.date | None = None) -> SkillsMatrix:
    """Latest level per active person and competency, as of `as_of` (default: today).

    Rows: active (non-archived) people sorted by name; columns: `competencies()`.
    A missing key in `MatrixRow.levels` means never rated. One query for the
    ratings (window function), one for the people, one for the competencies.
    """
    from mentor_tui import clock

    as_of = as_of or clock.today()
    comps = competencies()
    people = list(
        Person.select().where(Person.archived == False).order_by(Person.name, pk(Person))  # noqa: E712
    )
    rows = {p.get_id(): MatrixRow(person=person_ref(p)) for p in people}
    keys = {c.get_id(): c.key for c in Competency.select(pk(Competency), Competency.key)}
    latest = _latest_ratings(as_of)
    query = (
        Select(
            [latest],
            [latest.c.person_id, latest.c.competency_id, latest.c.level, latest.c.rated_on],
        )
        .join(Person, on=(latest.c.person_id == pk(Person)))
        .where(Person.archived == False)  # noqa: E712
        .bind(Person._meta.database)
    )
    for person_id, competency_id, level, rated_on in query.tuples():
        row = rows.get(person_id)
        if row is None:
            continue
        key = keys[competency_id]
        row.levels[key] = int(level)
        row.rated_on[key] = as_date(rated_on)
    return SkillsMatrix(as_of=as_of, competencies=comps, rows=[rows[p.get_id()] for p in people])
