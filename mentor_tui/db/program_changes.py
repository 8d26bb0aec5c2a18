"""What changed in who holds what between two days, in plain sentences.

Compares the bus factors as of two days (`team_skills`' rule on each): competencies
that stopped or started being a single point of knowledge (bus factor 0 or 1), new
and lost holders, silos closed and opened (a silo: 2+ holders, all of one team).
Each change is an improvement or a step back; nothing here is phrased for a screen,
the same sentences go to the Program view and to `report --team`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mentor_tui.db.reports.common import CompetencyRef
from mentor_tui.db.team_skills import BusFactor


@dataclass(frozen=True)
class Change:
    competency: CompetencyRef
    better: bool
    text: str


def _names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _was(bf: BusFactor) -> str:
    if not bf.holders:
        return "nobody before"
    if bf.count == 1:
        return f"only {bf.names[0]} before"
    return f"{_names(bf.names)} before"


def _holders_change(before: BusFactor, after: BusFactor) -> list[Change]:
    comp, name = after.competency, after.competency.name
    b, a = before.count, after.count
    if b == 0 and a > 1:
        return [Change(comp, True, f"{name} now has {a} holders: {_names(after.names)} (nobody before).")]
    if b <= 1 < a:
        return [Change(comp, True, f"{name} is no longer a single point of knowledge: held by "
                                   f"{_names(after.names)} ({_was(before)}).")]
    if a <= 1 < b:
        if a == 0:
            return [Change(comp, False, f"Nobody holds {name} any more ({_was(before)}).")]
        return [Change(comp, False, f"{name} became a single point of knowledge: only {after.names[0]} holds it "
                                    f"({_was(before)}).")]
    if b == 0 and a == 1:
        return [Change(comp, True, f"{name} has a first holder: {after.names[0]} "
                                   "(still a single point of knowledge).")]
    if b == 1 and a == 0:
        return [Change(comp, False, f"Nobody holds {name} any more ({_was(before)}).")]
    gained = [p.name for p in after.holders if p.uuid not in {q.uuid for q in before.holders}]
    lost = [p.name for p in before.holders if p.uuid not in {q.uuid for q in after.holders}]
    out = []
    if gained:
        word = "holder" if len(gained) == 1 else "holders"
        out.append(Change(comp, True, f"New {word} of {name}: {_names(gained)} (now {a}, {b} before)."))
    if lost:
        out.append(Change(comp, False, f"{name} lost {_names(lost)} as a holder (now {a}, {b} before)."))
    return out


def _silo_change(before: BusFactor, after: BusFactor) -> list[Change]:
    comp, name = after.competency, after.competency.name
    if after.silo and not before.silo:
        return [Change(comp, False, f"{name} became a silo: its {after.count} holders are all in {after.teams[0]}.")]
    if before.silo and not after.silo and after.count >= 2:
        where = (f"held across {_names(list(after.teams))}" if len(after.teams) > 1
                 else f"held outside {before.teams[0]} too")
        return [Change(comp, True, f"{name} is no longer a silo of {before.teams[0]}: {where}.")]
    return []


def what_changed(before: Sequence[BusFactor], after: Sequence[BusFactor]) -> list[Change]:
    """Per competency of `after` (in its order), what changed since `before`; a competency
    missing from `before` (made since) counts as held by nobody then."""
    earlier = {bf.competency.key: bf for bf in before}
    changes: list[Change] = []
    for now in after:
        then = earlier.get(now.competency.key, BusFactor(now.competency, ()))
        changes += _holders_change(then, now)
        changes += _silo_change(then, now)
    return changes
