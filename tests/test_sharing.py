"""Sharing across a real team: three databases, one lead, every order.

A mentee (Zoë), her mentor (Jonas) and a second mentee (Priya) each keep their
own database, so each gives the others their own uuids. The lead imports their
exports: each human must arrive once, in any order, and a second import must
change nothing. Newer edits win whatever the order of the files.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from mentor_tui.db import checkins, database, mentorships, people, plans
from mentor_tui.db.labs import create_lab
from mentor_tui.db.models import CheckIn, LabItem, Mentorship, Person, PersonAlias, Plan
from mentor_tui.db.people_merge import MergeRefused, merge, plan_merge
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files

D = dt.date
SECRET = "zoe-private-sentinel-7f3a"


def _export(path: Path, include_private: bool = False) -> Path:
    me = people.me()
    assert me is not None
    path.write_text(dumps(build_document(persons=[me.uuid], include_private=include_private)), encoding="utf-8")
    return path


def _make_zoe(folder: Path) -> tuple[Path, Path]:
    """Zoë's database: her Kubernetes track; an old export, then 2 of 6 items ticked, a new one."""
    database.open_database(folder / "zoe.sqlite3")
    zoe = people.set_me("Zoë 李雷", "mentee", "zoe@example.com")
    jonas = people.add_person("Jonas Becker", "mentor", " Jonas.Becker@Example.com ")
    mentorships.create_mentorship(jonas.id, zoe.id, D(2026, 9, 1))
    plan = plans.create_plan(zoe, "Kubernetes track", "skill", D(2026, 9, 1), mentor=jonas)
    goal = plans.add_goal(plan.id, "Run a cluster", "kubernetes")
    create_lab(goal.id, "kind cluster", items=[f"step {n}" for n in range(1, 7)])
    old = _export(folder / "zoe-old.toml")
    for item in LabItem.select().order_by(LabItem.position).limit(2):
        item.done = True
        item.done_on = D(2026, 11, 20)
        item.save()
    new = _export(folder / "zoe-new.toml")
    database.close_database()
    return old, new


def _make_jonas(folder: Path) -> Path:
    database.open_database(folder / "jonas.sqlite3")
    jonas = people.set_me("Jonas Becker", "mentor", "jonas.becker@example.com")
    zoe = people.add_person("Zoë 李雷", "mentee", "ZOE@example.com")
    priya = people.add_person("Priya Raman", "mentee", "priya@example.com")
    with_zoe = mentorships.create_mentorship(jonas.id, zoe.id, D(2026, 9, 3), focus="Kubernetes")
    mentorships.create_mentorship(jonas.id, priya.id, D(2026, 10, 1))
    checkins.create_checkin(with_zoe.id, D(2026, 11, 20), progress="kind cluster up", private_notes=SECRET)
    path = _export(folder / "jonas.toml", include_private=True)
    database.close_database()
    return path


def _make_priya(folder: Path) -> Path:
    database.open_database(folder / "priya.sqlite3")
    priya = people.set_me("Priya Raman", "mentee", "priya@example.com")
    jonas = people.add_person("Jonas Becker", "mentor", "jonas.becker@example.com")
    mentorships.create_mentorship(jonas.id, priya.id, D(2026, 10, 2))
    path = _export(folder / "priya.toml")
    database.close_database()
    return path


@pytest.fixture(scope="module")
def team_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("team")
    old, new = _make_zoe(folder)
    return {"zoe-old": old, "zoe-new": new, "jonas": _make_jonas(folder), "priya": _make_priya(folder)}


def _lead_db(path: Path) -> None:
    database.open_database(path)
    people.set_me("Lea Lead", "lead", "lea@example.com")


def _team_export() -> str:
    """The lead's team export without the lead (each lead database has its own), without the
    header, and with records in uuid order: row ids (the export's order) are local."""
    doc = build_document()
    doc["people"] = [p for p in doc["people"] if p["name"] != "Lea Lead"]
    for key in ("exported_at", "exported_by"):
        doc.pop(key, None)
    for records in doc.values():
        if isinstance(records, list):
            records.sort(key=lambda r: r.get("uuid") or r.get("key"))
    return dumps(doc)


def _done_items() -> int:
    return LabItem.select().where(LabItem.done).count()


def test_three_databases_in_every_order_give_one_person_per_human_and_the_same_database(team_files, tmp_path):
    files = [team_files["zoe-new"], team_files["jonas"], team_files["priya"]]
    exports = set()
    for n, order in enumerate(itertools.permutations(files)):
        _lead_db(tmp_path / f"lead{n}.sqlite3")
        summary = import_files(order)
        names = sorted(p.name for p in Person.select())
        assert names == ["Jonas Becker", "Lea Lead", "Priya Raman", "Zoë 李雷"], order
        assert summary.duplicates == []
        assert Mentorship.select().count() == 2  # Jonas → Zoë once, Jonas → Priya once
        assert people.find("Jonas Becker").name == "Jonas Becker"  # no "more than one person" any more
        again = import_files(order)
        assert (again.added, again.updated) == (0, 0), again.lines()
        exports.add(_team_export())
        database.close_database()
    assert len(exports) == 1  # every order: the same records, the same uuids


def test_every_uuid_a_human_had_maps_to_the_one_person(team_files, tmp_path):
    _lead_db(tmp_path / "lead.sqlite3")
    import_files([team_files["jonas"], team_files["zoe-new"], team_files["priya"]])
    jonas = people.find("Jonas Becker")
    known = {jonas.uuid} | {a.uuid for a in PersonAlias.select().where(PersonAlias.person == jonas)}
    assert len(known) == 3  # his own, and the one in each mentee's database
    assert all(people.find(u).id == jonas.id for u in known)


def test_newer_edits_win_whatever_the_order(team_files, tmp_path):
    old, new = team_files["zoe-old"], team_files["zoe-new"]
    for n, order in enumerate([(new, old), (old, new)]):
        _lead_db(tmp_path / f"o{n}.sqlite3")
        for f in order:
            last = import_files([f])
        assert _done_items() == 2, order
        if order[1] is old:
            assert last.counts["items"].kept == 2 and "kept newer here" in last.lines()[0]
        database.close_database()
    folder = tmp_path / "friday"
    folder.mkdir()
    for f in (old, new):
        (folder / f.name).write_bytes(f.read_bytes())
    _lead_db(tmp_path / "folder.sqlite3")
    import_files([folder / "zoe-new.toml", folder / "zoe-old.toml"])  # as a folder sorts them
    assert _done_items() == 2


def test_version_1_files_still_import_with_exported_at_as_their_change(team_files, tmp_path):
    text = team_files["zoe-new"].read_text(encoding="utf-8")
    v1 = "\n".join(
        line for line in text.replace("version = 2", "version = 1", 1).splitlines()
        if not line.startswith(("updated_at =", "exported_by =", "aliases ="))
    )
    file = tmp_path / "v1.toml"
    file.write_text(v1 + "\n", encoding="utf-8")
    _lead_db(tmp_path / "v1.sqlite3")
    summary = import_files([file])
    assert summary.counts["items"].added == 6 and _done_items() == 2
    stamp = Plan.get().updated_at
    exported_at = dt.datetime.fromisoformat(next(
        line.split(" = ")[1] for line in v1.splitlines() if line.startswith("exported_at")
    ).replace("Z", "+00:00"))
    assert stamp == exported_at


def test_dry_run_writes_nothing_and_counts_what_the_import_then_does(team_files, tmp_path):
    _lead_db(tmp_path / "dry.sqlite3")
    files = [team_files["jonas"], team_files["zoe-old"], team_files["priya"]]
    db_file = tmp_path / "dry.sqlite3"
    database.close_database()
    before = db_file.read_bytes()
    database.open_database(db_file)
    dry = import_files(files, dry_run=True)
    database.close_database()
    assert db_file.read_bytes() == before
    database.open_database(db_file)
    real = import_files(files)
    assert {k: vars(c) for k, c in dry.counts.items()} == {k: vars(c) for k, c in real.counts.items()}
    assert dry.lines()[0].startswith("Would import 3 files: ") and real.lines()[0].startswith("Imported 3 files: ")
    assert dry.private_files == real.private_files == [(str(team_files["jonas"]), True)]


def test_private_notes_can_be_left_out(team_files, tmp_path):
    _lead_db(tmp_path / "np.sqlite3")
    summary = import_files([team_files["jonas"]], take_private=lambda f: False)
    assert summary.private_files == [(str(team_files["jonas"]), False)]
    assert any("carries private pairing notes (left out)" in line for line in summary.lines())
    assert {c.private_notes for c in CheckIn.select()} == {""}


def test_a_name_without_uuid_or_email_match_is_a_possible_duplicate_then_merged(team_files, tmp_path):
    _lead_db(tmp_path / "dup.sqlite3")
    people.add_person("Jonas Becker", "mentor")  # typed by hand here, no email
    summary = import_files([team_files["jonas"]])
    assert summary.duplicates == [("Jonas Becker", 2)]
    assert any("Possible duplicate: Jonas Becker: 2 people of this name" in line for line in summary.lines())
    typed, imported = Person.select().where(Person.name == "Jonas Becker").order_by(Person.id)
    plan = plan_merge(typed, imported)
    assert "moves mentorships as mentor: 2" in "\n".join(plan.lines())
    merge(typed, imported)
    again = import_files([team_files["jonas"], team_files["zoe-new"]])
    assert Person.select().where(Person.name == "Jonas Becker").count() == 1
    assert again.duplicates == []
    before = _team_export()
    third = import_files([team_files["jonas"], team_files["zoe-new"]])
    assert (third.added, third.updated) == (0, 0) and _team_export() == before


def test_merging_me_with_an_imported_copy_of_me_keeps_me(team_files, tmp_path):
    database.open_database(tmp_path / "me.sqlite3")
    people.set_me("Jonas Becker", "mentor")  # no email: the import cannot know it is me
    import_files([team_files["zoe-new"]])
    me = people.me()
    copy = Person.get((Person.name == "Jonas Becker") & ~Person.is_me)
    merge(copy, me)
    survivor = Person.get(Person.name == "Jonas Becker")
    assert survivor.is_me and people.me().id == survivor.id
    assert Mentorship.select().where(Mentorship.mentor == survivor).count() == 1


def test_a_merge_joins_two_mentorships_of_one_pair_with_both_histories(store):
    mentor = people.add_person("Ann Mentor", "mentor")
    copy = people.add_person("Ann M.", "mentor")
    mentee = people.add_person("Ben Mentee", "mentee")
    first = mentorships.create_mentorship(mentor.id, mentee.id, D(2026, 5, 1))
    second = mentorships.create_mentorship(copy.id, mentee.id, D(2026, 3, 1))
    checkins.create_checkin(first.id, D(2026, 6, 1), progress="one")
    checkins.create_checkin(second.id, D(2026, 4, 1), progress="two")
    assert plan_merge(mentor, copy).joined_mentorships == 1
    merge(mentor, copy)
    (joined,) = Mentorship.select()
    assert joined.started_on == D(2026, 3, 1)
    assert sorted(c.progress for c in joined.checkins) == ["one", "two"]
    assert PersonAlias.get().uuid == copy.uuid


def test_a_merge_of_a_mentor_and_their_mentee_is_refused(store):
    a = people.add_person("A Person", "mentor")
    b = people.add_person("B Person", "mentee")
    mentorships.create_mentorship(a.id, b.id, D(2026, 5, 1))
    with pytest.raises(MergeRefused, match="mentorship with each other"):
        plan_merge(a, b)


def test_kudos_between_the_two_merged_keep_their_text_without_a_giver_and_still_travel(store, tmp_path):
    """Merged, they would be kudos to oneself, which the store and the import refuse."""
    from mentor_tui.db import kudos
    from mentor_tui.db.models import Kudos

    keep = people.add_person("Ana Ruiz", "mentee")
    other = people.add_person("Ana R.", "mentee")
    bo = people.add_person("Bo Chen", "mentor")
    kudos.create_kudos(keep.id, other.id, D(2026, 5, 1), "Thanks, other me")
    kudos.create_kudos(other.id, bo.id, D(2026, 5, 2), "Great week")
    merge(keep, other)
    assert sorted((k.text, k.from_id, k.to_id) for k in Kudos.select()) == [
        ("Great week", bo.id, keep.id), ("Thanks, other me", None, keep.id),
    ]
    path = tmp_path / "team.toml"
    path.write_text(dumps(build_document()), encoding="utf-8")
    database.close_database()
    database.open_database(tmp_path / "new.sqlite3")
    import_files([path])
    assert Kudos.select().count() == 2


def test_an_ended_mentorship_and_a_new_one_of_the_pair_stay_two_through_export_and_import(store, tmp_path):
    mentor = people.add_person("Ann Mentor", "mentor", "ann@example.com")
    mentee = people.add_person("Ben Mentee", "mentee", "ben@example.com")
    first = mentorships.create_mentorship(mentor.id, mentee.id, D(2025, 1, 1))
    Mentorship.update(ended_on=D(2025, 6, 30)).where(Mentorship.id == first.id).execute()
    mentorships.create_mentorship(mentor.id, mentee.id, D(2026, 8, 1))
    with pytest.raises(ValueError, match="already mentors"):
        mentorships.create_mentorship(mentor.id, mentee.id, D(2026, 9, 1))
    path = tmp_path / "pair.toml"
    path.write_text(dumps(build_document()), encoding="utf-8")
    database.open_database(tmp_path / "other.sqlite3")
    import_files([path])
    assert Mentorship.select().count() == 2
    # the same two, from a database that gave them other uuids: still two, matched by period
    again = path.read_text(encoding="utf-8")
    for m in Mentorship.select():
        again = again.replace(m.uuid, "x" + m.uuid)
    other = tmp_path / "other.toml"
    other.write_text(again, encoding="utf-8")
    summary = import_files([other])
    assert Mentorship.select().count() == 2 and summary.counts["mentorships"].added == 0


def test_a_newer_private_export_of_the_mentor_clears_a_note_and_leaves_no_trace(tmp_path):
    """The mentor wipes a private note and exports again with notes: the lead's copy is cleared,
    and the old text is nowhere in the lead's database file or its WAL."""
    secret = "wiped-sentinel-4b1d"
    database.open_database(tmp_path / "bo.sqlite3")
    bo = people.set_me("Bo Mentor", "mentor", "bo@example.com")
    ana = people.add_person("Ana Mentee", "mentee", "ana@example.com")
    pairing = mentorships.create_mentorship(bo.id, ana.id, D(2026, 9, 1))
    checkin = checkins.create_checkin(pairing.id, D(2026, 11, 2), progress="ok", private_notes=secret)
    first = _export(tmp_path / "bo-1.toml", include_private=True)
    CheckIn.update(private_notes="").where(CheckIn.id == checkin.id).execute()
    second = _export(tmp_path / "bo-2.toml", include_private=True)
    database.close_database()
    assert 'private_notes = ""' in second.read_text(encoding="utf-8")  # the mentor's own database says so

    lead = tmp_path / "lead.sqlite3"
    _lead_db(lead)
    import_files([first])
    assert CheckIn.get().private_notes == secret
    summary = import_files([second])
    assert summary.counts["checkins"].updated == 1 and CheckIn.get().private_notes == ""
    database.close_database()
    for path in (lead, lead.with_name(lead.name + "-wal")):
        if path.exists():
            assert secret.encode() not in path.read_bytes(), path
