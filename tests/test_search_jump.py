"""Where a search hit is shown: the row positions agree with the sections' own orders."""

from __future__ import annotations

import datetime as dt

from mentor_tui.db import checkins, labs, plans, search_targets
from mentor_tui.db.models import (
    CheckIn,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Session,
    SessionOccurrence,
)

from .exchange_fixtures import fill


def test_check_in_lab_and_plan_rows_are_where_the_sections_list_them(store):
    fill()
    for position, row in enumerate(checkins.page(1000)):
        assert search_targets.checkin_row(row.id) == search_targets.Row(str(row.id), position)
    for position, row in enumerate(labs.page(1000)):
        assert search_targets.lab_row(row.id) == search_targets.Row(str(row.id), position)
    plan_positions = {row.id: position for position, row in enumerate(plans.page(1000))}
    for goal in Goal.select():
        assert search_targets.goal_row(goal.id) == search_targets.Row(str(goal.plan_id), plan_positions[goal.plan_id])
    item = LabItem.select().first()
    assert search_targets.lab_item_row(item.id).key == str(item.lab_id)


def test_people_sessions_and_records_that_are_gone(store):
    team = fill()
    incident = Incident.select().where(Incident.person == team.ana).get()
    kudos = Kudos.select().where(Kudos.receiver == team.ana).get()
    assert search_targets.incident_person(incident.id) == team.ana.uuid
    assert search_targets.kudos_person(kudos.id) == team.ana.uuid
    occurrence = SessionOccurrence.select().first()
    assert search_targets.session_of_occurrence(occurrence.id) == team.session.id
    now = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
    row = search_targets.calendar_row(team.session.id, now, 60, 200)
    assert row is not None and row.key.startswith(f"{team.session.id}@2026-11-27")
    one_off = Session.get(Session.title == "Platform update")  # 2026-11-05: gone by now
    assert search_targets.calendar_row(one_off.id, now, 60, 200) is None
    for locate in (search_targets.checkin_row, search_targets.goal_row, search_targets.lab_row,
                   search_targets.lab_item_row, search_targets.incident_person, search_targets.kudos_person,
                   search_targets.session_of_occurrence, search_targets.session_title):
        assert locate(999_999) is None
    assert CheckIn.select().count() and Lab.select().count()
