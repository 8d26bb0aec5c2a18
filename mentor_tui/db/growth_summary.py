"""The Dashboard's growth panel: "me"'s growth this quarter, and the team's flagged competencies.

Everyone who has a "me" sees their own summary (skills changed this quarter,
on-call ladder step, open ownership, recent kudos); a mentor or a lead also sees
the competencies whose bus factor is 0 or 1 and the silos (see `team_skills`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from peewee import JOIN

from mentor_tui.db import people
from mentor_tui.db.models import Kudos, Ownership, Person
from mentor_tui.db.reports.common import as_date, each_row, pk
from mentor_tui.db.reports.skills import SkillChange, skill_changes
from mentor_tui.db.reports.team_activity import ladder_summary
from mentor_tui.db.team_skills import DEFAULT_MONTHS, BusFactor, team_skills

RECENT_KUDOS_DAYS = 90
TEAM_ROLES = ("mentor", "lead")


@dataclass(frozen=True)
class OwnedThing:
    kind: str
    name: str
    since: dt.date


@dataclass(frozen=True)
class RecentKudos:
    given_on: dt.date
    giver: str | None
    text: str


@dataclass(frozen=True)
class GrowthSummary:
    quarter_from: dt.date
    skills_changed: list[SkillChange]
    ladder_step: str | None
    ownership: list[OwnedThing]
    kudos: list[RecentKudos]
    sees_team: bool  # a mentor or a lead
    flagged: list[BusFactor]  # only when sees_team
    team_rated: bool  # anyone has a rating (else "nobody" everywhere says little)
    silos: list[BusFactor] = field(default_factory=list)  # held by 2+ people, all of one team (sees_team)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def growth_summary(today: dt.date, months: int = DEFAULT_MONTHS) -> GrowthSummary | None:
    """None when nobody is "me" yet."""
    me = people.me()
    if me is None:
        return None
    since = quarter_start(today)
    # a skill rated for the first time this quarter is growth too, whatever its level
    changed = [c for c in skill_changes(me, since, today) if c.ratings_in_period and (c.delta or c.first_in_period)]
    ladder = ladder_summary(today, [me.get_id()])
    owned = [
        OwnedThing(kind, name, as_date(on))
        for kind, name, on in each_row(
            Ownership.select(Ownership.kind, Ownership.name, Ownership.since)
            .where((Ownership.person == me) & (Ownership.since <= today)
                   & (Ownership.until.is_null() | (Ownership.until > today)))
            .order_by(Ownership.since, pk(Ownership))
            .tuples()
        )
    ]
    kudos = [
        RecentKudos(as_date(on), None if giver is None else people.shown_name(giver, archived), text)
        for on, giver, archived, text in each_row(
            Kudos.select(Kudos.given_on, Person.name, Person.archived, Kudos.text)
            .join(Person, JOIN.LEFT_OUTER, on=(Kudos.giver == pk(Person)))
            .where((Kudos.receiver == me) & (Kudos.given_on <= today)
                   & (Kudos.given_on > today - dt.timedelta(days=RECENT_KUDOS_DAYS)))
            .order_by(Kudos.given_on.desc(), pk(Kudos).desc())
            .limit(3)
            .tuples()
        )
    ]
    sees_team = me.role in TEAM_ROLES
    skills = team_skills(today, months) if sees_team else None
    return GrowthSummary(
        quarter_from=since,
        skills_changed=changed,
        ladder_step=ladder[0].step if ladder else None,
        ownership=owned,
        kudos=kudos,
        sees_team=sees_team,
        flagged=skills.flagged if skills else [],
        team_rated=bool(skills and skills.has_ratings),
        silos=skills.silos if skills else [],
    )


