"""Team's bus factor panel: per competency its holders, how many teams hold it, and what is at risk.

Flagged competencies (nobody, or a single point of knowledge) come first, then
silos (two or more holders, all of one team: "kubernetes: 2 holders, all in
platform"), each with its best pairing suggestion; then the rest, fewest holders
first. Team words show only once someone has a team.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

FLAG = "⚠"
SILO = "⚑"
OK = "✓"


def _order(bf: Any) -> tuple[int, int]:
    return (0 if bf.flagged else 1 if bf.silo else 2, bf.count)


def _pair_line(best: Any) -> tuple[str, str]:
    teams = f" · {best.teams_note}" if best.teams_note else ""
    return (f"    pair: {best.holder.name} → {best.learner.name} (level {best.learner_level}){teams}"
            "  · p: all suggestions\n", "$text-muted")


def bus_factor_text(skills: Any, suggestions: list[Any]) -> Content:
    """Names, teams and competency keys are user text: assembled, never read as markup."""
    teams = skills.uses_teams
    heading = f"  level 4+, rated in the last {skills.months} months"
    parts: list[Any] = [("Bus factor", "bold"), heading + (" · teams holding it\n" if teams else "\n")]
    ordered = sorted(skills.bus_factors, key=_order)
    width = max((len(bf.competency.key) for bf in ordered), default=0)
    for bf in ordered:
        key = bf.competency.key.ljust(width)
        best = next((s for s in suggestions if s.competency.key == bf.competency.key), None)
        if bf.flagged:
            parts += [(f"{FLAG} {key} {bf.count}  ", "bold $error"), (bf.label, "$error")]
            if teams and bf.teams:
                parts.append((f" ({bf.teams[0]})", "$error"))
            parts.append("\n")
            if not skills.has_ratings:
                continue  # one note below says why, not eight
            if best is not None:
                parts.append(_pair_line(best))
            elif not bf.holders:
                parts.append(("    nobody to pair from yet\n", "$text-muted"))
            else:
                parts.append(("    nobody at level 2–3 to pair with yet\n", "$text-muted"))
        elif bf.silo:
            parts += [(f"{SILO} {key} {bf.count}  ", "bold $warning"), (f"silo: {bf.silo_label}", "$warning"),
                      (f" ({bf.label})\n", "$text-muted")]
            if best is not None:
                parts.append(_pair_line(best))
            else:
                parts.append((f"    nobody outside {bf.teams[0]} at level 2–3 to pair with yet\n", "$text-muted"))
        else:
            parts += [f"{OK} {key} {bf.count}  ", (bf.label, "$text-muted")]
            if teams and bf.holders:
                parts.append((f" · {bf.teams_label}", "$text-muted"))
            parts.append("\n")
    if not skills.has_ratings:
        parts.append(("\nNobody is rated yet: open a person (enter) to rate their skills.", "$text-muted"))
    return Content.assemble(*parts)
