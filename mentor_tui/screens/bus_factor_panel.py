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


def _pair_lines(best: Any) -> list[Any]:
    """The best suggestion; its teams ("cross-team: platform → data-infra") on a line of their own."""
    lines: list[Any] = [(f"    pair: {best.holder.name} → {best.learner.name} (level {best.learner_level})"
                         "  · p: all suggestions\n", "$text-muted")]
    if best.teams_note:
        lines.append((f"          {best.teams_note}\n", "$success" if best.cross_team else "$text-muted"))
    return lines


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
            parts += [(f"{FLAG} {key} {bf.count}  ", "bold $error"), (bf.label, "$error"), "\n"]
            if not skills.has_ratings:
                continue  # one note below says why, not eight
            if best is not None:
                parts += _pair_lines(best)
            elif not bf.holders:
                parts.append(("    nobody to pair from yet\n", "$text-muted"))
            else:
                parts.append(("    nobody at level 2–3 to pair with yet\n", "$text-muted"))
        elif bf.silo:
            parts += [(f"{SILO} {key} {bf.count}  ", "bold $warning"), (f"silo: {bf.silo_label}\n", "$warning")]
            if best is not None:
                parts += _pair_lines(best)
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
