"""The calendar's view of a series: moved and cancelled occurrences across daylight saving,
the rule in words, ending a series, and local times that do not exist."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui import recurrence, series

UTC = dt.UTC
BIWEEKLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
FIRST = dt.datetime(2026, 10, 2, 13, tzinfo=UTC)  # Friday 15:00 in Berlin (summer time)


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_15_00_berlin_stays_15_00_local_across_the_october_change():
    found = list(series.instances(FIRST, "Europe/Berlin", BIWEEKLY, (), {}, _at(2026, 10, 1), _at(2026, 11, 30)))
    berlin = recurrence.zone("Europe/Berlin")
    assert [i.starts_at.astimezone(berlin).strftime("%m-%d %H:%M") for i in found] == [
        "10-02 15:00", "10-16 15:00", "10-30 15:00", "11-13 15:00", "11-27 15:00",
    ]
    assert [i.starts_at.hour for i in found] == [13, 13, 14, 14, 14]  # UTC moves, local does not


def test_and_across_the_march_change():
    found = list(series.instances(FIRST, "Europe/Berlin", BIWEEKLY, (), {}, _at(2027, 3, 1), _at(2027, 5, 1)))
    assert [(i.starts_at.day, i.starts_at.hour) for i in found] == [(5, 14), (19, 14), (2, 13), (16, 13), (30, 13)]


def test_a_cancelled_occurrence_is_left_out_or_marked():
    cancelled = [_at(2026, 12, 25, 14)]
    plain = list(series.instances(FIRST, "Europe/Berlin", BIWEEKLY, cancelled, {}, _at(2026, 12, 1), _at(2027, 1, 1)))
    assert [i.starts_at for i in plain] == [_at(2026, 12, 11, 14)]
    marked = list(series.instances(FIRST, "Europe/Berlin", BIWEEKLY, cancelled, {}, _at(2026, 12, 1),
                                   _at(2027, 1, 1), with_cancelled=True))
    assert [(i.starts_at, i.cancelled) for i in marked] == [(_at(2026, 12, 11, 14), False), (_at(2026, 12, 25, 14), True)]


def test_a_moved_occurrence_happens_where_it_was_moved_even_outside_its_own_window():
    moved = {_at(2026, 12, 11, 14): _at(2026, 12, 10, 9)}
    found = list(series.instances(FIRST, "Europe/Berlin", BIWEEKLY, (), moved, _at(2026, 12, 1), _at(2026, 12, 11)))
    assert [(i.starts_at, i.original, i.moved) for i in found] == [(_at(2026, 12, 10, 9), _at(2026, 12, 11, 14), True)]
    # ... and no longer at its original time
    later = list(series.instances(FIRST, "Europe/Berlin", BIWEEKLY, (), moved, _at(2026, 12, 11), _at(2026, 12, 12)))
    assert later == []


def test_a_move_of_an_occurrence_the_rule_does_not_make_is_ignored():
    moved = {_at(2026, 12, 12, 14): _at(2026, 12, 13, 9)}  # a Saturday: not an occurrence
    assert list(series.instances(FIRST, "Europe/Berlin", BIWEEKLY, (), moved, _at(2026, 12, 1), _at(2026, 12, 31))) \
        == [series.Instance(_at(2026, 12, 11, 14), _at(2026, 12, 11, 14)), series.Instance(_at(2026, 12, 25, 14), _at(2026, 12, 25, 14))]


@pytest.mark.parametrize(("rule", "zone", "words"), [
    (BIWEEKLY, "Europe/Berlin", "every 2 weeks on Friday at 15:00 Europe/Berlin"),
    ("FREQ=WEEKLY", "Europe/Berlin", "every week on Friday at 15:00 Europe/Berlin"),
    ("FREQ=MONTHLY;BYDAY=1TH;COUNT=6", None, "every month on the first Thursday at 13:00 UTC, 6 times"),
    ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "Europe/Berlin",
     "every day on Monday, Tuesday, Wednesday, Thursday and Friday at 15:00 Europe/Berlin"),
    ("FREQ=WEEKLY;UNTIL=20261231T225959Z", "Europe/Berlin", "every week on Friday at 15:00 Europe/Berlin, until 2026-12-31"),
    (None, "Europe/Berlin", "once, on Friday 2026-10-02 at 15:00 Europe/Berlin"),
])
def test_the_rule_in_plain_words(rule, zone, words):
    assert series.describe(rule, FIRST, zone) == words


def test_ending_a_series_keeps_what_came_before():
    rule = series.ended(BIWEEKLY + ";COUNT=50", FIRST, "Europe/Berlin", dt.date(2026, 12, 24))
    assert "COUNT" not in rule and rule.endswith("UNTIL=20261224T225959Z")
    found = list(series.instances(FIRST, "Europe/Berlin", rule, (), {}, _at(2026, 1, 1), _at(2028, 1, 1)))
    assert found[-1].starts_at == _at(2026, 12, 11, 14)
    with pytest.raises(recurrence.RuleError, match="before its first session"):
        series.ended(BIWEEKLY, FIRST, "Europe/Berlin", dt.date(2026, 9, 1))


def test_a_local_time_that_does_not_exist_is_refused():
    with pytest.raises(recurrence.RuleError, match="does not exist in Europe/Berlin"):
        series.local_start(dt.date(2027, 3, 28), dt.time(2, 30), "Europe/Berlin")
    assert series.local_start(dt.date(2027, 3, 28), dt.time(3, 30), "Europe/Berlin") == _at(2027, 3, 28, 1, 30)
    # the repeated hour in October is its first (summer-time) reading
    assert series.local_start(dt.date(2026, 10, 25), dt.time(2, 30), "Europe/Berlin") == _at(2026, 10, 25, 0, 30)
