"""An import refuses a check-in dated outside its mentorship (before it started or after it
ended), as the form and the store do.

The mentorship's dates come from the files being imported, or else from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_table import ParsedFile

Span = tuple[dt.date, dt.date | None]  # a mentorship's start and end (None: still active)


def mentorship_spans(files: Sequence[ParsedFile]) -> dict[str, Span]:
    """The start and end of each mentorship the files bring (the last file's, when several do)."""
    spans: dict[str, Span] = {}
    for f in files:
        for m in f.records.get("mentorships", ()):
            spans[m["uuid"]] = (m["started_on"], m.get("ended_on"))
    return spans


def check_checkin_dates(files: Sequence[ParsedFile], file_spans: dict[str, Span] | None = None) -> None:
    """The check-ins of `files`; the mentorships' dates come from `file_spans` (default: those
    of `files`, the whole batch: `mentorship_spans`) or the database."""
    from mentor_tui.db import mentorships

    spans = mentorship_spans(files) if file_spans is None else file_spans
    # (file, index, mentorship, date) of every check-in (kept apart from the packed records)
    held = [
        (f, index, mentorship, held_on)
        for f in files
        for index, (mentorship, held_on) in enumerate(f.checkin_dates())
    ]
    wanted = {mentorship for _f, _i, mentorship, _d in held} - spans.keys()
    here = mentorships.spans_of(wanted) if wanted else {}
    for f, index, mentorship, held_on in held:
        span = spans.get(mentorship) or here.get(mentorship)
        if span is None:
            continue
        started, ended = span
        if held_on < started:
            raise ExchangeError(
                f"{f.display}: checkins[{index}].held_on: the check-in ({held_on.isoformat()}) is dated "
                f"before its mentorship started ({started.isoformat()})"
            )
        if ended is not None and held_on > ended:
            raise ExchangeError(
                f"{f.display}: checkins[{index}].held_on: the check-in ({held_on.isoformat()}) is dated "
                f"after its mentorship ended ({ended.isoformat()})"
            )
