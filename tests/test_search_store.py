"""Full-text search in the store: the index follows every write, queries cannot break, privacy holds."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from mentor_tui import demo
from mentor_tui.db import database, people, search, search_sync
from mentor_tui.db.models import (
    CheckIn,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Mentorship,
    Person,
    Session,
    SessionOccurrence,
)
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files

from .conftest import FROZEN_TODAY
from .exchange_fixtures import SENTINEL, fill

DEMO_V1 = Path(__file__).parent / "data" / "schema-v1-demo.sqlite3"
D = dt.date


def found(text: str, include_private: bool = True) -> set[tuple[str, int]]:
    return {(h.kind, h.record_id) for h in search.search(text, include_private=include_private)}


def index_rows() -> list[tuple[int, str, str]]:
    db = Person._meta.database
    return db.execute_sql('SELECT rowid, title, body FROM "search_index" ORDER BY rowid').fetchall()


@pytest.fixture
def team(store):
    return fill()


# One row per indexed kind: how to make a record with a word in each indexed field, and the kind it is found as.
def _checkin(team):
    return CheckIn.create(mentorship=team.ana_mentorship, held_on=D(2026, 11, 2), progress="progressword",
                          blockers="blockerword", next_steps="nextword")


def _goal(team):
    return Goal.create(plan=team.ana_plan, title="titleword", detail="detailword", position=9)


def _lab(team):
    return Lab.create(goal=Goal.select().first(), title="titleword", detail="detailword", position=9)


def _lab_item(team):
    return LabItem.create(lab=Lab.select().first(), text="Do it", evidence="evidenceword", position=9)


def _session(team):
    return Session.create(title="titleword", starts_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), notes="noteword")


def _occurrence(team):
    return SessionOccurrence.create(session=team.session, starts_at=dt.datetime(2026, 10, 30, 15, tzinfo=dt.UTC),
                                    notes="noteword")


def _incident(team):
    return Incident.create(person=team.ana, occurred_on=D(2026, 11, 1), title="titleword", lessons="lessonword")


def _kudos(team):
    return Kudos.create(giver=team.lead, receiver=team.ana, given_on=D(2026, 11, 3), text="kudosword")


KINDS = {
    "checkin": (_checkin, {"progress": "progressword", "blockers": "blockerword", "next_steps": "nextword"}),
    "goal": (_goal, {"title": "titleword", "detail": "detailword"}),
    "lab": (_lab, {"title": "titleword", "detail": "detailword"}),
    "lab-item": (_lab_item, {"evidence": "evidenceword"}),
    "session": (_session, {"title": "titleword", "notes": "noteword"}),
    "occurrence": (_occurrence, {"notes": "noteword"}),
    "incident": (_incident, {"title": "titleword", "lessons": "lessonword"}),
    "kudos": (_kudos, {"text": "kudosword"}),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_index_follows_insert_update_and_delete_of_every_kind(team, kind):
    make, fields = KINDS[kind]
    record = make(team)
    for word in fields.values():
        assert (kind, record.id) in found(word), f"{kind}: {word} not found after insert"

    for field, word in fields.items():  # each field on its own: a new word in, the old one out
        type(record).update({field: f"changed{field.replace('_', '')}"}).where(type(record).id == record.id).execute()
        assert (kind, record.id) not in found(word), f"{kind}.{field}: the old text is still found"
        assert (kind, record.id) in found(f"changed{field.replace('_', '')}"), f"{kind}.{field}: the new text is not found"

    record.delete_instance()
    assert not any(k == kind and i == record.id for k, i in found("changed*"))


def test_an_update_of_other_columns_keeps_the_record_findable(team):
    goal = _goal(team)
    Goal.update(status="done", done_on=D(2026, 11, 20)).where(Goal.id == goal.id).execute()
    assert ("goal", goal.id) in found("titleword")


def test_deleting_a_person_takes_their_records_out_of_the_index(team):
    assert ("private", team.checkin.id) in found("SENTINEL")
    assert found("DNS resolution")
    team.ana.delete_instance()  # cascades to her mentorships, check-ins, plans, incidents, kudos
    assert found("SENTINEL") == set()
    assert not any(k == "incident" for k, _ in found("DNS resolution"))
    assert not any(k == "goal" for k, _ in found("development environment"))


def test_a_record_with_nothing_to_search_has_no_index_row(team):
    before = len(index_rows())
    LabItem.create(lab=Lab.select().first(), text="No evidence", position=5)
    CheckIn.create(mentorship=team.ana_mentorship, held_on=D(2026, 11, 9))
    Kudos.create(receiver=team.ana, given_on=D(2026, 11, 9), text="")
    assert len(index_rows()) == before


def later(text: str) -> str:
    """An export edited by hand, as a newer copy: every record changed after the one kept here."""
    return re.sub(r"^updated_at = .*$", "updated_at = 2030-01-01T00:00:00.000Z", text, flags=re.MULTILINE)


def test_an_import_indexes_what_it_adds_and_what_it_changes(team, tmp_path):
    path = tmp_path / "ana.toml"
    path.write_text(dumps(build_document(persons=["Ana Ruiz"], include_private=True)), encoding="utf-8")
    database.open_database(tmp_path / "other.sqlite3")
    import_files([path])
    assert {k for k, _ in found("kind")} == {"checkin", "lab"}
    assert {k for k, _ in found("SENTINEL")} == set()  # Bo is not "me" here: the note is imported, not shown
    people.claim_me(Person.get(Person.name == "Bo Chen").id)
    assert {k for k, _ in found("SENTINEL")} == {"private"}

    changed = path.read_text(encoding="utf-8").replace("Finished the kind lab.", "Finished the zebra lab.")
    path.write_text(later(changed), encoding="utf-8")
    import_files([path])
    assert {k for k, _ in found("zebra")} == {"checkin"}
    assert {k for k, _ in found("kind")} == {"lab"}  # the lab's title, no longer the check-in


def test_a_failed_import_leaves_the_index_and_its_triggers_as_they_were(team, tmp_path):
    from mentor_tui.exchange.errors import ExchangeError

    db = Person._meta.database
    triggers = db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()
    rows = index_rows()
    good = tmp_path / "good.toml"
    good.write_text(dumps(build_document(persons=["Ana Ruiz"])).replace("Finished the kind lab.", "zebra"), encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "mentor-tui"\nversion = 2\nscope = "person"\n[person]\nname = 1\n', encoding="utf-8")
    with pytest.raises(ExchangeError):
        import_files([good, bad])
    assert db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall() == triggers
    assert index_rows() == rows
    CheckIn.create(mentorship=team.ana_mentorship, held_on=D(2026, 11, 9), progress="afterwards")
    assert found("afterwards")  # the triggers work again


def test_bulk_writes_index_exactly_what_the_triggers_index(tmp_path):
    """search_sync.SOURCES and the migration's triggers must agree: build the demo's index both ways."""
    path = tmp_path / "demo.sqlite3"
    demo.generate(path, today=FROZEN_TODAY)  # written by the importer, inside bulk_writes
    database.open_database(path)
    db = Person._meta.database
    by_bulk = index_rows()
    assert {rowid % search_sync.CODES for rowid, _t, _b in by_bulk} == set(search.KIND_BY_CODE)  # every kind
    with db.atomic():
        db.execute_sql('DELETE FROM "search_index"')
        for source in search_sync.SOURCES:  # every update trigger fires once per row
            column = source.watched[0]
            db.execute_sql(f'UPDATE "{source.table}" SET "{column}" = "{column}"')
    assert index_rows() == by_bulk


def test_the_large_generator_indexes_its_bulk_inserts(tmp_path):
    path = tmp_path / "large.sqlite3"
    demo.generate(path, checkins=60, goals=60, lab_items=60, today=FROZEN_TODAY)
    database.open_database(path)
    indexed = {rowid for rowid, _t, _b in index_rows()}
    checkins = {c.id * search_sync.CODES + 1 for c in CheckIn.select(CheckIn.id)}
    assert len(checkins) == 60 and checkins <= indexed
    assert {g.id * search_sync.CODES + 3 for g in Goal.select(Goal.id)} <= indexed


def test_the_demo_database_is_searchable(tmp_path):
    path = tmp_path / "demo.sqlite3"
    demo.generate(path, today=FROZEN_TODAY)
    database.open_database(path)
    kinds = {h.kind for word in ("kube", "terraform", "canary", "review", "lessons", "thanks") for h in search.search(word)}
    assert {"checkin", "goal", "session", "incident"} <= kinds


def test_migrating_a_version_1_database_indexes_its_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(DEMO_V1, path)
    con = sqlite3.connect(path)
    checkins = con.execute("SELECT count(*) FROM check_in WHERE progress <> '' OR blockers <> '' OR next_steps <> ''").fetchone()[0]
    goals = con.execute("SELECT count(*) FROM goal").fetchone()[0]
    con.close()
    database.open_database(path)
    codes = [rowid % search_sync.CODES for rowid, _t, _b in index_rows()]
    assert codes.count(1) == checkins > 0
    assert codes.count(3) == goals > 0
    goal = Goal.select().first()
    assert ("goal", goal.id) in found(goal.title)


# -- queries ----------------------------------------------------------------------

HOSTILE = [
    '"', '""', '"unbalanced', "a\"b", "*", "kind*", "-", "-kind", "--", "AND", "kind AND", "OR NOT",
    "NEAR(", "NEAR(kind lab)", "NEAR(kind, 2)", "^kind", "progress:kind", "title:", ":", "(", ")", "{a b}",
    "kind + lab", "'", "\\", "\x00", "%", "_", "🚀", "\u0301", "x" * 5000, " ".join(["kind"] * 500),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_with_fts_syntax_never_raises(team, text):
    hits = search.search(text, include_private=True)
    assert isinstance(hits, list)


def test_syntax_characters_are_searched_as_text(team):
    assert {k for k, _ in found('"kind')} == {"checkin", "lab"}
    assert {k for k, _ in found("kind AND")} == set()  # AND is a word like any other, and no note has it
    assert {k for k, _ in found("^kind cluster:")} == {"lab"}
    assert {k for k, _ in found("-kind")} == {"checkin", "lab"}


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("kube", '"kube"*'),
        ("kube proxy ", '"kube" "proxy"'),
        ('say "hi', '"say" """hi"*'),
        ("NEAR( x", '"NEAR(" "x"*'),
        ("a -", '"a"'),
        ("- * ^ :", None),
        ("", None),
    ],
)
def test_fts_query_quotes_every_word_and_makes_the_last_a_prefix(text, query):
    assert search.fts_query(text) == query


def test_the_last_word_is_a_prefix_and_all_words_are_needed(team):
    assert {k for k, _ in found("Finish")} == {"checkin"}
    assert found("Finished staging") == {("checkin", team.checkin.id)}
    assert found("Finished nowhere") == set()


def test_hits_carry_date_title_context_and_a_marked_snippet(team):
    (hit,) = [h for h in search.search("staging") if h.kind == "checkin"]
    assert hit.when == D(2026, 10, 1)
    assert hit.title == "Bo Chen → Ana Ruiz"
    assert hit.label == "check-in"
    assert ("staging", True) in search.marked_parts(hit.snippet)
    (goal,) = search.search("development environment")
    assert search.unmarked(goal.title) == "Set up the development environment"
    assert ("development", True) in search.marked_parts(goal.title)
    assert goal.context == "Ana Ruiz · plan “Onboarding: first 90 days”"


def test_a_moved_occurrences_hit_is_dated_when_it_happens(team):
    """As the calendar shows it: the time it was moved to, not the one the series gave it."""
    occurrence = _occurrence(team)
    assert [h.when for h in search.search("noteword")] == [occurrence.starts_at]
    moved = dt.datetime(2026, 10, 31, 9, tzinfo=dt.UTC)
    SessionOccurrence.update(moved_to=moved).where(SessionOccurrence.id == occurrence.id).execute()
    assert [h.when for h in search.search("noteword")] == [moved]


def test_one_line_parts_never_keeps_control_characters():
    parts = search.one_line_parts("a\n\n\x1b[31mred \x02hit\x03\tend  ")
    assert parts == [("a [31mred ", False), ("hit", True), (" end", False)]


def test_one_line_parts_leave_markdowns_marks_out_but_underscores_and_dashes_in_prose():
    text = "**Why:** an \x02SLO\x03 for `checkout`\n- one\n  * two\n# Title\n> said\n__init__ a - b 2 * 3"
    assert search.one_line_parts(text) == [
        ("Why: an ", False), ("SLO", True), (" for checkout • one • two Title said __init__ a - b 2 * 3", False)]


# -- privacy ----------------------------------------------------------------------


def test_private_hits_only_for_the_mentor_who_is_me(team):
    hits = search.search("nervous", include_private=True)
    assert [(h.kind, h.record_id, h.private) for h in hits] == [("private", team.checkin.id, True)]
    assert search.search("nervous", include_private=False) == []
    assert all(not h.private for h in search.search("kind lab", include_private=True))  # the note is its own hit


@pytest.mark.parametrize("who", ["Ana Ruiz", "Dee Lead", "Cai Müller"])
def test_a_mentee_or_anyone_not_the_mentor_never_gets_a_private_hit(team, who):
    """Ana is the mentee of that check-in; Dee a lead; Cai a mentee of the same mentor."""
    people.claim_me(Person.get(Person.name == who).id)
    assert search.search("nervous", include_private=True) == []
    assert search.search("SENTINEL", include_private=True) == []
    assert search.search("cai private", include_private=True) == []


def test_no_one_is_me_no_private_hit(team):
    Person.update(is_me=False).execute()
    assert search.search("nervous", include_private=True) == []


def test_a_private_hit_of_another_mentor_is_not_shown(team):
    other = Mentorship.create(mentor=team.lead, mentee=team.cai, started_on=D(2026, 1, 1))
    CheckIn.create(mentorship=other, held_on=D(2026, 11, 1), private_notes="leadsecret")
    assert search.search("leadsecret", include_private=True) == []
    assert SENTINEL.split()[0].startswith("SENTINEL")


# text in the fixture team -> (kind it is found as, what replaces it in the file, a word only that has)
IMPORTED = {
    "Finished the kind lab.": ("checkin", "Finished the quokka lab.", "quokka"),
    SENTINEL: ("private", "quetzal notes", "quetzal"),
    "Set up the development environment": ("goal", "Set up the narwhal", "narwhal"),
    "Deploy the sample service to a kind cluster": ("lab", "Deploy the axolotl", "axolotl"),
    "https://git.example.com/pr/1": ("lab-item", "https://git.example.com/pangolin", "pangolin"),
    "Bring your questions": ("session", "Bring your capybara", "capybara"),
    "DNS outage": ("occurrence", "Wombat outage", "wombat"),
    "TTLs": ("incident", "Tapir rules", "tapir"),
    "Calm and clear as scribe.": ("kudos", "Calm as a manatee.", "manatee"),
}


def test_an_import_indexes_and_reindexes_every_kind(store, tmp_path):
    fill()
    path = tmp_path / "team.toml"
    text = dumps(build_document(include_private=True))
    path.write_text(text, encoding="utf-8")
    database.open_database(tmp_path / "other.sqlite3")
    import_files([path])
    people.claim_me(Person.get(Person.name == "Bo Chen").id)
    for old, (kind, _new, _word) in IMPORTED.items():
        assert kind in {h.kind for h in search.search(old, include_private=True)}, old

    for old, (_kind, new, _word) in IMPORTED.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(later(text), encoding="utf-8")
    import_files([path])
    for old, (kind, _new, word) in IMPORTED.items():
        assert {h.kind for h in search.search(word, include_private=True)} == {kind}, word
        assert kind not in {h.kind for h in search.search(old, include_private=True)}, old
