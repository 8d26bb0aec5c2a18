"""The layers hold: ruff's TID251 bans the UI and database libraries outside their
packages, the command line has no import cycle, and the record-kind registry and
the vocabulary stay free of peewee and Textual.

The import graph is read with `ast` (nothing is imported), so a breach is caught
even in a module whose import would fail.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mentor_tui"
UI_LIBS = ("textual", "rich")
DB_LIBS = ("peewee", "playhouse")


# ---------------------------------------------------------------- ruff's TID251


def ruff(path: str, code: str) -> subprocess.CompletedProcess[str]:
    """`ruff check` of `code` as if it were the file `path` of this repository."""
    return subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise",
         "--stdin-filename", path, "-"],
        input=code, capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def snippet(stmt: str, inside_function: bool = False) -> str:
    """A module made of one import, used (so that only TID251 can fail it)."""
    name = stmt.split()[-1].split(".")[0]
    if inside_function:
        return f"def f():\n    {stmt}\n    return {name}\n"
    return f"{stmt}\n\nprint({name})\n"


BANNED = [
    ("mentor_tui/db/x.py", "import textual", False),
    ("mentor_tui/db/x.py", "from rich.text import Text", False),
    ("mentor_tui/db/x.py", "from textual.widgets import Static", True),
    ("mentor_tui/exchange/x.py", "import peewee", False),
    ("mentor_tui/exchange/x.py", "from peewee import Model", False),
    ("mentor_tui/exchange/x.py", "import peewee.fields", False),
    ("mentor_tui/exchange/x.py", "import peewee", True),
    ("mentor_tui/exchange/x.py", "import textual", False),
    ("mentor_tui/screens/x.py", "from peewee import fn", False),
    ("mentor_tui/screens/x.py", "from playhouse.sqlite_ext import JSONField", True),
    ("mentor_tui/widgets/x.py", "import peewee", False),
    ("mentor_tui/commands/x.py", "from textual.app import App", True),
    ("mentor_tui/commands/x.py", "from peewee import JOIN", False),
    ("mentor_tui/cli.py", "import rich", True),
    ("mentor_tui/schema/kinds.py", "import peewee", False),
    ("mentor_tui/vocabulary.py", "from textual import work", False),
    ("mentor_tui/x.py", "import playhouse", False),
]

ALLOWED = [
    ("mentor_tui/screens/x.py", "import textual", False),
    ("mentor_tui/screens/x.py", "from rich.text import Text", False),
    ("mentor_tui/widgets/x.py", "from textual.widgets import DataTable", True),
    ("mentor_tui/app.py", "from textual.app import App", False),
    ("mentor_tui/db/x.py", "import peewee", False),
    ("mentor_tui/db/x.py", "from playhouse.sqlite_ext import JSONField", True),
    ("tests/x.py", "import peewee", False),
    ("tests/x.py", "from textual.app import App", True),
]


@pytest.mark.parametrize(("path", "stmt", "inside_function"), BANNED)
def test_ruff_bans_the_import_outside_its_layer(path, stmt, inside_function):
    result = ruff(path, snippet(stmt, inside_function))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "TID251" in result.stdout, result.stdout


@pytest.mark.parametrize(("path", "stmt", "inside_function"), ALLOWED)
def test_ruff_allows_the_import_inside_its_layer(path, stmt, inside_function):
    result = ruff(path, snippet(stmt, inside_function))
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- the import graph


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(source: str, module: str, is_package: bool) -> set[str]:
    """Every module name `source` imports, anywhere in it (functions included).

    `importlib.import_module("a.b." + x)` and its f-string form count as importing
    every module under `a.b`, written as the prefix `a.b.` (see `edges`).
    """
    names: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and _is_import_module(node.func) and node.args:
            prefix = _constant_prefix(node.args[0])
            if prefix:
                names.add(prefix)
    return names


def _is_import_module(func: ast.expr) -> bool:
    return (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id == "import_module"
    )


def _constant_prefix(arg: ast.expr) -> str | None:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value)  # "mentor_tui.commands." + something
    if isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant):
        return str(arg.left.value)
    return None


def edges(sources: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """module -> the modules of `sources` it imports (a dotted prefix ending in "." = all under it)."""
    graph: dict[str, set[str]] = {}
    for module, (source, is_package) in sources.items():
        targets: set[str] = set()
        for name in imported_names(source, module, is_package):
            if name.endswith("."):
                targets.update(m for m in sources if m.startswith(name))
            elif name in sources:
                targets.add(name)
        targets.discard(module)
        graph[module] = targets
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def cycles_between(graph: dict[str, set[str]], one: str, others: Iterable[str]) -> list[str]:
    """The modules of `others` that `one` reaches and that reach `one` back."""
    from_one = reachable(graph, one)
    return sorted(m for m in others if m != one and m in from_one and one in reachable(graph, m))


def read_package(root: Path = ROOT, package: Path = PACKAGE) -> dict[str, tuple[str, bool]]:
    return {
        module_name(path, root): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in sorted(package.rglob("*.py"))
    }


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return edges(read_package())


def third_party(module: str, sources: dict[str, tuple[str, bool]]) -> set[str]:
    source, is_package = sources[module]
    return {name.split(".")[0] for name in imported_names(source, module, is_package)}


def test_the_graph_sees_how_cli_loads_the_commands(graph):
    commands = {m for m in graph if m.startswith("mentor_tui.commands.")}
    assert "mentor_tui.commands.export" in commands
    assert commands - {"mentor_tui.commands.common"} <= graph["mentor_tui.cli"]


def test_cli_and_commands_have_no_import_cycle(graph):
    commands = [m for m in graph if m == "mentor_tui.commands" or m.startswith("mentor_tui.commands.")]
    assert cycles_between(graph, "mentor_tui.cli", commands) == []
    assert not any("mentor_tui.cli" in graph[m] for m in commands)


def test_the_cycle_check_finds_the_old_layout():
    """commands/*.py importing helpers from cli, which loads the commands: a cycle."""
    old = {
        "mentor_tui.cli": ('import importlib\ndef c(n):\n    return importlib.import_module(f"mentor_tui.commands.{n}")\n', False),
        "mentor_tui.commands": ("", True),
        "mentor_tui.commands.export": ("def run():\n    from mentor_tui.cli import InputError\n", False),
        "mentor_tui.commands.check": ("from ..commands import common\n", False),
        "mentor_tui.commands.common": ("import sys\n", False),
    }
    graph = edges(old)
    assert cycles_between(graph, "mentor_tui.cli", list(old)) == ["mentor_tui.commands.export"]
    assert graph["mentor_tui.commands.check"] == {"mentor_tui.commands", "mentor_tui.commands.common"}


@pytest.mark.parametrize("module", ["mentor_tui.schema", "mentor_tui.vocabulary"])
def test_registry_and_vocabulary_need_neither_peewee_nor_textual(module, graph):
    """Not directly, and not through another mentor_tui module (schema may be a package)."""
    sources = read_package()
    own = [m for m in sources if m == module or m.startswith(f"{module}.")]
    if not own:
        pytest.skip(f"{module} is not written yet")
    reached = set(own).union(*(reachable(graph, m) for m in own))
    for dependency in sorted(reached):
        assert not third_party(dependency, sources) & {*UI_LIBS, *DB_LIBS}, (
            f"{module} imports {dependency}, which imports a UI or database library"
        )


def test_app_module_does_not_use_peewee():
    """app.py is exempt from TID251 for Textual (no folder config of its own): check peewee here."""
    sources = read_package()
    assert not third_party("mentor_tui.app", sources) & set(DB_LIBS)


def test_the_library_check_sees_imports_inside_functions():
    sources = {"m": ("def f():\n    from peewee import fn\n    import textual.app\n", False)}
    assert {"peewee", "textual"} <= third_party("m", sources)


def test_the_graph_sees_a_library_reached_through_another_module():
    sources = {
        "mentor_tui.schema": ("from mentor_tui.schema.kinds import KINDS\n", True),
        "mentor_tui.schema.kinds": ("def f():\n    from mentor_tui.db import models\n", False),
        "mentor_tui.db": ("", True),
        "mentor_tui.db.models": ("import peewee\n", False),
    }
    reached = reachable(edges(sources), "mentor_tui.schema")
    assert "peewee" in set().union(*(third_party(m, sources) for m in reached))


LAYERS = {  # a module may import its own layer and the layers after it, never one before
    "front doors": ("mentor_tui.app", "mentor_tui.screens", "mentor_tui.widgets", "mentor_tui.cli",
                    "mentor_tui.commands", "mentor_tui.demo", "mentor_tui.__main__"),
    "files": ("mentor_tui.exchange",),
    "store": ("mentor_tui.db",),
    "shared": ("mentor_tui",),  # schema, recurrence, vocabulary, clock, dates, config, ...
}


def layer_of(module: str) -> int:
    for n, prefixes in enumerate(LAYERS.values()):
        if any(module == p or module.startswith(f"{p}.") for p in prefixes):
            return n
    raise AssertionError(module)


def test_nothing_imports_upwards(graph):
    upwards = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        for target in targets
        if layer_of(target) < layer_of(module)
    )
    assert upwards == []
