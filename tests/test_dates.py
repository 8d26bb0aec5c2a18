"""Dates: shown in the locale's order, typed as ISO."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui import dates


@pytest.mark.parametrize("name", ["C", "C.UTF-8", "POSIX"])
def test_the_c_locales_show_iso_dates(monkeypatch, name):
    monkeypatch.setenv("LC_ALL", name)
    assert dates._locale_format() == "%Y-%m-%d"


def test_typed_dates_are_iso_with_a_message_a_user_can_act_on():
    assert dates.parse(" 2026-11-26 ") == dt.date(2026, 11, 26)
    with pytest.raises(ValueError, match=r"expected a date like 2026-11-26 \(YYYY-MM-DD\), got '26/11/2026'"):
        dates.parse("26/11/2026")


def test_a_date_that_is_not_a_day_says_why():
    with pytest.raises(ValueError, match=r"'2026-02-30' is not a day: February 2026 has 28 days"):
        dates.parse("2026-02-30")
    with pytest.raises(ValueError, match=r"'2024-02-30' is not a day: February 2024 has 29 days"):
        dates.parse("2024-02-30")
    with pytest.raises(ValueError, match=r"there is no month 13"):
        dates.parse("2026-13-01")
