"""Test data for the TOML exchange tests, built through the models (no demo generator).

`fill(...)` writes a small team: a mentor ("me"), two mentees, a lead, plans with
goals, labs and items, mentorships and check-ins with actions (one check-in
carries the sentinel private note), a recurring session with occurrences and
attendance, skill ratings, incidents, ownership, kudos and feedback, and one
user-made competency.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor_tui.db import database
from mentor_tui.db.models import (
    ActionItem,
    Attendance,
    CheckIn,
    Competency,
    Feedback,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Mentorship,
    Ownership,
    Person,
    Plan,
    Session,
    SessionOccurrence,
    SkillRating,
)

SENTINEL = "SENTINEL-PRIVATE-7f3a: Ana is nervous about on-call"
D = dt.date


@dataclass
class Team:
    me: Person
    ana: Person
    cai: Person
    lead: Person
    ana_plan: Plan
    cai_plan: Plan
    ana_mentorship: Mentorship
    checkin: CheckIn
    session: Session


def fill() -> Team:
    """Write the fixture team into the open store."""
    me = Person.create(name="Bo Chen", role="mentor", is_me=True, email="bo@example.com")
    ana = Person.create(name="Ana Ruiz", role="mentee", email="ana@example.com")
    cai = Person.create(name="Cai Müller", role="mentee")
    lead = Person.create(name="Dee Lead", role="lead")
    Person.create(name="Eve Unrelated", role="mentee")  # in no record of Ana's
    chaos = Competency.create(key="chaos-engineering", name="Chaos engineering", description="Game days")
    Competency.create(key="unused-skill", name="Unused", description="nobody refers to it")
    k8s = Competency.get(Competency.key == "kubernetes")
    cloud = Competency.get(Competency.key == "cloud")

    ana_plan = Plan.create(
        owner=ana,
        mentor=me,
        title="Onboarding: first 90 days",
        kind="onboarding",
        template="onboarding",
        start_on=D(2026, 9, 1),
        target_on=D(2026, 11, 30),
        status="active",
    )
    g1 = Goal.create(
        plan=ana_plan,
        competency=cloud,
        title="Set up the development environment",
        kind="skill",
        phase="30",
        due_on=D(2026, 9, 15),
        status="done",
        done_on=D(2026, 9, 12),
        detail="Markdown *text*\nwith two lines and “quotes” \"\"\" and a tab\t.",
        position=0,
    )
    Goal.create(plan=ana_plan, competency=chaos, title="Run a game day", kind="project", position=1)
    Goal.create(plan=ana_plan, competency=None, title="Mentor a newcomer", kind="mentoring", position=2)
    lab = Lab.create(
        goal=g1,
        title="Deploy the sample service to a kind cluster",
        detail="Steps in the wiki",
        link="https://example.com/lab",
        last_practised_on=D(2026, 9, 20),
        position=0,
    )
    LabItem.create(lab=lab, text="Create the cluster", done=True, done_on=D(2026, 9, 20), evidence="https://git.example.com/pr/1", position=0)
    LabItem.create(lab=lab, text="Deploy the service", done=False, position=1)
    Lab.create(goal=g1, title="Empty lab", position=1)

    cai_plan = Plan.create(owner=cai, title="Kubernetes track", kind="skill", start_on=D(2026, 10, 1), status="paused")
    Goal.create(plan=cai_plan, competency=k8s, title="Debug a CrashLoopBackOff", position=0)

    ana_m = Mentorship.create(mentor=me, mentee=ana, started_on=D(2026, 9, 1), focus="Kubernetes and on-call", cadence_days=14)
    cai_m = Mentorship.create(mentor=me, mentee=cai, started_on=D(2026, 10, 1), ended_on=D(2027, 3, 1), cadence_days=7)
    checkin = CheckIn.create(
        mentorship=ana_m,
        held_on=D(2026, 10, 1),
        progress="Finished the kind lab.",
        blockers="No access to staging.",
        next_steps="Shadow on-call.",
        confidence=3,
        private_notes=SENTINEL,
    )
    ActionItem.create(checkin=checkin, text="Request staging access", owner=ana, due_on=D(2026, 10, 8), done_on=D(2026, 10, 5), position=0)
    ActionItem.create(checkin=checkin, text="Book a game day", position=1)
    CheckIn.create(mentorship=ana_m, held_on=D(2026, 10, 15), progress="On track")
    CheckIn.create(mentorship=cai_m, held_on=D(2026, 10, 8), private_notes="cai private")

    session = Session.create(
        title="Incident review: October",
        kind="incident-review",
        starts_at=dt.datetime(2026, 10, 2, 15, 0, tzinfo=dt.UTC),
        timezone="Europe/Berlin",
        duration_minutes=45,
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        exdates="2026-10-16T15:00:00Z",
        presenter=me,
        link="https://meet.example.com/x",
        notes="Bring your questions",
    )
    occ = SessionOccurrence.create(session=session, starts_at=dt.datetime(2026, 10, 2, 15, 0, tzinfo=dt.UTC), notes="DNS outage")
    Attendance.create(occurrence=occ, person=ana)
    Attendance.create(occurrence=occ, person=me)
    other = Session.create(title="Platform update", kind="platform-update", starts_at=dt.datetime(2026, 11, 5, 9, 0, tzinfo=dt.UTC), presenter=lead)

    SkillRating.create(person=ana, competency=k8s, level=3, rated_on=D(2026, 10, 1), rated_by=me, evidence="lab-1")
    SkillRating.create(person=ana, competency=chaos, level=1, rated_on=D(2026, 10, 2), rated_by=None)
    SkillRating.create(person=cai, competency=k8s, level=4, rated_on=D(2026, 10, 2), rated_by=me)
    Incident.create(person=ana, occurred_on=D(2026, 10, 10), role="scribe", severity="SEV2", title="DNS resolution failures", lessons="TTLs", session=session)
    Incident.create(person=cai, occurred_on=D(2026, 10, 11), role="primary", severity="SEV3", title="Disk full", session=other)
    Ownership.create(person=ana, kind="slo", name="checkout-api availability 99.9%", since=D(2026, 11, 1), until=D(2027, 5, 1), notes="Quarterly review")
    Kudos.create(giver=lead, receiver=ana, given_on=D(2026, 10, 11), text="Calm and clear as scribe.", for_ref="i-1")
    Kudos.create(giver=None, receiver=cai, given_on=D(2026, 10, 12), text="Anonymous thanks")
    Feedback.create(given_on=D(2026, 11, 1), rating=4, text="The incident reviews help most.", person=ana)
    Feedback.create(given_on=D(2026, 11, 2), rating=2, text="Anonymous")
    return Team(me, ana, cai, lead, ana_plan, cai_plan, ana_m, checkin, session)


def parse(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def without_time(doc: dict[str, Any]) -> dict[str, Any]:
    """The document without `exported_at` and `exported_by` (when, and whose database)."""
    return {k: v for k, v in doc.items() if k not in ("exported_at", "exported_by")}


def dump_db(path: Path) -> list[str]:
    """Every row of the database as SQL text (sqlite3 iterdump), sorted: an import sets the search
    triggers aside and creates them again, after the schema's later entries (same schema)."""
    con = sqlite3.connect(path)
    try:
        return sorted(con.iterdump())
    finally:
        con.close()


def file_hash(path: Path) -> str:
    """The database file's bytes, hashed, with the store closed (WAL checkpointed)."""
    database.close_database()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()
