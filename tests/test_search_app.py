"""`/` in the app: search as you type, private hits only for the mentor who is me, enter jumps."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from textual.widgets import OptionList

from mentor_tui import demo
from mentor_tui.app import MentorApp
from mentor_tui.db import database, people
from mentor_tui.db.models import CheckIn, Mentorship, Person
from mentor_tui.screens.checkin_view import CheckInScreen
from mentor_tui.screens.goal_view import GoalScreen
from mentor_tui.screens.lab import LabScreen
from mentor_tui.screens.person import PersonScreen
from mentor_tui.screens.search import SearchScreen
from mentor_tui.screens.session_view import SessionScreen

from .conftest import FROZEN_TODAY
from .pilot_helpers import screen_text, settle, wait_until

SIZE = (120, 40)
PRIVATE_WORD = "hesitant"  # only in the private notes of Jonas Becker (me) about Amara Okafor


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    demo.generate(path, today=FROZEN_TODAY)
    return path


@pytest.fixture
def demo_db(demo_file, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, path)
    return path


def hits_text(app) -> list[str]:
    options = app.screen.query_one("#hits", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def search_for(pilot, text: str) -> SearchScreen:
    await settle(pilot)
    await pilot.press("slash")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SearchScreen), what="the search screen")
    await pilot.press(*text)
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.searched == text, what=f"the hits for {text!r}")
    await settle(pilot)
    return screen


async def test_a_word_of_a_private_note_is_found_marked_private_and_enter_opens_the_check_in(demo_db):
    database.open_database(demo_db)
    (checkin,) = CheckIn.select().where(CheckIn.private_notes.contains(PRIVATE_WORD))
    mentor = Person.get_by_id(Mentorship.get_by_id(checkin.mentorship_id).mentor_id)
    assert mentor.is_me
    database.close_database()

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, PRIVATE_WORD)
        assert [(h.kind, h.record_id) for h in screen.hits] == [("private", checkin.id)]
        (shown,) = hits_text(app)
        assert "private note" in shown and "PRIVATE" in shown and PRIVATE_WORD in shown
        assert "Jonas Becker → Amara Okafor" in shown

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen), what="the check-in")
        await settle(pilot)
        assert app.screen.key == checkin.id
        panel = app.screen.query_one("#private-panel")  # the note, read back in its marked panel
        assert PRIVATE_WORD in app.screen.data.private_notes and "private" in str(panel.border_title)


async def test_a_mentee_who_is_me_never_sees_a_private_hit(demo_db):
    database.open_database(demo_db)
    people.claim_me(Person.get(Person.name == "Amara Okafor").id)  # the mentee of that very check-in
    database.close_database()

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, PRIVATE_WORD)
        assert screen.hits == []
        assert PRIVATE_WORD not in screen_text(app).replace(f"No notes match “{PRIVATE_WORD}”", "")
        assert f"No notes match “{PRIVATE_WORD}”." in screen_text(app)


async def test_syntax_and_markup_in_the_query_and_the_notes_are_only_text(demo_db):
    database.open_database(demo_db)
    checkin = CheckIn.select().first()
    CheckIn.update(progress="Wrote [bold red]zebra[/] and [link=x]y[/link] in the notes").where(
        CheckIn.id == checkin.id).execute()
    database.close_database()

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, '"zebra* NEAR( ^')
        assert screen.hits == []  # every word is needed, and no note has "near"
        app.screen.query_one("#query").value = "zebra"
        await wait_until(pilot, lambda: screen.searched == "zebra", what="the hits for zebra")
        (shown,) = hits_text(app)
        assert "Wrote [bold red]zebra[/] and [link=x]y[/link]" in shown


async def test_a_snippet_reads_as_text_without_the_notes_markdown(demo_db):
    database.open_database(demo_db)
    checkin = CheckIn.select().first()
    CheckIn.update(progress="**Why:** the `quokka` rollout\n- first item\n- second item\n## Next\n> quoted").where(
        CheckIn.id == checkin.id).execute()
    database.close_database()

    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "quokka")
        (shown,) = hits_text(app)
        assert "Why: the quokka rollout • first item • second item Next quoted" in shown


async def test_a_query_of_no_word_says_search_finds_words(demo_db):
    """An emoji (or punctuation) alone is nothing the index holds: say so, not the intro."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_for(pilot, "x")
        app.screen.query_one("#query").value = "🎉"  # (as pasted: an emoji is no key to press)
        await wait_until(pilot, lambda: screen.searched == "🎉", what="the search for the emoji")
        assert screen.hits == []
        await wait_until(pilot, lambda: "Search finds words (letters and digits): “🎉” has none." in screen_text(app),
                         what="the explanation")


async def test_enter_on_each_kind_opens_where_it_is_shown(demo_db):
    """A hit opens in its record's section: the header names it, esc goes back to its list."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        for text, kind, screen_type, shown, section, header in (
            ("QoS classes", "goal", GoalScreen, "QoS classes", "plans", "2 Plans"),
            ("5xx after a bad config", "incident", PersonScreen, "Amara Okafor", "team", "6 Team"),
            ("Tooling deep dive", "session", SessionScreen, "Tooling deep dive", "calendar", "5 Calendar"),
            ("CrashLoopBackOff", "lab", LabScreen, "CrashLoopBackOff", "labs", "3 Labs"),
        ):
            screen = await search_for(pilot, text)
            assert screen.hits and screen.hits[0].kind == kind, screen.hits
            await pilot.press("enter")
            await wait_until(pilot, lambda t=screen_type: isinstance(app.screen, t), what=f"the {kind} to open")
            await settle(pilot)
            assert shown.lower() in screen_text(app).lower()
            assert app.current_mode == section and app.screen.sub_title.startswith(header)
            if kind == "incident":  # the person's page, the cursor on that incident among her records
                assert app.screen.records.highlighted_row().key == f"incident:{screen.hits[0].record_id}"
            await pilot.press("escape")
            await settle(pilot)
            assert len(app.screen_stack) == 1  # the section's list


def _row_of(db, sql: str, record_id: int) -> str:
    import sqlite3

    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return str(con.execute(sql, (record_id,)).fetchone()[0])
    finally:
        con.close()


async def test_esc_from_an_opened_hit_lands_on_its_row_of_the_sections_list(demo_db):
    """The check-in's mentorship, the goal's plan, the lab, the person: not the list's first row."""
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        for text, kind, screen_type, sql in (
            ("helm", "checkin", CheckInScreen, "SELECT mentorship_id FROM check_in WHERE id = ?"),
            ("QoS classes", "goal", GoalScreen, "SELECT plan_id FROM goal WHERE id = ?"),
            ("CrashLoopBackOff", "lab", LabScreen, "SELECT ?"),
            ("Node pool exhausted", "incident", PersonScreen,
             "SELECT p.uuid FROM incident i JOIN person p ON p.id = i.person_id WHERE i.id = ?"),
        ):
            await pilot.press("1")  # (/ in Labs and Check-ins searches their list)
            screen = await search_for(pilot, text)
            hits = [h for h in screen.hits if h.kind == kind]
            hit = hits[-1]  # the last of them: its row is not the first of the list
            screen.query_one("#hits", OptionList).highlighted = screen.hits.index(hit)
            await pilot.press("enter")
            await wait_until(pilot, lambda t=screen_type: isinstance(app.screen, t), what=f"the {kind} to open")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            row = _row_of(demo_db, sql, hit.record_id)
            assert app.screen.table.highlighted_row().key == row, kind
            assert app.screen.table.cursor_row > 0, f"{kind}: pick a hit whose row is not the first"


async def test_a_hit_in_a_section_left_on_a_detail_screen_opens_over_its_list(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")  # a plan left open in Plans
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await search_for(pilot, "QoS classes")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GoalScreen), what="the goal")
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "plans" and len(app.screen_stack) == 1  # the list, not that plan


async def test_a_sections_own_key_on_its_detail_screen_goes_back_to_its_list(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "5xx after a bad config")  # from the Dashboard
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonScreen), what="the person's page")
        await pilot.press("1")
        await settle(pilot)
        assert app.current_mode == "dashboard"
        await pilot.press("2", "enter", "enter")  # a plan, its first goal
        await settle(pilot)
        assert isinstance(app.screen, GoalScreen)
        await pilot.press("2")
        await settle(pilot)
        assert app.current_mode == "plans" and len(app.screen_stack) == 1


async def test_a_check_in_far_down_the_list_opens_too(tmp_path):
    path = tmp_path / "big.sqlite3"
    demo.generate(path, checkins=320, today=FROZEN_TODAY)
    database.open_database(path)
    oldest = CheckIn.create(mentorship=Mentorship.select().first(), held_on=dt.date(2020, 1, 6), progress="okapi")
    database.close_database()

    app = MentorApp(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "okapi")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen), what="the check-in")
        await settle(pilot)
        assert app.screen.key == oldest.id and app.screen.data.progress == "okapi"


async def test_escape_closes_the_search_and_slash_is_in_help_and_the_palette(demo_db):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "kube")
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "dashboard" and not isinstance(app.screen, SearchScreen)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Search notes…" in titles
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Search all notes" in screen_text(app)


def test_search_screen_with_hits(snap_compare, demo_db):
    async def run_before(pilot) -> None:
        await search_for(pilot, "pair")

    assert snap_compare(MentorApp(db_path=demo_db), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("section", ["1", "2", "3", "4", "5", "6"])
async def test_slash_opens_the_search_in_every_section(demo_db, section):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(section)
        await settle(pilot)
        # Labs keeps / for its own text filter (the labs issue); ctrl+f searches from anywhere
        await pilot.press("ctrl+f" if section == "3" else "slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"kube/")  # inside the search, / is a character of the query
        assert app.screen.query_one("#query").value == "kube/"


def test_a_snippet_whose_match_would_be_cut_off_begins_closer_to_it():
    """At 80 columns the line's end is cut: a match late in the words around it is brought in."""
    from mentor_tui.db.search import HIT_END, HIT_START, Hit
    from mentor_tui.screens.search import hit_prompt

    words = "Discussed flamingo rollback drill and pagerduty escalation. Second line of "
    hit = Hit("occurrence", 1, None, "Incident review", "", f"{words}{HIT_START}zebra{HIT_END} notes")
    wide = hit_prompt(hit, 120).plain.splitlines()[1]
    assert wide == f"    {words}zebra notes"  # it fits: as it is
    narrow = hit_prompt(hit, 60).plain.splitlines()[1]
    assert narrow.startswith("    …") and "zebra" in narrow[: 4 + 60]
    assert narrow.index("zebra") - 4 >= 60 // 3  # a third of the width of words before it
