"""The cheap look at a rule (recurrence_days.may_occur) never hides an occurrence.

Each case expands a rule over a short window twice, with the look and without it
(the engine alone): the occurrences must be the same. The zones include clocks
that change at midnight, by half an hour, and one that skipped a whole day.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentor_tui import recurrence, recurrence_days

UTC = dt.UTC
ZONES = [None, "Europe/Berlin", "America/New_York", "America/Santiago", "Australia/Lord_Howe",
         "Pacific/Apia", "Asia/Kolkata", "America/St_Johns", "Antarctica/Troll", "Asia/Beirut"]
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _engine_alone(*args) -> list[dt.datetime]:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(recurrence_days, "may_occur", lambda *_: True)
        return list(recurrence.occurrences(*args))


@st.composite
def rules(draw) -> str:
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 3))}")
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))
        if freq == "MONTHLY" and draw(st.booleans()):
            days = [f"{draw(st.sampled_from([1, 2, -1]))}{d}" for d in days]
        parts.append("BYDAY=" + ",".join(days))
    elif freq in ("MONTHLY", "YEARLY") and draw(st.booleans()):
        parts.append(f"BYMONTHDAY={draw(st.integers(1, 28))}")
    end = draw(st.sampled_from(["", "COUNT", "UNTIL"]))
    if end == "COUNT":
        parts.append(f"COUNT={draw(st.integers(1, 40))}")
    elif end == "UNTIL":
        parts.append(f"UNTIL={draw(st.sampled_from(['20270315', '20261101T000000Z', '20350101']))}")
    return ";".join(parts)


moments = st.datetimes(min_value=dt.datetime(2010, 1, 1), max_value=dt.datetime(2030, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0, tzinfo=UTC))


@settings(max_examples=1500, deadline=None)
@given(rule=rules(), zone=st.sampled_from(ZONES), first=moments,
       offset=st.integers(0, 24 * 3650), length=st.sampled_from([1, 60, 3600, 86400, 2 * 86400, 8 * 86400]))
def test_the_look_keeps_every_occurrence_of_a_short_window(rule, zone, first, offset, length):
    after = first + dt.timedelta(hours=offset)
    before = after + dt.timedelta(seconds=length)
    exdates = [first + dt.timedelta(days=7)]
    args = (first, zone, rule, exdates, after, before)
    assert list(recurrence.occurrences(*args)) == _engine_alone(*args)


@pytest.mark.parametrize("zone, first, after", [
    # Samoa skipped Friday 30 December 2011: a Friday series has no occurrence that day
    ("Pacific/Apia", dt.datetime(2011, 12, 2, 2, tzinfo=UTC), dt.datetime(2011, 12, 29, tzinfo=UTC)),
    # Santiago's clocks go forward at midnight: 00:30 does not exist on 2026-09-06
    ("America/Santiago", dt.datetime(2026, 8, 2, 4, 30, tzinfo=UTC), dt.datetime(2026, 9, 5, tzinfo=UTC)),
    # the hour repeated when New York's clocks go back
    ("America/New_York", dt.datetime(2026, 10, 4, 5, 30, tzinfo=UTC), dt.datetime(2026, 10, 31, tzinfo=UTC)),
])
def test_the_look_keeps_occurrences_where_clocks_change(zone, first, after):
    for rule in ("FREQ=DAILY", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=FR,SA,SU,MO"):
        for hours in range(0, 96, 3):
            start = after + dt.timedelta(hours=hours)
            args = (first, zone, rule, (), start, start + dt.timedelta(hours=20))
            assert list(recurrence.occurrences(*args)) == _engine_alone(*args)


def test_a_weekly_series_is_ruled_out_of_the_days_it_does_not_meet():
    first = dt.datetime(2026, 11, 6, 14, tzinfo=UTC)  # Friday 15:00 in Berlin
    monday = dt.datetime(2026, 11, 30, tzinfo=UTC)
    assert not recurrence_days.may_occur("FREQ=WEEKLY", first, "Europe/Berlin", monday, monday + dt.timedelta(days=1))
    friday = dt.datetime(2026, 12, 4, tzinfo=UTC)
    assert recurrence_days.may_occur("FREQ=WEEKLY", first, "Europe/Berlin", friday, friday + dt.timedelta(days=1))
    # the same Friday, but before 15:00 only
    assert not recurrence_days.may_occur("FREQ=WEEKLY", first, "Europe/Berlin", friday, friday + dt.timedelta(hours=9))


def test_what_it_does_not_read_for_sure_is_left_to_the_engine():
    first = dt.datetime(2026, 11, 6, 14, tzinfo=UTC)
    monday = dt.datetime(2026, 11, 30, tzinfo=UTC)
    day = monday + dt.timedelta(days=1)
    assert recurrence_days.may_occur("FREQ=MONTHLY", first, "Europe/Berlin", monday, day)
    assert recurrence_days.may_occur("FREQ=WEEKLY", first, "Not/AZone", monday, day)
    assert recurrence_days.may_occur("FREQ=WEEKLY;BYDAY=XX", first, None, monday, day)
    assert recurrence_days.may_occur("FREQ=WEEKLY", first, None, monday, monday + dt.timedelta(days=9))
