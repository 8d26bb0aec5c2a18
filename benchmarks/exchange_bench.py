"""Export of one person (budget 0.5 s) and import of 100 person files (5 s).

The person exported is the large database's busiest mentee (most check-ins).
The 100 files are the 50 people of the large database plus the 50 of a second
large database made with another seed (so every uuid differs), exported once
into benchmarks/out/persons/ and imported all at once into a new, empty store.
The import of 1,000 files is import_1000_bench (its own child process, so a
slow run cannot take these rows down with it at run.py's timeout).
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

import generate_large
from common import OUT, Result, is_missing_code, median, not_built

EXPORT_BUDGET_S = 0.5
IMPORT_BUDGET_S = 5.0
FILES = 100
PERSONS = OUT / "persons"
SECOND = OUT / "large-seed43.sqlite3"
TARGET = OUT / "import-target.sqlite3"


def _uuids(db: Path, busiest_first: bool = False) -> list[tuple[str, str]]:
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if busiest_first:
            sql = """SELECT p.uuid, p.name FROM person p
                     LEFT JOIN mentorship m ON m.mentee_id = p.id
                     LEFT JOIN check_in c ON c.mentorship_id = m.id
                     GROUP BY p.id ORDER BY count(c.id) DESC, p.id LIMIT 1"""
        else:
            sql = "SELECT uuid, name FROM person ORDER BY id"
        return [(r[0], r[1]) for r in con.execute(sql)]
    finally:
        con.close()


def _export_all(db: Path, folder: Path, prefix: str) -> None:
    from mentor_tui.db import database
    from mentor_tui.exchange.toml_export import build_document, write_document

    database.open_database(db)
    try:
        for n, (uuid, _name) in enumerate(_uuids(db)):
            write_document(build_document(persons=[uuid]), folder / f"{prefix}-{n:03d}.toml")
    finally:
        database.close_database()


def person_files(db: Path) -> list[Path]:
    from mentor_tui.exchange.spec import FORMAT_VERSION

    files = sorted(PERSONS.glob("*.toml"))
    # files of an older format are made again: a version-1 file stamps all its records with its
    # export time, so the same record in two files is two versions, not one (import does more)
    current = bool(files) and f"version = {FORMAT_VERSION}\n" in files[0].read_text(encoding="utf-8")[:200]
    if len(files) >= FILES and current:
        return files[:FILES]
    shutil.rmtree(PERSONS, ignore_errors=True)
    PERSONS.mkdir(parents=True)
    if not generate_large.is_current(SECOND):
        generate_large.generate(SECOND, seed=43)
    _export_all(db, PERSONS, "a")
    _export_all(SECOND, PERSONS, "b")
    return sorted(PERSONS.glob("*.toml"))[:FILES]


def bench_export(db: Path) -> Result:
    name = "export one person (busiest mentee)"
    try:
        from mentor_tui.db import database
        from mentor_tui.exchange.toml_export import build_document, write_document
    except ImportError as exc:
        if is_missing_code(exc):
            return not_built(name, str(exc), EXPORT_BUDGET_S)
        raise
    uuid, person = _uuids(db, busiest_first=True)[0]
    target = OUT / "export-one.toml"
    database.open_database(db)
    try:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            write_document(build_document(persons=[uuid]), target)
            times.append(time.perf_counter() - started)
    finally:
        database.close_database()
    size_kb = target.stat().st_size / 1024
    return Result(name, median(times), EXPORT_BUDGET_S, note=f"{person}, {size_kb:.0f} KiB, median of 3")


def timed_import(files: list[Path], target: Path) -> tuple[float, Any]:
    """Import `files` into a new, empty store at `target`: (seconds, the import's summary)."""
    from mentor_tui.db import database
    from mentor_tui.exchange.toml_import import import_files

    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    database.open_database(target)
    try:
        started = time.perf_counter()
        summary = import_files(files)
        return time.perf_counter() - started, summary
    finally:
        database.close_database()


def bench_import(db: Path) -> list[Result]:
    name = f"import {FILES} person files"
    try:
        from mentor_tui.exchange.toml_import import read_files
    except ImportError as exc:
        if is_missing_code(exc):
            return [not_built(name, str(exc), IMPORT_BUDGET_S)]
        raise
    files = person_files(db)
    total_kb = sum(f.stat().st_size for f in files) / 1024
    started = time.perf_counter()
    read_files(files)
    parsing = time.perf_counter() - started
    elapsed, summary = timed_import(files, TARGET)
    added = getattr(summary, "added", None)
    note = f"{len(files)} files, {total_kb / 1024:.1f} MiB into an empty store"
    if added is not None:
        note += f", {added} records added"
    return [
        Result(name, elapsed, IMPORT_BUDGET_S, note=note),
        Result(f"  of which: reading and checking {FILES} files", parsing, None,
               note=f"read_files alone, {total_kb / 1024 / parsing:.1f} MiB/s"),
    ]


def run(db: Path) -> list[Result]:
    return [bench_export(db), *bench_import(db)]
