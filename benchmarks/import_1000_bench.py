"""Import of 1,000 person files (budget 30 s), timed once: one run takes half a minute or more.

The files (benchmarks/out/persons-1000/, made once) are the 100 of the import
benchmark (exchange_bench: the 50 people of each of two large databases) and
nine copies of them in which every uuid and email address is another one, as
if exported by nine more teams of the same size: ten times the records and
the bytes of the 100-file set. It runs in a child process of its own
(run.py), so a slow run cannot take the other exchange rows down with it.
"""

from __future__ import annotations

import re
import shutil
import uuid as uuids
from pathlib import Path

from common import OUT, Result, is_missing_code, not_built
from exchange_bench import person_files, timed_import

IMPORT_1000_BUDGET_S = 30.0
PERSONS_1000 = OUT / "persons-1000"
TARGET = OUT / "import-1000-target.sqlite3"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_EMAIL = re.compile(r'^(email = "[^"@]*)@', re.MULTILINE)


def thousand_files(db: Path) -> list[Path]:
    """The 1,000 person files: the 100 and nine copies with other uuids and emails (made once)."""
    base = person_files(db)
    stamp = PERSONS_1000 / ".made-from"
    made_from = "\n".join(f"{f.name} {f.stat().st_size} {f.stat().st_mtime_ns}" for f in base)
    if stamp.exists() and stamp.read_text(encoding="utf-8") == made_from:
        return sorted(PERSONS_1000.glob("*.toml"))
    shutil.rmtree(PERSONS_1000, ignore_errors=True)
    PERSONS_1000.mkdir(parents=True)
    for copy in range(10):
        for f in base:
            text = f.read_text(encoding="utf-8")
            if copy:
                space = uuids.uuid5(uuids.NAMESPACE_URL, f"mentor-tui-bench-copy-{copy}")
                text = _UUID.sub(lambda m, s=space: str(uuids.uuid5(s, m.group())), text)
                text = _EMAIL.sub(lambda m, c=copy: f"{m.group(1)}+{c}@", text)
            (PERSONS_1000 / f"c{copy}-{f.name}").write_text(text, encoding="utf-8")
    stamp.write_text(made_from, encoding="utf-8")
    return sorted(PERSONS_1000.glob("*.toml"))


def bench_import_1000(db: Path) -> Result:
    name = "import 1,000 person files"
    try:
        from mentor_tui.exchange.toml_import import import_files  # noqa: F401 - is it built yet?
    except ImportError as exc:
        if is_missing_code(exc):
            return not_built(name, str(exc), IMPORT_1000_BUDGET_S)
        raise
    files = thousand_files(db)
    size_mb = sum(f.stat().st_size for f in files) / 1024 / 1024
    elapsed, summary = timed_import(files, TARGET)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{TARGET}{suffix}").unlink(missing_ok=True)
    note = (f"{len(files)} files, {size_mb:.0f} MiB (the 100-file set and 9 copies with other uuids"
            f" and emails) into an empty store, {summary.added} records added, one run")
    return Result(name, elapsed, IMPORT_1000_BUDGET_S, note=note)


def run(db: Path) -> list[Result]:
    return [bench_import_1000(db)]
