"""The schema, as ordered SQL steps: `NNNN_name.sql` takes user_version N-1 to N.

These files are the only source of the schema; nothing creates tables from
the models. Standard library only: `guard` derives the schema version and the
table names from the same files before the first frame. Never edit a step
that has shipped; add the next one (and a model change to match it).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources

_STEP_FILE = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")
_NAME = r'(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|(\w+))'
_CREATE = re.compile(r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + _NAME, re.I)
_DROP = re.compile(r"\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?" + _NAME, re.I)
_RENAME = re.compile(r"\bALTER\s+TABLE\s+" + _NAME + r"\s+RENAME\s+TO\s+" + _NAME, re.I)
# A step runs inside the runner's transaction, which also sets user_version.
_OWN_TRANSACTION = re.compile(
    r"(BEGIN|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|VACUUM)\b|PRAGMA\s+user_version", re.I
)
# Comments and string literals, blanked before looking for table names in the text.
_NOISE = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?(?:\*/|$)", re.S)


def _bare(statement: str) -> str:
    """The statement without comments and with empty string literals."""
    return _NOISE.sub(lambda m: "''" if m[0].startswith("'") else " ", statement).strip()


@dataclass(frozen=True)
class Step:
    version: int  # the user_version this step leaves the file at
    name: str
    sql: str


@cache
def load_steps() -> tuple[Step, ...]:
    """Every step file of this package, in order; numbered 1..N without gaps."""
    found = []
    for entry in resources.files(__name__).iterdir():
        match = _STEP_FILE.fullmatch(entry.name)
        if match:
            found.append(Step(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda step: step.version)
    numbers = [step.version for step in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration steps must be numbered 1..N without gaps, found {numbers}")
    for step in found:
        for statement in statements(step.sql):
            if _OWN_TRANSACTION.match(_bare(statement)):
                raise RuntimeError(f"step {step.version}: the runner owns the transaction: {statement[:40]!r}")
    return tuple(found)


def statements(sql: str) -> list[str]:
    """The statements of a step, split where SQLite itself sees a statement end."""
    result, pending = [], ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if _bare(pending).strip(";").strip():  # not just a comment
                result.append(pending.strip())
            pending = ""
    return result


def _name(groups: tuple[str | None, ...]) -> str:
    quoted, backticked, bracketed, bare = groups
    if quoted is not None:
        return quoted.replace('""', '"')
    return backticked or bracketed or bare or ""


def _discard(tables: set[str], name: str) -> None:
    # SQLite table names are case-insensitive (ASCII).
    tables.difference_update({t for t in tables if t.lower() == name.lower()})


def tables_after(steps: tuple[Step, ...]) -> frozenset[str]:
    """The table names the steps leave behind (created, renamed, minus dropped)."""
    tables: set[str] = set()
    for step in steps:
        for statement in statements(step.sql):
            text = _bare(statement)
            if match := _CREATE.match(text):
                tables.add(_name(match.groups()))
            elif match := _DROP.match(text):
                _discard(tables, _name(match.groups()))
            elif match := _RENAME.match(text):
                _discard(tables, _name(match.groups()[:4]))
                tables.add(_name(match.groups()[4:]))
    return frozenset(tables)
