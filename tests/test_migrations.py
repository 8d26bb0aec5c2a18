"""Migrations that cannot drift: the SQL steps are the schema, and the models must match them."""

from __future__ import annotations

import re
import shutil
import sqlite3
import stat
from functools import partial
from importlib import resources
from pathlib import Path

import pytest

from mentor_tui.db import database, guard, migrations, models, search
from mentor_tui.vocabulary import BUILTIN_COMPETENCIES

DEMO_V1 = Path(__file__).parent / "data" / "schema-v1-demo.sqlite3"
NEWEST = guard.SCHEMA_VERSION


def schema(path: Path) -> list[tuple[str, str, str, str | None]]:
    """sqlite_master, sorted, with whitespace-normalised SQL."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        con.close()
    return sorted((t, n, tn, sql and " ".join(sql.split())) for t, n, tn, sql in rows)


def pragma(path: Path, name: str) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        con.close()


def table_names(path: Path) -> set[str]:
    """The ordinary tables: not SQLite's own, not a full-text index and its shadow tables."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute("PRAGMA main.table_list").fetchall()
    finally:
        con.close()
    return {name for _schema, name, kind, *_ in rows if kind == "table" and not name.startswith("sqlite_")}


def virtual_tables(path: Path) -> set[str]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[1] for row in con.execute("PRAGMA main.table_list") if row[2] == "virtual"}
    finally:
        con.close()


def all_rows(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's column names and rows (by rowid)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = {}
        for name in table_names(path):
            cursor = con.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
            result[name] = ([d[0] for d in cursor.description], cursor.fetchall())
        return result
    finally:
        con.close()


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A database created from nothing by today's code."""
    path = tmp_path / "fresh.sqlite3"
    database.open_database(path)
    database.close_database()
    return path


def at_version(path: Path, version: int) -> Path:
    """A file at `version`, made by applying steps 1..version with plain sqlite3."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        for step in migrations.load_steps()[:version]:
            con.executescript(step.sql)
        con.execute(f"PRAGMA user_version = {version}")
        con.execute(f"PRAGMA application_id = {guard.APPLICATION_ID}")
    finally:
        con.close()
    return path


@pytest.mark.parametrize("version", range(1, NEWEST + 1))
def test_every_historical_version_migrates_to_the_fresh_schema(tmp_path, fresh, version):
    path = at_version(tmp_path / f"v{version}.sqlite3", version)

    database.open_database(path)
    database.close_database()

    assert schema(path) == schema(fresh)
    assert pragma(path, "user_version") == NEWEST
    backups = list((tmp_path / "backups").glob(f"v{version}.sqlite3.*.before-v{version}.bak"))
    assert len(backups) == (1 if version < NEWEST else 0)


def test_the_real_version_1_demo_database_migrates_with_its_rows_intact(tmp_path, fresh):
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(DEMO_V1, path)
    before = all_rows(path)
    assert sum(len(rows) for _cols, rows in before.values()) > 100  # a real store, not just the seed

    database.open_database(path)
    database.close_database()

    assert schema(path) == schema(fresh)
    assert pragma(path, "user_version") == NEWEST
    assert guard.integrity_problems(path) == []
    after = all_rows(path)
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after[table]
        kept = [after_columns.index(c) for c in columns]
        assert [tuple(row[i] for i in kept) for row in after_rows] == rows, table


def test_the_first_step_is_exactly_what_version_1_created(tmp_path):
    """Not merely normalised: the frozen SQL is byte for byte the old code's schema."""
    path = at_version(tmp_path / "v1.sqlite3", 1)
    raw = sqlite3.connect(path).execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    demo = sqlite3.connect(f"{DEMO_V1.resolve().as_uri()}?mode=ro", uri=True)
    assert sorted(raw) == sorted(demo.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    seeded = sqlite3.connect(path).execute("SELECT * FROM competency ORDER BY id").fetchall()
    assert seeded == demo.execute("SELECT * FROM competency ORDER BY id").fetchall()
    assert [(k, n, d) for _id, k, n, d, _b in seeded] == list(BUILTIN_COMPETENCIES)


def test_every_model_field_has_a_column_and_every_column_a_field(fresh):
    con = sqlite3.connect(fresh)
    assert {m._meta.table_name for m in models.ALL_MODELS} == table_names(fresh)
    assert virtual_tables(fresh) == {search.SearchIndex._meta.table_name}  # the only one; not a record kind
    for model in models.ALL_MODELS:
        table = model._meta.table_name
        info = con.execute(f'PRAGMA table_info("{table}")').fetchall()
        columns = {name: bool(notnull) for _cid, name, _type, notnull, _default, _pk in info}
        fields = {f.column_name: not f.null for f in model._meta.sorted_fields}
        assert set(fields) == set(columns), f"{model.__name__}: model fields vs columns of {table}"
        assert fields == columns, f"{model.__name__}: NOT NULL differs between the model and {table}"


def _indexes(con: sqlite3.Connection, table: str) -> set[tuple[tuple[str, ...], bool]]:
    """(columns, unique) of every index of `table`, its primary key left out."""
    found = set()
    for _seq, name, unique, origin, _partial in con.execute(f'PRAGMA index_list("{table}")'):
        if origin == "pk":
            continue
        columns = tuple(r[2] for r in con.execute(f'PRAGMA index_info("{name}")'))
        found.add((columns, bool(unique)))
    return found


def test_the_models_indexes_and_foreign_keys_are_the_migrations(fresh):
    """Beyond columns: a unique field, an index in Meta.indexes, a foreign key and its ON DELETE
    must each be built by a migration step, or the models and the files drift apart."""
    con = sqlite3.connect(fresh)
    for model in models.ALL_MODELS:
        meta = model._meta
        table = meta.table_name
        wanted = set()
        for f in meta.sorted_fields:
            if f.unique and not f.primary_key:
                wanted.add(((f.column_name,), True))
            elif f.index:
                wanted.add(((f.column_name,), False))
        for columns, unique in meta.indexes:
            wanted.add((tuple(meta.fields[c].column_name for c in columns), bool(unique)))
        assert wanted <= _indexes(con, table), f"{model.__name__}: an index of the model is not in {table}"
        keys = {
            (row[3], row[2], row[4], row[6].upper())  # from column, to table, to column, on delete
            for row in con.execute(f'PRAGMA foreign_key_list("{table}")')
        }
        model_keys = {
            (f.column_name, f.rel_model._meta.table_name, f.rel_field.column_name, (f.on_delete or "NO ACTION").upper())
            for f in meta.sorted_fields
            if isinstance(f, models.ForeignKeyField)
        }
        assert model_keys == keys, f"{model.__name__}: foreign keys differ between the model and {table}"


def test_the_guard_reads_the_same_steps(fresh):
    files = [f.name for f in resources.files(migrations).iterdir() if re.fullmatch(r"\d{4}_\w+\.sql", f.name)]
    assert guard.SCHEMA_VERSION == len(files) == len(database.MIGRATIONS) >= 1
    assert pragma(fresh, "user_version") == guard.SCHEMA_VERSION
    assert table_names(fresh) == guard.TABLES
    assert pragma(fresh, "application_id") == guard.APPLICATION_ID


def test_table_names_follow_creates_renames_and_drops():
    steps = (
        migrations.Step(1, "a", "-- it's a comment; CREATE TABLE fake (x);\nCREATE TABLE \"one\" (x TEXT DEFAULT 'CREATE TABLE no (y); x');\nCREATE TABLE two (x);"),
        migrations.Step(2, "b", "ALTER TABLE one RENAME TO uno; DROP TABLE IF EXISTS two;\nCREATE TABLE IF NOT EXISTS [three] (x);"),
        migrations.Step(3, "c", "CREATE TRIGGER t AFTER INSERT ON uno BEGIN DELETE FROM three; END;"),
    )
    assert migrations.tables_after(steps) == {"uno", "three"}
    assert len(migrations.statements(steps[2].sql)) == 1
    assert len(migrations.statements(steps[0].sql)) == 2


def test_a_failing_step_leaves_the_previous_version_and_the_backup(tmp_path, monkeypatch):
    path = tmp_path / "mentor.sqlite3"
    database.open_database(path)
    models.Person.create(name="Ana Ruiz")
    database.close_database()
    bad = partial(database.run_sql, sql="CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);")
    monkeypatch.setattr(database, "MIGRATIONS", [*database.MIGRATIONS, bad])

    with pytest.raises(database.StoreError, match="no such table"):
        database.open_database(path)

    assert pragma(path, "user_version") == NEWEST
    assert "half_done" not in table_names(path)
    assert [r[1] for r in all_rows(path)["person"][1]] != []
    (backup,) = (tmp_path / "backups").glob(f"mentor.sqlite3.*.before-v{NEWEST}.bak")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert pragma(backup, "user_version") == NEWEST
    assert schema(backup) == schema(path)


def test_the_busy_timeout_applies_to_connections_made_afterwards(tmp_path):
    assert database.busy_timeout() == 250  # conftest: tests do not wait 5 s for a lock
    assert guard.BUSY_TIMEOUT_MS == database.PRAGMAS["busy_timeout"] == 5000  # what users get
    database.set_busy_timeout(1234)
    try:
        db = database.open_database(tmp_path / "x.sqlite3")
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 1234
    finally:
        database.set_busy_timeout(250)


def _open_in_another_process(path: str, barrier, results) -> None:
    from mentor_tui.db import database

    barrier.wait()
    try:
        database.open_database(Path(path))
        database.close_database()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
        results.put(f"{type(exc).__name__}: {exc}")


def test_two_processes_opening_a_new_file_at_once_both_succeed(tmp_path):
    """Each step re-reads the version under the write lock, so no step runs twice."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    outcomes = []
    for attempt in range(3):
        path = str(tmp_path / f"race{attempt}.sqlite3")
        barrier, results = context.Barrier(2), context.Queue()
        workers = [context.Process(target=_open_in_another_process, args=(path, barrier, results)) for _ in range(2)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        outcomes += [results.get(timeout=10), results.get(timeout=10)]
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA user_version").fetchone()[0] == guard.SCHEMA_VERSION
        con.close()
    assert outcomes == ["ok"] * 6


def test_step_2_brings_values_the_registry_refuses_into_range(tmp_path):
    """A version-1 file holding what old imports let in can be exported and imported back."""
    from mentor_tui import schema

    path = tmp_path / "old.sqlite3"
    shutil.copyfile(DEMO_V1, path)
    con = sqlite3.connect(path)
    con.execute('UPDATE "mentorship" SET "cadence_days" = 366 WHERE "id" = 1')
    con.execute('UPDATE "mentorship" SET "cadence_days" = 0 WHERE "id" = 2')
    con.execute('UPDATE "session" SET "duration_minutes" = 10080 WHERE "id" = 1')
    con.execute('UPDATE "session" SET "duration_minutes" = 1 WHERE "id" = 2')
    con.commit()
    con.close()
    database.open_database(path)
    cadences = [m.cadence_days for m in models.Mentorship.select().order_by(models.Mentorship.id)][:2]
    lengths = [s.duration_minutes for s in models.Session.select().order_by(models.Session.id)][:2]
    assert cadences == [365, 1] and lengths == [600, 5]
    for kind, field, values in (("mentorships", "cadence_days", cadences), ("sessions", "duration_minutes", lengths)):
        for value in values:
            schema.check(kind, {field: value})


def test_step_9_keeps_kudos_given_to_oneself_without_a_giver(tmp_path):
    """Kudos someone gave themselves (the command line and imports let them in before version 9)
    keep their text with no giver, so that an export of them imports again."""
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(DEMO_V1, path)
    con = sqlite3.connect(path)
    con.execute('UPDATE "kudos" SET "from_id" = "to_id" WHERE "id" = 1')
    before = con.execute('SELECT "id", "from_id", "to_id", "text" FROM "kudos" ORDER BY "id"').fetchall()
    con.commit()
    con.close()
    assert before[0][1] == before[0][2] and len(before) > 1
    database.open_database(path)
    after = [(k.id, k.from_id, k.to_id, k.text) for k in models.Kudos.select().order_by(models.Kudos.id)]
    assert after == [(before[0][0], None, *before[0][2:]), *before[1:]]


def test_a_backup_of_the_same_name_already_there_is_kept_and_a_new_one_written(tmp_path):
    from mentor_tui import clock
    from mentor_tui.db import backup_files

    path = tmp_path / "old.sqlite3"
    shutil.copyfile(DEMO_V1, path)
    taken = backup_files.new_name(path, "before-v1", clock.now())
    taken.parent.mkdir()
    taken.write_bytes(b"an earlier copy")
    database.open_database(path)  # migrates: the copy goes beside the one already there
    assert taken.read_bytes() == b"an earlier copy"
    copies = {p.name for p in (tmp_path / "backups").glob("old.sqlite3.*.before-v1.bak")}
    assert copies == {taken.name, taken.name.replace(".before-v1", "-2.before-v1")}
