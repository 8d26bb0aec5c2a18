"""Importing exchange files: validate everything, then write everything, in one transaction.

    summary = import_files([Path("ana.toml"), Path("bo.toml")], progress=callback)
    print("\\n".join(summary.lines()))

Every file is read and validated before anything it brings is written;
references are checked against the other files and the database inside the
same IMMEDIATE transaction that writes, so one bad file changes nothing.
Records are matched by uuid; a row is only written when a value differs, so
importing a file twice writes nothing the second time. The same record may
appear in several files (a mentor in each mentee's export): the newer edit
wins (`updated_at`). A store must be open (`mentor_tui.db.database.open_database`).

A big batch is written while worker processes still read it (`import_stream`);
a small one is read (`parallel_read.read_files`), then written (`import_parsed`).
Memory stays near the size of the files: a big file is parsed in pieces and the
records nothing refers to stay pickled until written (`file_reader`); the
writer lets go of the rows it wrote (`upsert_cache.UpsertCache.forget`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from mentor_tui.db import date_rules, transfer, write_wait
from mentor_tui.exchange import import_passes, import_stream
from mentor_tui.exchange.checkin_dates import check_checkin_dates
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.import_passes import WRITE_FAILED, carries_private, check_references
from mentor_tui.exchange.import_summary import ImportSummary
from mentor_tui.exchange.parallel_read import file_paths, gc_paused, read_files, read_files_here
from mentor_tui.exchange.spec import KINDS
from mentor_tui.exchange.validate import ParsedFile

__all__ = [
    "WRITE_FAILED",
    "ImportSummary",
    "carries_private",
    "check_references",
    "collect_paths",
    "gc_paused",
    "import_files",
    "import_parsed",
    "own_exports",
    "private_notes_taken",
    "read_files",
    "read_files_here",
]

Progress = Callable[[int, int], None]


def collect_paths(paths: Iterable[Path | str]) -> list[Path]:
    """The files to import: a folder stands for the *.toml files in it (sorted).

    A folder without any .toml file is an error: an import of nothing is a mistake.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not found:
                raise ExchangeError(f"{given}: no .toml files in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


def own_exports() -> Callable[[ParsedFile], bool]:
    """Whether a file is an export of "me" here (by my uuid or one I was also known by): the
    private notes it carries are mine. Another mentor's are taken only when the user asks
    (the app's switch, `import --include-private`). Asks the open store once."""
    from mentor_tui.db import people

    me = people.me()
    mine = {me.uuid, *people.aliases_of(me.id)} if me is not None else set()
    return lambda f: f.exported_by in mine


def private_notes_taken(whose: str) -> Callable[[ParsedFile], bool]:
    """Which files' private notes an import takes, for both the app's import and the command
    line's: "all" (`--include-private`), "mine" (`own_exports`, the default) or "none"
    (`--without-private`). Asks the open store once, for "mine"."""
    if whose == "mine":
        return own_exports()
    take = whose == "all"
    return lambda _f: take


def import_files(
    paths: Iterable[Path | str],
    progress: Progress | None = None,
    waiting: Callable[[str], None] | None = None,
    *,
    dry_run: bool = False,
    take_private: Callable[[ParsedFile], bool] | None = None,
) -> ImportSummary:
    """Import the files all-or-nothing and say what changed.

    Progress counts 2 steps per file, to progress(2n, 2n): one as a file has been
    read and checked, one as its records are written. Raises ExchangeError (one
    line, naming the file and record path) and then nothing has changed; the
    first bad file in the given order is the one named. `waiting` and the rest: see
    `import_parsed`.
    """
    paths = file_paths(paths)
    total = 2 * len(paths)
    with gc_paused():
        streamed = import_stream.import_streaming(
            paths, progress, waiting, dry_run=dry_run, take_private=take_private
        )
        if streamed is not None:
            return streamed
        report = progress
        if report is None:
            files = read_files(paths)
            return import_parsed(files, waiting=waiting, dry_run=dry_run, take_private=take_private)
        files = read_files(paths, lambda done: report(done, total))
        return import_parsed(
            files, lambda done, _n: report(len(paths) + done, total), waiting,
            dry_run=dry_run, take_private=take_private,
        )


def import_parsed(
    files: Sequence[ParsedFile],
    progress: Progress | None = None,
    waiting: Callable[[str], None] | None = None,
    *,
    dry_run: bool = False,
    take_private: Callable[[ParsedFile], bool] | None = None,
) -> ImportSummary:
    """Import files already read by `read_files` (their references are checked here).

    progress(0, n) is called before the first write, then progress(i, n) as the
    records of the i-th file are written. While another program writes to the
    database, the import waits (`waiting(message)` says so once; see write_wait).
    `dry_run` does all of it, counts, and rolls back. `take_private(file)` says
    whether a file's private notes are taken (default: all); the summary lists
    the files that carry some.
    """
    total = len(files)
    if progress is not None:
        progress(0, total)
    summary = ImportSummary(files=[f.display for f in files], dry_run=dry_run)
    taken = [f.includes_private and (take_private is None or take_private(f)) for f in files]
    summary.private_files = [(f.display, take) for f, take in zip(files, taken, strict=True) if carries_private(f)]
    path = Path(transfer.database().database)

    def attempt() -> transfer.Writer:
        with gc_paused(), transfer.write_transaction(), write_wait.writing(path):  # beats once it holds the lock
            check_references(files)
            check_checkin_dates(files)
            dates_before = date_rules.faults()
            carriers = import_passes.Carriers()
            matches = import_passes.match_people(files)
            writer = transfer.Writer(KINDS, matches)
            import_passes.write_referred(writer, files, taken)
            for done, (f, take) in enumerate(zip(files, taken, strict=True), start=1):
                import_passes.write_rest(writer, f, take, carriers)
                if progress is not None:
                    progress(done, total)
            import_passes.dates_kept(dates_before, carriers)
            import_passes.summarize(summary, writer, matches, files)
            if dry_run:
                raise import_passes.DryRun
        return writer

    return import_passes.run(attempt, summary, waiting)
