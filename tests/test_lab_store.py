"""Labs in the store: ticking, roll-up to the goal and the plan, staleness, new rounds,
filters, and done dates and evidence surviving a restart and an export → import."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from mentor_tui import config
from mentor_tui.db import database, lab_items, lab_progress, labs, people, plans, stale_labs
from mentor_tui.db.models import Goal, Lab, LabItem
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files

from .conftest import FROZEN_TODAY

TODAY = FROZEN_TODAY
CUTOFF = TODAY - dt.timedelta(days=90)


@pytest.fixture
def team(store_with_me):
    """Bo Chen (me, mentor) mentors Ana's Kubernetes plan: two goals, three labs."""
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    plan = plans.create_plan(ana, "Kubernetes track", "skill", dt.date(2026, 9, 1), mentor=me)
    k8s = plans.add_goal(plan.id, "Debug a CrashLoopBackOff", "kubernetes")
    helm = plans.add_goal(plan.id, "Write a Helm chart", "kubernetes")
    iac = plans.add_goal(plan.id, "Terraform a bucket", "iac")
    crash = labs.create_lab(k8s.id, "Break it and fix it", items="Describe the pod\nRead the logs", today=TODAY)
    probes = labs.create_lab(k8s.id, "Fix the probes", items=["[x] Read the probe docs", "[ ] Fix the probe"],
                             today=TODAY)
    bucket = labs.create_lab(iac.id, "State bucket", items=["Write the module"], today=TODAY)
    return SimpleNamespace(me=me, ana=ana, plan=plan, k8s=k8s, helm=helm, iac=iac, crash=crash, probes=probes,
                           bucket=bucket)


def _items(lab) -> list[LabItem]:
    return list(LabItem.select().where(LabItem.lab == lab.id).order_by(LabItem.position))


def _plan_progress(plan_id: int) -> tuple[int, int]:
    row = next(r for r in plans.page() if r.id == plan_id)
    return row.goals_done, row.goals_total


@pytest.mark.parametrize(("line", "expected"), [
    ("[x] Apply the manifests", ("Apply the manifests", True)),
    ("[X] Apply", ("Apply", True)),
    ("[ ] Apply", ("Apply", False)),
    ("- [x] Apply", ("Apply", True)),
    ("  Apply  ", ("Apply", False)),
    ("Apply [x] later", ("Apply [x] later", False)),
])
def test_a_checklist_line_reads_x_as_done_and_space_as_open(line, expected):
    assert lab_items.parse_line(line) == expected


def test_a_new_lab_reads_its_checklist_prefixes(team):
    first, second = _items(team.probes)
    assert (first.text, first.done, first.done_on) == ("Read the probe docs", True, TODAY)
    assert (second.text, second.done, second.done_on) == ("Fix the probe", False, None)
    assert Lab.get_by_id(team.probes.id).last_practised_on is None  # not finished


def test_a_new_lab_with_every_step_ticked_is_practised_today(team):
    lab = labs.create_lab(team.helm.id, "Chart", items="[x] Scaffold\n[x] Deploy", today=TODAY)
    assert Lab.get_by_id(lab.id).last_practised_on == TODAY


def test_a_checklist_step_of_only_a_prefix_is_refused_and_nothing_is_added(team):
    with pytest.raises(ValueError, match="a step needs some text"):
        lab_items.add_items(team.crash.id, "[x]   \n   ", TODAY)
    assert len(_items(team.crash)) == 2


def test_ticking_dates_the_step_and_the_last_one_finishes_the_lab(team):
    first, second = _items(team.crash)
    changed = lab_items.toggle_item(first.id, TODAY)
    assert (changed.lab_done, changed.goal_ready) == (False, None)
    assert LabItem.get_by_id(first.id).done_on == TODAY
    changed = lab_items.toggle_item(second.id, TODAY)
    assert changed.lab_done and not changed.was_done
    assert changed.goal_ready is None  # the goal's other lab is still open
    assert Lab.get_by_id(team.crash.id).last_practised_on == TODAY


def test_unticking_reopens_the_lab_and_forgets_the_steps_date(team):
    for item in _items(team.crash):
        lab_items.toggle_item(item.id, TODAY)
    changed = lab_items.toggle_item(_items(team.crash)[0].id, TODAY)
    assert changed.was_done and not changed.lab_done
    item = _items(team.crash)[0]
    assert (item.done, item.done_on) == (False, None)
    assert not lab_items.load_lab(team.crash.id, CUTOFF).done
    assert Lab.get_by_id(team.crash.id).last_practised_on == TODAY  # the practice happened


def test_when_every_lab_of_a_goal_is_done_the_goal_is_offered_and_the_plan_moves(team):
    for item in _items(team.crash):
        lab_items.toggle_item(item.id, TODAY)
    changed = lab_items.toggle_item(_items(team.probes)[1].id, TODAY)
    assert changed.goal_ready == lab_progress.GoalReady(team.k8s.id, "Debug a CrashLoopBackOff")
    assert _plan_progress(team.plan.id) == (0, 3)
    lab_progress.set_goal_status(team.k8s.id, "done", TODAY)
    goal = Goal.get_by_id(team.k8s.id)
    assert (goal.status, goal.done_on) == ("done", TODAY)
    assert _plan_progress(team.plan.id) == (1, 3)
    assert lab_items.load_lab(team.crash.id, CUTOFF).plan_goals_done == 1


def test_a_goal_already_done_is_not_offered_again(team):
    lab_progress.set_goal_status(team.iac.id, "done", TODAY)
    changed = lab_items.toggle_item(_items(team.bucket)[0].id, TODAY)
    assert changed.lab_done and changed.goal_ready is None


def test_a_goal_status_outside_the_registry_is_refused(team):
    with pytest.raises(ValueError, match="status"):
        lab_progress.set_goal_status(team.k8s.id, "finished", TODAY)


def test_a_lab_practised_before_the_cutoff_is_stale(team):
    Lab.update(last_practised_on=CUTOFF - dt.timedelta(days=1)).where(Lab.id == team.crash.id).execute()
    Lab.update(last_practised_on=CUTOFF).where(Lab.id == team.probes.id).execute()
    assert lab_items.load_lab(team.crash.id, CUTOFF).stale
    assert not lab_items.load_lab(team.probes.id, CUTOFF).stale
    rows = {r.id: r.stale for r in labs.page(filters=labs.LabFilter(cutoff=CUTOFF))}
    assert rows == {team.crash.id: True, team.probes.id: False, team.bucket.id: False}
    assert labs.state_counts(labs.LabFilter(cutoff=CUTOFF)).stale == 1


def test_the_dashboard_lists_my_stale_labs_only(team):
    old = CUTOFF - dt.timedelta(days=30)
    Lab.update(last_practised_on=old).execute()
    bea = people.add_person("Bea Lind", "mentee")
    theirs = plans.create_plan(bea, "Someone else's", "skill", dt.date(2026, 1, 1))
    goal = plans.add_goal(theirs.id, "Not mine")
    labs.create_lab(goal.id, "Not my lab", items="Step", today=TODAY)
    Lab.update(last_practised_on=old).where(Lab.title == "Not my lab").execute()
    found = stale_labs.my_stale_labs(CUTOFF, limit=2)
    assert [lab.title for lab in found.labs] == ["Break it and fix it", "Fix the probes"]
    assert found.more == 1


def test_the_stale_threshold_is_a_setting_with_a_sane_default(tmp_path):
    path = tmp_path / "settings.toml"
    assert config.stale_after_days(config.load_settings(path)) == 90
    path.write_text("stale_after_days = 30\n", encoding="utf-8")
    settings = config.load_settings(path)
    assert config.stale_cutoff(settings, TODAY) == TODAY - dt.timedelta(days=30)
    path.write_text('stale_after_days = "soon"\n', encoding="utf-8")
    assert config.stale_after_days(config.load_settings(path)) == 90


def test_a_reset_opens_every_step_and_keeps_the_round_in_the_history(team):
    first, second = _items(team.crash)
    lab_items.toggle_item(first.id, dt.date(2026, 5, 1))
    lab_items.set_evidence(first.id, "https://git.example/pull/7")
    lab_items.toggle_item(second.id, dt.date(2026, 5, 3))
    assert lab_items.reset_lab(team.crash.id, TODAY) == 2
    assert [(i.done, i.done_on, i.evidence) for i in _items(team.crash)] == [(False, None, None)] * 2
    lab = Lab.get_by_id(team.crash.id)
    assert lab.last_practised_on == dt.date(2026, 5, 3)  # stays until the new round is done
    assert lab.history == (
        "- 2026-05-03 (reset 2026-11-26): 2 of 2 steps done\n"
        "  - Describe the pod (2026-05-01): https://git.example/pull/7\n"
        "  - Read the logs (2026-05-03)"
    )
    lab_items.toggle_item(first.id, TODAY)
    lab_items.reset_lab(team.crash.id, TODAY)
    assert Lab.get_by_id(team.crash.id).history.splitlines()[3] == "- not finished (reset 2026-11-26): 1 of 2 steps done"


def test_a_reset_keeps_the_evidence_of_a_step_not_done_yet(team):
    first, second = _items(team.crash)
    lab_items.toggle_item(first.id, dt.date(2026, 5, 1))
    lab_items.set_evidence(second.id, "kubectl logs <pod> -n kafka")  # notes on a step under way
    assert lab_items.reset_lab(team.crash.id, TODAY) == 1
    assert [(i.done, i.evidence) for i in _items(team.crash)] == [(False, None), (False, "kubectl logs <pod> -n kafka")]


def test_a_lab_with_nothing_done_is_not_reset(team):
    with pytest.raises(ValueError, match="nothing to reset"):
        lab_items.reset_lab(team.crash.id, TODAY)


def test_steps_are_added_after_the_cursor_edited_moved_and_deleted(team):
    first, second = _items(team.crash)
    lab_items.add_items(team.crash.id, "Check the events\n[x] Restart it", TODAY, after_item_id=first.id)
    assert [(i.text, i.done) for i in _items(team.crash)] == [
        ("Describe the pod", False), ("Check the events", False), ("Restart it", True), ("Read the logs", False)]
    assert lab_items.move_item(second.id, -1)
    assert not lab_items.move_item(first.id, -1)  # the top already
    assert [i.text for i in _items(team.crash)][2:] == ["Read the logs", "Restart it"]
    lab_items.edit_item(first.id, "[x] Describe the failing pod", TODAY)
    assert (LabItem.get_by_id(first.id).text, LabItem.get_by_id(first.id).done) == ("Describe the failing pod", True)
    lab_items.edit_item(first.id, "Describe it", TODAY)  # no prefix: the tick stays
    assert LabItem.get_by_id(first.id).done
    lab_items.delete_item(second.id, TODAY)
    assert [i.position for i in _items(team.crash)] == [0, 1, 2]
    with pytest.raises(ValueError, match="step no longer exists"):
        lab_items.toggle_item(second.id, TODAY)


def test_filters_by_competency_state_and_text(team):
    lab_items.toggle_item(_items(team.bucket)[0].id, TODAY)
    kubernetes = labs.LabFilter(competency="kubernetes")
    assert {r.title for r in labs.page(filters=kubernetes)} == {"Break it and fix it", "Fix the probes"}
    assert labs.state_counts(kubernetes) == labs.StateCounts(2, 2, 0)
    assert [r.title for r in labs.page(filters=labs.LabFilter(state="done"))] == ["State bucket"]
    assert labs.count(labs.LabFilter(state="open")) == 2
    assert [r.title for r in labs.page(filters=labs.LabFilter(text="PROBE"))] == ["Fix the probes"]
    assert labs.count(labs.LabFilter(text="ana ruiz")) == 3  # the owner's name
    assert labs.count(labs.LabFilter(text="100%")) == 0  # % is a character, not a wildcard
    assert ("Kubernetes", "kubernetes", 2) in labs.competency_choices()


def test_each_row_and_goal_choice_names_plan_and_goal(team):
    row = labs.page()[0]
    assert (row.plan, row.goal) == ("Kubernetes track", "Debug a CrashLoopBackOff")
    labels = [g.label for g in labs.goal_choices()]
    assert "Ana Ruiz: Kubernetes track › Write a Helm chart" in labels


def test_done_goals_are_offered_for_a_lab_in_plan_order_but_not_those_of_a_paused_plan(team):
    """A goal's page says the Labs section adds a lab under it, done or not: labs are also
    for practising again. The goals come in the plan's order, whatever their state."""
    from mentor_tui.db import goals
    from mentor_tui.db.models import Plan
    from mentor_tui.screens.goal_view import labs_title

    goals.set_status(team.k8s.id, "done", TODAY)
    paused = plans.create_plan(team.ana, "Paused track", "skill", dt.date(2026, 9, 1))
    resting = plans.add_goal(paused.id, "Resting goal", "iac")
    Plan.update(status="paused").where(Plan.id == paused.id).execute()
    ids = [g.id for g in labs.goal_choices()]
    assert ids == [team.k8s.id, team.helm.id, team.iac.id]
    assert resting.id in [g.id for g in labs.goal_choices(keep=resting.id)]  # a lab's own goal stays offered
    goals.set_status(team.helm.id, "done", TODAY)
    done_view = goals.goal_view(Goal.get_by_id(team.helm.id).uuid)
    assert done_view is not None and not done_view.labs_list
    assert labs_title(done_view) == "Labs: none yet (the Labs section, key 3, adds one under this goal)"
    assert team.helm.id in [g.id for g in labs.goal_choices()]
    resting_view = goals.goal_view(Goal.get_by_id(resting.id).uuid)
    assert resting_view is not None
    assert labs_title(resting_view) == ("Labs: none yet (the plan is paused: labs are added under goals of "
                                        "active plans)")


def test_a_lab_is_edited_moved_and_deleted_with_its_steps(team):
    labs.update_lab(team.crash.id, " Break it ", "https://x.example", "**Why**", None)
    lab = Lab.get_by_id(team.crash.id)
    assert (lab.title, lab.link, lab.detail) == ("Break it", "https://x.example", "**Why**")
    labs.move_lab(team.crash.id, team.helm.id)
    assert Lab.get_by_id(team.crash.id).goal_id == team.helm.id
    with pytest.raises(ValueError, match="title is required"):
        labs.update_lab(team.crash.id, "  ", None, "")
    assert labs.delete_lab(team.crash.id) == 2
    assert LabItem.select().where(LabItem.lab == team.crash.id).count() == 0


def test_done_dates_evidence_and_history_survive_a_restart_and_an_export_import(team, db_path, tmp_path):
    first, second = _items(team.crash)
    lab_items.toggle_item(first.id, dt.date(2026, 11, 20))
    lab_items.set_evidence(first.id, "https://git.example/pull/9")
    lab_items.reset_lab(team.crash.id, dt.date(2026, 11, 21))
    lab_items.toggle_item(first.id, dt.date(2026, 11, 24))
    lab_items.set_evidence(first.id, "Note: done in the sandbox")
    lab_items.toggle_item(second.id, TODAY)
    before = lab_items.load_lab(team.crash.id, CUTOFF)
    database.close_database()
    database.open_database(db_path)
    assert lab_items.load_lab(team.crash.id, CUTOFF) == before
    exported = tmp_path / "team.toml"
    exported.write_text(dumps(build_document()), encoding="utf-8")
    database.open_database(tmp_path / "other.sqlite3")
    import_files([exported])
    lab = Lab.get(Lab.uuid == team.crash.uuid)
    again = lab_items.load_lab(lab.id, CUTOFF)
    assert [(i.text, i.done, i.done_on, i.evidence) for i in again.items] == [
        ("Describe the pod", True, dt.date(2026, 11, 24), "Note: done in the sandbox"),
        ("Read the logs", True, TODAY, None),
    ]
    assert (again.last_practised_on, again.history) == (TODAY, before.history)
    assert "https://git.example/pull/9" in again.history


def test_the_labs_of_one_goal_in_order(team):
    rows = labs.of_goal(team.k8s.id, CUTOFF)
    assert [(r.title, r.items_done, r.items_total) for r in rows] == [("Break it and fix it", 0, 2), ("Fix the probes", 1, 2)]
    assert labs.of_goal(team.helm.id) == []
