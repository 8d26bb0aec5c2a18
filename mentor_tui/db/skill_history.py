"""The bus factors as of several days, from one read of the rating history.

The same rule as `team_skills.team_skills(as_of, months)` (which rating counts, the
window, level 4+, active people only; its `pick_cell` is shared, not copied), answered for many days at once: the ratings
are read once, oldest first, and swept day by day, so a year of months costs one
query instead of twelve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from peewee import Case

from mentor_tui.db.models import Competency, Person, SkillRating
from mentor_tui.db.reports.common import CompetencyRef, PersonRef, as_date, each_row, person_ref, pk
from mentor_tui.db.team_skills import BusFactor, SkillRow, bus_factors_of, months_before, pick_cell

Latest = dict[tuple[int, str], list[tuple[int, dt.date] | None]]  # (person, key) -> [self, mentor]


def _ratings(last_day: dt.date):
    """(person_id, competency key, by_mentor, level, rated_on) of active people, oldest first;
    on one day the rating entered last comes last."""
    by_mentor = Case(
        None, [((SkillRating.rated_by.is_null(False)) & (SkillRating.rated_by != SkillRating.person), 1)], 0
    )
    return each_row(
        SkillRating.select(SkillRating.person, Competency.key, by_mentor, SkillRating.level, SkillRating.rated_on)
        .join(Competency, on=(SkillRating.competency == pk(Competency)))
        .join(Person, on=(SkillRating.person == pk(Person)))
        .where((SkillRating.rated_on <= last_day) & (Person.archived == False))  # noqa: E712
        .order_by(SkillRating.rated_on, pk(SkillRating))
        .tuples()
    )


def _rows(people: list[tuple[int, PersonRef]], comps: list[CompetencyRef], latest: Latest,
          window_from: dt.date) -> list[SkillRow]:
    rows = []
    for person_id, ref in people:
        cells = {}
        for comp in comps:
            found = latest.get((person_id, comp.key))
            cell = pick_cell(found[0], found[1], window_from) if found else None
            if cell is not None:
                cells[comp.key] = cell
        rows.append(SkillRow(ref, person_id, cells))
    return rows


def bus_factors_on(days: Sequence[dt.date], months: int,
                   comps: list[CompetencyRef] | None = None) -> list[list[BusFactor]]:
    """Per day of `days` (any order), the bus factor of each competency as of that day."""
    from mentor_tui.db.reports.common import competencies

    comps = comps if comps is not None else competencies()
    if not days:
        return []
    people = [(p.get_id(), person_ref(p)) for p in
              Person.select().where(Person.archived == False).order_by(Person.name, pk(Person))]  # noqa: E712
    ratings = iter(_ratings(max(days)))
    pending = next(ratings, None)
    latest: Latest = {}
    answers: dict[dt.date, list[BusFactor]] = {}
    for day in sorted(set(days)):
        while pending is not None and as_date(pending[4]) <= day:
            person_id, key, by_mentor, level, rated_on = pending
            latest.setdefault((person_id, key), [None, None])[int(by_mentor)] = (int(level), as_date(rated_on))
            pending = next(ratings, None)
        answers[day] = bus_factors_of(comps, _rows(people, comps, latest, months_before(day, months)))
    return [answers[day] for day in days]
