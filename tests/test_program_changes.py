"""What changed in who holds what, in plain sentences: a known before and after."""

from __future__ import annotations

import datetime as dt

from mentor_tui.db import models as m
from mentor_tui.db import program_health
from mentor_tui.db.program_changes import what_changed
from mentor_tui.db.reports.common import CompetencyRef, PersonRef
from mentor_tui.db.team_skills import BusFactor

K8S = CompetencyRef("kubernetes", "Kubernetes", True)
SEC = CompetencyRef("security", "Security", True)
IAC = CompetencyRef("iac", "Infrastructure as code", True)
CLOUD = CompetencyRef("cloud", "Cloud", True)


def who(name: str, team: str = "") -> PersonRef:
    return PersonRef(uuid=f"uuid-{name}", name=name, role="mentee", team=team)


ANA, BO, CY, DEE = who("Ana", "platform"), who("Bo", "platform"), who("Cy", "payments"), who("Dee")


def bf(comp: CompetencyRef, *people: PersonRef) -> BusFactor:
    return BusFactor(comp, tuple(sorted(people, key=lambda p: p.name)))


def sentences(before, after) -> list[tuple[bool, str]]:
    return [(c.better, c.text) for c in what_changed(before, after)]


def test_leaving_and_entering_single_point_status():
    before = [bf(K8S, ANA), bf(SEC, ANA, CY), bf(IAC), bf(CLOUD, CY)]
    after = [bf(K8S, ANA, CY), bf(SEC, CY), bf(IAC, DEE), bf(CLOUD)]
    assert sentences(before, after) == [
        (True, "Kubernetes is no longer a single point of knowledge: held by Ana and Cy (only Ana before)."),
        (False, "Security became a single point of knowledge: only Cy holds it (Ana and Cy before)."),
        (True, "Infrastructure as code has a first holder: Dee (still a single point of knowledge)."),
        (False, "Nobody holds Cloud any more (only Cy before)."),
    ]


def test_new_and_lost_holders_without_a_change_of_status():
    before = [bf(K8S, ANA, CY), bf(SEC, ANA, BO, CY)]
    after = [bf(K8S, ANA, CY, DEE, BO), bf(SEC, ANA, CY)]
    assert sentences(before, after) == [
        (True, "New holders of Kubernetes: Bo and Dee (now 4, 2 before)."),
        (False, "Security lost Bo as a holder (now 2, 3 before)."),
    ]


def test_one_holder_replaced_by_another_is_one_gain_and_one_loss():
    assert sentences([bf(SEC, ANA)], [bf(SEC, CY)]) == [
        (True, "New holder of Security: Cy (now 1, 1 before)."),
        (False, "Security lost Ana as a holder (now 1, 1 before)."),
    ]


def test_silos_closed_and_opened():
    before = [bf(K8S, ANA, BO), bf(SEC, ANA, CY), bf(IAC, ANA, BO)]
    after = [bf(K8S, ANA, BO, CY), bf(SEC, ANA, BO), bf(IAC, ANA, BO, DEE)]
    got = sentences(before, after)
    assert (True, "Kubernetes is no longer a silo of platform: held across payments and platform.") in got
    assert (False, "Security became a silo: its 2 holders are all in platform.") in got
    assert (True, "Infrastructure as code is no longer a silo of platform: held outside platform too.") in got
    # a silo that shrank to one holder is not "closed": the single-point sentence says what happened
    shrunk = sentences([bf(K8S, ANA, BO)], [bf(K8S, ANA)])
    assert shrunk == [(False, "Kubernetes became a single point of knowledge: only Ana holds it (Ana and Bo before).")]


def test_no_change_no_sentence_and_a_new_competency_counts_from_nobody():
    assert sentences([bf(K8S, ANA, BO)], [bf(K8S, BO, ANA)]) == []
    assert sentences([], [bf(K8S, ANA, CY)]) == [
        (True, "Kubernetes now has 2 holders: Ana and Cy (nobody before).")]


def test_what_changed_since_a_day_from_the_rating_history(store):
    ana = m.Person.create(name="Ana", team="platform")
    bo = m.Person.create(name="Bo", team="platform")

    def rate(p, key, level, day):
        m.SkillRating.create(person=p, competency=m.Competency.get(m.Competency.key == key), level=level,
                             rated_on=day, rated_by=None)

    rate(ana, "kubernetes", 4, dt.date(2026, 3, 1))
    rate(bo, "kubernetes", 2, dt.date(2026, 3, 1))
    rate(ana, "security", 4, dt.date(2026, 3, 1))
    rate(bo, "security", 4, dt.date(2026, 3, 1))
    rate(bo, "kubernetes", 4, dt.date(2026, 6, 10))  # after: Kubernetes has two holders, both platform
    rate(bo, "security", 3, dt.date(2026, 7, 1))  # after: Security is down to Ana
    health = program_health.program_health(dt.date(2026, 6, 1), dt.date(2026, 8, 31), "month")
    assert health.baseline_day == dt.date(2026, 5, 31)
    assert [c.text for c in health.improved] == [
        "Kubernetes is no longer a single point of knowledge: held by Ana and Bo (only Ana before).",
    ]
    assert [c.text for c in health.worse] == [
        "Kubernetes became a silo: its 2 holders are all in platform.",
        "Security became a single point of knowledge: only Ana holds it (Ana and Bo before).",
    ]
    assert (health.single_points_before, health.periods[-1].single_points) == (7, 7)
    assert (health.silos_before, health.periods[-1].silos) == (1, 1)
