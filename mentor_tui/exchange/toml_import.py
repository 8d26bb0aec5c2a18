"""Importing exchange files: validate everything, then write everything, in one transaction.

    summary = import_files([Path("ana.toml"), Path("bo.toml")], progress=callback)
    print("\\n".join(summary.lines()))

Every file is read and validated before anything is written; references are
checked against the other files and the database inside the same IMMEDIATE
transaction that then writes, so one bad file changes nothing. Records are
matched by uuid; a row is only written when a value differs, so importing a
file twice writes nothing the second time. The same record may appear in
several files (a mentor in each mentee's export): the file listed last wins.
A store must be open (`mentor_tui.db.database.open_database`).

Memory stays near the size of the files: a big file is parsed in pieces and the
records nothing refers to stay pickled until written (`file_reader`); the
writer lets go of the rows it wrote (`transfer.Writer.forget`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import select
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mentor_tui import schema
from mentor_tui.db import person_match, transfer, write_wait
from mentor_tui.db.database import scrub_wal as transfer_scrub
from mentor_tui.db.transfer import KindCounts
from mentor_tui.exchange.checkin_dates import check_checkin_dates
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_reader import parse_file
from mentor_tui.exchange.spec import KIND_LABELS, KINDS
from mentor_tui.exchange.validate import BUILTIN_KEYS, ParsedFile, quote

Progress = Callable[[int, int], None]
# How a failure while writing begins (every file was valid; the transaction rolled back).
WRITE_FAILED = "import failed, nothing was changed"

# The kinds others refer to are written across all files first, so a record of one
# file may refer to one in another; then each file's other kinds (registry order).
_REF_KINDS = tuple(schema.REFERABLE)
_FIRST_PASS = tuple(name for name in schema.TOP_KINDS if name in schema.REFERABLE.values())
_SECOND_PASS = tuple(name for name in schema.TOP_KINDS if name not in _FIRST_PASS)
_REFERRED = frozenset(schema.REFERABLE.values())


@dataclass
class ImportSummary:
    """What an import did (or, dry, would do), per kind of record."""

    files: list[str] = field(default_factory=list)
    counts: dict[str, KindCounts] = field(default_factory=lambda: {k: KindCounts() for k in KINDS})
    dry_run: bool = False
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (name, people of that name)
    private_files: list[tuple[str, bool]] = field(default_factory=list)  # (file, its notes taken)
    merged_here: list[str] = field(default_factory=list)  # people here the files showed to be one
    by_email: int = 0

    @property
    def kept(self) -> int:
        return sum(c.kept for c in self.counts.values())

    @property
    def added(self) -> int:
        return sum(c.added for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def lines(self) -> list[str]:
        n = len(self.files)
        verb = "Would import" if self.dry_run else "Imported"
        out = [f"{verb} {n} file{'s' if n != 1 else ''}: {_counted(self.added, self.updated, self.unchanged, self.kept)}"]
        for kind in KINDS:
            c = self.counts[kind]
            if c.total:
                out.append(f"  {KIND_LABELS[kind]}: {_counted(c.added, c.updated, c.unchanged, c.kept)}")
        out += self.notice_lines()
        if self.dry_run:
            out.append("Nothing was written (--dry-run).")
        return out

    def notice_lines(self) -> list[str]:
        """What a user should know besides the counts: duplicates, private notes, joins."""
        out = []
        if self.by_email:
            s = "" if self.by_email == 1 else "s"
            out.append(f"{self.by_email} person record{s} matched by email (one person per human)")
        for text in self.merged_here:
            out.append(f"Joined {text}: the files say they are one person")
        for name, count in self.duplicates:
            out.append(
                f"Possible duplicate: {name}: {count} people of this name — merge with "
                "`mentor-tui people merge` or M in Team"
            )
        for name, taken in self.private_files:
            how = "taken" if taken else "left out"
            out.append(f"Private notes: {name} carries private pairing notes ({how})")
        return out


def _counted(added: int, updated: int, unchanged: int, kept: int) -> str:
    text = f"{added} added, {updated} updated, {unchanged} unchanged"
    return text + (f", {kept} kept newer here" if kept else "")


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


def _paths(paths: Iterable[Path | str]) -> list[Path]:
    result = [Path(p) for p in paths]
    if not result:
        raise ExchangeError("no files to import")
    return result


# ---------------------------------------------------------------- reading many files fast

# Reading is CPU-bound (tomli, then validation): with this many bytes or more and
# a spare core, a worker process reads part of the files while this one reads the rest.
PARALLEL_MIN_BYTES = 8 * 1024 * 1024
_MAX_WORKERS = 3
# This process reads a first share of the files; a worker's files cost it a little more
# (sending the result back: its records are already packed, so receiving them is cheap).
_WORKER_WEIGHT = 0.9

_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while reading or writing many records.

    Parsing builds millions of dicts and lists that live until the import ends;
    the collector would walk them again and again (a third of the time) and
    finds nothing: records hold no cycles. Nested and concurrent uses are fine.
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


def _worker_init(caller: int) -> None:
    gc.disable()  # the worker only reads files and sends them back
    # Never hold the caller's output open: a script reading it would wait for us.
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    threading.Thread(target=_die_with, args=(caller,), daemon=True, name="die-with-caller").start()


def _die_with(caller: int) -> None:
    """End this worker as soon as the process that started the import is gone (killed,
    hung up, interrupted): a worker must never outlive it, busy or idle."""
    try:
        fd = os.pidfd_open(caller)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])  # readable once the caller has exited
        os._exit(1)
    while True:  # no pidfd (not Linux): look twice a second
        time.sleep(0.5)
        try:
            os.kill(caller, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:
            pass


def _parse_in_worker(path: Path) -> ParsedFile:
    return parse_file(path)


def _worker_count(paths: Sequence[Path]) -> tuple[int, list[int]]:
    """How many worker processes to use (0: read here), and each file's size."""
    cpus = os.cpu_count() or 1
    if len(paths) < 2 or cpus < 2:
        return 0, []
    sizes = []
    for p in paths:
        try:
            sizes.append(os.stat(p).st_size)
        except OSError:
            sizes.append(0)  # parse_file says what is wrong, in order
    if sum(sizes) < PARALLEL_MIN_BYTES:
        return 0, sizes
    # as many workers as cores: with this process, all three end at about the same time
    return min(cpus, _MAX_WORKERS, len(paths) - 1), sizes


def read_files(paths: Iterable[Path | str], progress: Callable[[int], None] | None = None) -> list[ParsedFile]:
    """`parse_file` for each path, in order; progress(i) once the i-th file is read.

    The first bad file in the given order raises its ExchangeError, as reading
    them one by one would. Big batches are read partly in worker processes
    (started with forkserver or spawn, never fork: this may run in a thread);
    progress is still reported from the calling thread, in order.
    """
    paths = _paths(paths)
    with gc_paused():
        workers, sizes = _worker_count(paths)
        if not workers:
            return read_files_here(paths, progress)
        return _read_parallel(paths, sizes, workers, progress)


def read_files_here(paths: Sequence[Path], progress: Callable[[int], None] | None = None) -> list[ParsedFile]:
    """`parse_file` for each path, in order, in this process."""
    files = []
    for done, path in enumerate(paths, start=1):
        files.append(parse_file(path))
        if progress is not None:
            progress(done)
    return files


def _read_parallel(
    paths: list[Path], sizes: list[int], workers: int, progress: Callable[[int], None] | None
) -> list[ParsedFile]:
    # This process takes the first files (their errors come first), the workers the rest.
    share = sum(sizes) / (1 + _WORKER_WEIGHT * workers)
    here, taken = 0, 0
    while here < len(paths) - 1 and taken < share:
        taken += sizes[here]
        here += 1
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    try:
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
        )
        futures: list[Future[ParsedFile]] = [pool.submit(_parse_in_worker, p) for p in paths[here:]]
    except Exception:  # noqa: BLE001 - no worker process here (e.g. stdio replaced by the TUI)
        return read_files_here(paths, progress)
    try:
        files = []
        for done, path in enumerate(paths[:here], start=1):
            files.append(parse_file(path))
            if progress is not None:
                progress(done)
        for done, (path, future) in enumerate(zip(paths[here:], futures, strict=True), start=here + 1):
            try:
                parsed = future.result()
            except ExchangeError as exc:
                raise ExchangeError(str(exc)) from None
            except Exception:  # noqa: BLE001 - a worker that died, or cannot send its result
                parsed = parse_file(path)  # read it here: the same result, or the same error
            files.append(parsed)
            if progress is not None:
                progress(done)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return files


def check_references(files: Sequence[ParsedFile]) -> None:
    """Every reference must name a record in one of the files or in the database."""
    defined: dict[str, set[str]] = {kind: set() for kind in _REF_KINDS}
    for f in files:
        for kind, values in f.defined.items():
            defined[kind] |= values
    defined["competency"] |= BUILTIN_KEYS
    for f in files:  # a person's aliases in a file name that person too
        for rec in f.records["people"]:
            defined["person"].update(rec.get("aliases") or ())
    wanted: dict[str, set[str]] = {kind: set() for kind in _REF_KINDS}
    for f in files:
        for ref in f.references:
            if ref.value not in defined[ref.kind]:
                wanted[ref.kind].add(ref.value)
    if not any(wanted.values()):
        return
    found = {kind: transfer.existing(kind, values) if values else set() for kind, values in wanted.items()}
    found["person"] |= transfer.known_aliases(wanted["person"])
    for f in files:
        for ref in f.references:
            if ref.value not in defined[ref.kind] and ref.value not in found[ref.kind]:
                what = "competency key" if ref.kind == "competency" else f"{ref.kind} uuid"
                raise ExchangeError(
                    f"{f.display}: {ref.path}: {what} {quote(ref.value)} is neither in this file "
                    f"nor in the database"
                )


def import_files(
    paths: Iterable[Path | str],
    progress: Progress | None = None,
    *,
    dry_run: bool = False,
    take_private: Callable[[ParsedFile], bool] | None = None,
) -> ImportSummary:
    """Import the files all-or-nothing and say what changed.

    Progress counts 2 steps per file: progress(i, 2n) as the i-th file has been
    read and validated (the long part for big files), then progress(n + i, 2n)
    as its records are written. Raises ExchangeError (one line, naming the file
    and record path) and then nothing has changed.
    """
    paths = _paths(paths)
    total = 2 * len(paths)
    with gc_paused():
        report = progress
        if report is None:
            return import_parsed(read_files(paths), dry_run=dry_run, take_private=take_private)
        files = read_files(paths, lambda done: report(done, total))
        return import_parsed(
            files, lambda done, _n: report(len(paths) + done, total), dry_run=dry_run, take_private=take_private
        )


class _DryRun(Exception):
    """Raised inside the import's transaction to roll it back after counting."""


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
    taken = {id(f): f.includes_private and (take_private is None or take_private(f)) for f in files}
    summary.private_files = [(f.display, taken[id(f)]) for f in files if carries_private(f)]
    path = Path(transfer.database().database)

    def attempt() -> transfer.Writer:
        with gc_paused(), transfer.write_transaction(), write_wait.writing(path):  # beats once it holds the lock
            check_references(files)
            check_checkin_dates(files)
            matches = person_match.match(
                [r for f in files for r in f.records["people"]], [r for f in files for r in f.records["mentorships"]]
            )
            writer = transfer.Writer(KINDS, matches)
            for kind in _FIRST_PASS:
                for f in files:
                    _use_file(writer, f, taken[id(f)])
                    for batch in f.batches(kind):
                        writer.write(kind, batch)
            for done, f in enumerate(files, start=1):
                _use_file(writer, f, taken[id(f)])
                for kind in _SECOND_PASS:
                    for batch in f.batches(kind):
                        writer.write(kind, batch)
                        writer.forget(_REFERRED)  # their rows are in the database now: memory stays flat
                if progress is not None:
                    progress(done, total)
            person_match.record_aliases(matches.aliases)
            summary.duplicates = person_match.possible_duplicates(r["name"] for f in files for r in f.records["people"])
            summary.merged_here = matches.merged_here
            summary.by_email = matches.by_email
            for kind, c in writer.counts.items():
                summary.counts[kind] = KindCounts(c.added, c.updated, c.unchanged, c.kept)
            if dry_run:
                raise _DryRun
        return writer

    try:
        writer = write_wait.while_others_write(attempt, path, waiting)
    except _DryRun:
        return summary
    except write_wait.StillLocked as exc:
        raise ExchangeError(f"{WRITE_FAILED}: {exc}") from None
    except (transfer.TransferError, transfer.DatabaseError) as exc:
        raise ExchangeError(f"{WRITE_FAILED}: {_why(exc)}") from None
    if any(c.updated for c in writer.counts.values()):
        transfer_scrub()  # replaced notes: no older copy left in the WAL
    return summary


def carries_private(f: ParsedFile) -> bool:
    """Whether a file brings any private note with text."""
    return f.includes_private and (
        f.private_texts or any((c.get("private_notes") or "").strip() for c in f.records["checkins"])
    )


def _use_file(writer: transfer.Writer, f: ParsedFile, take_private: bool) -> None:
    """The writer's per-file settings: the default `updated_at`, private notes or not."""
    writer.stamp = transfer.to_change_text(f.exported_at) if f.exported_at is not None else None
    writer.private = take_private


def _why(exc: BaseException) -> str:
    """The cause of a failed write in words. A full disk makes SQLite end the transaction
    itself, and the rollback that follows fails too: the first cause is in the chain."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        seen = seen.__context__
    texts = [str(e).lower() for e in chain]
    if any("full" in t for t in texts):
        return "disk full: free some space and try again"
    if any("locked" in t or "busy" in t for t in texts):
        return "the database is locked by another program (another mentor-tui?); try again when it is done"
    if any("readonly" in t or "read-only" in t for t in texts):
        return "the database is read-only here (check the file's permissions and its folder's)"
    return str(chain[-1])
