"""Bulk inserts stamp new rows at the end (db/stamp_sync): what the `*_updated_at_insert` triggers do."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from mentor_tui.db import database
from mentor_tui.db.models import Goal, Person, Plan
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_export import build_document, dumps
from mentor_tui.exchange.toml_import import import_files

from .exchange_fixtures import fill


def _schema() -> list[tuple[str, str]]:
    db = Person._meta.database
    return db.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()


def _unstamped_export(tmp_path, store_path):
    """A team export with no `updated_at` on any record and no `exported_at`, from another store."""
    database.open_database(tmp_path / "source.sqlite3")
    fill()
    text = dumps(build_document())
    database.close_database()
    text = re.sub(r"^(updated_at|exported_at) = .*\n", "", text, flags=re.MULTILINE)
    assert "updated_at" not in text
    path = tmp_path / "team.toml"
    path.write_text(text, encoding="utf-8")
    database.open_database(store_path)
    return path


def test_rows_imported_without_a_stamp_get_the_time_and_the_triggers_come_back(store, tmp_path):
    triggers = _schema()
    path = _unstamped_export(tmp_path, store)
    summary = import_files([path])
    assert summary.added > 10
    for model in (Person, Plan, Goal):
        stamps = [row.updated_at for row in model.select()]
        assert stamps and all(isinstance(s, dt.datetime) for s in stamps), model
    assert _schema() == triggers
    plan = Plan.select().first()
    goal = Goal.create(plan=plan, title="After the import", position=99)  # the insert trigger is back
    assert Goal.get_by_id(goal.id).updated_at is not None


def test_a_failed_import_leaves_the_insert_triggers(store, tmp_path):
    triggers = _schema()
    path = _unstamped_export(tmp_path, store)
    bad = tmp_path / "zz-bad.toml"
    bad.write_text('format = "mentor-tui"\nversion = 2\n[[people]]\nuuid = "x"\n', encoding="utf-8")
    with pytest.raises(ExchangeError):
        import_files([path, bad])
    assert _schema() == triggers
    assert Person.select().count() == 0
