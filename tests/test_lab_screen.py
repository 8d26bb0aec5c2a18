"""Pilot tests of labs by keyboard: a mentee ticks the Kubernetes lab to the end with
evidence and sees the lab, the goal and the plan move; filters; reopening a step;
the new-lab form's checklist; deleting; the Dashboard's stale labs."""

from __future__ import annotations

import datetime as dt

from textual.widgets import OptionList

from mentor_tui.app import MentorApp
from mentor_tui.db import database, labs, people
from mentor_tui.db.models import Goal, Lab, LabItem, Plan
from mentor_tui.screens.confirm import ConfirmDialog
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.lab import LabScreen

from .conftest import FROZEN_TODAY
from .pilot_helpers import pick_first, screen_text, settle, wait_until

SIZE = (120, 40)
HELM = "Helm chart for status-service"


def _steps(app) -> list[str]:
    options = app.screen.query_one("#lab-items", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _open_kubernetes_labs(pilot) -> None:
    """3 Labs, c, pick Kubernetes."""
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    await pilot.press("down", "enter")  # the first competency after "All": Kubernetes, most labs
    await settle(pilot)


async def test_a_mentee_ticks_the_kubernetes_lab_to_the_end_and_the_goal_and_plan_move(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_kubernetes_labs(pilot)
        await pilot.press("down", "enter")  # the second Kubernetes lab: the Helm chart, 2/4
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)
        text = screen_text(app)
        assert HELM in text and "Kubernetes track" in text and "2/4 steps" in text and "2/7 goals done" in text
        await pilot.press("down", "down", "space")
        await settle(pilot)
        assert "[x] Add a PodDisruptionBudget and a readiness probe  done 2026-11-26" in _steps(app)
        await pilot.press("down", "v")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"https://argo.example/app/status")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)
        assert "↳ https://argo.example/app/status" in _steps(app)[3]
        await pilot.press("space")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # every lab of the goal is done: mark it done?
        await pilot.press("y")
        await settle(pilot)
        text = screen_text(app)
        assert "4/4 steps  ✔ done" in text and "3/7 goals done" in text
        assert "Last practised  2026-11-26" in text
        await pilot.press("escape")
        await settle(pilot)
        assert f"{HELM} | ✔ 4/4 | 2026-11-26" in screen_text(app)
        await pilot.press("2")
        await settle(pilot)
        assert "Lucas Moreau | Kubernetes track | skill | active |   3/7 ████░░░░░░" in screen_text(app)
    lab = Lab.get(Lab.title == HELM)
    goal = Goal.get_by_id(lab.goal_id)
    assert (lab.last_practised_on, goal.status, goal.done_on) == (FROZEN_TODAY, "done", FROZEN_TODAY)
    last = LabItem.select().where(LabItem.lab == lab).order_by(LabItem.position.desc()).get()
    assert (last.done, last.done_on, last.evidence) == (True, FROZEN_TODAY, "https://argo.example/app/status")


async def test_unticking_a_step_reopens_the_lab(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_kubernetes_labs(pilot)
        await pilot.press("enter")  # the CrashLoopBackOff lab, done
        await settle(pilot)
        assert "4/4 steps  ✔ done" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert "3/4 steps  open" in screen_text(app)
        assert _steps(app)[0].startswith("[ ] `kubectl describe`")
        assert "Lab open again." in screen_text(app)
    item = LabItem.select().join(Lab).where(Lab.title.startswith("Break it")).order_by(LabItem.position).get()
    assert (item.done, item.done_on) == (False, None)


async def test_the_status_line_follows_a_reset_and_a_deleted_step(demo_db):
    """"Lab done" is said when the last step is ticked, and goes when a reset opens them again;
    deleting the one open step finishes the lab, and says so."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_kubernetes_labs(pilot)
        await pilot.press("enter")  # the CrashLoopBackOff lab, done
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert "Lab done: every step is ticked." in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "0/4 steps" in screen_text(app) or "4 steps" in screen_text(app)
        assert "Lab done" not in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#field-text").insert("[x] one\n[x] two\n[x] three\n[x] four")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # the four old steps are open (the first, then the new ones, then three): delete them,
        # and the last delete finishes the lab
        for key in ("end", "end", "end", "home"):
            assert "Lab done" not in screen_text(app)
            await pilot.press(key, "d")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
        assert all(step.startswith("[x]") for step in _steps(app)) and len(_steps(app)) == 4
        assert "Lab done: every step is ticked." in screen_text(app)


async def test_labs_filter_by_competency_state_and_text(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert "Open 4  Done 3  [All 7]" in screen_text(app)
        await pilot.press("c", "down", "enter")
        await settle(pilot)
        rows = app.screen.table.table_rows
        assert [r.record.title for r in rows] == ["Break it and fix it: CrashLoopBackOff", HELM]
        assert "Competency Kubernetes" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert [r.record.title for r in app.screen.table.table_rows] == [HELM]
        assert "[Open 1]  Done 1  All 2" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen.table.table_rows) == 7
        await pilot.press("slash", *"vault")
        await settle(pilot)
        assert [r.record.title for r in app.screen.table.table_rows] == ["Vault: secrets for CI over OIDC"]
        await pilot.press("enter")  # from the search field to the list
        await pilot.press("enter")  # opens the lab
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)


async def test_esc_closes_the_search_field_left_empty_and_gives_the_list_its_keys(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "slash")
        await settle(pilot)
        search = app.screen.query_one("#lab-search")
        assert search.display and search.has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert not search.display and app.screen.table.has_focus
        await pilot.press("down", "enter")  # the list's keys work again: the second lab opens
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)


async def test_the_new_lab_form_reads_x_prefixes_and_grows(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        await pick_first(pilot, "goal")  # which goal: no default from the Labs list
        form.query_one("#field-title").focus()
        await pilot.press(*"Drain a node")
        checklist = form.query_one("#field-items")
        checklist.focus()
        short = checklist.size.height
        checklist.insert("[x] Cordon the node\n[ ] Drain it\n[ ] Uncordon\n[ ] Check the PDBs\n[ ] Write it up\n"
                         "[ ] Six\n[ ] Seven")
        await settle(pilot)
        assert checklist.size.height > short
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
    lab = Lab.get(Lab.title == "Drain a node")
    items = list(LabItem.select().where(LabItem.lab == lab).order_by(LabItem.position))
    assert [(i.text, i.done) for i in items][:2] == [("Cordon the node", True), ("Drain it", False)]
    assert items[0].done_on == FROZEN_TODAY


async def test_deleting_a_lab_asks_first_and_says_what_goes(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "with its 4 checklist steps" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert labs.count() == 7
        await pilot.press("d", "y")
        await settle(pilot)
        assert labs.count() == 6
        assert "Trace one commit" not in screen_text(app)


async def test_a_lab_moves_to_a_goal_picked_as_plan_and_goal(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "m")
        await settle(pilot)
        target = next(g for g in labs.goal_choices() if "Kubernetes track › Write a Helm chart" in g.label)
        assert target.label.startswith("Lucas Moreau: ")
        app.screen.query_one("#field-goal").value = target.id
        await pilot.press("ctrl+s")
        await settle(pilot)
    lab = Lab.get(Lab.title == "Trace one commit to production")
    assert Goal.get_by_id(lab.goal_id).title.startswith("Write a Helm chart")


async def test_the_dashboard_lists_my_stale_labs_and_the_lab_says_practise_again(demo_db):
    database.open_database(demo_db)
    mine = Lab.select().join(Goal).join(Plan).where(Plan.mentor == people.me()).first()
    Lab.update(last_practised_on=dt.date(2026, 6, 1)).where(Lab.id == mine.id).execute()
    database.close_database()
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "Stale labs" in screen_text(app), what="the stale labs panel")
        assert f"2026-06-01  {mine.title}" in screen_text(app)
        app.push_screen(LabScreen(mine.id))
        await settle(pilot)
        assert "⚠ stale — practise again" in screen_text(app)


async def test_steps_are_added_edited_moved_deleted_and_a_round_reset_by_keyboard(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_kubernetes_labs(pilot)
        await pilot.press("down", "enter")  # the Helm chart lab
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#field-text").insert("[x] Lint the chart\nTemplate it locally")
        said: list[str] = []
        app.notify = lambda message, **_kw: said.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "2 steps added." in said
        assert [s.splitlines()[0].split("  ")[0] for s in _steps(app)][:3] == [
            "[x] Scaffold the chart and remove unused templates", "[x] Lint the chart", "[ ] Template it locally"]
        await pilot.press("down", "down", "K")  # "Template it locally" up one
        await settle(pilot)
        assert _steps(app)[1] == "[ ] Template it locally"
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#field-text")
        field.clear()
        field.insert("[x] Template it with helm template")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _steps(app)[1] == "[x] Template it with helm template  done 2026-11-26"
        await pilot.press("d")
        await settle(pilot)
        assert "Its done date and evidence go with it." in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert len(_steps(app)) == 5
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert all(step.startswith("[ ]") for step in _steps(app))
        assert "Earlier rounds" in screen_text(app) and "3 of 5 steps done" in screen_text(app)
        assert any("New round: 3 done steps open again." in m for m in said)  # as the question said: not 5


async def test_help_and_the_palette_list_the_lab_keys(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        help_text = screen_text(app)
        for line in ("space  Tick / untick", "v  Evidence", "J  Move down", "r  Reset round", "^r  Reload"):
            assert line in help_text
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Tick / untick", "Evidence", "Reset round", "Edit lab"} <= set(titles)


async def test_steps_ticked_in_quick_succession_are_all_saved(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_kubernetes_labs(pilot)
        await pilot.press("down", "enter")  # the Helm chart lab: steps 3 and 4 open
        await settle(pilot)
        await pilot.press("down", "down", "space", "down", "space")  # no wait in between
        await settle(pilot)
        # the second tick finishes the lab, and with it every lab of its goal
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the goal question")
        await pilot.press("n")
        await settle(pilot)
        assert "4/4 steps  ✔ done" in screen_text(app)
    lab = Lab.get(Lab.title == HELM)
    assert LabItem.select().where((LabItem.lab == lab) & LabItem.done).count() == 4


async def test_every_column_of_labs_is_on_an_80_column_screen(demo_db):
    """The plan and goal were one letter past the edge at 80 columns."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.table
        assert table.row_count > 3
        widths = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert widths <= table.scrollable_content_region.width


async def test_editing_a_step_shows_its_state_and_starts_at_the_end_of_its_text(demo_db):
    """`e` on a done step opens "[x] its text" (the label says [x] / [ ] ticks or opens it), the
    cursor at the end, so ctrl+u clears it and what is typed replaces it; the step stays done."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await _open_kubernetes_labs(pilot)
        await pilot.press("enter")  # the CrashLoopBackOff lab, done
        await settle(pilot)
        first = _steps(app)[0].split("  done")[0]
        await pilot.press("e")
        await settle(pilot)
        field = app.screen.query_one("#field-text")
        assert field.text == first and first.startswith("[x] `kubectl describe`")
        await pilot.press("ctrl+u", *"Read the events", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LabScreen)
        assert _steps(app)[0].startswith("[x] Read the events  done")
        await pilot.press("space")  # open it: the form says so
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#field-text").text == "[ ] Read the events"
