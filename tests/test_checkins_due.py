"""Check-ins due, as the Dashboard lists them (mentor_tui/db/dashboard.py).

A mentorship's next check-in is due `cadence_days` after its latest check-in,
or after its start when it has none. Only active mentorships in which the
person is the mentor count: an ended one is never due, and neither is one in
which they are the mentee or someone else mentors.
"""

from __future__ import annotations

import datetime as dt

from mentor_tui.db import checkins, dashboard, people
from mentor_tui.db.mentorships import create_mentorship
from mentor_tui.db.models import Mentorship

D = dt.date
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def end(mentorship: Mentorship, on: dt.date) -> None:
    Mentorship.update(ended_on=on).where(Mentorship.id == mentorship.id).execute()


def due(mentor, today: dt.date, **kwargs) -> list[tuple[str, dt.date | None, dt.date]]:
    return [(d.mentee, d.last_held_on, d.due_on) for d in dashboard.checkins_due(mentor, today, **kwargs)]


def test_without_a_check_in_the_first_is_due_a_cadence_after_the_start(store_with_me):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    create_mentorship(me.id, ana.id, D(2026, 11, 1), cadence_days=14)

    assert due(me, D(2026, 11, 14)) == []
    assert due(me, D(2026, 11, 15)) == [("Ana Ruiz", None, D(2026, 11, 15))]
    assert due(me, D(2027, 1, 1)) == [("Ana Ruiz", None, D(2026, 11, 15))]


def test_the_latest_check_in_sets_the_next_due_day(store_with_me):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    ship = create_mentorship(me.id, ana.id, D(2026, 9, 1), cadence_days=7)
    checkins.create_checkin(ship.id, D(2026, 11, 20))
    checkins.create_checkin(ship.id, D(2026, 10, 1))  # an older one, entered later

    assert due(me, D(2026, 11, 26)) == []
    assert due(me, D(2026, 11, 27)) == [("Ana Ruiz", D(2026, 11, 20), D(2026, 11, 27))]


def test_each_mentorship_keeps_its_own_cadence(store_with_me):
    me = people.me()
    weekly = people.add_person("Ana Ruiz", "mentee")
    monthly = people.add_person("Cy Dunn", "mentee")
    create_mentorship(me.id, weekly.id, D(2026, 11, 1), cadence_days=7)
    create_mentorship(me.id, monthly.id, D(2026, 11, 1), cadence_days=30)

    assert [name for name, *_ in due(me, D(2026, 11, 26))] == ["Ana Ruiz"]
    assert [name for name, *_ in due(me, D(2026, 12, 1))] == ["Ana Ruiz", "Cy Dunn"]


def test_the_most_overdue_comes_first_and_the_list_is_limited(store_with_me):
    me = people.me()
    for n, started in enumerate([D(2026, 10, 20), D(2026, 9, 1), D(2026, 10, 1)]):
        mentee = people.add_person(f"Mentee {n}", "mentee")
        create_mentorship(me.id, mentee.id, started, cadence_days=14)

    assert [name for name, *_ in due(me, D(2026, 11, 26))] == ["Mentee 1", "Mentee 2", "Mentee 0"]
    assert [name for name, *_ in due(me, D(2026, 11, 26), limit=2)] == ["Mentee 1", "Mentee 2"]


def test_an_ended_mentorship_is_never_due(store_with_me):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    ship = create_mentorship(me.id, ana.id, D(2025, 1, 1), cadence_days=14)
    assert due(me, D(2026, 11, 26)) != []

    end(ship, D(2025, 6, 1))
    assert due(me, D(2026, 11, 26)) == []
    assert due(me, D(2030, 1, 1)) == []


def test_an_ended_mentorship_does_not_hide_a_new_one_with_the_same_mentee(store_with_me):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    old = create_mentorship(me.id, ana.id, D(2025, 1, 1), cadence_days=14)
    end(old, D(2025, 6, 1))
    create_mentorship(me.id, ana.id, D(2026, 11, 1), cadence_days=14)

    assert due(me, D(2026, 11, 26)) == [("Ana Ruiz", None, D(2026, 11, 15))]


def test_only_mentorships_where_the_person_is_the_mentor(store_with_me):
    me = people.me()  # Bo Chen, a mentor
    ana = people.add_person("Ana Ruiz", "mentee")
    dee = people.add_person("Dee Lin", "mentor")
    eve = people.add_person("Eve Park", "mentee")
    create_mentorship(me.id, ana.id, D(2026, 10, 1), cadence_days=14)  # mine
    create_mentorship(dee.id, me.id, D(2026, 10, 1), cadence_days=14)  # I am the mentee
    create_mentorship(dee.id, eve.id, D(2026, 10, 1), cadence_days=14)  # someone else's

    assert [name for name, *_ in due(me, D(2026, 11, 26))] == ["Ana Ruiz"]
    assert sorted(name for name, *_ in due(dee, D(2026, 11, 26))) == ["Bo Chen", "Eve Park"]


def test_the_dashboard_lists_the_check_ins_due_of_me_as_mentor(store_with_me):
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    dee = people.add_person("Dee Lin", "mentor")
    create_mentorship(me.id, ana.id, D(2026, 10, 1), cadence_days=14)
    create_mentorship(dee.id, me.id, D(2026, 10, 1), cadence_days=14)

    summary = dashboard.summary(NOW.date())
    assert [(d.mentee, d.due_on) for d in summary.checkins_due] == [("Ana Ruiz", D(2026, 10, 15))]


def test_a_mentee_who_mentors_nobody_has_nothing_due(store):
    me = people.set_me("Ana Ruiz", "mentee")
    bo = people.add_person("Bo Chen", "mentor")
    create_mentorship(bo.id, me.id, D(2026, 1, 1), cadence_days=14)

    assert dashboard.summary(NOW.date()).checkins_due == []


def test_nothing_is_due_before_anyone_says_who_me_is(store):
    bo = people.add_person("Bo Chen", "mentor")
    ana = people.add_person("Ana Ruiz", "mentee")
    create_mentorship(bo.id, ana.id, D(2026, 1, 1), cadence_days=14)

    assert dashboard.summary(NOW.date()).checkins_due == []


def test_a_check_in_dated_in_the_future_does_not_make_a_due_mentee_look_done(store_with_me):
    """A check-in dated 2027-01-01 by mistake: she is still due today, on the Dashboard and in the list."""
    from mentor_tui.db import mentorship_list

    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    ship = create_mentorship(me.id, ana.id, D(2026, 9, 1), cadence_days=14)
    checkins.create_checkin(ship.id, D(2026, 11, 12))
    checkins.create_checkin(ship.id, D(2027, 1, 1))

    assert due(me, D(2026, 11, 26)) == [("Ana Ruiz", D(2026, 11, 12), D(2026, 11, 26))]
    assert dashboard.summary(NOW.date()).checkins_due[0].mentee == "Ana Ruiz"
    row = mentorship_list.page(D(2026, 11, 26))[0]
    assert (row.last_held_on, row.due_on, row.checkins) == (D(2026, 11, 12), D(2026, 11, 26), 2)
    # once that day comes, it counts as held
    assert due(me, D(2027, 1, 2)) == []


def test_the_mentorship_list_gives_each_its_due_date_and_an_ended_one_none(store_with_me):
    from mentor_tui.db import mentorship_list

    me = people.me()
    weekly = people.add_person("Ana Ruiz", "mentee")
    monthly = people.add_person("Cy Dunn", "mentee")
    gone = people.add_person("Dee Lin", "mentee")
    create_mentorship(me.id, weekly.id, D(2026, 11, 1), cadence_days=7)
    ship = create_mentorship(me.id, monthly.id, D(2026, 11, 1), cadence_days=30)
    checkins.create_checkin(ship.id, D(2026, 11, 20))
    old = create_mentorship(me.id, gone.id, D(2026, 1, 1), cadence_days=7)
    end(old, D(2026, 6, 1))

    rows = mentorship_list.page(D(2026, 11, 26))
    assert [(r.mentee, r.due_on, r.overdue_days(D(2026, 11, 26))) for r in rows] == [
        ("Ana Ruiz", D(2026, 11, 8), 18),  # the most due first
        ("Cy Dunn", D(2026, 12, 20), 0),
        ("Dee Lin", None, 0),  # ended: listed last, never due
    ]
