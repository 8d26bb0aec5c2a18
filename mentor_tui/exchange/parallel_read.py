"""Reading many exchange files fast: in worker processes when the batch is big.

    files = read_files([Path("ana.toml"), Path("bo.toml")], progress=callback)

Reading is CPU-bound (rtoml, then validation): a big batch is read partly in
worker processes (started with forkserver or spawn, never fork: this may run
in a thread), which end as soon as the process that started them is gone.
The import that writes while the workers read is `import_stream`.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import select
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_reader import parse_file
from mentor_tui.exchange.validate import ParsedFile


def file_paths(paths: Iterable[Path | str]) -> list[Path]:
    """The paths as Paths; none is an error."""
    result = [Path(p) for p in paths]
    if not result:
        raise ExchangeError("no files to import")
    return result


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


def _worker_init(caller: int, nice: int = 0) -> None:
    gc.disable()  # the worker only reads files and sends them back
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
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



def start_pool(workers: int, nice: int = 0) -> ProcessPoolExecutor | None:
    """A pool of reading processes, or None where none can start (e.g. stdio replaced by the TUI).

    `nice`: how much less the workers get of a busy core than this process (which writes)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:  # (only until the server is up) imported once, not in each worker
        context.set_forkserver_preload(["mentor_tui.exchange.referred_pass"])
    try:
        return ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(os.getpid(), nice)
        )
    except Exception:  # noqa: BLE001 - no worker process here
        return None


def parse_in_worker(path: Path) -> ParsedFile:
    return parse_file(path)


def worker_count(paths: Sequence[Path]) -> tuple[int, list[int]]:
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
    paths = file_paths(paths)
    with gc_paused():
        workers, sizes = worker_count(paths)
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
    pool = start_pool(workers)
    try:
        futures: list[Future[ParsedFile]] | None = (
            None if pool is None else [pool.submit(parse_in_worker, p) for p in paths[here:]]
        )
    except Exception:  # noqa: BLE001 - no worker process here (e.g. stdio replaced by the TUI)
        futures = None
    if pool is None or futures is None:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
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

