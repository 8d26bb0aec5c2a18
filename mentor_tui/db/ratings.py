"""Skill ratings: rating a person's competency (by themselves or by a mentor), editing, deleting.

The history is kept: each rating is a row, a new one never replaces the last.
`rated_by` None means a self rating.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui import schema
from mentor_tui.db.growth_refs import person_or_error, stored_ref
from mentor_tui.db.models import Competency, SkillRating


@dataclass(frozen=True)
class CompetencyChoice:
    key: str
    name: str


def competency_choices() -> list[CompetencyChoice]:
    """Every competency, built-in ones first, then by name."""
    query = Competency.select(Competency.key, Competency.name).order_by(~Competency.builtin, Competency.name)
    return [CompetencyChoice(c.key, c.name) for c in query]


def competency_by_key(key: str) -> Competency:
    competency = Competency.get_or_none(Competency.key == key.strip())
    if competency is None:
        known = ", ".join(c.key for c in competency_choices())
        raise ValueError(f"no competency {key!r}; known: {known}")
    return competency


def _values(level: int, rated_on: dt.date, rated_by_id: int | None, evidence: str | None) -> dict:
    values = {"level": level, "rated_on": rated_on, "evidence": stored_ref(evidence)}
    schema.check("skills", values)
    values["rated_by"] = person_or_error(rated_by_id) if rated_by_id is not None else None
    return values


def create_rating(
    person_id: int,
    competency_key: str,
    level: int,
    rated_on: dt.date,
    rated_by_id: int | None = None,
    evidence: str | None = None,
) -> SkillRating:
    """A new rating of `person_id` in a competency; `rated_by_id` None is a self rating."""
    values = _values(level, rated_on, rated_by_id, evidence)
    person = person_or_error(person_id)
    if rated_by_id == person.id:
        values["rated_by"] = None  # rating yourself through the mentor list is a self rating
    return SkillRating.create(person=person, competency=competency_by_key(competency_key), **values)


def update_rating(
    rating_id: int,
    competency_key: str,
    level: int,
    rated_on: dt.date,
    rated_by_id: int | None = None,
    evidence: str | None = None,
) -> SkillRating:
    rating = get_rating(rating_id)
    values = _values(level, rated_on, rated_by_id, evidence)
    if rated_by_id == rating.person.id:
        values["rated_by"] = None
    values["competency"] = competency_by_key(competency_key)
    SkillRating.update(**values).where(SkillRating.id == rating_id).execute()
    return get_rating(rating_id)


def get_rating(rating_id: int) -> SkillRating:
    rating = (
        SkillRating.select(SkillRating, Competency).join(Competency)
        .where(SkillRating.id == rating_id).first()
    )
    if rating is None:
        raise ValueError("that rating is not here anymore")
    return rating


def delete_rating(rating_id: int) -> None:
    SkillRating.delete().where(SkillRating.id == rating_id).execute()


def rater_name(rating: SkillRating) -> str:
    return "self" if rating.rated_by is None else rating.rated_by.name
