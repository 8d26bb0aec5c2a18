"""A small, fully known team for the report, CSV and backup tests.

Built with the models directly (no demo generator). "Today" is TODAY; the default
report period is therefore 2025-11-26 .. 2026-11-26. What each test looks for is
named in the constants below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mentor_tui.db import models as m
from mentor_tui.db.database import open_database

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
SENTINEL = "SENTINEL-PRIVATE-7f3a"
EVIDENCE_URL = "https://git.example.com/alice/k8s-labs/pull/12"
EVIDENCE_NOTE = "screenshot in the wiki | ops space"
KUDOS_TEXT = "Calm and clear as primary on the checkout incident"
OLD_KUDOS_TEXT = "Thanks for the 2024 onboarding notes"
SESSION_TITLE = "Lessons from the checkout incident"
PIPE_COMPETENCY = ("terraform-modules", "Terraform | modules")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass
class Team:
    alice: m.Person  # me, a mentee: the brag-doc subject
    bob: m.Person  # her mentor
    carol: m.Person  # lead, the only security expert
    dave: m.Person  # archived kubernetes expert: does not count
    eve: m.Person  # mentee whose iac went down from 4 to 2


def competency(key: str) -> m.Competency:
    return m.Competency.get(m.Competency.key == key)


def rate(person: m.Person, key: str, level: int, on: str, by: m.Person | None = None) -> None:
    m.SkillRating.create(
        person=person, competency=competency(key), level=level, rated_on=d(on), rated_by=by
    )


def build(path: Path) -> Team:
    """Open a new store at `path` and fill it; the store stays open."""
    open_database(path)
    alice = m.Person.create(
        name="Alice Example", role="mentee", is_me=True, email="alice@example.com"
    )
    bob = m.Person.create(name="Bob Mentor", role="mentor")
    carol = m.Person.create(name="Carol Lead", role="lead")
    dave = m.Person.create(name="Dave Gone", role="mentor", archived=True)
    eve = m.Person.create(name="Eve Newcomer", role="mentee")
    m.Competency.create(key=PIPE_COMPETENCY[0], name=PIPE_COMPETENCY[1], description="modules")

    # A plan: 2 of 4 goals done, 4 of 5 lab items done.
    plan = m.Plan.create(
        owner=alice,
        mentor=bob,
        title="Kubernetes track",
        kind="skill",
        start_on=d("2025-12-01"),
        target_on=d("2026-12-31"),
    )
    g1 = m.Goal.create(
        plan=plan,
        competency=competency("kubernetes"),
        title="Deploy stateful workloads",
        status="done",
        done_on=d("2026-05-01"),
        position=0,
    )
    g2 = m.Goal.create(
        plan=plan, title="Write the cluster upgrade runbook", status="doing", position=1
    )
    m.Goal.create(plan=plan, title="Own the ingress SLO", kind="slo-ownership", position=2)
    m.Goal.create(
        plan=plan,
        title="Pass the CKA practice exam",
        status="done",
        done_on=d("2025-01-15"),
        position=3,
    )  # done before the period
    lab = m.Lab.create(
        goal=g1, title="Run a StatefulSet with backups", link="https://labs.example.com/sts"
    )
    m.LabItem.create(
        lab=lab, text="Create the StatefulSet", done=True, done_on=d("2026-04-02"), position=0
    )
    m.LabItem.create(
        lab=lab,
        text="Restore from a snapshot",
        done=True,
        done_on=d("2026-04-10"),
        evidence=EVIDENCE_URL,
        position=1,
    )
    m.LabItem.create(
        lab=lab,
        text="Document the restore",
        done=True,
        done_on=d("2026-04-08"),
        evidence=EVIDENCE_NOTE,
        position=2,
    )
    unfinished = m.Lab.create(goal=g2, title="Upgrade a kind cluster")
    m.LabItem.create(
        lab=unfinished, text="Upgrade the control plane", done=True, done_on=d("2026-06-01")
    )
    m.LabItem.create(lab=unfinished, text="Upgrade the nodes", done=False)
    # An archived plan of hers and an active plan of Eve's.
    m.Plan.create(
        owner=alice, title="Old archived plan", status="archived", start_on=d("2024-01-01")
    )
    eve_plan = m.Plan.create(
        owner=eve, mentor=bob, title="Onboarding", kind="onboarding", start_on=d("2026-10-01")
    )
    m.Goal.create(plan=eve_plan, title="Set up the laptop", status="done", done_on=d("2026-10-02"))
    m.Goal.create(plan=eve_plan, title="Read the pipeline overview")
    m.Goal.create(plan=eve_plan, title="Shadow an on-call week")

    # A check-in with private notes that must never reach a report or the CSV.
    ship = m.Mentorship.create(mentor=bob, mentee=alice, started_on=d("2025-12-01"))
    checkin = m.CheckIn.create(
        mentorship=ship,
        held_on=d("2026-06-01"),
        progress="Good progress on the lab",
        private_notes=f"{SENTINEL} worried about burnout",
    )
    m.ActionItem.create(checkin=checkin, text="Book the CKA exam", owner=alice)

    # Skills. Alice: kubernetes 2 -> 4 in the period; iac 3 since before the period.
    rate(alice, "kubernetes", 2, "2025-12-01", by=bob)
    rate(alice, "kubernetes", 3, "2026-04-15", by=bob)
    rate(alice, "kubernetes", 4, "2026-10-01", by=bob)
    rate(alice, "iac", 3, "2024-06-01")
    rate(alice, PIPE_COMPETENCY[0], 1, "2026-02-01")
    # Bob: kubernetes expert (recent); observability 4 but stale (2024).
    rate(bob, "kubernetes", 5, "2026-06-01")
    rate(bob, "observability", 4, "2024-01-01")
    rate(bob, "cicd", 4, "2026-03-01")
    # Carol: the only security expert; cicd too.
    rate(carol, "security", 5, "2026-09-01")
    rate(carol, "cicd", 4, "2026-01-10")
    # Dave is archived: his expertise does not count, and he is not in the matrix.
    rate(dave, "security", 5, "2026-10-01")
    rate(dave, "kubernetes", 5, "2026-10-01")
    # Eve: iac was 4, her latest rating is 2 -> does not count.
    rate(eve, "iac", 4, "2025-12-01")
    rate(eve, "iac", 2, "2026-07-01")

    # Incidents: one primary, two shadow in the period; one shadow before it.
    m.Incident.create(
        person=alice,
        occurred_on=d("2026-03-03"),
        role="primary",
        severity="SEV2",
        title="Checkout latency spike",
    )
    m.Incident.create(
        person=alice,
        occurred_on=d("2026-01-10"),
        role="shadow",
        severity="SEV3",
        title="DNS flapping in staging",
    )
    m.Incident.create(
        person=alice,
        occurred_on=d("2026-02-02"),
        role="shadow",
        severity="SEV3",
        title="Disk full on a build runner",
    )
    m.Incident.create(
        person=alice,
        occurred_on=d("2024-05-05"),
        role="scribe",
        severity="SEV1",
        title="Old outage before the period",
    )

    # Ownership: one current, one handed over in the period, one long gone.
    m.Ownership.create(
        person=alice, kind="slo", name="Checkout availability SLO", since=d("2026-02-01")
    )
    m.Ownership.create(
        person=alice,
        kind="runbook",
        name="Build runner disk runbook",
        since=d("2025-06-01"),
        until=d("2026-06-01"),
    )
    m.Ownership.create(
        person=alice,
        kind="service",
        name="Ancient service",
        since=d("2023-01-01"),
        until=d("2024-01-01"),
    )

    # Kudos: one in the period, one before it.
    m.Kudos.create(giver=bob, receiver=alice, given_on=d("2026-03-04"), text=KUDOS_TEXT)
    m.Kudos.create(giver=carol, receiver=alice, given_on=d("2024-03-04"), text=OLD_KUDOS_TEXT)

    # Sessions: one she presented in the period, one long before, one by Bob.
    m.Session.create(
        title=SESSION_TITLE,
        kind="incident-review",
        presenter=alice,
        starts_at=dt.datetime(2026, 3, 20, 14, 0, tzinfo=dt.UTC),
    )
    m.Session.create(
        title="Old talk", presenter=alice, starts_at=dt.datetime(2024, 3, 20, 14, 0, tzinfo=dt.UTC)
    )
    m.Session.create(
        title="Platform update",
        kind="platform-update",
        presenter=bob,
        starts_at=dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC),
        rrule="FREQ=WEEKLY;INTERVAL=2",
    )
    return Team(alice=alice, bob=bob, carol=carol, dave=dave, eve=eve)


# The matrix as the CSV must hold it: active people by name, builtin order then user-made.
EXPECTED_COMPETENCIES = [
    "kubernetes",
    "iac",
    "cicd",
    "cloud",
    "observability",
    "security",
    "incident-response",
    "leadership",
    "terraform-modules",
]
EXPECTED_LEVELS = {
    "Alice Example": {"kubernetes": "4", "iac": "3", "terraform-modules": "1"},
    "Bob Mentor": {"kubernetes": "5", "observability": "4", "cicd": "4"},
    "Carol Lead": {"security": "5", "cicd": "4"},
    "Eve Newcomer": {"iac": "2"},
}
