"""Pairing suggestions: who could spread a flagged competency or open a silo, and making that a mentorship.

For each flagged competency (bus factor 0 or 1) with a holder, every active
person whose level in it is 2 (learning) or 3 (practitioner) is a candidate
learner. For each silo (two or more holders, all of one team), the candidates
are the people at level 2-3 outside that team. Pairs that have no active
mentorship between them (in either direction) come first, then **cross-team**
pairs (holder and learner both have a team, and they differ), then learners
closer to proficient (3 before 2), then by name. A competency nobody holds has
no suggestion: the screens say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui.db.models import Mentorship, Person
from mentor_tui.db.reports.common import CompetencyRef, PersonRef, each_row
from mentor_tui.db.team_skills import TeamSkills

LEARNER_LEVELS = (2, 3)


@dataclass(frozen=True)
class Suggestion:
    competency: CompetencyRef
    holder: PersonRef
    learner: PersonRef
    learner_level: int
    has_mentorship: bool  # an active mentorship joins the two already (either way)
    silo: bool = False  # suggested to open a silo (else: a bus factor of 1)

    @property
    def cross_team(self) -> bool:
        """Holder and learner are in different teams (both known)."""
        return bool(self.holder.team and self.learner.team and self.holder.team != self.learner.team)

    @property
    def teams_note(self) -> str:
        """"cross-team: platform → payments-sre", "same team: platform", or "" when a team is unknown."""
        if self.cross_team:
            return f"cross-team: {self.holder.team} → {self.learner.team}"
        if self.holder.team and self.holder.team == self.learner.team:
            return f"same team: {self.holder.team}"
        return ""

    @property
    def key(self) -> str:
        return f"{self.competency.key}|{self.holder.uuid}|{self.learner.uuid}"


def active_pairs() -> set[frozenset[int]]:
    """The person ids of each active mentorship, as unordered pairs."""
    query = Mentorship.select(Mentorship.mentor, Mentorship.mentee).where(Mentorship.ended_on.is_null()).tuples()
    return {frozenset((mentor, mentee)) for mentor, mentee in each_row(query)}


def suggestions(skills: TeamSkills, pairs: set[frozenset[int]] | None = None) -> list[Suggestion]:
    """Every suggestion for the flagged competencies, then for the silos (each in competency order),
    best first within each."""
    pairs = active_pairs() if pairs is None else pairs
    ids = {row.person.uuid: row.person_id for row in skills.rows}
    out: list[Suggestion] = []
    for bf in [*skills.flagged, *skills.silos]:
        key = bf.competency.key
        found = []
        for holder in bf.holders:
            for row in skills.rows:
                level = row.cells[key].level if key in row.cells else None
                if row.person == holder or level not in LEARNER_LEVELS:
                    continue
                if bf.silo and row.person.team == holder.team:
                    continue  # learning it inside the team keeps the silo
                paired = frozenset((ids[holder.uuid], row.person_id)) in pairs
                found.append(Suggestion(bf.competency, holder, row.person, level, paired, bf.silo))
        found.sort(key=lambda s: (s.has_mentorship, not s.cross_team, -s.learner_level, s.learner.name,
                                  s.holder.name))
        out += found
    return out


def team_suggestions(as_of: dt.date | None = None, months: int | None = None) -> tuple[TeamSkills, list[Suggestion]]:
    """The team's skills and the suggestions read from them (one worker call for a screen)."""
    from mentor_tui.db.team_skills import DEFAULT_MONTHS, team_skills

    skills = team_skills(as_of, months or DEFAULT_MONTHS)
    return skills, suggestions(skills)


def create_mentorship_for(suggestion: Suggestion, started_on: dt.date, cadence_days: int = 14):
    """The suggested mentorship: the holder mentors the learner, focused on the competency."""
    from mentor_tui.db import mentorships

    mentor = Person.get_or_none(Person.uuid == suggestion.holder.uuid)
    mentee = Person.get_or_none(Person.uuid == suggestion.learner.uuid)
    if mentor is None or mentee is None:
        raise ValueError("that person is not here anymore")
    across = " across teams" if suggestion.cross_team else ""
    focus = f"{suggestion.competency.name}: spread the knowledge{across} (pairing suggestion)"
    return mentorships.create_mentorship(mentor.get_id(), mentee.get_id(), started_on, cadence_days, focus)
