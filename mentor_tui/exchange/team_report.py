"""The team report (`mentor-tui report --team`) in Markdown.

Renders a `db.reports.team.TeamOverview`; never queries. User text is escaped
with `markdown_report.md`. Private pairing notes cannot appear: the overview
reads check-ins for their dates only. Program feedback comments are shown
without their authors' names (the report travels further than the app).
"""

from __future__ import annotations

import datetime as dt

from mentor_tui import APP_NAME
from mentor_tui.db.program_health import ProgramHealth
from mentor_tui.db.reports.common import level_name
from mentor_tui.db.reports.team import TeamOverview
from mentor_tui.db.reports.team_activity import LADDER
from mentor_tui.db.team_skills import HOLDER_LEVEL, TeamSkills
from mentor_tui.exchange.markdown_report import (
    INCIDENT_ROLE_TITLES,
    md,
    plans_table,
    section,
    show_date,
    table,
)
from mentor_tui.exchange.program_report import program_sections
from mentor_tui.vocabulary import LEVELS
from mentor_tui.words import plural

ROLE_TITLES = {"mentee": "Mentees", "mentor": "Mentors", "lead": "Leads"}
STALE = "\\~"  # an escaped ~: rated only before the window


def team_report(team: TeamOverview, generated_on: dt.date | None = None, program: ProgramHealth | None = None) -> str:
    """The report; with `program`, it opens with what changed and the program's health per period."""
    count = sum(len(group) for group in team.people.values())
    out = [
        "# Team report",
        "",
        f"- **As of:** {team.as_of.isoformat()}",
        f"- **Active people:** {count}",
    ]
    if generated_on is not None:
        out.append(f"- **Generated:** {generated_on.isoformat()} by {APP_NAME}")
    out.append("")
    if program is not None:
        out += program_sections(program)
    out += section("People", _people(team))
    out += section("Active plans", plans_table(team.active_plans, with_owner=True))
    out += section("Skills matrix", matrix_table(team.skills))
    out += section("Bus factor", _bus_factor(team.skills))
    out += section("Pairing suggestions", _pairing(team))
    out += section("What if a single point of knowledge left", _what_ifs(team))
    out += section("Check-in health", _checkins(team))
    out += section("On-call ladder and incidents", _ladder(team))
    out += section("Kudos", _kudos(team))
    out += section("Program feedback", _feedback(team))
    return "\n".join(out).rstrip("\n") + "\n"


def _people(team: TeamOverview) -> list[str]:
    lines: list[str] = []
    for role, people in team.people.items():
        lines += [f"### {md(ROLE_TITLES.get(role, role))} ({len(people)})", ""]
        lines += [f"- {md(p.name)}{' (me)' if p.is_me else ''}{f' · {md(p.team)}' if p.team else ''}" for p in people]
        lines.append("")
    return lines[:-1]


def matrix_table(skills: TeamSkills) -> list[str]:
    """The level that counts per cell; `~` marks a level whose ratings are all stale."""
    if not skills.rows:
        return []
    legend = " · ".join(f"{level} {name}" for level, name in sorted(LEVELS.items()))
    header = ["Person", "Role", *(md(c.name) for c in skills.competencies)]
    align = ["---", "---", *(":---:" for _ in skills.competencies)]
    rows = []
    for row in skills.rows:
        cells = []
        for c in skills.competencies:
            cell = row.cells.get(c.key)
            cells.append("" if cell is None else str(cell.level) + (STALE if cell.stale else ""))
        rows.append([md(row.person.name), md(row.person.role), *cells])
    note = (f"Levels: {legend}. A blank cell: never rated; \\~: rated more than {skills.months} months ago "
            "(shown, not counted). A mentor's rating wins over a self rating.")
    return [note, "", *table(header, rows, align)]


def _bus_factor(skills: TeamSkills) -> list[str]:
    if not skills.bus_factors:
        return []
    rule = (
        f"Counted: active people at level {HOLDER_LEVEL} ({level_name(HOLDER_LEVEL)}) or above, rated within "
        f"the last {skills.months} months (since {skills.window_from.isoformat()}); per person the latest "
        "mentor rating counts, or else their latest self rating. A bus factor of 0 (nobody) or 1 (a single "
        "point of knowledge) is flagged."
    )
    if not skills.uses_teams:
        rows = [[md(bf.competency.name), str(bf.count), md(bf.label), _flag(bf)] for bf in skills.bus_factors]
        return [rule, "", *table(["Competency", "Bus factor", "Who", "Flag"], rows)]
    rule += " Two or more holders all in one team are a **silo**; Teams: how many teams the holders are in."
    rows = [
        [md(bf.competency.name), str(bf.count), str(len(bf.teams)), md(bf.label), _flag(bf)]
        for bf in skills.bus_factors
    ]
    return [rule, "", *table(["Competency", "Bus factor", "Teams", "Who", "Flag"], rows)]


def _flag(bf) -> str:
    if bf.flagged:
        return "**flagged**"
    return f"**silo**: {md(bf.silo_label)}" if bf.silo else ""


def _pairing(team: TeamOverview) -> list[str]:
    flagged = [*team.skills.flagged, *team.skills.silos]
    if not flagged:
        return ["Nothing to pair on: every competency has at least two holders, and no silo."]
    lines = []
    for bf in flagged:
        found = [s for s in team.pairing if s.competency.key == bf.competency.key]
        head = f"- **{md(bf.competency.name)}** ({md('silo: ' + bf.silo_label if bf.silo else bf.label)}): "
        if not bf.holders:
            lines.append(head + "nobody to pair from; rate someone, or find a holder outside the team.")
        elif not found:
            lines.append(head + ("nobody outside the team" if bf.silo else "nobody") + " at level 2 or 3 to pair with.")
        else:
            lines.append(head.rstrip(": ") + ":")
            for s in found:
                note = f" ({md(s.teams_note)})" if s.teams_note else ""
                note += " (already a mentorship)" if s.has_mentorship else ""
                lines.append(f"  - {md(s.holder.name)} with {md(s.learner.name)}, "
                             f"level {s.learner_level} {level_name(s.learner_level)}{note}")
    return lines


def _what_ifs(team: TeamOverview) -> list[str]:
    if not team.single_points:
        return ["Nobody holds a competency alone."]
    lines = []
    for w in team.single_points:
        drops = "; ".join(f"{md(d.competency.name)} → {md(d.label)}" for d in w.drops)
        lines.append(f"- Without **{md(w.person.name)}**: {drops}.")
    return lines


def _checkins(team: TeamOverview) -> list[str]:
    if not team.checkins:
        return ["No active mentorships."]
    rows = []
    for h in team.checkins:
        overdue = h.overdue_days(team.as_of)
        rows.append([
            md(h.mentor), md(h.mentee), f"{h.cadence_days} days",
            show_date(h.last_held_on) if h.last_held_on else "none yet",
            show_date(h.due_on), f"**{overdue} days overdue**" if overdue else "on time",
        ])
    return table(["Mentor", "Mentee", "Every", "Last check-in", "Next due", "Health"], rows)


def _ladder(team: TeamOverview) -> list[str]:
    if not team.ladder:
        return ["No incidents or on-call shifts logged."]
    header = ["Person", *(INCIDENT_ROLE_TITLES[r] for r in LADDER), "Other roles", "Step reached", "Last"]
    rows = []
    for line in team.ladder:
        other = sum(n for role, n in line.counts.items() if role not in LADDER)
        step = INCIDENT_ROLE_TITLES.get(line.step, line.step) if line.step else "not on the ladder yet"
        rows.append([md(line.person.name), *(str(line.counts.get(r, 0)) for r in LADDER), str(other),
                     md(step), show_date(max(line.last_on.values()))])
    legend = "The ladder: shadow → secondary → primary → incident commander. Other roles: scribe, comms."
    return [legend, "", *table(header, rows)]


def _kudos(team: TeamOverview) -> list[str]:
    if not team.kudos:
        return ["No kudos yet."]
    return table(["Person", "Received", "Given"],
                 [[md(k.person.name), str(k.received), str(k.given)] for k in team.kudos])


def _feedback(team: TeamOverview) -> list[str]:
    summary = team.feedback
    if not summary.months:
        return ["No program feedback yet."]
    lines = [f"{plural(summary.total, 'entry', 'entries')}, average {summary.average:.1f} of 5.", ""]
    lines += table(["Month", "Average", "Entries"],
                   [[m.month, f"{m.average:.1f}", str(m.count)] for m in summary.months])
    if summary.latest:
        lines += ["", "### Latest comments", ""]
        lines += [f"- {show_date(c.given_on)}, {c.rating} of 5: “{md(c.text)}”" for c in summary.latest]
    return lines
