"""The Dashboard's "My growth this quarter": skills first rated in the quarter count, and
competencies go by the names the growth view and the forms use."""

from __future__ import annotations

import datetime as dt

from mentor_tui.app import MentorApp
from mentor_tui.db import people, ratings

from .pilot_helpers import screen_text, settle


async def test_my_growth_shows_first_ratings_and_changes_by_the_competencys_name(store):
    me = people.set_me("Mia Chen", "mentee")
    ratings.create_rating(me.id, "cicd", 2, dt.date(2026, 11, 20))
    ratings.create_rating(me.id, "kubernetes", 3, dt.date(2026, 11, 21))
    ratings.create_rating(me.id, "observability", 1, dt.date(2026, 6, 1))
    ratings.create_rating(me.id, "observability", 2, dt.date(2026, 11, 22))
    app = MentorApp(db_path=store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Skills     Kubernetes new: 3, CI/CD new: 2, Observability 1→2" in text
