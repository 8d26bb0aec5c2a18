"""The session calendar: occurrences from RRULEs in the session's time zone."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mentor_tui.db import sessions
from mentor_tui.db.models import Session, moments_from_text, moments_to_text

UTC = dt.UTC


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_a_berlin_session_keeps_its_local_hour_across_daylight_saving(store):
    # 15:00 UTC is 17:00 in Berlin in October (CEST); after 25 October it is CET,
    # so 17:00 local is 16:00 UTC.
    sessions.create_session(
        "Incident review", "incident-review", _at(2026, 10, 2, 15), 45, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        "Europe/Berlin",
    )
    starts = [o.starts_at for o in sessions.upcoming(_at(2026, 10, 1), days=40)]
    assert starts == [_at(2026, 10, 2, 15), _at(2026, 10, 16, 15), _at(2026, 10, 30, 16)]


def test_cancelled_occurrences_are_left_out(store):
    session = sessions.create_session("Platform update", "platform-update", _at(2026, 11, 2, 9), 30, "FREQ=WEEKLY")
    Session.update(exdates="2026-11-09T09:00:00Z").where(Session.id == session.id).execute()
    starts = [o.starts_at for o in sessions.upcoming(_at(2026, 11, 1), days=16)]
    assert starts == [_at(2026, 11, 2, 9), _at(2026, 11, 16, 9)]
    assert sessions.next_occurrence(_at(2026, 11, 3)).starts_at == _at(2026, 11, 16, 9)


def test_one_off_sessions_and_nothing_scheduled(store):
    assert sessions.next_occurrence(_at(2026, 11, 1)) is None
    sessions.create_session("PoC outcome", "poc-outcome", _at(2026, 12, 3, 14), 60)
    assert sessions.next_occurrence(_at(2026, 11, 1)).title == "PoC outcome"
    assert sessions.next_occurrence(_at(2026, 12, 4)) is None


def test_a_rule_that_does_not_parse_is_refused_when_created(store):
    import pytest

    with pytest.raises(ValueError, match="not a usable RRULE"):
        sessions.create_session("Bad", "other", _at(2026, 11, 1), 30, "FREQ=SOMETIMES")


RULES = st.sampled_from(
    ["FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "FREQ=DAILY;COUNT=5", "FREQ=MONTHLY", None]
)


@settings(max_examples=25, deadline=None)
@given(
    specs=st.lists(
        st.tuples(
            RULES,
            st.integers(min_value=0, max_value=60 * 24 * 40),
            st.sampled_from(["Europe/Berlin", "America/New_York", None]),
            st.sampled_from(["A", "B", "C"]),
        ),
        min_size=1,
        max_size=6,
    ),
    offset=st.integers(min_value=0, max_value=60 * 24 * 60),
)
def test_next_occurrence_agrees_with_the_expanded_calendar(tmp_path_factory, specs, offset):
    from mentor_tui.db import database

    database.open_database(tmp_path_factory.mktemp("cal") / "cal.sqlite3")
    try:
        base = _at(2026, 9, 1)
        for rule, minutes, zone, title in specs:
            sessions.create_session(title, "other", base + dt.timedelta(minutes=minutes), 30, rule, zone)
        now = base + dt.timedelta(minutes=offset)
        expanded = sessions.upcoming(now, days=366, limit=1)
        assert sessions.next_occurrence(now) == (expanded[0] if expanded else None)
    finally:
        database.close_database()


def test_unusable_rules_are_refused_with_a_reason(store):
    import pytest

    for rule, reason in [
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be a whole number of at least 1"),
        ("FREQ=HOURLY", "sessions repeat daily at most"),
        ("FREQ=WEEKLY;;", "empty part"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "no occurrence in the ten years"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY must list weekdays"),
    ]:
        with pytest.raises(ValueError, match=reason):
            sessions.create_session("Bad", "other", _at(2026, 11, 1), 30, rule, "Europe/Berlin")
    assert Session.select().count() == 0


def test_a_rule_already_stored_that_dateutil_cannot_use_shows_the_first_start(store):
    session = sessions.create_session("Odd", "other", _at(2026, 11, 2, 9), 30)
    Session.update(rrule="FREQ=WEEKLY;INTERVAL=0").where(Session.id == session.id).execute()
    assert [o.starts_at for o in sessions.upcoming(_at(2026, 11, 1), days=30)] == [_at(2026, 11, 2, 9)]
    assert sessions.next_occurrence(_at(2026, 11, 1)).title == "Odd"


def test_cancelled_occurrences_are_stored_as_sorted_distinct_utc_lines(store):
    session = sessions.create_session("Platform update", "platform-update", _at(2026, 11, 2, 9), 30, "FREQ=WEEKLY")
    berlin = dt.timezone(dt.timedelta(hours=1))
    session.exdates = (_at(2026, 11, 16, 9), dt.datetime(2026, 11, 9, 10, tzinfo=berlin), _at(2026, 11, 16, 9))
    session.save()
    sql = 'SELECT "exdates" FROM "session" WHERE "id" = ?'
    stored = Session._meta.database.execute_sql(sql, (session.id,)).fetchone()[0]
    assert stored == "2026-11-09T09:00:00Z\n2026-11-16T09:00:00Z"
    assert Session.get_by_id(session.id).exdates == (_at(2026, 11, 9, 9), _at(2026, 11, 16, 9))
    assert sessions.starts_between(Session.get_by_id(session.id), _at(2026, 11, 1), _at(2026, 11, 24)) == [
        _at(2026, 11, 2, 9), _at(2026, 11, 23, 9)
    ]
    assert Session.get_by_id(sessions.create_session("Once", "other", _at(2026, 12, 1), 30).id).exdates == ()


def test_moment_lists_survive_a_damaged_line():
    text = "2026-11-16T09:00:00Z\nnot a moment\n2026-11-09T09:00:00Z\n2026-11-10T09:00:00\n0001-01-01T00:00:00+05:00\n2026-11-09T09:00:00Z"
    assert moments_from_text(text) == (_at(2026, 11, 9, 9), _at(2026, 11, 16, 9))
    assert moments_from_text("") == () and moments_to_text(()) == ""
    assert moments_to_text(moments_from_text(text)) == "2026-11-09T09:00:00Z\n2026-11-16T09:00:00Z"
