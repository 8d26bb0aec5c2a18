"""The team's skills: the level that counts per person and competency, and the bus factor.

Which rating counts (the rule the Team section, the Dashboard and `report --team`
share, documented in the README):

- only ratings of active (not archived) people, made on or before the day asked about;
- per person and competency, the latest **mentor** rating wins over self ratings
  (someone else rated them: a rating whose `rated_by` is another person); when no
  mentor rated them within the window, their latest self rating counts;
- the **window** is the last `months` months (the `bus_factor_months` setting,
  12 by default): a rating older than that is *stale* and does not count;
- a person **holds** a competency when the rating that counts is at level 4
  (proficient) or above. A competency's **bus factor** is how many people hold it;
  0 is "nobody", 1 is a single point of knowledge. Both are *flagged*;
- a competency held by two or more people who are all in one team is a **silo**
  ("kubernetes: 3 holders, all in platform"); a holder with no team set keeps it
  from being called one (their team is unknown).

The matrix cell of a person shows the rating that counts; when every rating of
theirs in that competency is stale, it shows the one that would count (mentor
first), marked stale. One window query reads the latest self and the latest
mentor rating per (person, competency), whatever the size of the history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import SQL, Case, Select, fn

from mentor_tui.db.models import Person, SkillRating
from mentor_tui.db.reports.common import (
    CompetencyRef,
    PersonRef,
    as_date,
    competencies,
    each_row,
    person_ref,
    pk,
)

HOLDER_LEVEL = 4
"""Level from which someone holds a competency (proficient)."""
DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class SkillCell:
    level: int
    rated_on: dt.date
    by_mentor: bool
    stale: bool  # older than the window: shown, not counted


@dataclass(frozen=True)
class SkillRow:
    person: PersonRef
    person_id: int
    cells: dict[str, SkillCell] = field(default_factory=dict)  # competency key -> cell

    def counted_level(self, key: str) -> int | None:
        """The level that counts in `key` (None: never rated, or only stale ratings)."""
        cell = self.cells.get(key)
        return None if cell is None or cell.stale else cell.level

    def holds(self, key: str) -> bool:
        level = self.counted_level(key)
        return level is not None and level >= HOLDER_LEVEL


@dataclass(frozen=True)
class BusFactor:
    competency: CompetencyRef
    holders: tuple[PersonRef, ...]  # sorted by name

    @property
    def count(self) -> int:
        return len(self.holders)

    @property
    def flagged(self) -> bool:
        """Nobody, or one person, holds it."""
        return self.count <= 1

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.holders)

    @property
    def teams(self) -> tuple[str, ...]:
        """The teams its holders work in, sorted (a holder with no team adds none)."""
        return tuple(sorted({p.team for p in self.holders if p.team}))

    @property
    def silo(self) -> bool:
        """Held by two or more people, all of one team: the knowledge stays in that team."""
        return self.count >= 2 and len(self.teams) == 1 and all(p.team for p in self.holders)

    @property
    def label(self) -> str:
        """"nobody", "single point of knowledge: NAME", or who holds it."""
        return describe(self.names)

    @property
    def silo_label(self) -> str:
        """"3 holders, all in platform" for a silo; "" otherwise."""
        return f"{self.count} holders, all in {self.teams[0]}" if self.silo else ""

    @property
    def silo_sentence(self) -> str:
        """"kubernetes: 3 holders, all in platform" for a silo; "" otherwise."""
        return f"{self.competency.key}: {self.silo_label}" if self.silo else ""

    @property
    def teams_label(self) -> str:
        """How many teams hold it: "2 teams", "1 team, 1 holder with no team", "no team" (held, teams unknown)."""
        words = f"{len(self.teams)} team{'s' if len(self.teams) != 1 else ''}" if self.teams else ""
        teamless = sum(1 for p in self.holders if not p.team)
        if teamless:
            rest = f"{teamless} holder{'s' if teamless != 1 else ''} with no team"
            words = f"{words}, {rest}" if words else rest
        return words


def describe(names: tuple[str, ...] | list[str]) -> str:
    if not names:
        return "nobody"
    if len(names) == 1:
        return f"single point of knowledge: {names[0]}"
    return ", ".join(names)


@dataclass(frozen=True)
class TeamSkills:
    as_of: dt.date
    months: int
    window_from: dt.date  # ratings on or after this day count
    competencies: list[CompetencyRef]
    rows: list[SkillRow]  # active people, by name
    bus_factors: list[BusFactor]  # same order as competencies

    @property
    def flagged(self) -> list[BusFactor]:
        return [bf for bf in self.bus_factors if bf.flagged]

    @property
    def silos(self) -> list[BusFactor]:
        """Competencies held by two or more people, all of one team."""
        return [bf for bf in self.bus_factors if bf.silo]

    @property
    def uses_teams(self) -> bool:
        """Someone shown has a team (else team words would only be noise)."""
        return any(row.person.team for row in self.rows)

    @property
    def has_ratings(self) -> bool:
        return any(row.cells for row in self.rows)

    def row_of(self, uuid: str) -> SkillRow | None:
        return next((row for row in self.rows if row.person.uuid == uuid), None)


def months_before(day: dt.date, months: int) -> dt.date:
    """`day` moved back `months` calendar months (31 March - 1 month = 28/29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)  # not reached


def _latest_by_kind(as_of: dt.date) -> Select:
    """The latest self and the latest mentor rating per (person, competency), active people only.

    Columns: person_id, competency_key, by_mentor (0/1), level, rated_on. Ties on one day go
    to the rating entered last.
    """
    from mentor_tui.db.models import Competency

    by_mentor = Case(
        None, [((SkillRating.rated_by.is_null(False)) & (SkillRating.rated_by != SkillRating.person), 1)], 0
    )
    rn = fn.ROW_NUMBER().over(
        partition_by=[SkillRating.person, SkillRating.competency, by_mentor],
        order_by=[SkillRating.rated_on.desc(), pk(SkillRating).desc()],
    )
    ranked = (
        SkillRating.select(
            SkillRating.person.alias("person_id"),
            Competency.key.alias("competency_key"),
            by_mentor.alias("by_mentor"),
            SkillRating.level.alias("level"),
            SkillRating.rated_on.alias("rated_on"),
            rn.alias("rn"),
        )
        .join(Competency, on=(SkillRating.competency == pk(Competency)))
        .join(Person, on=(SkillRating.person == pk(Person)))
        .where((SkillRating.rated_on <= as_of) & (Person.archived == False))  # noqa: E712
        .alias("ranked")
    )
    return (
        Select([ranked], [SQL("person_id"), SQL("competency_key"), SQL("by_mentor"), SQL("level"), SQL("rated_on")])
        .where(SQL("rn") == 1)
        .bind(Person._meta.database)
    )


def pick_cell(self_rating: tuple[int, dt.date] | None, mentor: tuple[int, dt.date] | None,
              window_from: dt.date) -> SkillCell | None:
    """The cell that counts from a person's latest self and mentor rating (the module's rule)."""
    if mentor is not None and mentor[1] >= window_from:
        return SkillCell(mentor[0], mentor[1], True, False)
    if self_rating is not None and self_rating[1] >= window_from:
        return SkillCell(self_rating[0], self_rating[1], False, False)
    if mentor is not None:
        return SkillCell(mentor[0], mentor[1], True, True)
    if self_rating is not None:
        return SkillCell(self_rating[0], self_rating[1], False, True)
    return None


def team_skills(as_of: dt.date | None = None, months: int = DEFAULT_MONTHS) -> TeamSkills:
    """The matrix and the bus factors as of `as_of` (default today), with a `months` window."""
    from mentor_tui import clock

    as_of = as_of or clock.today()
    window_from = months_before(as_of, months)
    comps = competencies()
    people = list(Person.select().where(Person.archived == False).order_by(Person.name, pk(Person)))  # noqa: E712
    latest: dict[tuple[int, str], list[tuple[int, dt.date] | None]] = {}
    for person_id, key, by_mentor, level, rated_on in each_row(_latest_by_kind(as_of).tuples()):
        pair = latest.setdefault((person_id, key), [None, None])
        pair[int(by_mentor)] = (int(level), as_date(rated_on))
    rows = []
    for person in people:
        cells = {}
        for comp in comps:
            found = latest.get((person.get_id(), comp.key))
            cell = pick_cell(found[0], found[1], window_from) if found else None
            if cell is not None:
                cells[comp.key] = cell
        rows.append(SkillRow(person_ref(person), person.get_id(), cells))
    return TeamSkills(as_of, months, window_from, comps, rows, bus_factors_of(comps, rows))


def bus_factors_of(comps: list[CompetencyRef], rows: list[SkillRow]) -> list[BusFactor]:
    """Per competency (same order): who holds it among `rows`."""
    ordered = sorted(rows, key=lambda r: (r.person.name, r.person.uuid))
    return [BusFactor(c, tuple(r.person for r in ordered if r.holds(c.key))) for c in comps]
