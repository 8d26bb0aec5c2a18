"""The session forms' time of day: hours, or hours and two-digit minutes; nothing guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.screens.session_forms import parse_time, time_problem


@pytest.mark.parametrize(
    ("typed", "time"),
    [("9", dt.time(9)), ("09", dt.time(9)), ("9:30", dt.time(9, 30)), (" 16:05 ", dt.time(16, 5)),
     ("0:00", dt.time(0)), ("23:59", dt.time(23, 59))],
)
def test_a_time_of_day_is_read_as_typed(typed, time):
    assert parse_time(typed) == time
    assert time_problem(typed) is None


@pytest.mark.parametrize("typed", ["7:5", "24:00", "9:60", "+7:30", "٧:٣٠", "7.30", "", "12:3 0", "9:300"])
def test_a_time_that_would_be_a_guess_is_refused_with_what_to_type(typed):
    assert time_problem(typed) == f"expected a time like 16:00 or 9:30 (HH:MM), got {typed!r}"
