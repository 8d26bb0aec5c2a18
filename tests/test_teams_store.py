"""Store tests of teams: silos, how many teams hold a competency, cross-team pairing, editing people."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui import schema
from mentor_tui.db import (
    growth_summary,
    mentorships,
    pairing,
    people,
    people_merge,
    team_skills,
    teams,
)
from mentor_tui.db import models as m

from .conftest import FROZEN_TODAY as TODAY


def d(days_ago: int) -> dt.date:
    return TODAY - dt.timedelta(days=days_ago)


def person(name: str, team: str = "", role: str = "mentee", archived: bool = False) -> m.Person:
    return m.Person.create(name=name, role=role, team=team, archived=archived)


def rate(who: m.Person, key: str, level: int, on: dt.date | None = None) -> None:
    m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == key),
                         level=level, rated_on=on or d(5))


def factor(key: str) -> team_skills.BusFactor:
    return next(bf for bf in team_skills.team_skills(TODAY, 12).bus_factors if bf.competency.key == key)


def test_holders_all_in_one_team_are_a_silo_said_in_words(store):
    for name in ("Jo", "Lu", "Pri"):
        rate(person(name, "platform"), "kubernetes", 4)
    bf = factor("kubernetes")
    assert bf.silo and not bf.flagged and bf.teams == ("platform",)
    assert bf.silo_sentence == "kubernetes: 3 holders, all in platform"
    assert bf.teams_label == "1 team"
    assert [s.competency.key for s in team_skills.team_skills(TODAY, 12).silos] == ["kubernetes"]


def test_holders_in_two_teams_are_no_silo_and_count_two_teams(store):
    rate(person("Jo", "platform"), "kubernetes", 5)
    rate(person("Lu", "platform"), "kubernetes", 4)
    rate(person("Mei", "data-infra"), "kubernetes", 4)
    bf = factor("kubernetes")
    assert not bf.silo and bf.silo_sentence == ""
    assert bf.teams == ("data-infra", "platform") and bf.teams_label == "2 teams"


def test_one_holder_is_a_single_point_not_a_silo(store):
    rate(person("Sofia", "payments-sre"), "security", 5)
    bf = factor("security")
    assert bf.flagged and not bf.silo


def test_an_archived_holder_in_another_team_does_not_keep_it_from_being_a_silo(store):
    rate(person("Jo", "platform"), "kubernetes", 5)
    rate(person("Lu", "platform"), "kubernetes", 4)
    rate(person("Old", "payments-sre", archived=True), "kubernetes", 5)
    bf = factor("kubernetes")
    assert bf.count == 2 and bf.silo and bf.silo_label == "2 holders, all in platform"


def test_a_stale_rating_in_another_team_does_not_count_either(store):
    rate(person("Jo", "platform"), "kubernetes", 5)
    rate(person("Lu", "platform"), "kubernetes", 4)
    rate(person("Mei", "data-infra"), "kubernetes", 5, d(800))  # older than the 12-month window
    assert factor("kubernetes").silo
    rate(m.Person.get(m.Person.name == "Mei"), "kubernetes", 4, d(3))  # rated again: counts
    assert not factor("kubernetes").silo and factor("kubernetes").count == 3


def test_a_holder_without_a_team_keeps_it_from_being_called_a_silo(store):
    rate(person("Jo", "platform"), "kubernetes", 5)
    rate(person("Lu", "platform"), "kubernetes", 4)
    rate(person("Anon"), "kubernetes", 4)
    bf = factor("kubernetes")
    assert not bf.silo and bf.teams == ("platform",)
    assert bf.teams_label == "1 team, 1 holder with no team"


def test_nobody_with_a_team_means_no_silo_and_no_team_words(store):
    rate(person("Jo"), "kubernetes", 5)
    rate(person("Lu"), "kubernetes", 4)
    skills = team_skills.team_skills(TODAY, 12)
    assert not skills.uses_teams and skills.silos == []
    assert factor("kubernetes").teams_label == "2 holders with no team"


def test_pairing_prefers_a_learner_of_another_team_and_says_so(store):
    sofia = person("Sofia", "payments-sre", "mentor")
    rate(sofia, "security", 5)
    rate(person("Amara", "payments-sre"), "security", 3)
    rate(person("Jonas", "platform"), "security", 3)
    rate(person("Lucas", "platform"), "security", 2)
    rate(person("Nia"), "security", 3)  # no team: not known to be cross-team
    got = [(s.learner.name, s.cross_team, s.teams_note)
           for s in pairing.suggestions(team_skills.team_skills(TODAY, 12))]
    assert got == [
        ("Jonas", True, "cross-team: payments-sre → platform"),
        ("Lucas", True, "cross-team: payments-sre → platform"),  # cross-team before a closer learner
        ("Amara", False, "same team: payments-sre"),
        ("Nia", False, ""),
    ]


def test_an_existing_mentorship_still_goes_last_even_across_teams(store):
    sofia = person("Sofia", "payments-sre", "mentor")
    jonas = person("Jonas", "platform")
    rate(sofia, "security", 5)
    rate(jonas, "security", 3)
    rate(person("Amara", "payments-sre"), "security", 3)
    mentorships.create_mentorship(sofia.id, jonas.id, d(30))
    got = [s.learner.name for s in pairing.suggestions(team_skills.team_skills(TODAY, 12))]
    assert got == ["Amara", "Jonas"]


def test_a_silo_gets_suggestions_only_with_people_outside_its_team(store):
    jo, lu = person("Jo", "platform", "mentor"), person("Lu", "platform")
    rate(jo, "kubernetes", 5)
    rate(lu, "kubernetes", 4)
    rate(person("Pat", "platform"), "kubernetes", 3)  # inside the silo's team: learning there keeps it
    rate(person("Mei", "data-infra"), "kubernetes", 2)
    found = pairing.suggestions(team_skills.team_skills(TODAY, 12))
    assert {(s.holder.name, s.learner.name) for s in found} == {("Jo", "Mei"), ("Lu", "Mei")}
    assert all(s.silo and s.teams_note == "cross-team: platform → data-infra" for s in found)
    ship = pairing.create_mentorship_for(found[0], TODAY)
    assert "across teams" in ship.focus


def test_the_dashboard_summary_lists_silos_for_a_mentor(store):
    me = people.set_me("Bo", "mentor")
    teams.set_team(me.id, "platform")
    rate(me, "kubernetes", 5)
    rate(person("Lu", "platform"), "kubernetes", 4)
    summary = growth_summary.growth_summary(TODAY, 12)
    assert [bf.silo_sentence for bf in summary.silos] == ["kubernetes: 2 holders, all in platform"]


def test_team_names_and_counts(store):
    person("Jo", "platform")
    person("Lu", "platform")
    person("Sofia", "Payments-SRE")
    person("Old", "archive-team", archived=True)
    person("Nia")
    assert teams.team_names() == ["archive-team", "Payments-SRE", "platform"]  # archived people's too
    counts = [(c.label, c.people) for c in teams.team_counts()]
    assert counts == [("Payments-SRE", 1), ("platform", 2), ("no team", 1)]  # active only, no team last


def test_group_by_team_puts_people_without_a_team_last():
    from mentor_tui.db.reports.common import PersonRef

    refs = [PersonRef("u1", "Zoe", "mentee", team=""), PersonRef("u2", "Ana", "mentee", team="platform"),
            PersonRef("u3", "Bo", "mentee", team="data")]
    assert [(team, [p.name for p in group]) for team, group in teams.group_by_team(refs)] == [
        ("data", ["Bo"]), ("platform", ["Ana"]), ("", ["Zoe"])]
    assert [p.name for p in teams.in_team(refs, "")] == ["Zoe"]
    assert len(teams.in_team(refs, None)) == 3


def test_setting_a_team_trims_it_and_empty_means_no_team(store):
    jo = person("Jo")
    assert teams.set_team(jo.id, "  platform ").team == "platform"
    assert teams.set_team(jo.id, "").team == ""
    assert teams.set_team(jo.id, None).team == ""


@pytest.mark.parametrize(
    ("team", "message"),
    [
        ("plat\x1bform", "team: expected text without control characters, got \\x1b at position 5"),
        ("x" * 61, "team: expected at most 60 characters, got 61"),
    ],
)
def test_a_team_the_registry_refuses_is_refused_by_every_store_function(store, team, message):
    jo = person("Jo", "platform")
    for call in (lambda: teams.set_team(jo.id, team),
                 lambda: teams.update_person(jo.id, "Jo", "mentee", None, team),
                 lambda: people.add_person("Lu", "mentee", None, team)):
        with pytest.raises(schema.RecordError, match="team: ") as raised:
            call()
        assert str(raised.value) == message and raised.value.field == "team"
    assert m.Person.get_by_id(jo.id).team == "platform" and people.count() == 1
    assert teams.set_team(jo.id, "x" * 60).team == "x" * 60  # the limit itself is fine


def test_editing_a_person_changes_every_field_and_refuses_a_name_taken(store):
    jo, _lu = person("Jo"), person("Lu")
    edited = teams.update_person(jo.id, " Jonas ", "mentor", " jonas@example.com ", "platform")
    assert (edited.name, edited.role, edited.email, edited.team) == ("Jonas", "mentor", "jonas@example.com", "platform")
    assert teams.update_person(jo.id, "JONAS", "mentor", "", "").email is None  # their own name, any case
    with pytest.raises(ValueError, match="Lu is already here"):
        teams.update_person(jo.id, "lu", "mentor", None, "")
    with pytest.raises(ValueError, match="no longer exists"):
        teams.update_person(9999, "X", "mentee", None, "")


def test_an_email_of_spaces_is_refused_by_an_edit_as_by_a_new_person(store):
    """The forms send a field of spaces as empty (no email); the store itself, as the command
    line and an import reach it, refuses spaces alone on add and edit alike."""
    jo = person("Jo")
    for save in (lambda: people.add_person("Lu", "mentee", "   "),
                 lambda: teams.update_person(jo.id, "Jo", "mentee", "   ", "")):
        with pytest.raises(ValueError, match="an email address like"):
            save()


def test_an_email_someone_else_has_is_refused_on_every_path(store):
    # an import finds a person by email only when one person here has it: two must not share one
    jo = people.add_person("Jo", "mentee", " jo@example.com ")
    assert jo.email == "jo@example.com"
    with pytest.raises(ValueError, match="Jo already has the email JO@example.com"):
        people.add_person("Lu", "mentee", "JO@example.com")
    lu = people.add_person("Lu", "mentee", "lu@example.com")
    with pytest.raises(ValueError, match="Jo already has the email"):
        teams.update_person(lu.id, "Lu", "mentee", " Jo@Example.com", "")
    assert teams.update_person(jo.id, "Jo", "mentor", "JO@example.com", "").email == "JO@example.com"  # their own
    with pytest.raises(ValueError, match="Lu already has the email"):
        people.set_me("Me", "lead", "lu@example.com")
    assert [p.email for p in m.Person.select().order_by(m.Person.id)] == ["JO@example.com", "lu@example.com"]


def test_a_merge_keeps_the_team_of_the_other_when_keep_has_none(store):
    keep, other = person("Ana"), person("Ana R.", "platform")
    people_merge.merge(keep, other)
    assert m.Person.get_by_id(keep.id).team == "platform"
