"""An import refuses a check-in dated before its mentorship started, as the form and the store do.

The mentorship's start comes from the files being imported, or else from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.file_table import ParsedFile


def check_checkin_dates(files: Sequence[ParsedFile]) -> None:
    from mentor_tui.db import mentorships

    starts: dict[str, dt.date] = {}
    for f in files:
        for m in f.records.get("mentorships", ()):
            starts[m["uuid"]] = m["started_on"]
    wanted = {c["mentorship"] for f in files for c in f.records.get("checkins", ())} - starts.keys()
    if wanted:
        starts.update(mentorships.starts_of(wanted))
    for f in files:
        for index, c in enumerate(f.records.get("checkins", ())):
            started = starts.get(c["mentorship"])
            if started is not None and c["held_on"] < started:
                raise ExchangeError(
                    f"{f.display}: checkins[{index}].held_on: the check-in ({c['held_on'].isoformat()}) is dated "
                    f"before its mentorship started ({started.isoformat()})"
                )
