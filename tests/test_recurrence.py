"""The recurrence engine: one grammar for RRULE values, one expansion into occurrences."""

from __future__ import annotations

import datetime as dt
from itertools import islice, takewhile

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mentor_tui import recurrence

UTC = dt.UTC
BERLIN = "Europe/Berlin"


def _at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def _list(starts_at, zone, rule, after, before, exdates=()) -> list[dt.datetime]:
    return list(recurrence.occurrences(starts_at, zone, rule, exdates, after, before))


# ---------------------------------------------------------------- expansion


def test_berlin_afternoons_stay_at_15_00_local_when_summer_time_ends_in_october():
    # Friday 2026-10-23 15:00 CEST is 13:00 UTC; summer time ends on 25 October,
    # so Friday 2026-10-30 15:00 CET is 14:00 UTC.
    starts = _list(_at(2026, 10, 16, 13), BERLIN, "FREQ=WEEKLY", _at(2026, 10, 16), _at(2026, 11, 7))
    assert starts == [_at(2026, 10, 16, 13), _at(2026, 10, 23, 13), _at(2026, 10, 30, 14), _at(2026, 11, 6, 14)]


def test_berlin_afternoons_stay_at_15_00_local_when_summer_time_starts_in_march():
    # Summer time starts on 28 March 2027: 15:00 local moves from 14:00 to 13:00 UTC.
    starts = _list(_at(2026, 10, 2, 13), BERLIN, "FREQ=WEEKLY;BYDAY=FR", _at(2027, 3, 20), _at(2027, 4, 3))
    assert starts == [_at(2027, 3, 26, 14), _at(2027, 4, 2, 13)]


def test_count_ends_the_series():
    starts = _list(_at(2026, 1, 5, 9), None, "FREQ=WEEKLY;COUNT=3", _at(2026, 1, 1), _at(2027, 1, 1))
    assert starts == [_at(2026, 1, 5, 9), _at(2026, 1, 12, 9), _at(2026, 1, 19, 9)]


def test_a_count_series_from_2024_has_no_occurrence_in_2026():
    assert _list(_at(2024, 3, 4, 9), BERLIN, "FREQ=WEEKLY;COUNT=3", _at(2026, 1, 1), _at(2027, 1, 1)) == []
    assert recurrence.next_occurrence(_at(2024, 3, 4, 9), BERLIN, "FREQ=WEEKLY;COUNT=3", (), _at(2026, 1, 1)) is None


def test_until_includes_its_own_moment_and_a_date_means_that_whole_day():
    first = _at(2026, 10, 1, 13)
    to_moment = _list(first, BERLIN, "FREQ=DAILY;UNTIL=20261003T130000Z", first, _at(2027, 1, 1))
    assert to_moment == [_at(2026, 10, 1, 13), _at(2026, 10, 2, 13), _at(2026, 10, 3, 13)]
    assert _list(first, BERLIN, "FREQ=DAILY;UNTIL=20261003", first, _at(2027, 1, 1)) == to_moment


def test_every_other_week_on_two_days():
    # Week of Monday 5 January 2026, then the week of 19 January, and so on.
    starts = _list(_at(2026, 1, 6, 10), None, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", _at(2026, 1, 1), _at(2026, 2, 1))
    assert starts == [_at(2026, 1, 6, 10), _at(2026, 1, 8, 10), _at(2026, 1, 20, 10), _at(2026, 1, 22, 10)]


def test_cancelled_occurrences_are_left_out_and_the_window_is_half_open():
    first = _at(2026, 11, 2, 9)
    cancelled = [_at(2026, 11, 9, 9), _at(2026, 11, 23, 9)]
    starts = _list(first, None, "FREQ=WEEKLY", first, _at(2026, 11, 30, 9), cancelled)
    assert starts == [_at(2026, 11, 2, 9), _at(2026, 11, 16, 9)]
    assert recurrence.next_occurrence(first, None, "FREQ=WEEKLY", cancelled, _at(2026, 11, 3)) == _at(2026, 11, 16, 9)


def test_a_session_without_a_usable_rule_happens_once_at_its_start():
    first = _at(2026, 11, 2, 9)
    for rule in (None, "", "FREQ=WEEKLY;INTERVAL=0"):
        assert _list(first, BERLIN, rule, _at(2026, 1, 1), _at(2027, 1, 1)) == [first]
        assert _list(first, BERLIN, rule, _at(2026, 11, 3), _at(2027, 1, 1)) == []
        assert _list(first, BERLIN, rule, _at(2026, 1, 1), _at(2027, 1, 1), [first]) == []


def test_a_window_years_after_the_start_skips_ahead_instead_of_walking_there(monkeypatch):
    first, rule = _at(2020, 1, 6, 9), "FREQ=DAILY;BYDAY=MO,WE"
    assert recurrence.problem(rule, first) is None  # checked (and cached) before counting
    generated = []
    series = recurrence._Rule.series

    def counting(self, *args, **kwargs):
        for moment in series(self, *args, **kwargs):
            generated.append(moment)
            yield moment

    monkeypatch.setattr(recurrence._Rule, "series", counting)
    assert _list(first, None, rule, _at(2031, 6, 1), _at(2031, 6, 8)) == [_at(2031, 6, 2, 9), _at(2031, 6, 4, 9)]
    assert len(generated) < 10


# ---------------------------------------------------------------- the grammar


@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        ("", "the rule is empty"),
        ("FREQ=WEEKLY;;", "empty part"),
        ("FREQ=WEEKLY;", "empty part"),
        (";FREQ=WEEKLY", "empty part"),
        ("FREQ", "is not NAME=VALUE"),
        ("FREQ=WEEKLY;BYDAY", "is not NAME=VALUE"),
        ("=WEEKLY", "is not NAME=VALUE"),
        ("FREQ=", "FREQ has no value"),
        ("FREQ=WEEKLY;COLOUR=RED", "'COLOUR' is not a rule part"),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ is given twice"),
        ("FREQ=WEEKLY;BYDAY=MO;BYDAY=TU", "BYDAY is given twice"),
        ("BYDAY=MO", "the rule has no FREQ"),
        ("FREQ=SOMETIMES", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=HOURLY", "sessions repeat daily at most"),
        ("FREQ=MINUTELY;COUNT=3", "sessions repeat daily at most"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR is not supported"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be a whole number of at least 1"),
        ("FREQ=WEEKLY;INTERVAL=-2", "INTERVAL must be a whole number of at least 1"),
        ("FREQ=WEEKLY;INTERVAL=two", "INTERVAL must be a whole number of at least 1"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT=0 gives no occurrence"),
        ("FREQ=WEEKLY;COUNT=1.5", "COUNT must be a whole number"),
        ("FREQ=WEEKLY;COUNT=99999999999999", "too large"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z", "COUNT and UNTIL cannot be used together"),
        ("FREQ=WEEKLY;UNTIL=tomorrow", "UNTIL must be a date like 20261231"),
        ("FREQ=WEEKLY;UNTIL=20261332", "UNTIL must be a date like 20261231"),
        ("FREQ=WEEKLY;UNTIL=20240101T000000Z", "UNTIL is before the first start"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY must list weekdays"),
        ("FREQ=WEEKLY;BYDAY=MO,,TU", "BYDAY must list weekdays"),
        ("FREQ=WEEKLY;BYDAY=2MO", "needs FREQ=MONTHLY or YEARLY"),
        ("FREQ=MONTHLY;BYDAY=6MO", "must be from 1 to 5"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must list days of the month"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY must list days of the month"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH must list months from 1 to 12"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO needs FREQ=YEARLY"),
        ("FREQ=DAILY;BYYEARDAY=100", "BYYEARDAY needs FREQ=YEARLY"),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY part"),
        ("FREQ=WEEKLY;WKST=XX", "WKST must be a weekday"),
        ("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "the rule has no occurrence in the ten years"),
        ("FREQ=DAILY;UNTIL=20261103;BYDAY=SA", "no occurrence between its first start and UNTIL"),
    ],
)
def test_every_malformed_rule_gets_one_sentence_a_user_can_act_on(rule, fragment):
    first = _at(2026, 11, 2, 9)  # a Monday
    message = recurrence.problem(rule, first, BERLIN)
    assert message is not None and fragment in message
    assert "\n" not in message and len(message) < 200
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        recurrence.parse(rule, first, BERLIN)
    # Python's own wording never reaches the user.
    for leak in ("unpack", "invalid literal", "NoneType", "object", "index", "Traceback"):
        assert leak not in message


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY",
        "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        "freq=monthly;byday=-1fr",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO",
        "FREQ=DAILY;BYMONTH=1,7",
        "FREQ=WEEKLY;UNTIL=2027-01-01T00:00:00Z",
    ],
)
def test_usable_rules_have_no_problem(rule):
    assert recurrence.problem(rule, _at(2026, 11, 2, 9), BERLIN) is None


@pytest.mark.parametrize("name", ["Mars/Olympus", "x" * 300, "../../etc/passwd", "Europe/Berlin\x00"])
def test_an_unknown_zone_is_one_sentence_too(name):
    assert recurrence.problem("FREQ=WEEKLY", _at(2026, 11, 2, 9), name) == (
        f"unknown time zone {name!r} (expected e.g. Europe/Berlin)"
    )


@pytest.mark.parametrize("first", [_at(1, 1, 1), _at(9999, 12, 20)])
@pytest.mark.parametrize("rule", ["FREQ=DAILY", "FREQ=WEEKLY;COUNT=5", "FREQ=YEARLY;BYWEEKNO=1"])
def test_series_at_the_edge_of_the_calendar_never_raise(first, rule):
    message = recurrence.problem(rule, first, "America/New_York")
    assert message is None or "\n" not in message
    starts = _list(first, "America/New_York", rule, first, dt.datetime.max.replace(tzinfo=UTC))
    assert starts == sorted(set(starts))
    recurrence.next_occurrence(first, "America/New_York", rule, (), first)


TOKENS = st.sampled_from(
    ["FREQ", "WEEKLY", "MONTHLY", "HOURLY", "COUNT", "UNTIL", "INTERVAL", "BYDAY", "BYSETPOS", "BYMONTHDAY",
     "MO", "-1FR", "2TU", "=", ";", ",", "0", "3", "-", "20261231", "T090000Z", "RRULE:", " ", "x", "é"]
)


@settings(max_examples=300, deadline=None)
@given(tokens=st.lists(TOKENS, max_size=12))
def test_any_text_gets_a_sentence_or_expands(tokens):
    text = "".join(tokens)
    first = _at(2026, 11, 2, 9)
    message = recurrence.problem(text, first, BERLIN)
    if message is None:
        assert list(islice(recurrence.occurrences(first, BERLIN, text, (), first, first + recurrence.HORIZON), 5))
    else:
        assert message and "\n" not in message


# ---------------------------------------------------------------- properties

ZONES = st.sampled_from([BERLIN, "America/New_York", "Australia/Sydney", None])
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@st.composite
def rules(draw) -> str:
    parts = [f"FREQ={draw(st.sampled_from(['WEEKLY', 'MONTHLY']))}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 4))}")
    if parts[0] == "FREQ=WEEKLY" and draw(st.booleans()):
        parts.append("BYDAY=" + ",".join(draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))))
    elif parts[0] == "FREQ=MONTHLY" and draw(st.booleans()):
        parts.append(f"BYDAY={draw(st.sampled_from(['1', '2', '-1']))}{draw(st.sampled_from(DAYS))}")
    ending = draw(st.sampled_from(["", "COUNT", "UNTIL"]))
    if ending == "COUNT":
        parts.append(f"COUNT={draw(st.integers(1, 40))}")
    elif ending == "UNTIL":
        parts.append(f"UNTIL={draw(st.sampled_from(['20270315', '20300101T000000Z']))}")
    return ";".join(parts)


MINUTES = st.integers(0, 60 * 24 * 365 * 3)


@settings(max_examples=150, deadline=None)
@given(rule=rules(), zone=ZONES, start=MINUTES, after=MINUTES, length=st.integers(1, 60 * 24 * 400), data=st.data())
def test_occurrences_are_sorted_unique_inside_the_window_and_never_cancelled(rule, zone, start, after, length, data):
    base = _at(2025, 1, 1)
    first = base + dt.timedelta(minutes=start)
    assume(recurrence.problem(rule, first, zone) is None)
    window = (base + dt.timedelta(minutes=after), base + dt.timedelta(minutes=after + length))
    every = _list(first, zone, rule, *window)
    cancelled = data.draw(st.lists(st.sampled_from(every), unique=True)) if every else []
    kept = _list(first, zone, rule, *window, cancelled)
    assert kept == sorted(set(kept))
    assert all(window[0] <= moment < window[1] for moment in kept)
    assert not set(kept) & set(cancelled)
    assert kept == [moment for moment in every if moment not in cancelled]


def _walked(rule: str, first: dt.datetime, zone: str | None, after: dt.datetime, before: dt.datetime):
    """What dateutil finds walking the whole series from its first start."""
    series = (local.astimezone(UTC) for local in recurrence.parse(rule, first, zone))
    return [moment for moment in takewhile(lambda m: m < before, series) if moment >= after]


EXTRAS = {
    "DAILY": ["", ";BYDAY=MO,FR", ";BYMONTH=2,3", ";BYMONTHDAY=1,-1"],
    "WEEKLY": ["", ";BYDAY=SU,TU", ";WKST=SU;BYDAY=SU,SA", ";BYMONTH=6"],
    "MONTHLY": ["", ";BYDAY=-1FR", ";BYMONTHDAY=31", ";BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1,1", ";BYMONTHDAY=-3"],
    "YEARLY": ["", ";BYWEEKNO=1,53;BYDAY=MO", ";BYYEARDAY=-1", ";BYMONTH=2;BYDAY=-1MO", ";BYMONTH=2;BYMONTHDAY=29"],
}


@settings(max_examples=150, deadline=None)
@given(
    freq=st.sampled_from(sorted(EXTRAS)), data=st.data(), interval=st.integers(1, 5), zone=ZONES,
    start=MINUTES, years_later=st.integers(0, 30), length=st.integers(1, 60 * 24 * 800),
)
def test_a_window_years_later_finds_what_walking_from_the_start_finds(
    freq, data, interval, zone, start, years_later, length
):
    rule = f"FREQ={freq};INTERVAL={interval}{data.draw(st.sampled_from(EXTRAS[freq]))}"
    first = _at(2024, 1, 1) + dt.timedelta(minutes=start)
    assume(recurrence.problem(rule, first, zone) is None)
    after = first + dt.timedelta(days=365 * years_later, minutes=length // 3)
    before = after + dt.timedelta(minutes=length)
    assert _list(first, zone, rule, after, before) == _walked(rule, first, zone, after, before)
