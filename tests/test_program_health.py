"""Store tests of the program's health over time: each figure over a constructed history."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.db import (
    mentorships,
    program_health,
    session_edits,
    sessions,
    skill_history,
    team_skills,
)
from mentor_tui.db import models as m
from mentor_tui.db.program_periods import last_periods, periods

D = dt.date
UTC = dt.UTC


def person(name: str, team: str = "", archived: bool = False) -> m.Person:
    return m.Person.create(name=name, role="mentee", team=team, archived=archived)


def rate(who: m.Person, key: str, level: int, on: dt.date, by: m.Person | None = None) -> None:
    m.SkillRating.create(person=who, competency=m.Competency.get(m.Competency.key == key),
                         level=level, rated_on=on, rated_by=by)


def health(since: dt.date, until: dt.date, grain: str = "month", months: int = 12):
    return program_health.program_health(since, until, grain, months, tz=UTC)


def by_label(h) -> dict:
    return {p.period.label: p for p in h.periods}


# ---------------------------------------------------------------- periods


def test_months_and_quarters_cut_to_the_range():
    months = periods(D(2026, 1, 15), D(2026, 3, 10), "month")
    assert [(p.label, p.start, p.end, p.partial) for p in months] == [
        ("2026-01", D(2026, 1, 15), D(2026, 1, 31), True),
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28), False),
        ("2026-03", D(2026, 3, 1), D(2026, 3, 10), True),
    ]
    quarters = periods(D(2025, 11, 1), D(2026, 11, 26), "quarter")
    assert [q.label for q in quarters] == ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
    assert quarters[0].start == D(2025, 11, 1) and quarters[0].full_start == D(2025, 10, 1)
    assert quarters[2].start == D(2026, 4, 1) and quarters[2].end == D(2026, 6, 30) and not quarters[2].partial
    assert last_periods(D(2026, 11, 26), "month", 12) == D(2025, 12, 1)
    assert last_periods(D(2026, 11, 26), "quarter", 8) == D(2025, 1, 1)
    with pytest.raises(ValueError):
        periods(D(2026, 2, 1), D(2026, 1, 1), "month")
    with pytest.raises(ValueError):
        periods(D(2026, 1, 1), D(2026, 2, 1), "week")


def test_the_view_starts_no_earlier_than_the_program(store):
    assert program_health.program_start() is None
    assert program_health.recent_since(D(2026, 11, 26), "month") == D(2025, 12, 1)
    ana = person("Ana")
    rate(ana, "cloud", 2, D(2026, 6, 17))
    assert program_health.program_start() == D(2026, 6, 17)
    assert program_health.recent_since(D(2026, 11, 26), "month") == D(2026, 6, 1)
    assert program_health.recent_since(D(2026, 11, 26), "quarter") == D(2026, 4, 1)
    m.Kudos.create(receiver=ana, given_on=D(2020, 1, 1), text="long ago")
    assert program_health.recent_since(D(2026, 11, 26), "month") == D(2025, 12, 1)  # at most 12


# ---------------------------------------------------------------- skills


def test_bus_factor_single_points_and_silos_per_period(store):
    ana, bo, cy = person("Ana", "platform"), person("Bo", "platform"), person("Cy", "payments")
    rate(ana, "kubernetes", 4, D(2026, 1, 10))
    rate(bo, "kubernetes", 3, D(2026, 1, 12))
    rate(bo, "kubernetes", 4, D(2026, 2, 20), by=ana)  # February: two holders, both platform: a silo
    rate(cy, "kubernetes", 5, D(2026, 3, 5))  # March: a third holder from payments: no longer a silo
    rate(cy, "security", 4, D(2026, 3, 5))
    rate(cy, "security", 2, D(2026, 3, 25), by=ana)  # the mentor's later rating counts: no holder any more
    got = by_label(health(D(2026, 1, 1), D(2026, 3, 31)))
    jan, feb, mar = got["2026-01"], got["2026-02"], got["2026-03"]
    assert (jan.bus_factor("kubernetes"), feb.bus_factor("kubernetes"), mar.bus_factor("kubernetes")) == (1, 2, 3)
    assert (jan.silos, feb.silos, mar.silos) == (0, 1, 0)
    assert mar.bus_factor("security") == 0
    assert (jan.single_points, feb.single_points, mar.single_points) == (8, 7, 7)


def test_stale_ratings_and_archived_people_leave_the_bus_factor(store):
    ana, gone = person("Ana"), person("Gone", archived=True)
    rate(ana, "cloud", 4, D(2025, 1, 10))  # counts for 12 months
    rate(gone, "cloud", 5, D(2025, 6, 1))  # archived: never counts
    got = by_label(health(D(2025, 12, 1), D(2026, 2, 28)))
    assert got["2025-12"].bus_factor("cloud") == 1
    assert got["2026-01"].bus_factor("cloud") == 0  # 2025-01-10 is more than 12 months before 2026-01-31


def test_the_sweep_agrees_with_team_skills_on_the_demo(demo_db):
    from mentor_tui.db import database

    database.open_database(demo_db)
    days = [D(2026, 2, 28), D(2026, 5, 31), D(2026, 9, 1), D(2026, 10, 31), D(2026, 11, 26)]
    for months in (3, 12):
        swept = skill_history.bus_factors_on(days, months)
        for day, factors in zip(days, swept, strict=True):
            expected = team_skills.team_skills(day, months).bus_factors
            assert [(bf.competency.key, bf.names) for bf in factors] == [
                (bf.competency.key, bf.names) for bf in expected], (day, months)


# ---------------------------------------------------------------- activity


def test_checkins_held_against_due(store):
    mentor, mentee, left = person("Mentor"), person("Mentee"), person("Left")
    ship = mentorships.create_mentorship(mentor.id, mentee.id, D(2026, 1, 1), 14)
    # due 01-15, 01-29 (January: 2); 02-12, 02-26 (February: 2); 03-12, 03-26 (March: 2)
    for held in (D(2026, 1, 14), D(2026, 1, 30), D(2026, 2, 27)):
        m.CheckIn.create(mentorship=ship, held_on=held)
    ended = mentorships.create_mentorship(mentor.id, left.id, D(2026, 1, 1), 7)
    ended.ended_on = D(2026, 1, 31)  # due 01-08, 15, 22, 29; none after it ended
    ended.save()
    got = by_label(health(D(2026, 1, 1), D(2026, 3, 31)))
    assert (got["2026-01"].activity.checkins_held, got["2026-01"].activity.checkins_due) == (2, 6)
    assert (got["2026-02"].activity.checkins_held, got["2026-02"].activity.checkins_due) == (1, 2)
    assert (got["2026-03"].activity.checkins_held, got["2026-03"].activity.checkins_due) == (0, 2)


def test_a_mentorship_of_someone_archived_stops_being_due_after_its_last_checkin(store):
    mentor, mentee = person("Mentor"), person("Mentee")
    ship = mentorships.create_mentorship(mentor.id, mentee.id, D(2026, 1, 1), 14)
    m.CheckIn.create(mentorship=ship, held_on=D(2026, 2, 1))
    mentee.archived = True
    mentee.save()
    got = by_label(health(D(2026, 1, 1), D(2026, 4, 30)))
    assert [got[k].activity.checkins_due for k in ("2026-01", "2026-02", "2026-03", "2026-04")] == [2, 0, 0, 0]
    assert got["2026-02"].activity.checkins_held == 1  # what was held still counts


def test_action_items_closed_incidents_ladder_kudos_and_feedback_per_period(store):
    mentor, mei, bo = person("Mentor"), person("Mei"), person("Bo")
    ship = mentorships.create_mentorship(mentor.id, mei.id, D(2026, 1, 1), 14)
    checkin = m.CheckIn.create(mentorship=ship, held_on=D(2026, 1, 20))
    m.ActionItem.create(checkin=checkin, text="a", done_on=D(2026, 1, 25))
    m.ActionItem.create(checkin=checkin, text="b", done_on=D(2026, 2, 3))
    m.ActionItem.create(checkin=checkin, text="c", done_on=D(2026, 2, 9))
    m.ActionItem.create(checkin=checkin, text="open")
    for role, day in (("shadow", D(2026, 1, 5)), ("shadow", D(2026, 1, 19)), ("secondary", D(2026, 2, 2)),
                      ("scribe", D(2026, 2, 10)), ("primary", D(2026, 2, 22))):
        m.Incident.create(person=mei, occurred_on=day, role=role, title=role)
    m.Incident.create(person=bo, occurred_on=D(2026, 2, 14), role="shadow", title="Bo's first")
    m.Kudos.create(giver=bo, receiver=mei, given_on=D(2026, 1, 3), text="x")
    m.Kudos.create(receiver=bo, given_on=D(2026, 2, 3), text="y")
    m.Kudos.create(receiver=bo, given_on=D(2026, 2, 4), text="z")
    for rating, day in ((5, D(2026, 1, 2)), (4, D(2026, 1, 30)), (2, D(2026, 2, 15))):
        m.Feedback.create(given_on=day, rating=rating)
    got = by_label(health(D(2026, 1, 1), D(2026, 3, 31)))
    jan, feb, mar = (got[k].activity for k in ("2026-01", "2026-02", "2026-03"))
    assert (jan.actions_closed, feb.actions_closed, mar.actions_closed) == (1, 2, 0)
    assert jan.incidents == {"shadow": 2} and feb.incidents == {"secondary": 1, "scribe": 1, "primary": 1, "shadow": 1}
    assert (jan.incident_count, feb.incident_count, mar.incident_count) == (2, 4, 0)
    # Mei's first shadow shift (January), her first secondary and primary and Bo's first shadow (February)
    assert (jan.ladder_steps, feb.ladder_steps, mar.ladder_steps) == (1, 3, 0)
    assert (jan.kudos, feb.kudos, mar.kudos) == (1, 2, 0)
    assert (jan.feedback_count, jan.feedback_average) == (2, 4.5)
    assert (feb.feedback_average, mar.feedback_average) == (2.0, None)


def test_a_ladder_step_before_the_range_is_not_new(store):
    mei = person("Mei")
    m.Incident.create(person=mei, occurred_on=D(2025, 6, 1), role="shadow", title="first")
    m.Incident.create(person=mei, occurred_on=D(2026, 1, 9), role="shadow", title="again")
    got = health(D(2026, 1, 1), D(2026, 1, 31)).periods[0].activity
    assert got.incidents == {"shadow": 1} and got.ladder_steps == 0


def test_sessions_held_and_their_attendance(store):
    ana, bo, cy = person("Ana"), person("Bo"), person("Cy")
    weekly = sessions.create_session("Incident review", "incident-review", dt.datetime(2026, 1, 6, 10, tzinfo=UTC),
                                     rrule="FREQ=WEEKLY;COUNT=8")  # Tuesdays: 4 in January, 4 in February
    sessions.create_session("PoC outcome", "poc-outcome", dt.datetime(2026, 2, 19, 15, tzinfo=UTC))
    session_edits.cancel_occurrence(weekly.id, dt.datetime(2026, 2, 3, 10, tzinfo=UTC))
    session_edits.set_attendance(weekly.id, dt.datetime(2026, 1, 6, 10, tzinfo=UTC), [ana.id, bo.id, cy.id])
    session_edits.set_attendance(weekly.id, dt.datetime(2026, 1, 13, 10, tzinfo=UTC), [ana.id])
    session_edits.set_attendance(weekly.id, dt.datetime(2026, 2, 10, 10, tzinfo=UTC), [ana.id, bo.id])
    got = health(D(2026, 1, 1), D(2026, 3, 31))
    jan, feb, mar = (p.sessions for p in got.periods)
    assert (jan.held, jan.with_attendance, jan.attendances, jan.attendance_average) == (4, 2, 4, 2.0)
    assert (feb.held, feb.with_attendance, feb.attendance_average) == (4, 1, 2.0)  # 3 weekly (one cancelled) + the PoC
    assert (mar.held, mar.attendance_average) == (0, None)


def test_sessions_are_left_to_a_second_pass_when_asked(store):
    sessions.create_session("Deep dive", "tooling-deep-dive", dt.datetime(2026, 1, 6, 10, tzinfo=UTC))
    first = program_health.program_health(D(2026, 1, 1), D(2026, 1, 31), "month", count_sessions=False)
    assert not first.sessions_counted and first.periods[0].sessions is None
    from mentor_tui.db.program_sessions import session_figures

    done = first.with_sessions(session_figures([p.period for p in first.periods], UTC))
    assert done.sessions_counted and done.periods[0].sessions.held == 1


def test_quarters_sum_their_months(store):
    mentor, mentee = person("Mentor"), person("Mentee")
    ship = mentorships.create_mentorship(mentor.id, mentee.id, D(2026, 1, 1), 7)
    for day in (D(2026, 1, 8), D(2026, 2, 8), D(2026, 3, 8), D(2026, 4, 8)):
        m.CheckIn.create(mentorship=ship, held_on=day)
        m.Kudos.create(receiver=mentee, given_on=day, text="k")
    months = health(D(2026, 1, 1), D(2026, 6, 30))
    quarters = health(D(2026, 1, 1), D(2026, 6, 30), "quarter")
    assert [q.period.label for q in quarters.periods] == ["2026 Q1", "2026 Q2"]
    for index, quarter in enumerate(quarters.periods):
        three = months.periods[3 * index: 3 * index + 3]
        assert quarter.activity.checkins_held == sum(p.activity.checkins_held for p in three)
        assert quarter.activity.checkins_due == sum(p.activity.checkins_due for p in three)
        assert quarter.activity.kudos == sum(p.activity.kudos for p in three)


def test_the_figures_cost_the_same_few_queries_for_3_months_or_24(store):
    mentor, mentee = person("Mentor"), person("Mentee")
    ship = mentorships.create_mentorship(mentor.id, mentee.id, D(2024, 1, 1), 7)
    for week in range(150):
        day = D(2024, 1, 1) + dt.timedelta(days=7 * week)
        m.CheckIn.create(mentorship=ship, held_on=day)
        rate(mentee, "cloud", week % 6, day)

    def statements_for(since: dt.date) -> list[str]:
        found: list[str] = []
        m.database_proxy.connection().set_trace_callback(found.append)
        try:
            program_health.program_health(since, D(2026, 11, 26), "month", count_sessions=False)
        finally:
            m.database_proxy.connection().set_trace_callback(None)
        return found

    short, long = statements_for(D(2026, 9, 1)), statements_for(D(2024, 12, 1))
    assert len(short) == len(long) <= 12, long  # not one per period, check-in or rating
