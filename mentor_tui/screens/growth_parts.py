"""The parts of the growth view as text: skills (self and mentor side by side, history as a
sparkline, evidence), the on-call ladder, ownership, kudos received.

Names, titles and evidence are user text: assembled into Content, never read as markup.
"""

from __future__ import annotations

from textual.content import Content

from mentor_tui import dates
from mentor_tui.db.growth import Growth, Rating, SkillLine
from mentor_tui.screens.section import clip
from mentor_tui.vocabulary import LEVELS

SPARK = "▁▂▃▅▆█"  # level 0 to 5


def sparkline(levels: tuple[int, ...]) -> str:
    return "".join(SPARK[max(0, min(5, level))] for level in levels)


def _level(rating: Rating | None) -> str:
    return "—" if rating is None else f"{rating.level} {LEVELS.get(rating.level, '?')}"


def skills(growth: Growth, width: int = 120) -> Content:
    """`width`: the columns there are; a rating's date and evidence line is cut to fit (enter on
    the rating shows all of it)."""
    parts: list = [("Skills", "bold"), ("   latest self · latest mentor (never averaged) · history", "dim")]
    if not growth.skills:
        parts.append("\n  No ratings yet. Press s to rate a skill.")
        return Content.assemble(*parts)
    parts += ["\n", (f"  {'competency':<22} {'self':<15} {'mentor':<15} history", "dim")]
    for line in growth.skills:
        parts += _skill(line, width)
    return Content.assemble(*parts)


def _skill(line: SkillLine, width: int) -> list:
    s, m = line.latest_self, line.latest_mentor
    parts: list = [
        "\n  ", (f"{clip(line.name, 22):<22}", "bold"), " ",
        f"{_level(s):<15} ", f"{_level(m):<15} ", (sparkline(line.history), "$accent"),
    ]
    said = []
    if s is not None:
        said.append(f"self {dates.show(s.rated_on)}")
    if m is not None:
        said.append(f"{m.rated_by} {dates.show(m.rated_on)}")
    evidence = [r.evidence_label for r in (s, m) if r is not None and r.evidence_label]
    detail = " · ".join(said)
    if evidence:
        detail += " · evidence: " + "; ".join(dict.fromkeys(evidence))
    parts += ["\n    ", (clip(detail, max(20, width - 4)), "dim")]
    return parts


def ladder(growth: Growth) -> Content:
    step = growth.ladder_step
    parts: list = [("On-call ladder", "bold"), (f"   reached: {step}" if step else "   not on call yet", "dim")]
    for index, rung in enumerate(growth.ladder):
        mark = "●" if rung.count else "○"
        arrow = "  " if index == 0 else "→ "
        last = f"last {dates.show(rung.last_on)}" if rung.last_on else ""
        parts += ["\n  ", arrow, (mark, "$success" if rung.count else "dim"), f" {rung.label:<20} {rung.count:>3}  ",
                  (last, "dim")]
    others = [f"{o.label} {o.count}" for o in growth.other_roles if o.count]
    if others:
        parts += ["\n  ", ("also: " + ", ".join(others), "dim")]
    if not any(r.count for r in (*growth.ladder, *growth.other_roles)):
        parts.append("\n  Press l to log an incident or an on-call shift.")
    return Content.assemble(*parts)


def ownership(growth: Growth) -> Content:
    parts: list = [("Ownership", "bold")]
    if not growth.ownership:
        parts.append("\n  Nothing owned yet. Press o to add a service, SLO, SLI, runbook or initiative.")
    for o in growth.ownership:
        when = f"since {dates.show(o.since)}" if o.until is None else f"{dates.show(o.since)} to {dates.show(o.until)}"
        parts += ["\n  ", (f"{o.kind:<10}", "dim"), " ", (clip(o.name, 40), "bold"), f"  {when}"]
    return Content.assemble(*parts)


def kudos(growth: Growth) -> Content:
    parts: list = [("Kudos received", "bold"), (f"   {growth.kudos_count}" if growth.kudos_count else "", "dim")]
    if not growth.kudos:
        parts.append("\n  None yet. Press k to give kudos.")
    for k in growth.kudos:
        parts += ["\n  ", (dates.show(k.given_on), "dim"), "  ", (k.giver or "someone", "bold"), ": ",
                  clip(" ".join(k.text.split()), 80)]
        if k.for_label:
            parts += [("  for ", "dim"), clip(k.for_label, 50)]
    if growth.kudos_count > len(growth.kudos):
        parts += ["\n  ", (f"and {growth.kudos_count - len(growth.kudos)} earlier (in the list below)", "dim")]
    return Content.assemble(*parts)
