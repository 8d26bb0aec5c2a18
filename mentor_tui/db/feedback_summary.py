"""Program feedback at a glance: the average rating per month and the latest comments.

An anonymous entry has no author in the store; the summary says "anonymous" for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import JOIN, fn

from mentor_tui.db.models import Feedback, Person
from mentor_tui.db.reports.common import as_date, each_row, pk


@dataclass(frozen=True)
class MonthRating:
    month: str  # YYYY-MM
    average: float
    count: int


@dataclass(frozen=True)
class Comment:
    given_on: dt.date
    rating: int
    text: str
    author: str | None  # None: anonymous


@dataclass(frozen=True)
class FeedbackSummary:
    months: list[MonthRating]  # oldest first
    latest: list[Comment]  # newest first, only entries with text
    total: int

    @property
    def average(self) -> float | None:
        count = sum(m.count for m in self.months)
        return sum(m.average * m.count for m in self.months) / count if count else None


def feedback_summary(until: dt.date, months: int | None = 6, comments: int = 3) -> FeedbackSummary:
    """Per month (the last `months` months that have feedback up to `until`; None: all) and the
    latest `comments` comments. Two grouped queries, whatever the number of entries."""
    month = fn.strftime("%Y-%m", Feedback.given_on)
    query = (
        Feedback.select(month.alias("month"), fn.AVG(Feedback.rating), fn.COUNT(pk(Feedback)))
        .where(Feedback.given_on <= until)
        .group_by(month)
        .order_by(month.desc())
        .tuples()
    )
    if months is not None:
        query = query.limit(months)
    per_month = [MonthRating(str(m), float(avg), int(n)) for m, avg, n in each_row(query)][::-1]
    latest_query = (
        Feedback.select(Feedback.given_on, Feedback.rating, Feedback.text, Person.name)
        .join(Person, JOIN.LEFT_OUTER, on=(Feedback.person == pk(Person)))
        .where((Feedback.given_on <= until) & (fn.TRIM(Feedback.text) != ""))
        .order_by(Feedback.given_on.desc(), pk(Feedback).desc())
        .limit(comments)
        .tuples()
    )
    latest = [Comment(as_date(on), int(r), str(t), name) for on, r, t, name in each_row(latest_query)]
    total = Feedback.select().where(Feedback.given_on <= until).count()
    return FeedbackSummary(per_month, latest, total)
