"""An import waits for another writer while it makes progress, up to a named limit; a full disk says so."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from mentor_tui.db import database, people, write_wait
from mentor_tui.db.models import Person
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.toml_export import build_document, write_document
from mentor_tui.exchange.toml_import import import_files
from tests.exchange_fixtures import file_hash


@pytest.fixture
def export_and_target(tmp_path: Path):
    """A file with one person, and another (empty) database to import it into (open)."""
    database.open_database(tmp_path / "source.sqlite3")
    people.add_person("Ana Ruiz", "mentee")
    export = write_document(build_document(), tmp_path / "team.toml")
    database.close_database()
    target = tmp_path / "target.sqlite3"
    database.open_database(target)
    return export, target


class Holder:
    """Another program holding the write lock for `seconds`, showing progress or not."""

    def __init__(self, path: Path, seconds: float, progress: bool) -> None:
        self.con = sqlite3.connect(path, timeout=0, check_same_thread=False)
        self.con.execute("BEGIN IMMEDIATE")
        self.con.execute("UPDATE person SET name = name")
        self.path, self.seconds, self.progress = path, seconds, progress
        self.thread = threading.Thread(target=self._hold)
        self.thread.start()

    def _hold(self) -> None:
        if self.progress:
            with write_wait.writing(self.path):
                time.sleep(self.seconds)
        else:
            time.sleep(self.seconds)
        self.con.commit()
        self.con.close()

    def join(self) -> None:
        self.thread.join()


@pytest.fixture
def quick_heartbeat(monkeypatch):
    monkeypatch.setattr(write_wait, "HEARTBEAT", 0.05)  # tests wait 250 ms for a lock, not 5 s


def test_an_import_waits_while_the_other_writer_makes_progress(export_and_target, quick_heartbeat):
    export, target = export_and_target
    said: list[str] = []
    holder = Holder(target, seconds=1.5, progress=True)  # six busy timeouts of the tests
    try:
        from mentor_tui.exchange.toml_import import import_parsed, read_files

        summary = import_parsed(read_files([export]), waiting=said.append)
    finally:
        holder.join()
    assert summary.added == 1
    assert said == [write_wait.WAITING]
    assert [p.name for p in Person.select()] == ["Ana Ruiz"]


def test_an_import_gives_up_on_a_lock_held_by_a_program_that_is_not_writing(export_and_target):
    export, target = export_and_target
    database.close_database()
    before = file_hash(target)
    database.open_database(target)
    holder = Holder(target, seconds=1.0, progress=False)
    try:
        with pytest.raises(ExchangeError, match="locked by another program that is not writing"):
            import_files([export])
    finally:
        holder.join()
    database.close_database()
    assert file_hash(target) == before


def test_an_import_names_the_limit_it_waited(export_and_target, quick_heartbeat, monkeypatch):
    export, target = export_and_target
    monkeypatch.setattr(write_wait, "LIMIT_MINUTES", 0.005)  # 0.3 s
    holder = Holder(target, seconds=1.5, progress=True)
    try:
        with pytest.raises(ExchangeError, match=r"gave up after waiting 0\.005 minutes"):
            import_files([export])
    finally:
        holder.join()
    assert Person.select().count() == 0


def test_a_full_disk_during_an_import_says_disk_full_and_changes_nothing(export_and_target, tmp_path):
    """SQLite's page limit stands in for a full disk: the same SQLITE_FULL error."""
    from mentor_tui.db import transfer

    _export, target = export_and_target
    database.close_database()
    source = tmp_path / "source.sqlite3"
    database.open_database(source)
    for n in range(300):
        people.add_person(f"Person {n:03} " + "x" * 200, "mentee")
    big = write_document(build_document(), tmp_path / "big.toml")
    database.close_database()
    before = file_hash(target)

    database.open_database(target)
    pages = transfer.database().execute_sql("PRAGMA page_count").fetchone()[0]
    transfer.database().execute_sql(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(ExchangeError) as caught:
        import_files([big])
    message = str(caught.value)
    assert "disk full" in message and "cannot rollback" not in message
    assert Person.select().count() == 0
    database.close_database()
    assert file_hash(target) == before
