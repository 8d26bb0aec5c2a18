"""What if someone left: which competencies would drop to one holder, or to nobody.

Computed from a loaded `TeamSkills` (no query), so the what-if dialog can switch
between people instantly and the team report can ask it for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentor_tui.db.reports.common import CompetencyRef, PersonRef
from mentor_tui.db.team_skills import TeamSkills, describe


@dataclass(frozen=True)
class Drop:
    competency: CompetencyRef
    before: int  # holders today
    remaining: tuple[str, ...]  # names of the holders left without the person

    @property
    def after(self) -> int:
        return len(self.remaining)

    @property
    def label(self) -> str:
        """"nobody" or "single point of knowledge: NAME" once the person is gone."""
        return describe(self.remaining)


@dataclass(frozen=True)
class WhatIf:
    person: PersonRef
    holds: tuple[CompetencyRef, ...]  # what they hold today (level 4+, rated within the window)
    drops: tuple[Drop, ...]  # what would fall to 0 or 1 holder without them


def what_if_without(skills: TeamSkills, uuid: str) -> WhatIf | None:
    """What the team would lose without the person `uuid` (None: not an active person)."""
    row = skills.row_of(uuid)
    if row is None:
        return None
    holds = []
    drops = []
    for bf in skills.bus_factors:
        if row.person not in bf.holders:
            continue
        holds.append(bf.competency)
        remaining = tuple(p.name for p in bf.holders if p != row.person)
        if len(remaining) <= 1:
            drops.append(Drop(bf.competency, bf.count, remaining))
    return WhatIf(row.person, tuple(holds), tuple(drops))


def single_points(skills: TeamSkills) -> list[WhatIf]:
    """The what-if of each person who alone holds some competency, by name."""
    sole = {bf.holders[0].uuid for bf in skills.bus_factors if bf.count == 1}
    result = [what_if_without(skills, row.person.uuid) for row in skills.rows if row.person.uuid in sole]
    return [w for w in result if w is not None]
