"""An import sets aside the indexes of the tables it fills from empty (db/index_sync) and makes
them again at its end, exactly as they were; a failed or dry import leaves them as they were."""

from __future__ import annotations

import pytest

from mentor_tui.db import database
from mentor_tui.db.models import Goal, LabItem, Person
from mentor_tui.exchange.toml_export import build_document, write_document
from mentor_tui.exchange.toml_import import import_files

from .exchange_fixtures import fill


def _indexes() -> list[tuple[str, str, str]]:
    db = Person._meta.database
    return db.execute_sql(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    ).fetchall()


def _team_export(tmp_path, store_path):
    """A team export written from another store; then the (empty) store at `store_path` is open."""
    database.open_database(tmp_path / "source.sqlite3")
    fill()
    path = tmp_path / "team.toml"
    write_document(build_document(), path)
    database.close_database()
    database.open_database(store_path)
    return path


def _tables_without_indexes_while_writing(seen: list[set[str]]):
    def progress(done: int, total: int) -> None:
        if done > total // 2:  # the writes have begun
            with_indexes = {table for _name, table, _sql in _indexes()}
            seen.append({"goal", "lab_item", "person", "check_in"} - with_indexes)

    return progress


def test_an_import_into_an_empty_store_writes_without_indexes_and_makes_them_again(store, tmp_path):
    before = _indexes()
    path = _team_export(tmp_path, store)
    seen: list[set[str]] = []
    summary = import_files([path], progress=_tables_without_indexes_while_writing(seen))
    assert summary.added > 10
    assert seen and seen[-1] == {"goal", "lab_item", "person", "check_in"}  # set aside while writing
    assert _indexes() == before
    db = Person._meta.database
    plan = db.execute_sql("EXPLAIN QUERY PLAN SELECT id FROM lab_item WHERE uuid = ?", ("x",)).fetchall()
    assert "lab_item_uuid" in str(plan)
    # every row is found by its uuid through the index made again, and a second import changes nothing
    for goal in Goal.select():
        assert Goal.get(Goal.uuid == goal.uuid).id == goal.id
    again = import_files([path])
    assert again.added == 0 and not any(c.updated for c in again.counts.values())
    assert _indexes() == before


def test_an_import_into_tables_with_rows_keeps_their_indexes(store, tmp_path):
    before = _indexes()
    path = _team_export(tmp_path, store)
    import_files([path])
    seen: list[set[str]] = []
    import_files([path], progress=_tables_without_indexes_while_writing(seen))
    assert seen and seen[-1] == set()
    assert _indexes() == before


def test_a_failed_import_leaves_the_indexes_and_no_row(store, tmp_path):
    before = _indexes()
    path = _team_export(tmp_path, store)

    def fail_while_writing(done: int, total: int) -> None:
        if done == total:
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        import_files([path], progress=fail_while_writing)
    assert _indexes() == before
    assert Person.select().count() == 0 and LabItem.select().count() == 0


def test_a_dry_run_leaves_the_indexes(store, tmp_path):
    before = _indexes()
    path = _team_export(tmp_path, store)
    summary = import_files([path], dry_run=True)
    assert summary.added > 10
    assert _indexes() == before
    assert Person.select().count() == 0
