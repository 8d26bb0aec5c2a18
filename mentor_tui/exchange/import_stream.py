"""The import of a big batch: this process writes while worker processes still read.

Reading a lead's folder of exports takes both cores for a few seconds, and
writing it one core for as long again: done one after the other, the import
takes the sum. Here the workers first read every file's referred-to kinds
(`referred_pass`: people, competencies, mentorships, sessions, a few percent
of the bytes); this process matches and writes those, then writes each file's
other kinds as its full read arrives, in order, while the workers read on.
All of it is one transaction, so the outcome is the plain import's
(`toml_import.import_parsed`), error for error:

- a file that cannot be read stops the import with its error; one read before it
  already wrote some rows, but they roll back with the rest;
- a missing reference or a check-in dated before its mentorship is only raised
  once every file is read (a file that cannot be read is named first, as when
  everything is read first), and the files after it are not written;
- if a full read does not give what the first read gave (the file changed in
  between), or a first read fails, the import starts again the plain way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from mentor_tui.db import date_rules, transfer, write_wait
from mentor_tui.exchange import import_passes, parallel_read
from mentor_tui.exchange.checkin_dates import check_checkin_dates, mentorship_spans
from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_table import ParsedFile
from mentor_tui.exchange.import_summary import ImportSummary
from mentor_tui.exchange.referred_pass import (
    FirstRead,
    combine,
    read_referred,
    read_rest,
    same_referred,
)
from mentor_tui.exchange.spec import KINDS

Progress = Callable[[int, int], None]
# Full reads asked for ahead of the one being written: at least this many files, and as
# many more as fit in this many bytes of files (what waits to be written is held in memory,
# packed: about 2/3 of their size). Enough for the workers to read on while this process
# writes the referred-to kinds of a thousand files (2-3 s), instead of idling.
AHEAD_FILES = 4
AHEAD_BYTES = 64 * 1024 * 1024
# The writing (this process) is the longest part: on a busy core it goes first.
WORKER_NICE = 5


class _Changed(Exception):
    """A file's full read differs from its first read: start again the plain way."""


class _FullReads:
    """The files' full reads in order, asked of the workers a window ahead of the writing:
    the rest of each file (`referred_pass.read_rest`) once its first part is in."""

    def __init__(self, pool: ProcessPoolExecutor, paths: Sequence[Path], sizes: Sequence[int]) -> None:
        self._pool = pool
        self._paths = paths
        self._sizes = sizes
        self.firsts: list[FirstRead] = []
        self._asked: deque[Future[tuple[ParsedFile, bool]] | None] = deque()
        self._next = 0  # the next file to ask for
        self._bytes = 0  # of the files asked for and not yet taken

    def ask_ahead(self) -> None:
        while self._next < len(self.firsts) and (
            len(self._asked) < AHEAD_FILES or self._bytes + self._sizes[self._next] <= AHEAD_BYTES
        ):
            first = self.firsts[self._next]
            if first.sections:
                self._asked.append(self._pool.submit(
                    read_rest, self._paths[self._next], first.head, first.sections, first.crc
                ))
            else:
                self._asked.append(None)  # the first read has it all
            self._bytes += self._sizes[self._next]
            self._next += 1

    def take(self, index: int) -> tuple[ParsedFile, bool]:
        """(the full read of file `index`, the next one; whether it was read whole again).
        Raises its ExchangeError if it cannot be read."""
        self.ask_ahead()
        future = self._asked.popleft()
        self._bytes -= self._sizes[index]
        first = self.firsts[index]
        rest: ParsedFile | None = None
        whole = False
        if future is not None and first.sections is not None:
            try:
                rest, whole = future.result()
            except ExchangeError as exc:
                raise ExchangeError(str(exc)) from None
            except Exception:  # noqa: BLE001 - a worker that died, or cannot send its result
                rest, whole = read_rest(self._paths[index], first.head, first.sections, first.crc)  # the same, here
        self.ask_ahead()
        return combine(first, rest, whole), whole


def import_streaming(
    paths: Sequence[Path],
    progress: Progress | None = None,
    waiting: Callable[[str], None] | None = None,
    *,
    dry_run: bool = False,
    take_private: Callable[[ParsedFile], bool] | None = None,
) -> ImportSummary | None:
    """`toml_import.import_files` for a batch big enough for worker processes; None when it is
    not (or none can start): then the caller reads everything first, then writes."""
    workers, sizes = parallel_read.worker_count(paths)
    if not workers:
        return None
    pool = parallel_read.start_pool(workers, WORKER_NICE)
    if pool is None:
        return None
    try:
        try:
            firsts = [pool.submit(read_referred, p) for p in paths]
        except Exception:  # noqa: BLE001 - no worker process here after all
            pool.shutdown(wait=False, cancel_futures=True)
            return None
        summary = _import(pool, paths, sizes, firsts, progress, waiting, dry_run, take_private)
    except _Changed:
        summary = None
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=summary is not None, cancel_futures=True)
    if summary is not None:
        return summary
    from mentor_tui.exchange.toml_import import import_parsed  # the plain way, from the start

    total = 2 * len(paths)
    report = progress
    files = parallel_read.read_files(paths, None if report is None else lambda done: report(done, total))
    return import_parsed(
        files, None if report is None else lambda done, _n: report(len(paths) + done, total), waiting,
        dry_run=dry_run, take_private=take_private,
    )


def _first_reads(paths: Sequence[Path], futures: list[Future[FirstRead]]) -> dict[int, FirstRead]:
    """This process reads the first parts no worker has begun (from the last file back, while
    the workers take them from the first on): it has nothing else to do until all are in."""
    here: dict[int, FirstRead] = {}
    for index in range(len(paths) - 1, -1, -1):
        if futures[index].cancel():
            try:
                here[index] = read_referred(paths[index])
            except ExchangeError:
                raise _Changed from None
    return here


def _import(
    pool: ProcessPoolExecutor,
    paths: Sequence[Path],
    sizes: Sequence[int],
    first_reads: list[Future[FirstRead]],
    progress: Progress | None,
    waiting: Callable[[str], None] | None,
    dry_run: bool,
    take_private: Callable[[ParsedFile], bool] | None,
) -> ImportSummary:
    """Raises _Changed when the plain way must be taken."""
    reads = _FullReads(pool, paths, sizes)
    here = _first_reads(paths, first_reads)
    for index, future in enumerate(first_reads):
        if index in here:
            reads.firsts.append(here.pop(index))
        else:
            try:
                reads.firsts.append(future.result())
            except Exception:  # noqa: BLE001 - a bad file (or a worker that died): the plain way says which
                raise _Changed from None
        reads.ask_ahead()
    firsts = [first.parsed for first in reads.firsts]
    n = len(paths)
    summary = ImportSummary(files=[f.display for f in firsts], dry_run=dry_run)
    defined = import_passes.defined_names(firsts)
    spans = mentorship_spans(firsts)
    if import_passes.missing_reference(firsts, defined) is not None:
        raise _Changed  # a bad file may come before it: the plain way reads them all first
    path = Path(transfer.database().database)
    began = False

    def attempt() -> transfer.Writer:
        nonlocal reads, began
        if began:  # tried again after the lock was lost: read everything again
            again = _FullReads(pool, paths, sizes)
            again.firsts = reads.firsts
            reads = again
        began = True
        with parallel_read.gc_paused(), transfer.write_transaction(), write_wait.writing(path):
            dates_before = date_rules.faults()
            carriers = import_passes.Carriers()
            matches = import_passes.match_people(firsts)
            writer = transfer.Writer(KINDS, matches)
            import_passes.write_referred(writer, firsts, [False] * n)  # no private field among them
            refused: ExchangeError | None = None
            refused_dates: ExchangeError | None = None
            private_files = []
            for index in range(n):
                f, whole = reads.take(index)
                if whole and not same_referred(firsts[index], f):
                    raise _Changed
                for name in import_passes.REFERRED:  # one copy: the first read's (written already)
                    f.records[name] = firsts[index].records[name]
                if progress is not None:
                    progress(2 * index + 1, 2 * n)
                take = f.includes_private and (take_private is None or take_private(f))
                if import_passes.carries_private(f):
                    private_files.append((f.display, take))
                if refused is None:
                    refused = import_passes.missing_reference([f], defined)
                if refused is None and refused_dates is None:
                    try:
                        check_checkin_dates([f], spans)
                    except ExchangeError as exc:
                        refused_dates = exc
                if refused is None and refused_dates is None:
                    import_passes.write_rest(writer, f, take, carriers)
                f.packed = {}  # written: a file read whole at first is kept for its people only
                del f
                if progress is not None:
                    progress(2 * index + 2, 2 * n)
            problem = refused if refused is not None else refused_dates
            if problem is not None:
                raise problem
            import_passes.dates_kept(dates_before, carriers)
            summary.private_files = private_files
            import_passes.summarize(summary, writer, matches, firsts)
            if dry_run:
                raise import_passes.DryRun
        return writer

    return import_passes.run(attempt, summary, waiting)

