"""Plan templates: TOML files of the exchange format with `scope = "template"`.

The built-in ones ship in `mentor_tui/templates/`; users add their own in
`templates/` under the config folder. A template's key is its file name
(`kubernetes.toml` is `kubernetes`); a user's file with a built-in's name
replaces it. A template holds one `[[plans]]` table with its goals, labs and
checklists (and `[[competencies]]` for keys that are not built in). What only
a real plan has is left out: uuids, the owner, the start date, statuses; a
goal's due date follows its phase (`phase = "day 30"` is due 30 days after
the plan starts).

Each file is checked by the exchange reader (`validate.validate_document`),
so a bad one is reported with its file name, the key and the reason, and
skipped: the others still load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentor_tui import config
from mentor_tui.db.template_plans import phase_days
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_text import load_toml, show
from mentor_tui.exchange.validate import BUILTIN_KEYS, validate_document
from mentor_tui.words import plural

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "templates"
USER_DIR_NAME = "templates"
# Filled in while checking, since a template has none of them (they are made when a plan is).
_PLACEHOLDER_DAY = dt.date(2000, 1, 1)
_ONLY_IN_A_PLAN = {
    "plans": ("uuid", "owner", "mentor", "start_on", "target_on", "status", "template"),
    "goals": ("uuid", "status", "done_on", "due_on"),
    "labs": ("uuid", "last_practised_on"),
    "items": ("uuid", "done", "done_on", "evidence"),
}


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    kind: str
    source: str  # "built-in", or the user's file
    plan: dict[str, Any]  # the plan record as the reader normalized it, with goals, labs, items
    competencies: tuple[dict[str, Any], ...]  # user-made competencies its goals use

    @property
    def goal_count(self) -> int:
        return len(self.plan["goals"])

    @property
    def length_days(self) -> int | None:
        """How long a plan made from it runs: its last phase's day (day 90 -> 90)."""
        days = [d for d in (phase_days(g["phase"]) for g in self.plan["goals"]) if d is not None]
        return max(days) if days else None

    @property
    def built_in(self) -> bool:
        return self.source == "built-in"


def user_dir() -> Path:
    return config.config_dir() / USER_DIR_NAME


def load_templates(folder: Path | None = None) -> tuple[list[Template], list[str]]:
    """Every template (built-in ones, then the user's, by key), and one line per file skipped."""
    found: dict[str, Template] = {}
    problems: list[str] = []
    for path in sorted(BUILTIN_DIR.glob("*.toml")):
        template = read_template(path, "built-in")  # a broken built-in is a bug: let it raise
        found[template.key] = template
    folder = user_dir() if folder is None else folder
    try:
        paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    except OSError as exc:
        problems.append(f"{folder}: cannot read the folder: {exc.strerror or exc}")
        paths = []
    for path in paths:
        try:
            template = read_template(path, str(path))
        except ExchangeError as exc:
            problems.append(str(exc))
            continue
        found[template.key] = template
    templates = sorted(found.values(), key=lambda t: (_KIND_ORDER.get(t.kind, 9), t.key))
    return templates, problems


_KIND_ORDER = {"onboarding": 0, "skill": 1, "leadership": 2, "custom": 3}


def find_template(key: str, folder: Path | None = None) -> Template:
    templates, problems = load_templates(folder)
    for template in templates:
        if template.key == key:
            return template
    known = ", ".join(t.key for t in templates)
    were = "was" if len(problems) == 1 else "were"
    skipped = f"; {plural(len(problems), 'template file')} {were} skipped, see `mentor-tui templates`" if problems else ""
    raise ExchangeError(f"no template called {key!r} (there are: {known}){skipped}")


def read_template(path: Path, source: str) -> Template:
    """One template file, checked; ExchangeError naming the file and the reason."""
    display = path.name if source == "built-in" else str(path)
    doc = load_toml(path, display)
    return template_from_document(doc, display, path.stem, source)


def template_from_document(doc: Any, display: str, key: str, source: str) -> Template:
    def fail(message: str) -> ExchangeError:
        return ExchangeError(f"{display}: {message}")

    if not isinstance(doc, dict):
        raise fail("expected a TOML table at the top level")
    if doc.get("format") == "mentor-tui" and doc.get("scope") != "template":
        got = f", got {show(doc['scope'])}" if "scope" in doc else ""
        raise fail(f'scope: expected "template" in a template file (scope = "template"){got}')
    others = [k for k in doc if k not in ("format", "version", "generator", "exported_at", "scope",
                                            "includes_private", "plans", "competencies")]
    if others:
        raise fail(f"{others[0]}: a template holds only [[plans]] (one) and [[competencies]]")
    plans = doc.get("plans")
    if not isinstance(plans, list) or len(plans) != 1:
        raise fail("plans: expected exactly one [[plans]] table")
    plan = plans[0]
    if isinstance(plan, dict):
        _refuse_plan_only_keys(plan, fail)
        _fill_placeholders(plan, key)
    parsed = validate_document(doc, display, template=True)
    record = parsed.records["plans"][0]
    competencies = tuple(parsed.records["competencies"])
    known = BUILTIN_KEYS | {c["key"] for c in competencies}
    for i, goal in enumerate(record["goals"]):
        if goal["competency"] is not None and goal["competency"] not in known:
            raise fail(f"plans[0].goals[{i}].competency: unknown competency {goal['competency']!r} "
                       "(use a built-in key or add it under [[competencies]])")
    if not record["goals"]:
        raise fail("plans[0].goals: a template needs at least one goal")
    return Template(key, record["title"], record["kind"], source, record, competencies)


def _refuse_plan_only_keys(plan: dict[str, Any], fail: Any) -> None:
    """Keys that only a real plan has; a template gets them when a plan is made from it."""
    def check(table: Any, kind: str, path: str) -> None:
        if not isinstance(table, dict):
            return
        for k in _ONLY_IN_A_PLAN[kind]:
            if k in table:
                raise fail(f"{path}.{k}: a template has no {k.replace('_', ' ')} "
                           "(it is set when a plan is made from the template)")

    check(plan, "plans", "plans[0]")
    for g, goal in enumerate(_tables(plan.get("goals"))):
        check(goal, "goals", f"plans[0].goals[{g}]")
        for lab_index, lab in enumerate(_tables(goal.get("labs") if isinstance(goal, dict) else None)):
            check(lab, "labs", f"plans[0].goals[{g}].labs[{lab_index}]")
            for i, item in enumerate(_tables(lab.get("items") if isinstance(lab, dict) else None)):
                check(item, "items", f"plans[0].goals[{g}].labs[{lab_index}].items[{i}]")


def _tables(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _fill_placeholders(plan: dict[str, Any], key: str) -> None:
    plan.update(uuid=f"template:{key}", owner="template", start_on=_PLACEHOLDER_DAY, status="active")
    for g, goal in enumerate(_tables(plan.get("goals"))):
        if not isinstance(goal, dict):
            continue
        goal.update(uuid=f"template:{key}:{g}", status="todo")
        for lab_index, lab in enumerate(_tables(goal.get("labs"))):
            if not isinstance(lab, dict):
                continue
            lab["uuid"] = f"template:{key}:{g}:{lab_index}"
            for i, item in enumerate(_tables(lab.get("items"))):
                if isinstance(item, dict):
                    item.update(uuid=f"template:{key}:{g}:{lab_index}:{i}", done=False)
