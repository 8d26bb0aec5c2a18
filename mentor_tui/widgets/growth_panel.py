"""The Dashboard's growth panel: my growth this quarter, and (mentor or lead) the team's flagged skills.

Fed with a `db.growth_summary.GrowthSummary`; names, competency names and keys, and kudos
are user text, assembled and never read as markup.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from mentor_tui import dates

LADDER_WORDS = {
    "shadow": "shadow",
    "secondary": "secondary",
    "primary": "primary",
    "incident-commander": "incident commander",
}
LADDER_ORDER = ("shadow", "secondary", "primary", "incident-commander")


class GrowthPanel(Static):
    """Empty until `show_summary` is given one (nothing is shown before "me" is set)."""

    def show_summary(self, summary: Any) -> None:
        self.display = summary is not None
        if summary is not None:
            self.update(growth_text(summary))


def ladder_text(step: str | None) -> str:
    """`shadow → [secondary] → primary → incident commander`: where I am on the on-call ladder."""
    if step is None:
        return "not on call yet (first step: shadow)"
    return " → ".join(f"[{LADDER_WORDS[r]}]" if r == step else LADDER_WORDS[r] for r in LADDER_ORDER)


def skill_change_text(change: Any) -> str:
    """`CI/CD 2→3`; a skill first rated in the quarter: `CI/CD new: 2` (or `new: 2→3` when rated again)."""
    levels = f"{change.from_level}→{change.to_level}" if change.delta else str(change.to_level)
    return f"{change.competency_name} {'new: ' if change.first_in_period else ''}{levels}"


def growth_text(s: Any) -> Content:
    parts: list[Any] = [("My growth", "bold"), (f"  this quarter, since {dates.show(s.quarter_from)}\n", "$text-muted")]
    if s.skills_changed:
        changes = ", ".join(skill_change_text(c) for c in s.skills_changed[:4])
        more = f" and {len(s.skills_changed) - 4} more" if len(s.skills_changed) > 4 else ""
        parts += ["  Skills     ", changes + more, "\n"]
    else:
        parts += ["  Skills     ", ("no new or changed level this quarter", "$text-muted"), "\n"]
    parts += ["  On call    ", ladder_text(s.ladder_step), "\n"]
    if s.ownership:
        owned = ", ".join(f"{o.name} ({o.kind})" for o in s.ownership[:4])
        more = f" and {len(s.ownership) - 4} more" if len(s.ownership) > 4 else ""
        parts += ["  I own      ", owned + more, "\n"]
    else:
        parts += ["  I own      ", ("nothing open", "$text-muted"), "\n"]
    if s.kudos:
        for index, k in enumerate(s.kudos):
            label = "  Kudos      " if index == 0 else "             "
            parts += [label, f"“{k.text}”", (f" from {k.giver or 'someone'}, {dates.show(k.given_on)}", "$text-muted"), "\n"]
    else:
        parts += ["  Kudos      ", ("none in the last 90 days", "$text-muted"), "\n"]
    if s.sees_team:
        parts.append(("\nTeam's flagged skills", "bold"))
        parts.append(("  bus factor 0 or 1, or silos (held in one team) · 6 then w, p for what-if and pairing\n",
                      "$text-muted"))
        if not s.team_rated:
            parts.append(("  Nobody is rated yet, so every skill has nobody: rate people from Team (6).\n", "$text-muted"))
        elif not s.flagged and not s.silos:
            parts.append(("  None: every skill has two or more holders.\n", "$success"))
        else:
            for bf in s.flagged:
                parts += ["  ⚠ ", (bf.competency.key, "bold $error"), f"  {bf.label}\n"]
            for bf in s.silos:  # held, but within one team only
                parts += ["  ⚑ ", (bf.competency.key, "bold $warning"), f"  silo: {bf.silo_label}\n"]
    return Content.assemble(*parts)
