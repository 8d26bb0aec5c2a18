"""The export of a fixed database is byte-identical to the files it gave before.

`tests/data/schema-v1-demo.sqlite3` is the demo team as written by mentor-tui at
schema version 1; `tests/data/golden/` holds its exports in format version 2 (regenerated on
purpose when the format went from 1 to 2: `updated_at`, `aliases`, `exported_by`).
Any change to how records are read from the store or written to TOML that
changes a byte (a key's order, an empty value written or left out, a date's
spelling) fails here: the format is a contract with people's scripts.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from mentor_tui.db import database, people
from mentor_tui.db.models import Person
from mentor_tui.exchange import toml_export

DATA = Path(__file__).parent / "data"
_STAMPS = re.compile(r"^(exported_at|updated_at) = .*$", re.MULTILINE)


def _without_stamp(text: str) -> str:
    """The text with the moments of export and of the last changes blanked: the v1 file
    gets its `updated_at` values when it is migrated, that is when the test runs."""
    return _STAMPS.sub(r"\1 = <stamp>", text)


@pytest.fixture
def v1_demo(tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(DATA / "schema-v1-demo.sqlite3", path)
    database.open_database(path)
    return path


@pytest.mark.parametrize(
    ("golden", "private", "first_person"),
    [("demo-team.toml", False, False), ("demo-team-private.toml", True, False), ("demo-person.toml", False, True)],
)
def test_export_is_byte_identical_to_the_golden_file(v1_demo, golden, private, first_person):
    persons = [Person.select().order_by(Person.id).first().uuid] if first_person else []
    doc = toml_export.build_document(persons=persons, include_private=private)
    expected = (DATA / "golden" / golden).read_text(encoding="utf-8")
    assert _without_stamp(toml_export.dumps(doc)) == _without_stamp(expected)


def test_golden_files_import_into_an_empty_database_and_export_the_same(tmp_path):
    """The golden file is also a valid import: read back, it exports to itself."""
    from mentor_tui.exchange import toml_import

    database.open_database(tmp_path / "empty.sqlite3")
    toml_import.import_files([DATA / "golden" / "demo-team-private.toml"])
    owner = re.search(r'^exported_by = "(.*)"$', (DATA / "golden" / "demo-team-private.toml").read_text(), re.M)[1]
    people.claim_me(Person.get(Person.uuid == owner).id)  # the same "me" as the exporting database
    doc = toml_export.build_document(include_private=True)
    expected = (DATA / "golden" / "demo-team-private.toml").read_text(encoding="utf-8")
    assert _without_stamp(toml_export.dumps(doc)) == _without_stamp(expected)
