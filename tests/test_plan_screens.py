"""Pilot tests of plans as a mentee and a mentor use them: a plan from a template, the plan view's
keys (add, edit, reorder, block, complete, delete), the goal view, and the Plans list's own keys."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from mentor_tui.app import MentorApp
from mentor_tui.db import goals, models, people, plans
from mentor_tui.screens.confirm import ConfirmDialog
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.goal_view import GoalScreen
from mentor_tui.screens.lab import LabScreen
from mentor_tui.screens.plan_view import PlanScreen
from mentor_tui.screens.template_picker import PickDialog

from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)


@pytest.fixture
def team(store_with_me):
    """Bo Chen (me, a mentor) and Ana Ruiz, a new mentee."""
    people.add_person("Ana Ruiz", "mentee")
    return store_with_me


def _options(app) -> str:
    """The lines of the dialog's pick list."""
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


def _titles() -> list[str]:
    return [g.title for g in models.Goal.select().order_by(models.Goal.position, models.Goal.id)]


def _goal(title: str) -> models.Goal:
    return models.Goal.get(models.Goal.title == title)


async def _press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def _cursor_to(pilot, title: str) -> None:
    screen = pilot.app.screen
    keys = [row.key for row in screen.table.table_rows]
    screen.table.move_cursor(row=keys.index(str(_goal(title).id)))
    await settle(pilot)


async def test_a_mentee_starts_onboarding_and_works_through_it(team):
    ana = people.find("Ana Ruiz")
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "2", "n")
        picker = app.screen
        assert isinstance(picker, PickDialog)
        assert "Onboarding — first 90 days  12 goals · onboarding" in _options(app)
        assert "Kubernetes track  6 goals · kubernetes" in _options(app)
        await _press(pilot, "down", "enter")  # the first template after "Empty plan": onboarding
        form = app.screen
        assert isinstance(form, FormScreen) and "onboarding template (12 goals)" in form.form_title
        form.query_one("#field-owner").value = ana.id
        await _press(pilot, "ctrl+s")
        plan = models.Plan.get()
        assert (plan.owner.name, plan.template, plan.mentor.name) == ("Ana Ruiz", "onboarding", "Bo Chen")
        assert "Onboarding — first 90 days" in screen_text(app)

        await _press(pilot, "enter")
        assert isinstance(app.screen, PlanScreen)
        text = screen_text(app)
        assert "0/12 goals done" in text and "day 30" in text and "○ todo" in text

        # add a goal, due within the plan
        await _press(pilot, "a")
        form = app.screen
        form.query_one("#field-title").value = "Pair on a Terraform review"
        form.query_one("#field-phase").value = "day 45"
        form.query_one("#field-due_on").value = "2027-01-10"
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, PlanScreen)
        assert "0/13 goals done" in screen_text(app)
        added = _goal("Pair on a Terraform review")
        assert (added.phase, added.due_on, added.position) == ("day 45", dt.date(2027, 1, 10), 12)
        assert app.screen.table.highlighted_row().key == str(added.id), "the cursor is on the new goal"

        # edit it
        await _press(pilot, "e")
        app.screen.query_one("#field-title").value = "Pair on two Terraform reviews"
        await _press(pilot, "ctrl+s")
        assert _goal("Pair on two Terraform reviews").id == added.id

        # reorder: the second goal of day 30 moves up, then down again
        second = _titles()[1]
        await _cursor_to(pilot, second)
        await _press(pilot, "K")
        assert _titles()[0] == second
        await _press(pilot, "J")
        assert _titles()[1] == second

        # block one, complete two: the progress bar moves
        first = _titles()[0]
        await _cursor_to(pilot, first)
        await _press(pilot, "b")
        assert _goal(first).status == "blocked" and "✖ blocked" in screen_text(app)
        await _press(pilot, "space", "space")  # blocked -> doing -> done
        assert (_goal(first).status, _goal(first).done_on) == ("done", dt.date(2026, 11, 26))
        await _cursor_to(pilot, second)
        await _press(pilot, "space", "space")
        assert "2/13 goals done" in screen_text(app) and "15%" in screen_text(app)

        # delete one: the question says what goes with it
        await _cursor_to(pilot, first)
        await _press(pilot, "d")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "and with it 1 lab and 6 checklist items" in screen_text(app)
        await _press(pilot, "n")
        assert first in _titles()
        await _press(pilot, "d", "y")
        assert first not in _titles() and len(_titles()) == 12
        assert "1/12 goals done" in screen_text(app)

        await _press(pilot, "escape")
        assert " 1/12 █░░░░░░░░░" in screen_text(app), "the list shows the progress too"


@pytest.fixture
def ana_plan(team):
    ana = people.find("Ana Ruiz")
    plan = plans.create_plan(ana, "Kubernetes track", "skill", dt.date(2026, 10, 1), dt.date(2026, 12, 30))
    goal = goals.add_goal(plan.id, "Deploy to kind", "kubernetes", phase="day 30", due_on=dt.date(2026, 10, 31),
                          detail="**Why:** the basics.\n\n**Done when:**\n- a rollback worked\n")
    goals.add_goal(plan.id, "Write a Helm chart", "kubernetes", phase="day 60", due_on=dt.date(2026, 11, 30))
    lab = models.Lab.create(goal=goal, title="kind lab", link="https://kind.sigs.k8s.io/")
    for i, text in enumerate(("Create a cluster", "Deploy the app", "Roll it back")):
        models.LabItem.create(lab=lab, text=text, position=i, done=i == 0)
    return team


async def _open_plan(pilot) -> None:
    await settle(pilot)
    await _press(pilot, "2", "enter")
    assert isinstance(pilot.app.screen, PlanScreen)


async def test_at_80_columns_overdue_is_told_short_and_the_goal_title_gets_the_room(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(pilot)
        text = screen_text(app)
        assert "2026-10-31 ⚠ 26d" in text and "26d overdue" not in text
        assert "Write a Helm chart" in text  # whole (20 cells were left for titles)


async def test_the_status_line_puts_a_goals_new_status_first_and_says_when_it_is_deleted(ana_plan):
    long_title = "Write a postmortem for the payments 5xx incident with a very long title that goes on"
    goal = models.Goal.get(models.Goal.title == "Write a Helm chart")
    models.Goal.update(title=long_title).where(models.Goal.id == goal.id).execute()
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_plan(pilot)
        await _cursor_to(pilot, long_title)
        await _press(pilot, "space")
        status = str(app.screen.query_one("#detail-status", Static).content)
        assert status.startswith("◐ doing: “Write a postmortem") and status.endswith("…”")
        await _press(pilot, "d", "y")
        await wait_until(pilot, lambda: "Deleted: “Write a postmortem" in str(app.screen.query_one("#detail-status", Static).content),
                         what="the status line naming the deleted goal")


async def test_a_due_date_outside_the_plan_is_refused_next_to_the_field(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        assert "⚠ 26d overdue" in screen_text(app), "Deploy to kind was due 2026-10-31"
        await _press(pilot, "e")
        form = app.screen
        form.query_one("#field-due_on").value = "2027-02-01"
        await _press(pilot, "ctrl+s")
        assert app.screen is form, "the form stays open with what was typed"
        error = str(form.query_one("#error-due_on").render())
        assert "after the plan's target date (2026-12-30)" in error
        assert form.query_one("#field-due_on").value == "2027-02-01"
        assert _goal("Deploy to kind").due_on == dt.date(2026, 10, 31)


async def test_tab_groups_goals_by_competency(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        columns = [str(c.label) for c in app.screen.table.ordered_columns]
        assert columns[0] == "Phase"
        await _press(pilot, "tab")
        columns = [str(c.label) for c in app.screen.table.ordered_columns]
        assert columns[0] == "Competency" and "Kubernetes | Deploy to kind" in screen_text(app)


async def test_the_goal_view_shows_its_detail_and_labs(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        await _press(pilot, "enter")
        assert isinstance(app.screen, GoalScreen)
        text = screen_text(app)
        assert "kind lab | 1/3" in text and "Labs (1)" in text
        markdown = app.screen.query_one("#goal-detail")
        assert "a rollback worked" in markdown.source
        await _press(pilot, "space")
        assert _goal("Deploy to kind").status == "doing"
        await _press(pilot, "enter")  # the lab, to tick: the labs issue's lab view
        assert isinstance(app.screen, LabScreen)
        steps = {item.text: item.done for item in app.screen.data.items}
        assert steps["Roll it back"] is False and steps["Create a cluster"] is True
        await _press(pilot, "escape", "escape")
        assert isinstance(app.screen, PlanScreen) and "◐ doing" in screen_text(app)


async def test_typing_into_an_edit_form_adds_to_the_value_it_does_not_replace_it(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        await _cursor_to(pilot, "Write a Helm chart")
        await _press(pilot, "e")
        assert app.focused is app.screen.query_one("#field-title")
        await pilot.press(*" for status")
        await _press(pilot, "ctrl+s")
    assert _titles()[1] == "Write a Helm chart for status"


async def test_a_on_an_empty_filtered_list_says_what_it_shows_now(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        await _press(pilot, "escape")
        screen = app.screen
        me = people.me()
        screen.owner_filter = (me.id, me.name)  # (the picker, f, has its own tests)
        screen.reload()
        await settle(pilot)
        status = screen.query_one("#status")
        assert str(status.render()) == "No active plans of Bo Chen: A shows all statuses."
        await _press(pilot, "A")
        assert str(status.render()) == "No plans of Bo Chen, of any status: f shows everyone's."
        await _press(pilot, "A")
        assert str(status.render()) == "No active plans of Bo Chen: A shows all statuses."


async def test_a_plan_left_open_in_its_section_is_read_again_on_coming_back(ana_plan):
    from mentor_tui.db import labs

    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        assert "1/3" in screen_text(app)  # the goal's lab steps
        await _press(pilot, "3")
        labs.delete_lab(models.Lab.get().id)  # as if in the Labs section (its own tests)
        await _press(pilot, "2")
        assert isinstance(app.screen, PlanScreen) and "1/3" not in screen_text(app)


async def test_a_goal_without_labs_offers_no_open_lab_key(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        await _cursor_to(pilot, "Write a Helm chart")
        await _press(pilot, "enter")
        assert isinstance(app.screen, GoalScreen) and app.screen.data is not None
        text = screen_text(app)
        assert "Labs: none yet" in text and "Open lab" not in text  # not a dimmed key that does nothing
        await _press(pilot, "escape")
        await _cursor_to(pilot, "Deploy to kind")
        await _press(pilot, "enter")  # the goal with a lab: the key is there
        assert "Labs (1)" in screen_text(app) and "Open lab" in screen_text(app)


async def test_the_plan_is_edited_and_deleted_from_its_view(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        await _press(pilot, "E")
        form = app.screen
        form.query_one("#field-title").value = "Kubernetes and Helm"
        form.query_one("#field-target_on").value = "2026-11-15"
        await _press(pilot, "ctrl+s")
        assert app.screen is form
        assert "Write a Helm chart" in str(form.query_one("#error-target_on").render())
        form.query_one("#field-target_on").value = "2027-01-31"
        await _press(pilot, "ctrl+s")
        assert isinstance(app.screen, PlanScreen) and "Kubernetes and Helm" in screen_text(app)
        await _press(pilot, "D")
        assert "and with it 2 goals, 1 lab and 3 checklist items" in screen_text(app)
        await _press(pilot, "y")
        await wait_until(pilot, lambda: app.screen.sub_title == "2 Plans", what="back on the list")
        assert models.Plan.select().count() == 0 and models.LabItem.select().count() == 0


async def test_the_list_edits_deletes_and_filters_plans(ana_plan):
    me = people.me()
    plans.create_plan(me, "Leadership", "leadership", dt.date(2026, 11, 1))
    done = plans.create_plan(people.find("Ana Ruiz"), "Onboarding", "onboarding", dt.date(2026, 1, 1))
    models.Plan.update(status="done").where(models.Plan.id == done.id).execute()
    k8s = models.Plan.get(models.Plan.title == "Kubernetes track").id
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "2")
        rows = [row.record.title for row in app.screen.table.table_rows]
        assert rows == ["Leadership", "Kubernetes track"], "mine first, active only"
        assert "Bo Chen (me)" in screen_text(app)
        await _press(pilot, "A")
        assert [row.record.title for row in app.screen.table.table_rows][-1] == "Onboarding"
        await _press(pilot, "f")
        assert isinstance(app.screen, PickDialog)
        await _press(pilot, "down", "enter")  # Ana Ruiz (the roster is by name)
        assert [row.record.title for row in app.screen.table.table_rows] == ["Kubernetes track", "Onboarding"]
        assert "All plans of Ana Ruiz" in screen_text(app)
        await _press(pilot, "e")
        app.screen.query_one("#field-title").value = "K8s track"
        await _press(pilot, "ctrl+s")
        assert models.Plan.get_by_id(k8s).title == "K8s track"
        await _press(pilot, "d")
        assert "“K8s track” (Ana Ruiz) will be deleted, and with it 2 goals" in screen_text(app)
        await _press(pilot, "y")
        assert [row.record.title for row in app.screen.table.table_rows] == ["Onboarding"]


async def test_a_malformed_user_template_is_reported_and_the_rest_offered(team, tmp_path, monkeypatch):
    from mentor_tui.exchange import templates

    (tmp_path / "broken.toml").write_text('format = "mentor-tui"\nversion = 1\nscope = "template"\n')
    monkeypatch.setattr(templates, "user_dir", lambda: tmp_path)
    app = MentorApp(db_path=team)
    messages: list[str] = []
    app.notify = lambda message, **_kw: messages.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _press(pilot, "2", "n")
        assert any("broken.toml: plans: expected exactly one [[plans]] table" in m for m in messages)
        assert isinstance(app.screen, PickDialog) and "Kubernetes track" in _options(app)


async def test_help_and_palette_list_the_plan_views_keys(ana_plan):
    from mentor_tui.screens.help import HelpScreen

    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Todo/doing/done", "Blocked", "Move down", "Move up", "Delete goal", "Edit plan"} <= commands
        await _press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Todo/doing/done" in text and "Group by phase/competency" in text
        assert "Export" not in text, "e edits a goal here: the help does not promise Export"


async def test_space_pressed_twice_quickly_makes_a_goal_done(ana_plan):
    app = MentorApp(db_path=ana_plan)
    async with app.run_test(size=SIZE) as pilot:
        await _open_plan(pilot)
        await pilot.press("space", "space")  # the second while the first is saving
        await settle(pilot)
        await wait_until(pilot, lambda: _goal("Deploy to kind").status == "done", what="the goal done")
        await settle(pilot)
        assert "1/2 goals done" in screen_text(app)


@pytest.mark.parametrize("size", [(120, 40), (160, 40)])
async def test_a_long_plan_title_leaves_the_dates_on_screen(demo_db, size):
    """A title of 60 characters is cut so Start and Target stay in sight at 120 columns and wider
    (it pushed the Target column off a 120-column screen, for every row)."""
    from mentor_tui.db.models import Person, Plan

    from .conftest import FROZEN_TODAY

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        owner = Person.select().where(Person.role == "mentee").first()
        plans.create_plan(owner, "A very long plan title that goes on and on and on, and on", "skill", FROZEN_TODAY)
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.table
        widths = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert widths <= table.scrollable_content_region.width
        assert any("A very long plan title" in str(row.record.title) for row in table.table_rows)
        assert Plan.select().count() > 1
