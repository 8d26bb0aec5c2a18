"""Full-text search over all notes of the large database (budget 50 ms a query).

Five queries as the app runs them (`db.search.search`, private notes of "me"'s
mentees included, the first 50 hits with their dates, titles and snippets): a
rare word, a word in a third of the check-ins, the start of a word as it is
typed, two words, and text full of FTS syntax. Each is the median of 7 runs
after one warm-up run.
"""

from __future__ import annotations

import time
from pathlib import Path

from common import Result, is_missing_code, median, not_built

BUDGET_S = 0.05
RUNS = 7
QUERIES = (
    ("a rare word", "cosign"),
    ("a common word", "none"),
    ("a word being typed", "kub"),
    ("two words", "on-call payments"),
    ("FTS syntax as text", '"review* ^queue: -slow ( "'),
)


def run(db: Path) -> list[Result]:
    try:
        from mentor_tui.db import database, search
    except ImportError as exc:
        if is_missing_code(exc):
            return [not_built("search", str(exc), BUDGET_S)]
        raise
    results = []
    database.open_database(db)
    try:
        for what, text in QUERIES:
            search.search(text, include_private=True)  # warm the page cache
            times, hits = [], 0
            for _ in range(RUNS):
                started = time.perf_counter()
                hits = len(search.search(text, include_private=True))
                times.append(time.perf_counter() - started)
            results.append(Result(f"search: {what}", median(times), BUDGET_S,
                                  note=f"{text!r}, {hits} hits shown, median of {RUNS}"))
    finally:
        database.close_database()
    return results
