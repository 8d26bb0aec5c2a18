"""Markdown progress reports: a person's "brag doc" (the team report: `team_report.py`).

The renderers take the dataclasses of `mentor_tui.db.reports` and return text;
they never query. User text is escaped so that a title such as `*urgent* | #1`
stays literal text (and never breaks a table), and every empty section says so.
Nothing here can see private pairing notes: the queries never read check-ins.
"""

from __future__ import annotations

import datetime as dt
import re

from mentor_tui import APP_NAME
from mentor_tui.db.reports.brag import LabDone, PersonPeriod
from mentor_tui.db.reports.common import level_name
from mentor_tui.db.reports.progress import PlanProgress
from mentor_tui.db.reports.skills import SkillChange

EMPTY = "None in this period."

# Characters with a meaning in inline Markdown (CommonMark allows a backslash
# before any ASCII punctuation). `|` is escaped too so text is safe in table cells.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Characters that would start a block (heading, list, quote, ...) at a line start.
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=])")
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])")
_URL = re.compile(r"^(https?|ftp)://\S+$", re.IGNORECASE)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
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
        # A first rating in the period is new, not "unchanged" (as the Dashboard's My growth says it)
        new = "new: " if s.first_in_period else ""
        if s.delta:
            change = f"{new}{s.from_level} → {s.to_level} ({md(s.from_name)} → {md(s.to_name)})"
            delta = f"{s.delta:+d}"
        elif s.first_in_period:
            change, delta = f"{new}{_level(s.to_level)}, first rating", "new"
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


# ---------------------------------------------------------------- shared with the team report

# The team report (`team_report.py`) writes its tables and sections with these.
INCIDENT_ROLE_TITLES = _INCIDENT_ROLE_TITLES
show_date = _date
table = _table
section = _section
plans_table = _plans_table
