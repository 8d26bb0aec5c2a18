"""The calendar's store rules: one occurrence at a time, the whole series, incident links."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.db import occurrences, people, session_edits, sessions
from mentor_tui.db.models import Incident, Session, SessionOccurrence

UTC = dt.UTC


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.fixture
def review(store_with_me):
    return sessions.create_session("Incident review", "incident-review", _at(2026, 12, 4, 14), 45,
                                   "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "Europe/Berlin")


def _values(**changes) -> session_edits.SeriesValues:
    base = dict(title="Incident review", kind="incident-review", starts_at=_at(2026, 12, 4, 14), duration_minutes=45,
                rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", timezone="Europe/Berlin", presenter_id=None, link=None,
                notes="")
    base.update(changes)
    return session_edits.SeriesValues(**base)


def test_a_cancelled_holiday_stays_cancelled_when_the_series_moves_an_hour(review):
    session_edits.cancel_occurrence(review.id, _at(2026, 12, 18, 14))
    session_edits.edit_occurrence(review.id, _at(2027, 1, 1, 14), None, "New year notes")
    session_edits.update_series(review.id, _values(starts_at=_at(2026, 12, 4, 15)))  # 16:00 Berlin
    assert Session.get_by_id(review.id).exdates == (_at(2026, 12, 18, 15),)
    entries = occurrences.window(_at(2026, 12, 1), _at(2027, 1, 2), with_cancelled=True)
    assert [(e.starts_at, e.cancelled) for e in entries] == [
        (_at(2026, 12, 4, 15), False), (_at(2026, 12, 18, 15), True), (_at(2027, 1, 1, 15), False)]
    assert occurrences.session_view(review.id, _at(2027, 1, 1, 15)).occurrence_notes == "New year notes"


def test_an_occurrence_the_rule_does_not_make_is_refused(review):
    with pytest.raises(ValueError, match="no occurrence at that time"):
        session_edits.cancel_occurrence(review.id, _at(2026, 12, 5, 14))
    with pytest.raises(ValueError, match="no occurrence at that time"):
        session_edits.edit_occurrence(review.id, _at(2026, 12, 11, 14), None, "")
    assert SessionOccurrence.select().count() == 0


def test_attendance_of_someone_gone_is_refused_and_changes_nothing(review):
    me = people.me()
    session_edits.set_attendance(review.id, _at(2026, 12, 4, 14), [me.id])
    with pytest.raises(ValueError, match="not here anymore"):
        session_edits.set_attendance(review.id, _at(2026, 12, 4, 14), [me.id, 9999])
    assert occurrences.session_view(review.id, _at(2026, 12, 4, 14)).attendees == ((me.id, me.name),)


def test_nobody_attends_a_cancelled_occurrence(review):
    me = people.me()
    cancelled = _at(2026, 12, 18, 14)
    session_edits.cancel_occurrence(review.id, cancelled)
    with pytest.raises(ValueError, match="this occurrence is cancelled: nobody attended it"):
        session_edits.set_attendance(review.id, cancelled, [me.id])
    assert session_edits.set_attendance(review.id, cancelled, []) == 0  # clearing it is fine
    session_edits.restore_occurrence(review.id, cancelled)
    assert session_edits.set_attendance(review.id, cancelled, [me.id]) == 1


def test_cancelling_an_occurrence_drops_its_attendance_and_keeps_its_notes(review):
    me = people.me()
    day = _at(2026, 12, 4, 14)
    session_edits.set_attendance(review.id, day, [me.id])
    session_edits.edit_occurrence(review.id, day, None, "Demo of the new runbook")
    assert session_edits.cancel_occurrence(review.id, day) == 1
    view = occurrences.session_view(review.id, day)
    assert view.cancelled and view.attendees == () and view.occurrence_notes == "Demo of the new runbook"
    session_edits.restore_occurrence(review.id, day)
    assert occurrences.session_view(review.id, day).attendees == ()


def test_series_values_go_through_the_registry(review):
    with pytest.raises(ValueError):
        session_edits.update_series(review.id, _values(duration_minutes=601))
    with pytest.raises(ValueError, match="not a usable RRULE"):
        session_edits.update_series(review.id, _values(rrule="FREQ=HOURLY"))
    with pytest.raises(ValueError):
        session_edits.update_series(review.id, _values(timezone="Mars/Olympus"))
    assert Session.get_by_id(review.id).duration_minutes == 45


def test_ending_a_one_off_or_before_the_start_is_refused(review):
    one_off = sessions.create_session("PoC outcome", "poc-outcome", _at(2026, 12, 3, 14), 30)
    with pytest.raises(ValueError, match="happens once"):
        session_edits.end_series(one_off.id, dt.date(2026, 12, 31))
    with pytest.raises(ValueError, match="before its first session"):
        session_edits.end_series(review.id, dt.date(2026, 12, 1))


def test_ending_a_series_before_an_occurrence_with_notes_attendance_or_a_move_is_refused(review):
    """Ending hides the occurrences after the last day: one holding notes, attendance or a
    move would be hidden with them (a cancelled one is simply not scheduled)."""
    from mentor_tui.schema import RecordError

    session_edits.cancel_occurrence(review.id, _at(2026, 12, 18, 14))
    session_edits.edit_occurrence(review.id, _at(2027, 1, 1, 14), None, "New year notes")
    with pytest.raises(RecordError, match=r"1 occurrence with notes.*\(the first on Friday 2027-01-01\) would "
                                          r"leave the series: end it on 2027-01-01 or later") as refused:
        session_edits.end_series(review.id, dt.date(2026, 12, 20))
    assert refused.value.field == "last_day"
    assert Session.get_by_id(review.id).rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"  # unchanged
    ended = session_edits.end_series(review.id, dt.date(2027, 1, 1))  # the cancelled 18th stays behind it
    assert "UNTIL=" in ended.rrule
    assert [e.starts_at for e in occurrences.window(_at(2026, 12, 1), _at(2027, 2, 1))] == [
        _at(2026, 12, 4, 14), _at(2027, 1, 1, 14)]


def test_deleting_keeps_incidents_unlinked(review):
    incident = Incident.create(person=people.me(), occurred_on=dt.date(2026, 11, 1), title="DNS outage")
    session_edits.link_incident(incident.id, review.id)
    assert session_edits.delete_impact(review.id).incidents == 1
    assert session_edits.delete_session(review.id) == "Incident review"
    assert Incident.get_by_id(incident.id).session is None
    with pytest.raises(ValueError, match="not here anymore"):
        session_edits.cancel_occurrence(review.id, _at(2026, 12, 4, 14))


def test_an_incident_belongs_to_one_session(review):
    other = sessions.create_session("Platform update", "platform-update", _at(2026, 12, 7, 9), 30, "FREQ=WEEKLY")
    incident = Incident.create(person=people.me(), occurred_on=dt.date(2026, 11, 1), title="DNS outage")
    session_edits.set_session_incidents(review.id, [incident.id])
    session_edits.set_session_incidents(other.id, [incident.id])
    assert occurrences.linked_incidents(review.id) == ()
    assert [i.title for i in occurrences.linked_incidents(other.id)] == ["DNS outage"]
    session_edits.set_session_incidents(other.id, [])
    assert Incident.get_by_id(incident.id).session is None


def test_an_occurrence_is_not_moved_onto_another_of_its_series(review):
    dec4, dec18 = _at(2026, 12, 4, 14), _at(2026, 12, 18, 14)
    with pytest.raises(ValueError, match="another occurrence of this series"):
        session_edits.edit_occurrence(review.id, dec18, dec4, "")  # onto the one the rule puts there
    session_edits.edit_occurrence(review.id, dec18, _at(2026, 12, 17, 9), "")  # moved to a free time
    with pytest.raises(ValueError, match="another occurrence of this series"):
        session_edits.edit_occurrence(review.id, dec4, _at(2026, 12, 17, 9), "")  # onto the one moved there
    session_edits.cancel_occurrence(review.id, _at(2027, 1, 1, 14))
    session_edits.edit_occurrence(review.id, dec4, _at(2027, 1, 1, 14), "")  # onto a cancelled one: free
    session_edits.edit_occurrence(review.id, dec18, _at(2026, 12, 18, 15), "")  # moving one again is fine
    starts = [e.starts_at for e in occurrences.window(_at(2026, 12, 1), _at(2027, 1, 2))]
    assert len(starts) == len(set(starts)) == 2


def test_an_occurrence_is_not_moved_back_or_restored_onto_one_that_took_its_time(review):
    dec4, dec18 = _at(2026, 12, 4, 14), _at(2026, 12, 18, 14)
    session_edits.edit_occurrence(review.id, dec4, _at(2026, 12, 10, 9), "")  # away from its slot
    session_edits.edit_occurrence(review.id, dec18, dec4, "")  # another one takes that slot
    with pytest.raises(ValueError, match="another occurrence of this series"):
        session_edits.edit_occurrence(review.id, dec4, None, "")  # back where the rule puts it: taken
    session_edits.cancel_occurrence(review.id, dec4)
    session_edits.edit_occurrence(review.id, _at(2027, 1, 1, 14), _at(2026, 12, 10, 9), "")  # takes its new time
    with pytest.raises(ValueError, match="another occurrence of this series"):
        session_edits.restore_occurrence(review.id, dec4)
    starts = [e.starts_at for e in occurrences.window(_at(2026, 12, 1), _at(2027, 1, 2))]
    assert len(starts) == len(set(starts))


def test_incident_choices_name_whose_before_the_title(review):
    """One incident logged by two people differs by the name only: it comes before the title, which a
    narrow dialog cuts."""
    ana = people.add_person("Ana Ruiz", "mentee")
    long_title = "Checkout outage: expired TLS certificate on the ingress of the payments cluster"
    Incident.create(person=people.me(), occurred_on=dt.date(2026, 10, 7), severity="SEV1", title=long_title)
    Incident.create(person=ana, occurred_on=dt.date(2026, 10, 7), severity="SEV1", title=long_title)
    labels = sorted(c.label for c in session_edits.incident_choices())
    assert labels == [f"2026-10-07 SEV1 Ana Ruiz: {long_title}", f"2026-10-07 SEV1 Bo Chen: {long_title}"]
