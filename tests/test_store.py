"""The store: pragmas, file modes, migrations, refusing what is not ours."""

from __future__ import annotations

import sqlite3
import stat
import threading

import pytest

from mentor_tui.db import database, models, people


def _pragmas(db):
    return {
        name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
    }


# busy_timeout: conftest shortens the users' 5000 ms (test_migrations checks the default).
EXPECTED = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 1, "busy_timeout": 250}


def test_pragmas_on_the_main_connection(store):
    db = models.database_proxy.obj
    assert _pragmas(db) == EXPECTED


def test_pragmas_on_a_worker_thread_connection(store):
    db = models.database_proxy.obj
    seen = {}

    def worker():
        with database.worker_connection():
            seen.update(_pragmas(db))
            seen["thread_conn"] = id(db.connection())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert {k: v for k, v in seen.items() if k != "thread_conn"} == EXPECTED
    assert seen["thread_conn"] != id(db.connection())


def test_new_file_and_folder_are_private(tmp_path):
    path = tmp_path / "new" / "nested" / "mentor.sqlite3"
    database.open_database(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    from mentor_tui.db import people

    people.add_person("Ana Ruiz", "mentee")  # the WAL is made by the first write
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_new_store_has_builtin_competencies_and_schema_version(store):
    keys = {c.key for c in models.Competency.select()}
    assert keys == {"kubernetes", "iac", "cicd", "cloud", "observability", "security", "incident-response", "leadership"}
    assert models.database_proxy.obj.execute_sql("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION


def test_the_stdlib_guard_knows_every_table_and_the_schema_version():
    from mentor_tui.db import guard

    assert {m._meta.table_name for m in models.ALL_MODELS} == guard.TABLES
    assert len(database.MIGRATIONS) == guard.SCHEMA_VERSION


def test_opening_the_tui_does_not_import_peewee_before_the_first_frame():
    import subprocess
    import sys

    code = (
        "import sys, mentor_tui.cli as c, mentor_tui.db.guard, mentor_tui.app;"
        "print('peewee' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_migration_from_version_0_leaves_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    con.commit()
    con.close()
    before = path.read_bytes()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 0

    database.open_database(path)

    assert models.database_proxy.obj.execute_sql("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    backups = list((tmp_path / "backups").glob("old.sqlite3.*.before-v0.bak"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 0
    assert backup.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
    assert before[:16] == b"SQLite format 3\x00"


def test_a_failing_migration_step_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "mentor.sqlite3"

    def broken(db):
        db.execute_sql("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed")

    monkeypatch.setattr(database, "MIGRATIONS", [broken])
    monkeypatch.setattr(database, "SCHEMA_VERSION", 1)
    with pytest.raises(RuntimeError):
        database.open_database(path)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone()[0] == 0


def test_newer_database_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "future.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
    con.execute(f"PRAGMA user_version = {database.SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(database.StoreError, match="newer mentor-tui"):
        database.open_database(path)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("just some text, not SQLite\n" * 100)
    before = path.read_bytes()
    with pytest.raises(database.StoreError, match="is not a mentor-tui database"):
        database.open_database(path)
    assert path.read_bytes() == before


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(database.StoreError, match="is not a mentor-tui database"):
        database.open_database(path)
    assert path.read_bytes() == before


def test_there_is_only_one_me(store):
    people.set_me("Ana Ruiz", "mentee")
    people.set_me("Bo Chen", "mentor")
    assert models.Person.select().where(models.Person.is_me).count() == 1
    assert people.me().role == "mentor"


def test_set_me_refuses_a_name_someone_else_has(store):
    people.set_me("Ana Ruiz", "mentee")
    with pytest.raises(ValueError, match="already here"):
        people.set_me("ANA RUIZ", "mentor")
    assert people.me().name == "Ana Ruiz" and models.Person.select().count() == 1


def test_set_me_rejects_an_empty_name(store):
    with pytest.raises(ValueError, match="name is required"):
        people.set_me("   ", "mentee")
    assert people.me() is None


def test_find_person_by_name_or_uuid(store_with_me):
    me = people.me()
    assert people.find(me.uuid) == me
    assert people.find("bo chen") == me
    with pytest.raises(people.PersonNotFound):
        people.find("Nobody")


def test_a_name_already_taken_is_refused(store_with_me):
    people.add_person("Ana Ruiz", "mentee")
    with pytest.raises(ValueError, match="Ana Ruiz is already here"):
        people.add_person("ana ruiz", "mentee")
