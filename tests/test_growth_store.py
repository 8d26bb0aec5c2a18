"""The store of growth records: ratings, incidents and shifts, ownership, kudos, program feedback,
and a person's growth as the growth view reads it (latest self and mentor ratings, ladder)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from mentor_tui.db import (
    feedback,
    growth,
    growth_refs,
    incidents,
    kudos,
    ownership,
    people,
    ratings,
)
from mentor_tui.db.person_view import ME, person_view

D = dt.date


@pytest.fixture
def pair(store_with_me):
    """Bo Chen (me, mentor) and Ana Ruiz (mentee)."""
    return people.me(), people.add_person("Ana Ruiz", "mentee")


# ---------------------------------------------------------------- the on-call ladder


def test_the_ladder_counts_each_role_and_the_date_of_the_last(pair):
    _me, ana = pair
    assert growth.growth_of(ana.id).ladder_step is None
    incidents.create_incident(ana.id, D(2026, 9, 1), "shadow", "SEV3", "Shadowed the DB failover")
    incidents.create_incident(ana.id, D(2026, 10, 5), "shadow", "SEV2", "Shadowed a checkout outage")
    incidents.create_incident(ana.id, D(2026, 11, 2), "secondary", "SEV3", "Secondary for a week")
    incidents.create_incident(ana.id, D(2026, 11, 20), "primary", "SEV3", "First primary shift")
    incidents.create_incident(ana.id, D(2026, 11, 21), "scribe", "SEV1", "Scribe at the big one")

    g = growth.growth_of(ana.id)
    steps = {step.role: (step.label, step.count, step.last_on) for step in g.ladder}
    assert [step.role for step in g.ladder] == ["shadow", "secondary", "primary", "incident-commander"]
    assert steps == {
        "shadow": ("shadowed", 2, D(2026, 10, 5)),
        "secondary": ("secondary", 1, D(2026, 11, 2)),
        "primary": ("primary", 1, D(2026, 11, 20)),
        "incident-commander": ("incident commander", 0, None),
    }
    assert g.ladder_step == "primary"
    assert [(o.role, o.count) for o in g.other_roles] == [("scribe", 1), ("comms", 0)]


def test_the_ladder_is_per_person(pair):
    me, ana = pair
    incidents.create_incident(me.id, D(2026, 9, 1), "incident-commander", "SEV1", "Led the outage")
    assert growth.growth_of(ana.id).ladder_step is None
    assert growth.growth_of(me.id).ladder_step == "incident commander"


# ---------------------------------------------------------------- program feedback


def test_anonymous_feedback_stores_no_author(pair, store):
    _me, ana = pair
    anonymous = feedback.create_feedback(D(2026, 11, 20), 2, "Too much Kubernetes")
    signed = feedback.create_feedback(D(2026, 11, 21), 5, "Great pairing", ana.id)

    con = sqlite3.connect(store)  # the file itself, as anyone with it would read it
    try:
        row = dict(zip(("uuid", "given_on", "rating", "text", "person_id"),
                       con.execute("SELECT uuid, given_on, rating, text, person_id FROM feedback WHERE uuid = ?",
                                   (anonymous.uuid,)).fetchone(), strict=True))
        columns = [c[1] for c in con.execute("PRAGMA table_info(feedback)")]
        named = con.execute("SELECT person_id FROM feedback WHERE uuid = ?", (signed.uuid,)).fetchone()[0]
    finally:
        con.close()
    assert row["person_id"] is None
    # nowhere else to keep one (updated_at is when it was written, not by whom)
    assert columns == ["id", "uuid", "given_on", "rating", "text", "person_id", "updated_at"]
    assert named == ana.id

    # Made anonymous later: the author is gone, not hidden.
    feedback.update_feedback(signed.id, D(2026, 11, 21), 5, "Great pairing", None)
    assert feedback.get_feedback(signed.id).person is None
    assert [f.author for f in feedback.page()] == [None, None]


def test_feedback_ratings_follow_the_registry(pair):
    for bad in (0, 6):
        with pytest.raises(ValueError, match="rating: expected an integer from 1 to 5"):
            feedback.create_feedback(D(2026, 11, 20), bad)
    assert feedback.count() == 0


# ---------------------------------------------------------------- ratings


def test_latest_self_and_mentor_ratings_are_kept_apart_never_averaged(pair):
    me, ana = pair
    ratings.create_rating(ana.id, "kubernetes", 1, D(2026, 9, 1))
    ratings.create_rating(ana.id, "kubernetes", 2, D(2026, 10, 1), me.id, "https://example.com/pr/1")
    ratings.create_rating(ana.id, "kubernetes", 3, D(2026, 11, 1))

    (line,) = growth.growth_of(ana.id).skills
    assert (line.key, line.name) == ("kubernetes", "Kubernetes")
    assert (line.latest_self.level, line.latest_self.rated_on, line.latest_self.rated_by) == (3, D(2026, 11, 1), None)
    assert (line.latest_mentor.level, line.latest_mentor.rated_by) == (2, "Bo Chen")
    assert line.latest_mentor.evidence_label == "https://example.com/pr/1"
    assert line.history == (1, 2, 3)


def test_a_rating_dated_after_today_counts_from_its_day_as_in_the_team_matrix(pair):
    from mentor_tui.db import team_skills

    me, ana = pair
    ratings.create_rating(ana.id, "kubernetes", 2, D(2026, 10, 1))
    ratings.create_rating(ana.id, "kubernetes", 5, D(2099, 1, 1))
    today = D(2026, 11, 26)

    (line,) = growth.growth_of(ana.id, as_of=today).skills
    assert (line.latest_self.level, line.history) == (2, (2,))
    (row,) = [r for r in team_skills.team_skills(as_of=today).rows if r.person_id == ana.id]
    assert row.cells["kubernetes"].level == 2  # the Team matrix says the same
    summaries = [r.summary for r in growth.growth_of(ana.id, as_of=today).records if r.kind == "rating"]
    assert summaries == ["Kubernetes 5 (self)", "Kubernetes 2 (self)"]
    assert [r.future for r in growth.growth_of(ana.id, as_of=today).records if r.kind == "rating"] == [True, False]
    # On its day it is the current one.
    (line,) = growth.growth_of(ana.id, as_of=D(2099, 1, 1)).skills
    assert (line.latest_self.level, line.history) == (5, (2, 5))


def test_evidence_that_names_a_record_says_what_it_is(pair):
    me, ana = pair
    shift = incidents.create_incident(ana.id, D(2026, 11, 2), "primary", "SEV2", "Checkout latency")
    assert growth_refs.RefChoice("incident: Checkout latency", shift.uuid) in growth_refs.evidence_choices(ana.id)
    ratings.create_rating(ana.id, "incident-response", 3, D(2026, 11, 3), me.id, shift.uuid)
    (line,) = growth.growth_of(ana.id).skills
    assert line.latest_mentor.evidence == shift.uuid
    assert line.latest_mentor.evidence_label == "incident: Checkout latency"


def test_rating_yourself_through_the_rater_list_is_a_self_rating(pair):
    _me, ana = pair
    rating = ratings.create_rating(ana.id, "cicd", 2, D(2026, 11, 1), ana.id)
    assert rating.rated_by is None


@pytest.mark.parametrize(("args", "message"), [
    (("kubernetes", 6), "level: expected an integer from 0 to 5"),
    (("kubernetes", -1), "level: expected an integer from 0 to 5"),
    (("k8s", 3), "no competency 'k8s'; known: "),
])
def test_ratings_follow_the_registry(pair, args, message):
    _me, ana = pair
    with pytest.raises(ValueError, match=message):
        ratings.create_rating(ana.id, *args, D(2026, 11, 1))
    assert growth.growth_of(ana.id).skills == ()


def test_a_rating_is_edited_and_deleted(pair):
    me, ana = pair
    rating = ratings.create_rating(ana.id, "kubernetes", 2, D(2026, 11, 1))
    ratings.update_rating(rating.id, "cloud", 4, D(2026, 11, 2), me.id, "  ")
    edited = ratings.get_rating(rating.id)
    assert (edited.competency.key, edited.level, edited.rated_by.name, edited.evidence) == ("cloud", 4, "Bo Chen", None)
    ratings.delete_rating(rating.id)
    with pytest.raises(ValueError, match="not here anymore"):
        ratings.get_rating(rating.id)


# ---------------------------------------------------------------- incidents, ownership, kudos


def test_incidents_follow_the_registry_and_are_edited(pair):
    _me, ana = pair
    with pytest.raises(ValueError, match="role: expected one of"):
        incidents.create_incident(ana.id, D(2026, 11, 1), "hero", "SEV2", "x")
    with pytest.raises(ValueError, match="a title is required"):
        incidents.create_incident(ana.id, D(2026, 11, 1), "primary", "SEV2", "   ")
    incident = incidents.create_incident(ana.id, D(2026, 11, 1), "primary", "SEV2", "Disk full")
    incidents.update_incident(incident.id, D(2026, 11, 1), "incident-commander", "SEV1", "Disk full", "- alert earlier")
    assert growth.growth_of(ana.id).ladder_step == "incident commander"
    incidents.delete_incident(incident.id)
    assert growth.growth_of(ana.id).ladder_step is None


def test_ownership_since_until(pair):
    _me, ana = pair
    with pytest.raises(ValueError, match="the end date is before the start date"):
        ownership.create_ownership(ana.id, "slo", "Checkout availability", D(2026, 11, 1), D(2026, 10, 1))
    ended = ownership.create_ownership(ana.id, "runbook", "DB failover", D(2026, 1, 1), D(2026, 6, 1))
    ownership.create_ownership(ana.id, "slo", "Checkout availability", D(2026, 11, 1))
    lines = growth.growth_of(ana.id).ownership
    assert [(o.name, o.until) for o in lines] == [("Checkout availability", None), ("DB failover", D(2026, 6, 1))]
    ownership.delete_ownership(ended.id)
    assert len(growth.growth_of(ana.id).ownership) == 1


def test_an_ownership_ending_later_is_not_listed_as_ended(pair):
    _me, ana = pair
    ownership.create_ownership(ana.id, "runbook", "DB failover", D(2026, 1, 1), D(2026, 6, 1))
    ownership.create_ownership(ana.id, "slo", "Checkout availability", D(2026, 11, 1), D(2027, 3, 31))
    today = D(2026, 11, 26)
    summaries = {r.summary for r in growth.growth_of(ana.id, as_of=today).records if r.kind == "ownership"}
    assert summaries == {"runbook DB failover (ended)", "slo Checkout availability (until 2027-03-31)"}
    # it runs through its last day, and has ended the day after
    summaries = {r.summary for r in growth.growth_of(ana.id, as_of=D(2027, 4, 1)).records if r.kind == "ownership"}
    assert "slo Checkout availability (ended)" in summaries


def test_kudos_received_with_what_they_are_for(pair):
    me, ana = pair
    shift = incidents.create_incident(ana.id, D(2026, 11, 2), "primary", "SEV2", "Checkout latency")
    kudos.create_kudos(ana.id, me.id, D(2026, 11, 3), "Calm and clear on the call", shift.uuid)
    kudos.create_kudos(ana.id, None, D(2026, 11, 4), "Thanks for the runbook", "the DB failover runbook")
    with pytest.raises(ValueError, match="a text is required"):
        kudos.create_kudos(ana.id, me.id, D(2026, 11, 4), "  ")
    g = growth.growth_of(ana.id)
    assert g.kudos_count == 2
    assert [(k.giver, k.for_label) for k in g.kudos] == [
        (None, "the DB failover runbook"), ("Bo Chen", "incident: Checkout latency"),
    ]


def test_the_growth_view_of_me_lists_the_anonymous_feedback_others_do_not(pair):
    _me, ana = pair
    feedback.create_feedback(D(2026, 11, 20), 4, "More labs")
    feedback.create_feedback(D(2026, 11, 21), 3, "Ana's view", ana.id)
    mine = person_view(ME)
    assert mine.name == "Bo Chen"
    assert [r.summary for r in mine.growth.records if r.kind == "feedback"] == [
        "program feedback 4/5 (anonymous): More labs",
    ]
    hers = person_view(ana.uuid)
    assert [r.summary for r in hers.growth.records if r.kind == "feedback"] == ["program feedback 3/5: Ana's view"]


def test_a_deleted_record_cited_by_a_rating_or_kudos_is_named_not_left_as_a_uuid(pair):
    """Alone (the lab) or with what holds it (the plan's goal): the citing text says what it was."""
    from mentor_tui.db import goals, labs, plans
    from mentor_tui.db.models import Kudos, Lab, SkillRating

    me, ana = pair
    plan = plans.create_plan(ana, "Kubernetes track", "skill", D(2026, 10, 1), D(2026, 12, 30))
    goal = goals.add_goal(plan.id, "Deploy to kind", "kubernetes")
    lab = Lab.create(goal=goal, title="NetworkPolicy: default deny")
    shift = incidents.create_incident(ana.id, D(2026, 11, 2), "primary", "SEV2", "Checkout latency")
    ratings.create_rating(ana.id, "security", 3, D(2026, 11, 3), me.id, lab.uuid)
    ratings.create_rating(ana.id, "incident-response", 3, D(2026, 11, 3), me.id, shift.uuid)
    kudos.create_kudos(ana.id, me.id, D(2026, 11, 4), "Great work", goal.uuid)
    untouched = ratings.create_rating(ana.id, "cicd", 2, D(2026, 11, 3), me.id, "https://example.com/pr/1")

    labs.delete_lab(lab.id)
    incidents.delete_incident(shift.id)
    plans.delete_plan(plan.id)  # the goal goes with it
    assert sorted(r.evidence for r in SkillRating.select()) == [
        "https://example.com/pr/1", "incident: Checkout latency (deleted)", "lab: NetworkPolicy: default deny (deleted)",
    ]
    assert [k.for_ref for k in Kudos.select()] == ["goal: Deploy to kind (deleted)"]
    assert SkillRating.get_by_id(untouched.id).evidence == "https://example.com/pr/1"


def test_a_record_of_several_lines_says_more_follow_in_the_list(pair):
    """The list shows a kudos' or feedback's first line; "…" says there is more (the view shows all)."""
    me, ana = pair
    kudos.create_kudos(ana.id, me.id, D(2026, 11, 3), "Calm on the call\n\nand kind to the new on-call")
    kudos.create_kudos(ana.id, me.id, D(2026, 11, 4), "  One line only\n")
    assert [r.summary for r in growth.growth_of(ana.id).records if r.kind == "kudos"] == [
        "from Bo Chen: One line only", "from Bo Chen: Calm on the call …",
    ]
