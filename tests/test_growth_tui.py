"""Pilot tests of the growth view: rate a skill, log an incident or shift, ownership, kudos,
program feedback; open, edit and delete them; see the view change; m on the Dashboard."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from textual.widgets import Input, Select, TextArea

from mentor_tui.app import MentorApp
from mentor_tui.db import models, people
from mentor_tui.screens.confirm import DeleteDialog, YesNoDialog
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.help import HelpScreen
from mentor_tui.screens.person import PersonScreen

from .pilot_helpers import pick_first, screen_text, settle

SIZE = (120, 40)


@pytest.fixture
def team(store_with_me):
    """Bo Chen (me, mentor) mentors Ana Ruiz."""
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    models.Mentorship.create(mentor=me, mentee=ana, started_on=dt.date(2026, 9, 1))
    return store_with_me


def _rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


async def _open_ana(pilot) -> PersonScreen:
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)
    assert pilot.app.screen.highlighted().person.name == "Ana Ruiz"
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PersonScreen)
    return screen


async def _form(pilot, key: str, **values) -> FormScreen:
    """Press `key`, wait for its form, fill `values` (field name -> value) in."""
    await pilot.press(key)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen), f"{key} opened {form!r}"
    for name, value in values.items():
        widget = form.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, Select):
            widget.value = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    return form


async def _save(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


def _part(app, name: str) -> str:
    return str(app.screen.query_one(f"#person-{name}").render())


async def test_a_mentee_rates_herself_her_mentor_rates_her_and_the_view_shows_both(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        assert "No ratings yet. Press s to rate a skill." in _part(app, "skills")

        form = await _form(pilot, "s", competency="kubernetes", level=2, rated_by="self")
        assert form.form_title == "Rate a skill — Ana Ruiz"
        await _save(pilot)
        assert isinstance(app.screen, PersonScreen)
        skills = _part(app, "skills")
        assert "Kubernetes" in skills and "2 learning" in skills and "self 2026-11-26" in skills

        # Bo (me) opens the same form: he is the default rater, a mentor rating.
        await _form(pilot, "s", competency="kubernetes", level=3, evidence="https://example.com/pr/9")
        await _save(pilot)
        skills = _part(app, "skills")
        assert "2 learning      3 practitioner  ▃▅" in skills  # side by side, never averaged; the history
        assert "Bo Chen 2026-11-26 · evidence: https://example.com/pr/9" in skills
        assert _rows(team, "SELECT level, rated_by_id IS NULL, evidence FROM skill_rating ORDER BY id") == [
            (2, 1, None), (3, 0, "https://example.com/pr/9"),
        ]
        # The new record is in the list, under the cursor.
        assert app.screen.records.highlighted_row().record.summary == "Kubernetes 3 (by Bo Chen)"


async def test_a_bad_value_is_said_in_the_form_and_nothing_is_saved(team):
    from mentor_tui.db import incidents

    shift = incidents.create_incident(people.find("Ana Ruiz").id, dt.date(2026, 11, 2), "primary", "SEV2", "Queue backlog")
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        form = await _form(pilot, "s", competency="kubernetes", level=2, rated_on="26.11.2026")
        await _save(pilot)
        assert app.screen is form
        assert "expected a date like 2026-11-26 (YYYY-MM-DD), got '26.11.2026'" in screen_text(app)

        assert "Please fix the marked fields." in screen_text(app)
        # Her incident is offered as evidence; picked and a link typed too: which one? Said, all kept.
        form.query_one("#field-rated_on", Input).value = "2026-11-26"
        await settle(pilot)
        assert "Please fix the marked fields." not in screen_text(app)  # nothing is marked any more
        form.query_one("#field-evidence_pick", Select).value = shift.uuid
        form.query_one("#field-evidence", Input).value = "https://example.com/pr/9"
        await _save(pilot)
        assert app.screen is form
        assert "Not saved: give one evidence: pick a record or type text, not both" in screen_text(app)
        assert form.query_one("#field-evidence", Input).value == "https://example.com/pr/9"
        assert _rows(team, "SELECT COUNT(*) FROM skill_rating") == [(0,)]

        form.query_one("#field-evidence", Input).value = ""
        await _save(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "evidence: incident: Queue backlog" in _part(app, "skills")


async def test_a_rating_dated_in_the_future_is_asked_about_and_counts_from_its_day(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        await _form(pilot, "s", competency="kubernetes", level=2, rated_by="self", rated_on="2026-10-01")
        await _save(pilot)
        form = await _form(pilot, "s", competency="kubernetes", level=4, rated_by="self", rated_on="2027-01-05")
        await _save(pilot)
        assert isinstance(app.screen, YesNoDialog)
        assert "This rating is dated in the future (2027-01-05)" in screen_text(app)
        await pilot.press("n")  # no: back in the form, nothing saved
        await settle(pilot)
        assert app.screen is form
        assert _rows(team, "SELECT COUNT(*) FROM skill_rating") == [(1,)]

        await _save(pilot)
        assert isinstance(app.screen, YesNoDialog)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert _rows(team, "SELECT level, rated_on FROM skill_rating ORDER BY id") == [
            (2, "2026-10-01"), (4, "2027-01-05"),
        ]
        # Until its day the rating before it is the current one, as in the Team matrix; the list marks it.
        assert "2 learning" in _part(app, "skills") and "4 proficient" not in _part(app, "skills")
        assert "rating | 2027-01-05 future | Kubernetes 4 (self)" in screen_text(app)


async def test_her_first_primary_shift_moves_the_ladder(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        assert "not on call yet" in _part(app, "ladder")
        await _form(pilot, "l", role="shadow", title="Shadowed the DB failover", occurred_on="2026-10-02")
        await _save(pilot)
        assert "reached: shadowed" in _part(app, "ladder")
        await _form(pilot, "l", role="primary", title="First primary week",
                    lessons="- page earlier\n- check the queue")
        await _save(pilot)
        ladder = _part(app, "ladder")
        assert "reached: primary" in ladder
        assert "shadowed               1  last 2026-10-02" in ladder
        assert "primary                1  last 2026-11-26" in ladder
        assert "incident commander     0" in ladder
        assert _rows(team, "SELECT role, title, lessons FROM incident ORDER BY id") == [
            ("shadow", "Shadowed the DB failover", ""),
            ("primary", "First primary week", "- page earlier\n- check the queue"),
        ]


async def test_a_shift_dated_in_the_future_is_asked_about_and_counts_from_its_day(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        await _form(pilot, "l", role="secondary", title="Secondary week", occurred_on="2027-06-01")
        await _save(pilot)
        assert isinstance(app.screen, YesNoDialog)
        assert "This incident or shift is dated in the future (2027-06-01)" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "not on call yet" in _part(app, "ladder")  # from its day on
        assert "incident | 2027-06-01 future | secondary · SEV3 · Secondary week" in screen_text(app)
    assert _rows(team, "SELECT role, occurred_on FROM incident") == [("secondary", "2027-06-01")]


async def test_kudos_dated_in_the_future_are_asked_about_and_marked(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        await _form(pilot, "k", text="Calm on the call", given_on="2026-12-24")
        await _save(pilot)
        assert isinstance(app.screen, YesNoDialog)
        assert "This kudos is dated in the future (2026-12-24)" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert "kudos | 2026-12-24 future | from Bo Chen: Calm on the call" in screen_text(app)
    assert _rows(team, "SELECT given_on FROM kudos") == [("2026-12-24",)]


async def test_kudos_and_ownership_show_and_are_edited_in_place(team, monkeypatch):
    said: list[str] = []
    notify = MentorApp.notify
    monkeypatch.setattr(MentorApp, "notify", lambda self, message, **how: (said.append(message), notify(self, message, **how))[1])
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_ana(pilot)
        await _form(pilot, "o", kind="slo", name="Checkout availability", since="2026-11-01")
        await _save(pilot)
        assert "Checkout availability  since 2026-11-01" in _part(app, "ownership")

        form = await _form(pilot, "k", text="Calm and clear on the call", for_ref="the checkout outage")
        assert form.query_one("#field-giver", Select).value == people.me().id
        await _save(pilot)
        kudos = _part(app, "kudos")
        assert "Bo Chen: Calm and clear on the call  for the checkout outage" in kudos

        # enter on the kudos (the cursor is on what was just made) opens them, filled in
        assert screen.records.highlighted_row().record.kind == "kudos"
        form = await _form(pilot, "enter")
        assert form.form_title == "Edit kudos to Ana Ruiz"
        assert form.query_one("#field-text", TextArea).text == "Calm and clear on the call"
        form.query_one("#field-text", TextArea).load_text("Calm, clear and kind on the call")
        await _save(pilot)
        assert "Bo Chen: Calm, clear and kind on the call" in _part(app, "kudos")
        # a new record says what was done, an edit says saved, in the same words for every kind
        assert said[-2:] == ["Kudos given.", "Kudos saved."]
        assert _rows(team, "SELECT text FROM kudos") == [("Calm, clear and kind on the call",)]


async def test_delete_asks_first_and_n_keeps_the_record(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        await _form(pilot, "l", role="primary", title="Disk full")
        await _save(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DeleteDialog)
        text = screen_text(app)
        assert "Delete this incident (2026-11-26, primary · SEV3 · Disk full)?" in text
        assert "its lessons" in text
        await pilot.press("n")
        await settle(pilot)
        assert _rows(team, "SELECT COUNT(*) FROM incident") == [(1,)]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert _rows(team, "SELECT COUNT(*) FROM incident") == [(0,)]
        assert "not on call yet" in _part(app, "ladder")
        assert "Deleted the incident." in screen_text(app)


async def test_anonymous_feedback_stores_no_author_and_shows_in_my_growth_view(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        form = await _form(pilot, "f", rating=4, text="More labs on cost, please")
        assert form.query_one("#field-author", Select).value == "anonymous"
        await _save(pilot)
        assert _rows(team, "SELECT rating, text, person_id FROM feedback") == [(4, "More labs on cost, please", None)]
        assert "program feedback 4/5" not in screen_text(app)  # not hers: no author

        await _form(pilot, "f", rating=5, text="Pairing works", author=people.find("Ana Ruiz").id)
        await _save(pilot)
        assert "program feedback 5/5: Pairing works" in screen_text(app)

        # m on the Dashboard: my growth view, where the unsigned entries are kept
        await pilot.press("escape", "1")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, PersonScreen)
        assert app.screen.sub_title == "1 Dashboard › Bo Chen"
        text = screen_text(app)
        assert "Bo Chen (me)" in text
        assert "program feedback 4/5 (anonymous): More labs on cost, please" in text
        assert "Pairing works" not in text


async def test_the_growth_view_keys_are_in_the_key_bar_help_and_palette(team):
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "m My growth" in str(app.screen.query_one("KeyBar").render())
        assert "My growth" in [c.title for c in app.get_system_commands(app.screen)]
        await _open_ana(pilot)
        bar = str(app.screen.query_one("KeyBar").render())
        for key in ("s Rate skill", "l Log incident/shift", "o Ownership", "k Kudos", "f Program feedback"):
            assert key in bar
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Rate skill", "Log incident/shift", "Ownership", "Kudos", "Program feedback"} <= titles
        assert not {"Open/edit", "Delete"} & titles  # no record yet: nothing they could do
        assert "Export…" in titles and "Edit person" in titles
        export = next(c for c in app.get_system_commands(app.screen) if c.title == "Export…")
        assert "(key e)" not in export.help  # e is Edit person here
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for line in ("s  Rate skill", "l  Log incident/shift", "d  Delete", "f  Program feedback"):
            assert line in text
        await pilot.press("escape")
        await settle(pilot)
        rate = next(c for c in app.get_system_commands(app.screen) if c.title == "Rate skill")
        await rate.callback()
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-competency", Select).value = "kubernetes"
        app.screen.query_one("#field-level", Select).value = 2
        await _save(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Open/edit", "Delete"} <= titles  # a record to act on now


async def test_a_rating_opens_filled_in_and_its_edit_shows_in_the_view_and_in_team(team):
    from mentor_tui.db import ratings

    ana = people.find("Ana Ruiz")
    ratings.create_rating(ana.id, "cicd", 2, dt.date(2026, 11, 1), people.me().id, "https://example.com/pipeline")
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        form = await _form(pilot, "enter")
        assert form.form_title == "Edit rating — Ana Ruiz"
        assert form.query_one("#field-competency", Select).value == "cicd"
        assert form.query_one("#field-level", Select).value == 2
        assert form.query_one("#field-rated_by", Select).value == people.me().id
        assert form.query_one("#field-evidence", Input).value == "https://example.com/pipeline"
        form.query_one("#field-level", Select).value = 4
        await _save(pilot)
        assert "—               4 proficient" in _part(app, "skills")
        assert _rows(team, "SELECT COUNT(*), MAX(level) FROM skill_rating") == [(1, 4)]

        await pilot.press("escape")  # back in Team, which reads the matrix again
        await settle(pilot)
        assert app.screen.highlighted().person.name == "Ana Ruiz"
        assert app.screen.highlighted().counted_level("cicd") == 4


async def test_a_rating_or_level_nobody_chose_is_refused_not_taken_as_the_first(team):
    """Feedback's rating and a skill's level start blank: saving without one says it is
    required (it used to be saved as 1 star, the first option, without asking)."""
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        form = await _form(pilot, "f", text="Pairing works")
        assert form.query_one("#field-rating", Select).value is Select.NULL
        await _save(pilot)
        assert app.screen is form
        assert "required" in str(form.query_one("#error-rating").render())
        assert _rows(team, "SELECT COUNT(*) FROM feedback") == [(0,)]
        await pick_first(pilot, "rating")
        await _save(pilot)
        assert _rows(team, "SELECT rating, text FROM feedback") == [(1, "Pairing works")]
        skill = await _form(pilot, "s")
        assert skill.query_one("#field-level", Select).value is Select.NULL
        assert skill.query_one("#field-competency", Select).value is Select.NULL
        await _save(pilot)
        assert app.screen is skill
        assert _rows(team, "SELECT COUNT(*) FROM skill_rating") == [(0,)]


async def test_a_very_long_title_is_one_line_among_the_choices(team):
    from mentor_tui.db import incidents

    title = "Checkout latency " * 40  # 680 characters
    incidents.create_incident(people.find("Ana Ruiz").id, dt.date(2026, 11, 2), "primary", "SEV2", title)
    app = MentorApp(db_path=team)
    async with app.run_test(size=SIZE) as pilot:
        await _open_ana(pilot)
        form = await _form(pilot, "s")
        from textual.widgets import OptionList

        form.query_one("#field-evidence_pick", Select).focus()
        await pilot.press("enter")  # the list of choices, open
        await settle(pilot)
        options = form.query_one("#field-evidence_pick").query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        labels = [p for p in prompts if p.startswith("incident:")]
        assert len(labels) == 1 and len(labels[0]) == 80 and labels[0].endswith("…")
