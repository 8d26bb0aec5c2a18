"""Sections built ahead (screens/section_modes.py): once the app is idle it builds each
section's screen in the background; the first visit takes that screen, reads its data
again, and a section visited before that is built when its key is pressed, as always."""

from __future__ import annotations

import datetime as dt
import html
import re

from textual.geometry import Size

from mentor_tui.app import SECTIONS, MentorApp
from tests.pilot_helpers import screen_text, settle, wait_until


async def test_the_sections_are_built_ahead_while_the_dashboard_is_shown(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the sections built ahead")
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"  # nothing was shown meanwhile
        ahead = dict(app.sections.ahead)
        assert sorted(ahead) == sorted(name for name in SECTIONS if name != "dashboard")
        assert all(screen.is_mounted and screen.data_shown for screen in ahead.values())

        labs = ahead["labs"]
        await pilot.press("3")
        await settle(pilot)
        assert app.screen is labs  # the screen built ahead, not a new one
        assert labs.table.row_count > 0
        assert "labs" not in app.sections.ahead


async def test_a_first_visit_of_a_section_built_ahead_reads_its_data_again(demo_db):
    from mentor_tui.db import database, people, plans

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the sections built ahead")
        await settle(pilot)
        assert "Written after the build" not in screen_text(app)
        with database.worker_connection():  # as another program would, after the screen was built
            plans.create_plan(people.me(), "Written after the build", "skill", dt.date(2026, 11, 1))
        await pilot.press("2")
        await settle(pilot)
        assert "Written after the build" in screen_text(app)


async def test_a_section_visited_first_is_built_then_and_not_again(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.warmed_up, timeout=20, what="the warm-up")
        await pilot.press("2")  # before the sections are built ahead: built now
        await settle(pilot)
        plans_screen = app.screen
        assert type(plans_screen).__name__ == "PlansScreen"
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the sections built ahead")
        assert "plans" not in app.sections.ahead
        await pilot.press("1", "2")
        await settle(pilot)
        assert app.screen is plans_screen


async def test_a_section_built_ahead_and_shown_after_a_theme_change_has_the_new_theme(demo_db, tmp_path):
    from tests.test_matched_rules import styles_of, textuals_styles

    app = MentorApp(db_path=demo_db, settings_file=tmp_path / "settings.toml")  # the theme is saved there
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the sections built ahead")
        labs = app.sections.ahead["labs"]
        dark = labs.query_one("#table").styles.background
        app.theme = "textual-light"
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.screen is labs
        assert labs.query_one("#table").styles.background != dark
        assert styles_of(app) == textuals_styles(app)


def painted_text(app) -> str:
    """The text of what the app has painted (its screenshot without the SVG's markup)."""
    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))


async def shown_first(db, key: str, ahead: bool, size: tuple[int, int] = (120, 40)) -> tuple[str, object]:
    """What a section's first visit paints, its screen built (and drawn) ahead or not."""
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        flag = "sections_built" if ahead else "warmed_up"
        await wait_until(pilot, lambda: getattr(app, flag), timeout=20, what=flag)
        await settle(pilot)
        if size != (120, 40):
            await pilot.resize_terminal(*size)
            await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        return painted_text(app), app.screen.size


async def test_a_section_built_ahead_is_laid_out_and_drawn_before_it_is_shown(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the sections built ahead")
        await settle(pilot)
        for name, screen in app.sections.ahead.items():
            assert screen.size == app.size, name
            table = screen.query_one("#table")
            assert table.size.width > 0 and table.size.height > 0, name


async def test_the_forms_built_ahead_are_laid_out_and_drawn_before_they_are_thrown_away(demo_db):
    from mentor_tui.screens.form import FormScreen
    from mentor_tui.screens.forms_ahead import FORMS

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the sections and forms built ahead")
        assert len(app.sections.forms) == len(FORMS)
        assert app.sections.forms <= app.sections.drawn  # a first form finds layout and drawing warmed up
        assert not list(app.query(FormScreen))


async def test_a_section_drawn_ahead_paints_on_its_first_visit_what_one_built_then_paints(demo_db):
    ahead, size = await shown_first(demo_db, "6", ahead=True)  # Team: tables, panels, a scrolled list
    built_then, _ = await shown_first(demo_db, "6", ahead=False)
    assert size == Size(120, 40)
    assert ahead == built_then


async def test_a_section_drawn_ahead_and_shown_after_a_resize_fits_the_new_size(demo_db):
    ahead, size = await shown_first(demo_db, "6", ahead=True, size=(90, 30))
    built_then, _ = await shown_first(demo_db, "6", ahead=False, size=(90, 30))
    assert size == Size(90, 30)
    assert ahead == built_then


async def first_check_in_edit_form(db, monkeypatch) -> int:
    """How many widgets the first check-in edit form of a session matched against the stylesheet's
    rules, once the app has built its screens and forms ahead."""
    from mentor_tui.screens.checkin_form import CheckInForm
    from mentor_tui.screens.form import FormScreen
    from tests.test_matched_rules import matched_nodes

    matched = matched_nodes(monkeypatch)
    app = MentorApp(db_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the sections and forms built ahead")
        await settle(pilot)
        assert not list(app.query(FormScreen))  # the forms built ahead are thrown away
        await pilot.press("4", "enter", "enter")
        await settle(pilot)
        matched.clear()
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CheckInForm) and form.context.checkin is not None
        assert len(list(form.query("*"))) > 30
        return len(matched)


async def test_the_first_check_in_form_finds_its_styles_worked_out_by_the_one_built_ahead(demo_db, monkeypatch):
    from mentor_tui.screens import forms_ahead

    ahead = await first_check_in_edit_form(demo_db, monkeypatch)
    monkeypatch.setattr(forms_ahead, "FORMS", tuple(f for f in forms_ahead.FORMS if f is not forms_ahead.checkin_form))
    monkeypatch.setattr("mentor_tui.screens.warm_up.FORMS", forms_ahead.FORMS)
    not_ahead = await first_check_in_edit_form(demo_db, monkeypatch)
    assert ahead < not_ahead / 3  # most of its widgets styled as remembered, not matched afresh


async def test_a_section_whose_read_does_not_return_does_not_stop_the_warm_up(demo_db, monkeypatch):
    import threading

    from mentor_tui.screens import warm_up
    from mentor_tui.screens.labs import LabsScreen

    monkeypatch.setattr(warm_up, "WAIT_AT_MOST", 1.0)
    release = threading.Event()
    textual_fetch = LabsScreen.fetch

    def stuck(self, *args, **kwargs):
        release.wait(timeout=30)  # a read that hangs (a locked disk, say) until the test ends
        return textual_fetch(self, *args, **kwargs)

    monkeypatch.setattr(LabsScreen, "fetch", stuck)
    app = MentorApp(db_path=demo_db)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.sections_built, timeout=30, what="the other sections built ahead")
            assert {"plans", "checkins", "calendar", "team"} <= set(app.sections.ahead)
            assert app.sections.ahead["labs"].reading  # still waiting: it shows its data when it comes
            release.set()
            await wait_until(pilot, lambda: not app.sections.ahead["labs"].reading, timeout=10, what="the late read")
    finally:
        release.set()


async def test_a_warm_up_step_that_is_lost_is_taken_up_again(demo_db, monkeypatch):
    from mentor_tui.screens import warm_up

    monkeypatch.setattr(warm_up, "STALLED_AFTER", 0.5)
    real_step = warm_up.WarmUp._import_next
    lost = []

    def step(self):
        if not lost and len(self._to_import) == 3:  # a timer that never fires: the chain ends here
            lost.append(True)
            return
        real_step(self)

    monkeypatch.setattr(warm_up.WarmUp, "_import_next", step)
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.sections_built, timeout=20, what="the warm-up, taken up again")
        assert lost and app.warm.restarts >= 1
