"""An import refuses a check-in dated before its mentorship started, as the form and the store do.

The mentorship's start comes from the files being imported, or else from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_table import ParsedFile


def mentorship_starts(files: Sequence[ParsedFile]) -> dict[str, dt.date]:
    """The start of each mentorship the files bring (the last file's, when several do)."""
    starts: dict[str, dt.date] = {}
    for f in files:
        for m in f.records.get("mentorships", ()):
            starts[m["uuid"]] = m["started_on"]
    return starts


def check_checkin_dates(files: Sequence[ParsedFile], file_starts: dict[str, dt.date] | None = None) -> None:
    """The check-ins of `files`; the mentorships' starts come from `file_starts` (default: those
    of `files`, the whole batch: `mentorship_starts`) or the database."""
    from mentor_tui.db import mentorships

    starts = mentorship_starts(files) if file_starts is None else file_starts
    # (file, index, mentorship, date) of every check-in (kept apart from the packed records)
    held = [
        (f, index, mentorship, held_on)
        for f in files
        for index, (mentorship, held_on) in enumerate(f.checkin_dates())
    ]
    wanted = {mentorship for _f, _i, mentorship, _d in held} - starts.keys()
    here = mentorships.starts_of(wanted) if wanted else {}
    for f, index, mentorship, held_on in held:
        started = starts.get(mentorship) or here.get(mentorship)
        if started is not None and held_on < started:
            raise ExchangeError(
                f"{f.display}: checkins[{index}].held_on: the check-in ({held_on.isoformat()}) is dated "
                f"before its mentorship started ({started.isoformat()})"
            )
