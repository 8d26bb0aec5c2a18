"""The program's health in `report --team`: what changed since the first day, then a table per period.

Renders a `db.program_health.ProgramHealth`; never queries. Names and competency
names are user text, escaped with `markdown_report.md`.
"""

from __future__ import annotations

from mentor_tui.db.program_changes import Change
from mentor_tui.db.program_figures import FIGURES, LADDER_NOTE
from mentor_tui.db.program_health import ProgramHealth
from mentor_tui.db.team_skills import HOLDER_LEVEL
from mentor_tui.exchange.markdown_report import INCIDENT_ROLE_TITLES, md, section, table
from mentor_tui.vocabulary import INCIDENT_ROLES

GRAIN_WORDS = {"month": "month", "quarter": "quarter"}


def program_sections(health: ProgramHealth) -> list[str]:
    """"What changed since …", "Program health per month", "Bus factor per month", "Incidents by role per month"."""
    per = f"per {GRAIN_WORDS[health.grain]}"
    out = section(f"What changed since {health.since.isoformat()}", what_changed_lines(health))
    out += section(f"Program health {per}", _health_table(health))
    out += section(f"Bus factor {per}", _bus_factor_table(health))
    out += section(f"Incidents by role {per}", _incidents_table(health))
    return out


def _sentence(change: Change) -> str:
    return f"- {md(change.text)}"


def what_changed_lines(health: ProgramHealth) -> list[str]:
    lines = [
        f"Who holds each competency (level {HOLDER_LEVEL}+, rated within {health.months} months before the day) "
        f"on {health.baseline_day.isoformat()} and on {health.until.isoformat()}: held by one person or nobody "
        f"{health.single_points_before} → {health.single_points_now}, "
        f"silos {health.silos_before} → {health.silos_now}.",
        "",
    ]
    if not health.changes:
        return [*lines, "No change in who holds what."]
    if health.improved:
        lines += ["### Improved", "", *map(_sentence, health.improved), ""]
    if health.worse:
        lines += ["### Got worse", "", *map(_sentence, health.worse), ""]
    return lines[:-1]


def _label(health: ProgramHealth, index: int) -> str:
    period = health.periods[index].period
    return period.label + ("\\*" if period.partial else "")


def _partial_note(health: ProgramHealth) -> list[str]:
    cut = [p.period for p in health.periods if p.period.partial]
    if not cut:
        return []
    spans = "; ".join(f"{p.label}: {p.start.isoformat()} to {p.end.isoformat()}" for p in cut)
    return ["", f"\\* Part of the {health.grain} only: {spans}."]


def _health_table(health: ProgramHealth) -> list[str]:
    rows = [[_label(health, i), *(f.text(p) for f in FIGURES)] for i, p in enumerate(health.periods)]
    note = (
        "Single points of knowledge: competencies held by one person or nobody at the period's end; silos: "
        "held by 2 or more people, all of one team. Check-ins due: one every cadence from a mentorship's start "
        "until it ends. Attending: people present per session whose attendance was taken. "
        f"{LADDER_NOTE} Feedback: the average rating of the period's program feedback."
    )
    return [note, "", *table(["Period", *(f.label for f in FIGURES)], rows), *_partial_note(health)]


def _bus_factor_table(health: ProgramHealth) -> list[str]:
    header = ["Period", *(md(c.name) for c in health.competencies)]
    rows = []
    for i, p in enumerate(health.periods):
        cells = []
        for bf in p.bus_factors:
            cell = str(bf.count) + (" (silo)" if bf.silo else "")
            cells.append(f"**{cell}**" if bf.flagged else cell)
        rows.append([_label(health, i), *cells])
    note = ("People holding each competency at the period's end; **bold**: a single point of knowledge "
            "(1) or nobody (0).")
    return [note, "", *table(header, rows, ["---", *(":---:" for _ in health.competencies)])]


def _incidents_table(health: ProgramHealth) -> list[str]:
    header = ["Period", *(INCIDENT_ROLE_TITLES[r] for r in INCIDENT_ROLES), "New ladder steps"]
    rows = [[_label(health, i), *(str(p.activity.incidents.get(r, 0)) for r in INCIDENT_ROLES),
             str(p.activity.ladder_steps)] for i, p in enumerate(health.periods)]
    return [LADDER_NOTE, "", *table(header, rows)]
