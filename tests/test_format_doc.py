"""docs/exchange-format.md says exactly what the reader accepts."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from mentor_tui import schema
from mentor_tui.exchange import format_doc
from mentor_tui.exchange.toml_import import import_files

DOC = Path(__file__).parent.parent / "docs" / "exchange-format.md"
_BLOCK = re.compile(r"<!-- table:(\w+) -->\n(.*?)\n<!-- /table -->", re.DOTALL)


def test_every_kind_has_its_table_and_each_table_matches_the_registry():
    found = dict(_BLOCK.findall(DOC.read_text(encoding="utf-8")))
    assert set(found) == set(schema.KINDS), "a record kind is missing from the document (or one too many)"
    for name, table in format_doc.blocks().items():
        assert found[name] == table, (
            f"the table of {name} in {DOC.name} differs from the registry: "
            "run `python -m mentor_tui.exchange.format_doc` and paste its table"
        )


def test_the_example_file_imports(store, tmp_path):
    text = DOC.read_text(encoding="utf-8")
    example = re.search(r"## An example\n\n```toml\n(.*?)```", text, re.DOTALL).group(1)
    tomllib.loads(example)
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    summary = import_files([path])
    assert summary.counts["people"].added == 2 and summary.counts["items"].added == 2
    assert summary.counts["occurrences"].added == 1 and summary.counts["competencies"].added == 1


def test_the_example_uses_every_record_kind():
    text = DOC.read_text(encoding="utf-8")
    example = re.search(r"## An example\n\n```toml\n(.*?)```", text, re.DOTALL).group(1)
    for kind in schema.KINDS.values():
        assert f"[[{format_doc.path(kind)}]]" in example, kind.name
