"""Where a search hit is shown: the key of the detail screen each kind opens."""

from __future__ import annotations

import datetime as dt

from mentor_tui.db import search_targets
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


def test_each_kind_names_the_record_its_screen_opens(store):
    team = fill()
    checkin = CheckIn.select().first()
    assert search_targets.checkin_id(checkin.id) == checkin.id
    goal = Goal.select().first()
    assert search_targets.goal_uuid(goal.id) == goal.uuid
    lab = Lab.select().first()
    assert search_targets.lab_id(lab.id) == lab.id
    item = LabItem.select().first()
    assert search_targets.lab_of_item(item.id) == item.lab_id
    incident = Incident.select().where(Incident.person == team.ana).get()
    kudos = Kudos.select().where(Kudos.receiver == team.ana).get()
    assert search_targets.incident_person(incident.id) == team.ana.uuid
    assert search_targets.kudos_person(kudos.id) == team.ana.uuid


def test_a_session_opens_at_its_next_occurrence_and_a_note_at_its_own(store):
    team = fill()
    now = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
    session_id, start = search_targets.session_occurrence("session", team.session.id, now)
    assert session_id == team.session.id and start >= now and start.date() == dt.date(2026, 11, 27)
    occurrence = SessionOccurrence.select().first()
    assert search_targets.session_occurrence("occurrence", occurrence.id, now) == (
        occurrence.session_id, occurrence.starts_at
    )
    one_off = Session.get(Session.title == "Platform update")  # 2026-11-05, past: shown at its only start
    assert search_targets.session_occurrence("session", one_off.id, now) == (one_off.id, one_off.starts_at)


def test_records_that_are_gone_answer_none(store):
    fill()
    now = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
    for locate in (search_targets.checkin_id, search_targets.goal_uuid, search_targets.lab_id,
                   search_targets.lab_of_item, search_targets.incident_person, search_targets.kudos_person):
        assert locate(999_999) is None
    assert search_targets.session_occurrence("session", 999_999, now) is None
    assert search_targets.session_occurrence("occurrence", 999_999, now) is None
