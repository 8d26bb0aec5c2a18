"""Store tests: which ratings count, the bus factor, what-if, pairing suggestions, the team's activity."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui import config
from mentor_tui.db import (
    feedback_summary,
    growth_summary,
    mentorships,
    pairing,
    people,
    team_skills,
    what_if,
)
from mentor_tui.db import models as m
from mentor_tui.db.reports import team_activity

from .conftest import FROZEN_TODAY as TODAY


def d(days_ago: int) -> dt.date:
    return TODAY - dt.timedelta(days=days_ago)


def person(name: str, role: str = "mentee", archived: bool = False) -> m.Person:
    return m.Person.create(name=name, role=role, archived=archived)


def rate(who: m.Person, key: str, level: int, on: dt.date, by: m.Person | None = None) -> None:
    m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == key),
                         level=level, rated_on=on, rated_by=by)


def factors(months: int = 12, as_of: dt.date = TODAY) -> dict[str, team_skills.BusFactor]:
    return {bf.competency.key: bf for bf in team_skills.team_skills(as_of, months).bus_factors}


def test_nobody_rated_means_nobody_not_a_single_point(store):
    person("Ana")
    for bf in factors().values():
        assert bf.count == 0 and bf.flagged
        assert bf.label == "nobody"
        assert "single point" not in bf.label


def test_one_holder_is_a_single_point_of_knowledge_two_are_not(store):
    ana, bo = person("Ana"), person("Bo")
    rate(ana, "security", 4, d(10))
    rate(ana, "cloud", 5, d(10))
    rate(bo, "cloud", 4, d(20))
    got = factors()
    assert got["security"].label == "single point of knowledge: Ana" and got["security"].flagged
    assert got["cloud"].count == 2 and not got["cloud"].flagged and got["cloud"].label == "Ana, Bo"


def test_level_three_does_not_count_level_four_does(store):
    ana, bo = person("Ana"), person("Bo")
    rate(ana, "iac", 3, d(5))
    rate(bo, "iac", 4, d(5))
    assert factors()["iac"].names == ("Bo",)


def test_stale_ratings_do_not_count_and_the_window_is_the_setting(store):
    ana, bo = person("Ana"), person("Bo")
    rate(ana, "kubernetes", 5, team_skills.months_before(TODAY, 12))  # the window's first day: counts
    rate(bo, "kubernetes", 5, team_skills.months_before(TODAY, 12) - dt.timedelta(days=1))  # stale
    assert factors(12)["kubernetes"].names == ("Ana",)
    assert factors(24)["kubernetes"].names == ("Ana", "Bo")
    assert factors(6)["kubernetes"].names == ()
    cell = team_skills.team_skills(TODAY, 12).row_of(bo.uuid).cells["kubernetes"]
    assert cell.stale and cell.level == 5  # shown in the matrix, marked, not counted


def test_archived_people_do_not_count_and_are_not_in_the_matrix(store):
    ana, gone = person("Ana"), person("Gone", archived=True)
    rate(ana, "cicd", 4, d(3))
    rate(gone, "cicd", 5, d(3))
    skills = team_skills.team_skills(TODAY, 12)
    assert factors()["cicd"].names == ("Ana",)
    assert [r.person.name for r in skills.rows] == ["Ana"]


def test_a_mentor_rating_wins_over_a_later_self_rating(store):
    ana, mentor = person("Ana"), person("Mo", "mentor")
    rate(ana, "observability", 4, d(100), by=mentor)
    rate(ana, "observability", 2, d(10))  # a modest self rating does not undo the mentor's 4
    rate(mentor, "security", 5, d(10))  # a self rating counts when no mentor rated
    rate(ana, "security", 5, d(10))
    rate(ana, "security", 3, d(50), by=mentor)  # ... but a mentor's (older) 3 wins over a self 5
    got = factors()
    assert got["observability"].names == ("Ana",)
    assert got["security"].names == ("Mo",)
    cell = team_skills.team_skills(TODAY, 12).row_of(ana.uuid).cells["security"]
    assert (cell.level, cell.by_mentor) == (3, True)


def test_a_stale_mentor_rating_gives_way_to_a_recent_self_rating(store):
    ana, mentor = person("Ana"), person("Mo", "mentor")
    rate(ana, "cloud", 2, d(500), by=mentor)
    rate(ana, "cloud", 4, d(30))
    assert factors()["cloud"].names == ("Ana",)


def test_a_rating_by_oneself_named_as_rater_is_a_self_rating(store):
    ana, mentor = person("Ana"), person("Mo", "mentor")
    rate(ana, "cloud", 4, d(200), by=mentor)
    rate(ana, "cloud", 1, d(10), by=ana)  # rated_by = the person: a self rating, the mentor's 4 wins
    assert factors()["cloud"].names == ("Ana",)


def test_months_before_clamps_the_day():
    assert team_skills.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert team_skills.months_before(dt.date(2026, 11, 26), 12) == dt.date(2025, 11, 26)
    assert team_skills.months_before(dt.date(2026, 1, 15), 2) == dt.date(2025, 11, 15)


def test_bus_factor_months_setting_falls_back_on_bad_values():
    assert config.bus_factor_months({"bus_factor_months": 6}) == 6
    for bad in (0, -1, 500, "12", True, 1.5, None):
        assert config.bus_factor_months({"bus_factor_months": bad}) == 12


def test_bus_factor_months_is_read_from_the_settings_file(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('bus_factor_months = 18\n', encoding="utf-8")
    assert config.bus_factor_months(config.load_settings(path)) == 18


def test_what_if_lists_what_would_drop_to_one_or_nobody(store):
    ana, bo, cy = person("Ana"), person("Bo"), person("Cy")
    rate(ana, "security", 5, d(5))  # only Ana: drops to nobody
    rate(ana, "cloud", 4, d(5))
    rate(bo, "cloud", 4, d(5))  # Ana and Bo: drops to Bo alone
    for p in (ana, bo, cy):
        rate(p, "cicd", 4, d(5))  # three: drops to two, not listed
    skills = team_skills.team_skills(TODAY, 12)
    result = what_if.what_if_without(skills, ana.uuid)
    assert [c.key for c in result.holds] == ["cicd", "cloud", "security"]
    drops = {drop.competency.key: drop for drop in result.drops}
    assert set(drops) == {"cloud", "security"}
    assert drops["security"].label == "nobody" and drops["security"].before == 1
    assert drops["cloud"].label == "single point of knowledge: Bo" and drops["cloud"].after == 1
    assert what_if.what_if_without(skills, cy.uuid).drops == ()
    assert [w.person.name for w in what_if.single_points(skills)] == ["Ana"]
    assert what_if.what_if_without(skills, "no-such-uuid") is None


def test_pairing_prefers_pairs_without_a_mentorship_then_closer_learners(store):
    sofia, lucas, mei, amara, dan = (person(n) for n in ("Sofia", "Lucas", "Mei", "Amara", "Dan"))
    rate(sofia, "security", 5, d(5))
    rate(lucas, "security", 3, d(5))
    rate(mei, "security", 3, d(5))
    rate(amara, "security", 2, d(5))
    rate(dan, "security", 1, d(5))  # level 1: not ready to pair
    mentorships.create_mentorship(sofia.id, lucas.id, d(30))
    got = [(s.holder.name, s.learner.name, s.learner_level, s.has_mentorship)
           for s in pairing.suggestions(team_skills.team_skills(TODAY, 12))]
    assert got == [
        ("Sofia", "Mei", 3, False),
        ("Sofia", "Amara", 2, False),
        ("Sofia", "Lucas", 3, True),  # already paired: last
    ]


def test_pairing_has_nothing_for_a_competency_nobody_holds_or_a_safe_one(store):
    ana, bo, cy = person("Ana"), person("Bo"), person("Cy")
    rate(ana, "cloud", 4, d(5))
    rate(bo, "cloud", 4, d(5))
    rate(cy, "cloud", 3, d(5))  # cloud has two holders: not flagged
    rate(cy, "iac", 3, d(5))  # iac: nobody holds it
    assert pairing.suggestions(team_skills.team_skills(TODAY, 12)) == []


def test_creating_a_suggested_mentorship(store):
    sofia, mei = person("Sofia", "mentor"), person("Mei")
    rate(sofia, "security", 5, d(5))
    rate(mei, "security", 3, d(5))
    _, (suggestion,) = pairing.team_suggestions(TODAY, 12)
    ship = pairing.create_mentorship_for(suggestion, TODAY)
    assert (ship.mentor.name, ship.mentee.name, ship.started_on) == ("Sofia", "Mei", TODAY)
    assert "Security" in ship.focus
    _, (again,) = pairing.team_suggestions(TODAY, 12)
    assert again.has_mentorship
    with pytest.raises(ValueError, match="already mentors"):
        pairing.create_mentorship_for(again, TODAY)


def test_feedback_summary_averages_per_month_and_keeps_anonymous_authorless(store):
    ana = person("Ana")
    m.Feedback.create(given_on=dt.date(2026, 10, 3), rating=4, text="Good sessions")
    m.Feedback.create(given_on=dt.date(2026, 10, 20), rating=3, text="", person=ana)
    m.Feedback.create(given_on=dt.date(2026, 11, 2), rating=5, text="Pairing helped", person=ana)
    m.Feedback.create(given_on=dt.date(2026, 12, 2), rating=1, text="from the future")
    summary = feedback_summary.feedback_summary(TODAY)
    assert [(x.month, x.average, x.count) for x in summary.months] == [("2026-10", 3.5, 2), ("2026-11", 5.0, 1)]
    assert [(c.text, c.author) for c in summary.latest] == [("Pairing helped", "Ana"), ("Good sessions", None)]
    assert summary.total == 3 and summary.average == pytest.approx(4.0)


def test_ladder_counts_roles_and_finds_the_highest_step(store):
    ana, bo = person("Ana"), person("Bo")
    for role, days in (("shadow", 90), ("shadow", 60), ("primary", 10), ("scribe", 5)):
        m.Incident.create(person=ana, occurred_on=d(days), role=role, title=f"{role} {days}")
    m.Incident.create(person=bo, occurred_on=d(3), role="comms", title="comms only")
    lines = {line.person.name: line for line in team_activity.ladder_summary(TODAY)}
    assert lines["Ana"].counts == {"shadow": 2, "primary": 1, "scribe": 1}
    assert lines["Ana"].step == "primary" and lines["Ana"].last_on["shadow"] == d(60)
    assert lines["Bo"].step is None


def test_checkin_health_and_kudos_counts(store):
    mo, ana, bo = person("Mo", "mentor"), person("Ana"), person("Bo")
    late = mentorships.create_mentorship(mo.id, ana.id, d(100), 14)
    mentorships.create_mentorship(mo.id, bo.id, d(3), 14)
    m.CheckIn.create(mentorship=late, held_on=d(40), private_notes="SECRET")
    health = team_activity.checkin_health(TODAY)
    assert [(h.mentee, h.last_held_on, h.overdue_days(TODAY)) for h in health] == [("Ana", d(40), 26), ("Bo", None, 0)]
    m.Kudos.create(giver=mo, receiver=ana, given_on=d(2), text="thanks")
    m.Kudos.create(giver=mo, receiver=ana, given_on=d(1), text="again")
    m.Kudos.create(giver=None, receiver=bo, given_on=d(1), text="anon")
    counts = {k.person.name: (k.received, k.given) for k in team_activity.kudos_counts(TODAY)}
    assert counts == {"Ana": (2, 0), "Bo": (1, 0), "Mo": (0, 2)}


def test_growth_summary_of_me_and_the_flagged_competencies_for_a_mentor(store):
    me = people.set_me("Mo", "mentor")
    ana = person("Ana")
    rate(me, "kubernetes", 3, dt.date(2026, 8, 1))
    rate(me, "kubernetes", 4, dt.date(2026, 10, 5))  # this quarter: 3 -> 4
    rate(me, "cloud", 2, dt.date(2026, 5, 1))  # unchanged this quarter
    rate(ana, "kubernetes", 4, d(3))
    m.Incident.create(person=me, occurred_on=d(20), role="secondary", title="x")
    m.Ownership.create(person=me, kind="slo", name="Checkout SLO", since=d(50))
    m.Ownership.create(person=me, kind="runbook", name="Old runbook", since=d(500), until=d(100))
    m.Kudos.create(giver=ana, receiver=me, given_on=d(4), text="Great pairing")
    m.Kudos.create(giver=ana, receiver=me, given_on=d(400), text="long ago")
    summary = growth_summary.growth_summary(TODAY, 12)
    assert summary.quarter_from == dt.date(2026, 10, 1)
    assert [(c.competency_key, c.from_level, c.to_level) for c in summary.skills_changed] == [("kubernetes", 3, 4)]
    assert summary.ladder_step == "secondary"
    assert [o.name for o in summary.ownership] == ["Checkout SLO"]
    assert [(k.giver, k.text) for k in summary.kudos] == [("Ana", "Great pairing")]
    assert summary.sees_team and summary.team_rated
    assert "kubernetes" not in {bf.competency.key for bf in summary.flagged}  # Mo and Ana hold it
    assert "security" in {bf.competency.key for bf in summary.flagged}


def test_growth_summary_counts_a_skill_first_rated_this_quarter(store):
    """A first rating is growth too; a skill rated again at the level it had is not."""
    me = people.set_me("Mia", "mentee")
    rate(me, "cicd", 2, dt.date(2026, 10, 20))  # first ever, this quarter
    rate(me, "kubernetes", 1, dt.date(2026, 10, 2))  # first ever, then up
    rate(me, "kubernetes", 3, dt.date(2026, 11, 2))
    rate(me, "cloud", 2, dt.date(2026, 5, 1))
    rate(me, "cloud", 2, dt.date(2026, 11, 1))  # the same level again
    summary = growth_summary.growth_summary(TODAY, 12)
    assert [(c.competency_name, c.first_in_period, c.from_level, c.to_level) for c in summary.skills_changed] == [
        ("Kubernetes", True, 1, 3), ("CI/CD", True, 2, 2)]


def test_growth_summary_marks_a_kudos_giver_who_was_archived(store):
    me = people.set_me("Mo", "mentor")
    ana = person("Ana")
    m.Kudos.create(giver=ana, receiver=me, given_on=d(4), text="Great pairing")
    m.Kudos.create(giver=None, receiver=me, given_on=d(5), text="From someone deleted")
    people.set_archived(ana.uuid, True)
    summary = growth_summary.growth_summary(TODAY, 12)
    assert [(k.giver, k.text) for k in summary.kudos] == [("Ana (archived)", "Great pairing"),
                                                         (None, "From someone deleted")]


def test_growth_summary_of_a_mentee_has_no_team_part(store):
    people.set_me("Ana", "mentee")
    summary = growth_summary.growth_summary(TODAY, 12)
    assert not summary.sees_team and summary.flagged == []
