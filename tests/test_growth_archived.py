"""The growth view names someone archived (they left the program: Team, a) as the rest of the app
does, "Priya Raman (archived)": a rater, a giver of kudos, a mentor or mentee, and the person whose
view it is (their forms too); a narrow list keeps the mark and cuts the competency's name instead."""

from __future__ import annotations

import datetime as dt

from mentor_tui.app import MentorApp
from mentor_tui.db import kudos, models, people, ratings
from mentor_tui.db.person_view import person_view
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.person import PersonScreen

from .pilot_helpers import press_settled, settle
from .test_search_app import search_for

D = dt.date


def test_the_growth_of_someone_marks_who_of_their_raters_givers_and_mentors_left(store_with_me):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    sofia = people.add_person("Sofia Almeida", "mentor")
    models.Mentorship.create(mentor=sofia, mentee=ana, started_on=D(2026, 9, 1))
    ratings.create_rating(ana.id, "kubernetes", 3, D(2026, 10, 1), sofia.id)
    ratings.create_rating(ana.id, "cicd", 2, D(2026, 10, 2), me.id)
    kudos.create_kudos(ana.id, sofia.id, D(2026, 11, 2), "Great runbook")
    people.set_archived(sofia.uuid, True)

    view = person_view(ana.uuid)
    assert view is not None
    by = {line.key: line.latest_mentor.rated_by for line in view.growth.skills if line.latest_mentor}
    assert by == {"kubernetes": "Sofia Almeida (archived)", "cicd": "Bo Chen"}
    assert [r.summary for r in view.growth.records] == [
        "from Sofia Almeida (archived): Great runbook",
        "CI/CD 2 (by Bo Chen)",
        "Kubernetes 3 (by Sofia Almeida (archived))",
    ]
    assert [k.giver for k in view.growth.kudos] == ["Sofia Almeida (archived)"]
    assert [m.other for m in view.mentorships] == ["Sofia Almeida (archived)"]
    mine = person_view(sofia.uuid)
    assert mine is not None and [m.other for m in mine.mentorships] == ["Ana Ruiz"]


async def _archive(pilot, name: str) -> None:
    """Team (6): the cursor down to `name`, then a, as a user archives someone."""
    await press_settled(pilot, "6", "home")
    team = pilot.app.screen
    for _ in range(10):
        if team.highlighted().person.name == name:
            break
        await press_settled(pilot, "down")
    assert team.highlighted().person.name == name
    await press_settled(pilot, "a")


def _part(app, name: str) -> str:
    return str(app.screen.query_one(f"#person-{name}").render())


async def test_my_growth_view_at_80_columns_marks_my_archived_rater_giver_and_mentee(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _archive(pilot, "Priya Raman")  # she rated me
        await _archive(pilot, "Amara Okafor")  # she gave me kudos, and I mentor her
        await press_settled(pilot, "1", "m")
        assert isinstance(app.screen, PersonScreen)
        table = app.screen.records
        shown = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        by_priya = [cell for row, cell in zip(table.table_rows, shown, strict=True)
                    if row.record.kind == "rating" and "Priya" in row.record.summary]
        assert by_priya and all(cell.endswith("(by Priya Raman (archived))") for cell in by_priya)
        assert "Infrastructure as… 4 (by Priya Raman (archived))" in by_priya  # cut to 48: the name is cut
        assert any(cell.startswith("from Amara Okafor (archived): ") for cell in shown)
        assert "Priya Raman (archived) 2026-" in _part(app, "skills")
        assert "Amara Okafor (archived): " in _part(app, "kudos")
        assert "Mentors Amara Okafor (archived)" in _part(app, "mentorships")
        assert "Mentors Mei Tanaka " in _part(app, "mentorships")  # still here: no mark


async def test_the_growth_view_of_someone_archived_and_its_forms_say_so(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _archive(pilot, "Amara Okafor")
        await search_for(pilot, "5xx after a bad config")  # her incident
        await press_settled(pilot, "enter")
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.sub_title == "6 Team › Amara Okafor (archived)"
        assert _part(app, "head").startswith("Amara Okafor (archived)   mentee")
        await press_settled(pilot, "s")
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.form_title == "Rate a skill — Amara Okafor (archived)"
        raters = next(f.options for f in form.fields if f.name == "rated_by")
        assert raters[0][0] == "Amara Okafor (self rating, archived)"
        await press_settled(pilot, "escape", "k")
        assert app.screen.form_title == "Kudos to Amara Okafor (archived)"
