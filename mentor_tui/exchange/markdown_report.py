"""Markdown progress reports: a person's "brag doc" and the team report.

The renderers take the dataclasses of `mentor_tui.db.reports` and return text;
they never query. User text is escaped so that a title such as `*urgent* | #1`
stays literal text (and never breaks a table), and every empty section says so.
Nothing here can see private pairing notes: the queries never read check-ins.
"""

from __future__ import annotations

import datetime as dt
import re

from mentor_tui import APP_NAME
from mentor_tui.db.reports import (
    EXPERT_LEVEL,
    RECENT_DAYS,
    BusFactor,
    LabDone,
    PersonPeriod,
    PlanProgress,
    SkillChange,
    SkillsMatrix,
    TeamOverview,
    level_name,
)
from mentor_tui.vocabulary import LEVELS

EMPTY = "None in this period."

# Characters with a meaning in inline Markdown (CommonMark allows a backslash
# before any ASCII punctuation). `|` is escaped too so text is safe in table cells.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Characters that would start a block (heading, list, quote, ...) at a line start.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])")
_URL = re.compile(r"^(https?|ftp)://\S+$", re.IGNORECASE)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
_ROLE_TITLES = {
    "mentee": "Mentees",
    "mentor": "Mentors",
    "lead": "Leads",
}
_INCIDENT_ROLE_TITLES = {
    "shadow": "Shadow",
    "secondary": "Secondary",
    "primary": "Primary",
    "incident-commander": "Incident commander",
    "scribe": "Scribe",
    "comms": "Comms",
}


def md(text: object) -> str:
    """`text` as one line of literal Markdown: newlines folded, specials escaped."""
    line = " ".join(str(text).split())
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    line = _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", line, count=1)
    return _ORDERED_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", line, count=1)


def link(target: str | None, label: str | None = None) -> str:
    """A URL as a Markdown link (autolink when there is no label); other text escaped."""
    if not target:
        return ""
    target = target.strip()
    if _URL.match(target) and not any(c in target for c in "<>"):
        if label:
            return f"[{md(label)}](<{target}>)"
        return f"<{target}>"
    return md(target)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def _ratio(done: int, total: int, percent: int) -> str:
    return f"{done} / {total} ({percent}%)" if total else "0 / 0"


def _table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    """A pipe table; cells must already be escaped (see `md`)."""
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _section(title: str, body: list[str], level: int = 2) -> list[str]:
    return ["#" * level + " " + title, "", *(body or [EMPTY]), ""]


# ---------------------------------------------------------------- person


def person_report(period: PersonPeriod, generated_on: dt.date | None = None) -> str:
    """The brag doc of one person over `period.since` .. `period.until`."""
    person = period.person
    head = [
        f"# Brag doc: {md(person.name)}",
        "",
        f"- **Period:** {period.since.isoformat()} to {period.until.isoformat()}",
        f"- **Role:** {md(person.role)}",
    ]
    if generated_on is not None:
        head.append(f"- **Generated:** {generated_on.isoformat()} by {APP_NAME}")
    head.append("")
    out = head
    out += _section("Plans", _plans_table(period.plans, with_owner=False))
    out += _section("Goals done", _goals_done(period))
    out += _section("Labs done", _labs_done(period.labs_done))
    out += _section("Skills", _skills(period.skills))
    out += _section("Incidents handled", _incidents(period))
    out += _section("Ownership", _ownership(period))
    out += _section("Kudos received", _kudos(period))
    out += _section("Sessions presented", _sessions(period))
    return "\n".join(out).rstrip("\n") + "\n"


def _plans_table(plans: list[PlanProgress], with_owner: bool) -> list[str]:
    if not plans:
        return []
    header = ["Plan", "Kind", "Status", "Started", "Target", "Goals done", "Lab items done"]
    rows = [
        [
            md(p.title),
            md(p.kind),
            md(p.status),
            _date(p.start_on),
            _date(p.target_on),
            _ratio(p.goals_done, p.goals_total, p.goals_percent),
            _ratio(p.items_done, p.items_total, p.items_percent),
        ]
        for p in plans
    ]
    if with_owner:
        header.insert(0, "Person")
        for plan, row in zip(plans, rows, strict=True):
            row.insert(0, md(plan.owner.name))
    return _table(header, rows)


def _goals_done(period: PersonPeriod) -> list[str]:
    lines = []
    for goal in period.goals_done:
        about = ", ".join(md(x) for x in (goal.plan_title, goal.competency) if x)
        lines.append(f"- {_date(goal.done_on)}: **{md(goal.title)}** ({about})")
    return lines


def _labs_done(labs: list[LabDone]) -> list[str]:
    lines = []
    for lab in labs:
        title = f"**{md(lab.title)}**"
        line = f"- {_date(lab.done_on)}: {title}, {lab.items_total} of {lab.items_total} steps"
        line += f" (goal: {md(lab.goal_title)}; plan: {md(lab.plan_title)})"
        if lab.link:
            line += f"; lab: {link(lab.link)}"
        lines.append(line)
        if not lab.evidence:
            lines.append("  - No evidence recorded.")
        for ev in lab.evidence:
            lines.append(f"  - Evidence for {md(ev.item)}: {link(ev.evidence)}")
    return lines


def _level(level: int) -> str:
    name = level_name(level)
    return f"{level} {name}" if name else str(level)


def _skills(skills: list[SkillChange]) -> list[str]:
    if not skills:
        return []
    rows = []
    for s in skills:
        if s.delta:
            change = f"{s.from_level} → {s.to_level} ({md(s.from_name)} → {md(s.to_name)})"
            delta = f"{s.delta:+d}"
        else:
            change = f"{_level(s.to_level)}, unchanged"
            delta = "0"
        rated = _date(s.to_on)
        if not s.ratings_in_period:
            rated += ", no rating in this period"
        rows.append([md(s.competency_name), change, delta, rated])
    return _table(["Skill", "Level", "Change", "Last rated"], rows)


def _incidents(period: PersonPeriod) -> list[str]:
    lines: list[str] = []
    for role, incidents in period.incidents_by_role.items():
        title = _INCIDENT_ROLE_TITLES.get(role, role)
        lines += [f"### {md(title)} ({len(incidents)})", ""]
        lines += [f"- {_date(i.occurred_on)}: {md(i.severity)}, {md(i.title)}" for i in incidents]
        lines.append("")
    return lines[:-1]


def _ownership(period: PersonPeriod) -> list[str]:
    if not period.ownership_current and not period.ownership_past:
        return []
    lines = ["### Current", ""]
    lines += [
        f"- {md(o.kind)}: **{md(o.name)}**, since {_date(o.since)}"
        for o in period.ownership_current
    ] or [EMPTY]
    lines += ["", "### Past", ""]
    lines += [
        f"- {md(o.kind)}: **{md(o.name)}**, {_date(o.since)} to {_date(o.until)}"
        for o in period.ownership_past
    ] or [EMPTY]
    return lines


def _kudos(period: PersonPeriod) -> list[str]:
    lines = []
    for k in period.kudos:
        giver = md(k.giver_name) if k.giver_name else "someone"
        line = f"- {_date(k.given_on)}, from {giver}: “{md(k.text)}”"
        if k.for_ref and not _UUID.match(k.for_ref.strip()):
            line += f" (for {md(k.for_ref)})"
        lines.append(line)
    return lines


def _sessions(period: PersonPeriod) -> list[str]:
    lines = []
    for s in period.sessions_presented:
        line = f"- {s.starts_at.date().isoformat()}: **{md(s.title)}** ({md(s.kind)})"
        if s.recurrence:
            line += f", repeats ({md(s.recurrence)})"
        if s.link:
            line += f", {link(s.link)}"
        lines.append(line)
    return lines


# ---------------------------------------------------------------- team


def team_report(team: TeamOverview, generated_on: dt.date | None = None) -> str:
    """The team report: people, active plans, the skills matrix and the bus factor."""
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
    out += _section("People", _people(team))
    out += _section("Active plans", _plans_table(team.active_plans, with_owner=True))
    out += _section("Skills matrix", matrix_table(team.matrix))
    out += _section("Bus factor", _bus_factor(team.bus_factor))
    return "\n".join(out).rstrip("\n") + "\n"


def _people(team: TeamOverview) -> list[str]:
    lines: list[str] = []
    for role, people in team.people.items():
        lines += [f"### {md(_ROLE_TITLES.get(role, role))} ({len(people)})", ""]
        lines += [f"- {md(p.name)}{' (me)' if p.is_me else ''}" for p in people]
        lines.append("")
    return lines[:-1]


def matrix_table(matrix: SkillsMatrix) -> list[str]:
    """The skills matrix as a pipe table (latest level per cell; blank = never rated)."""
    if not matrix.rows:
        return []
    legend = " · ".join(f"{level} {name}" for level, name in sorted(LEVELS.items()))
    header = ["Person", "Role", *(md(c.name) for c in matrix.competencies)]
    align = ["---", "---", *(":---:" for _ in matrix.competencies)]
    rows = [
        [
            md(row.person.name),
            md(row.person.role),
            *(str(row.levels[c.key]) if c.key in row.levels else "" for c in matrix.competencies),
        ]
        for row in matrix.rows
    ]
    return [f"Levels: {legend}. A blank cell: never rated.", "", *_table(header, rows, align)]


def _bus_factor(factors: list[BusFactor]) -> list[str]:
    if not factors:
        return []
    rule = (
        f"Counted: active people at level {EXPERT_LEVEL} ({level_name(EXPERT_LEVEL)}) or above "
        f"whose latest rating is at most {RECENT_DAYS} days old. A bus factor of 1 or less "
        "is a single point of knowledge."
    )
    rows = [
        [
            md(f.competency.name),
            str(f.count),
            ", ".join(md(name) for name in f.experts) or "nobody",
            "**single point of knowledge**" if f.single_point else "",
        ]
        for f in factors
    ]
    lines = [rule, "", *_table(["Competency", "Bus factor", "Who", "Flag"], rows), ""]
    singles = [f for f in factors if f.single_point]
    lines += ["### Single points of knowledge", ""]
    lines += [
        f"- **{md(f.competency.name)}**: "
        + (f"only {md(f.experts[0])}" if f.experts else "nobody at this level")
        for f in singles
    ] or ["None: every competency has at least two people who know it well."]
    return lines
