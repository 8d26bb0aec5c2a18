"""`mentor-tui templates` and `mentor-tui new-plan`: the lists, the plan made, one-line errors."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from mentor_tui.db import database, goals, models, people

from .cli_helpers import cli
from .conftest import FROZEN_TODAY


def test_templates_lists_keys_titles_and_goal_counts(tmp_path):
    result = cli(tmp_path / "unused.sqlite3", "templates")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["KEY", "GOALS", "KIND", "TITLE"]
    rows = {line.split()[0]: line for line in lines[1:9]}
    assert set(rows) == {"onboarding", "kubernetes", "iac", "cicd", "cloud", "observability", "security", "leadership"}
    assert rows["onboarding"].split()[:3] == ["onboarding", "12", "onboarding"]
    assert "Kubernetes track" in rows["kubernetes"] and rows["kubernetes"].split()[1] == "6"


def test_templates_reports_a_bad_user_template_and_lists_the_good_one(tmp_path):
    folder = tmp_path / "config" / "mentor-tui" / "templates"
    folder.mkdir(parents=True)
    (folder / "bad.toml").write_text('format = "mentor-tui"\nversion = 1\nscope = "template"\n[[plans]]\ntitle = ""\n')
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("MENTOR_TUI_DB", None)
    result = subprocess.run([sys.executable, "-m", "mentor_tui", "templates"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0
    assert "kubernetes" in result.stdout
    assert result.stderr.strip().startswith("mentor-tui: template skipped: ")
    assert f"{folder / 'bad.toml'}: plans[0]" in result.stderr and len(result.stderr.splitlines()) == 1


def test_new_plan_from_a_template_for_a_mentee(store_with_me):
    ana = people.add_person("Ana Ruiz", "mentee")
    models.Mentorship.create(mentor=people.me(), mentee=ana, started_on=dt.date(2026, 9, 1))
    database.close_database()
    result = cli(store_with_me, "new-plan", "--template", "kubernetes", "--person", "ana ruiz", "--start", "2026-12-01")
    assert result.returncode == 0, result.stderr
    first, uuid = result.stdout.splitlines()
    assert first == ("created plan “Kubernetes track” for Ana Ruiz "
                     "(6 goals, 2026-12-01 to 2027-03-01, mentor Bo Chen)")
    database.open_database(store_with_me)
    view = goals.plan_view(uuid)
    assert (view.title, view.owner, view.mentor, view.template) == ("Kubernetes track", "Ana Ruiz", "Bo Chen",
                                                                   "kubernetes")
    assert [g.due_on for g in view.goals][:2] == [dt.date(2026, 12, 31)] * 2
    assert all(g.labs == 1 and g.items_total >= 3 for g in view.goals)


def test_new_plan_takes_a_mentor_by_name_and_starts_today_by_default(store_with_me):
    people.add_person("Ana Ruiz", "mentee")
    people.add_person("Sofia Almeida", "mentor")
    database.close_database()
    result = cli(store_with_me, "new-plan", "--template", "leadership", "--person", "Ana Ruiz",
                 "--mentor", "Sofia Almeida")
    assert result.returncode == 0, result.stderr
    database.open_database(store_with_me)
    plan = models.Plan.get()
    assert (plan.mentor.name, plan.start_on) == ("Sofia Almeida", FROZEN_TODAY)


def test_new_plan_errors_are_one_line_with_exit_1(store_with_me):
    people.add_person("Ana Ruiz", "mentee")
    database.close_database()
    cases = [
        (("--template", "k8s", "--person", "Ana Ruiz"), "no template called 'k8s' (there are: onboarding, "),
        (("--template", "iac", "--person", "Nobody"), "no person called 'Nobody'"),
        (("--template", "iac", "--person", "Ana Ruiz", "--start", "next week"),
         "--start: expected a date like 2026-11-26 (YYYY-MM-DD), got 'next week'"),
        (("--template", "iac", "--person", "Ana Ruiz", "--mentor", "Nobody"), "no person called 'Nobody'"),
    ]
    for args, message in cases:
        result = cli(store_with_me, "new-plan", *args)
        assert result.returncode == 1, args
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert result.stdout == ""
    database.open_database(store_with_me)
    assert models.Plan.select().count() == 0


def test_new_plan_without_its_required_options_is_bad_usage(tmp_path):
    result = cli(tmp_path / "x.sqlite3", "new-plan", "--template", "iac")
    assert result.returncode == 2 and "--person" in result.stderr
