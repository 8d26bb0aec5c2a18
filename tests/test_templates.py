"""Plan templates: every built-in one loads and is complete; a malformed user template is
reported with its file and reason and skipped; a plan made from one follows its phases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mentor_tui.db import goals, models, people, template_plans
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.templates import BUILTIN_DIR, find_template, load_templates

TRACKS = ("kubernetes", "iac", "cicd", "cloud", "observability", "security")
HEADER = 'format = "mentor-tui"\nversion = 1\nscope = "template"\n'
GOOD = HEADER + """
[[competencies]]
key = "chaos"
name = "Chaos engineering"
description = "Breaking things on purpose"

[[plans]]
title = "Chaos track"
kind = "skill"

[[plans.goals]]
title = "Run a game day"
competency = "chaos"
kind = "skill"
phase = "day 45"

[[plans.goals.labs]]
title = "First game day"

[[plans.goals.labs.items]]
text = "Write the hypothesis"
"""


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_every_builtin_template_loads(tmp_path):
    templates, problems = load_templates(tmp_path / "none")
    assert problems == []
    keys = {t.key for t in templates}
    assert keys == {"onboarding", "leadership", *TRACKS}
    assert keys == {p.stem for p in BUILTIN_DIR.glob("*.toml")}
    assert all(t.built_in and t.length_days == 90 for t in templates)


@pytest.mark.parametrize("key", TRACKS)
def test_skill_tracks_have_five_goals_each_with_a_lab_of_three_items(tmp_path, key):
    template = find_template(key, tmp_path)
    assert template.kind == "skill" and template.goal_count >= 5
    for goal in template.plan["goals"]:
        assert goal["labs"], f"{goal['title']} has no lab"
        assert all(len(lab["items"]) >= 3 for lab in goal["labs"]), goal["title"]
        assert "**Done when:**" in goal["detail"]


def test_onboarding_follows_the_program(tmp_path):
    template = find_template("onboarding", tmp_path)
    assert template.kind == "onboarding"
    phases = {g["phase"] for g in template.plan["goals"]}
    assert phases == {"day 30", "day 60", "day 90"}
    text = " ".join(g["title"].lower() for g in template.plan["goals"])
    for words in ("laptop", "pipeline", "infrastructure", "cloud", "runbooks", "drill", "shadow", "on-call", "mentor"):
        assert words in text, words


def test_leadership_covers_slo_initiative_sharing_and_mentoring(tmp_path):
    kinds = [g["kind"] for g in find_template("leadership", tmp_path).plan["goals"]]
    assert {"slo-ownership", "initiative", "mentoring"} <= set(kinds)


def test_bad_user_templates_are_reported_and_skipped_and_the_others_load(tmp_path):
    folder = tmp_path / "templates"
    _write(folder, "chaos.toml", GOOD)
    _write(folder, "typo.toml", GOOD.replace('kind = "skill"\nphase', 'kind = "skil"\nphase'))
    _write(folder, "broken.toml", "not = [toml")
    _write(folder, "dated.toml", GOOD.replace('kind = "skill"\n\n[[plans.goals]]', 'kind = "skill"\nstart_on = 2026-01-01\n\n[[plans.goals]]'))
    _write(folder, "export.toml", GOOD.replace('scope = "template"', 'scope = "person"'))
    _write(folder, "unknown.toml", GOOD.replace('competency = "chaos"', 'competency = "juggling"'))
    _write(folder, "notes.txt", "not a template")
    templates, problems = load_templates(folder)
    assert "chaos" in {t.key for t in templates} and len(templates) == 9
    by_file = {Path(p.split(": ")[0]).name: p for p in problems}
    assert set(by_file) == {"typo.toml", "broken.toml", "dated.toml", "export.toml", "unknown.toml"}
    assert 'plans[0].goals[0].kind: expected one of "skill"' in by_file["typo.toml"]
    assert "not a valid mentor-tui file" in by_file["broken.toml"]
    assert "plans[0].start_on: a template has no start on" in by_file["dated.toml"]
    assert 'scope: expected "template"' in by_file["export.toml"]
    assert "unknown competency 'juggling'" in by_file["unknown.toml"]


def test_a_user_template_replaces_a_builtin_of_the_same_name(tmp_path):
    _write(tmp_path, "kubernetes.toml", GOOD)
    template = find_template("kubernetes", tmp_path)
    assert (template.title, template.built_in) == ("Chaos track", False)


def test_an_unknown_template_names_the_known_ones(tmp_path):
    with pytest.raises(ExchangeError, match="no template called 'k8s' \\(there are: onboarding, "):
        find_template("k8s", tmp_path)


def test_a_plan_from_a_template_is_due_by_its_phases(store_with_me, tmp_path):
    ana = people.add_person("Ana Ruiz", "mentee")
    template = find_template("onboarding", tmp_path)
    start = dt.date(2026, 12, 1)
    plan = template_plans.create_from_template(template.key, template.plan, template.competencies, ana.id, start,
                                               people.me().id)
    assert (plan.template, plan.kind, plan.target_on, plan.status) == ("onboarding", "onboarding",
                                                                      dt.date(2027, 3, 1), "active")
    view = goals.plan_view(plan.uuid)
    assert len(view.goals) == template.goal_count and view.mentor == "Bo Chen"
    due = {g.phase: g.due_on for g in view.goals}
    assert due == {"day 30": dt.date(2026, 12, 31), "day 60": dt.date(2027, 1, 30), "day 90": dt.date(2027, 3, 1)}
    assert all(g.status == "todo" for g in view.goals)
    first = view.goals[0]
    assert (first.labs, first.items_done, first.items_total) == (1, 0, 6)
    assert models.LabItem.select().where(models.LabItem.done).count() == 0
    assert len({i.uuid for i in models.LabItem.select()}) == models.LabItem.select().count()


def test_a_start_so_late_that_the_goals_fall_after_the_last_year_names_the_start(store, tmp_path):
    from mentor_tui.schema import RecordError

    ana = people.add_person("Ana Ruiz", "mentee")
    template = find_template("onboarding", tmp_path)
    with pytest.raises(RecordError, match="the start date is too late: its last goal would be due 90 days after it, after the year 2999") as err:
        template_plans.create_from_template(template.key, template.plan, template.competencies, ana.id,
                                            dt.date(2999, 12, 1))
    assert err.value.field == "start_on"  # the form marks the field the user typed, not a hidden "target on"
    assert models.Plan.select().count() == 0


def test_a_templates_own_competency_is_added_once(store, tmp_path):
    _write(tmp_path, "chaos.toml", GOOD)
    ana = people.add_person("Ana Ruiz", "mentee")
    template = find_template("chaos", tmp_path)
    for _ in range(2):
        template_plans.create_from_template("chaos", template.plan, template.competencies, ana.id,
                                            dt.date(2026, 12, 1))
    assert models.Competency.select().where(models.Competency.key == "chaos").count() == 1
    assert {g.competency.key for g in models.Goal.select()} == {"chaos"}
    assert {g.due_on for g in models.Goal.select()} == {dt.date(2027, 1, 15)}


def test_importing_a_template_says_what_it_is(store, tmp_path):
    from mentor_tui.exchange.toml_import import import_files

    path = tmp_path / "chaos.toml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(ExchangeError, match="chaos.toml: scope: a plan template, not an export"):
        import_files([path])
    assert models.Plan.select().count() == 0
