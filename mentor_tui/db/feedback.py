"""Program feedback: a rating 1–5 and a comment, named or anonymous.

An anonymous entry stores no author at all (`person` is NULL): nothing in the
database tells who wrote it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN

from mentor_tui import schema
from mentor_tui.db.growth_refs import person_or_error
from mentor_tui.db.models import Feedback, Person, objects


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    given_on: dt.date
    rating: int
    text: str
    author: str | None  # None = anonymous


def _values(given_on, rating, text, person_id) -> dict:
    values = {"given_on": given_on, "rating": rating, "text": (text or "").strip()}
    schema.check("feedback", values)
    values["person"] = person_or_error(person_id) if person_id is not None else None
    return values


def create_feedback(given_on: dt.date, rating: int, text: str = "", person_id: int | None = None) -> Feedback:
    """`person_id` None: anonymous, and no author is kept anywhere."""
    return Feedback.create(**_values(given_on, rating, text, person_id))


def update_feedback(
    feedback_id: int, given_on: dt.date, rating: int, text: str = "", person_id: int | None = None
) -> Feedback:
    get_feedback(feedback_id)
    Feedback.update(**_values(given_on, rating, text, person_id)).where(Feedback.id == feedback_id).execute()
    return get_feedback(feedback_id)


def get_feedback(feedback_id: int) -> Feedback:
    feedback = Feedback.get_or_none(Feedback.id == feedback_id)
    if feedback is None:
        raise ValueError("that feedback is not here anymore")
    return feedback


def delete_feedback(feedback_id: int) -> None:
    Feedback.delete().where(Feedback.id == feedback_id).execute()


def count() -> int:
    return Feedback.select().count()


def page(limit: int = 200, offset: int = 0) -> list[FeedbackRow]:
    """All program feedback, newest first, anonymous entries included."""
    query = (
        Feedback.select(Feedback, Person.name.alias("author_name"))
        .join(Person, on=(Feedback.person == Person.id), join_type=JOIN.LEFT_OUTER)
        .order_by(Feedback.given_on.desc(), Feedback.id.desc())
        .limit(limit).offset(offset)
    )
    return [FeedbackRow(f.id, f.given_on, f.rating, f.text, f.author_name) for f in objects(query)]
