"""The whole-series form keeps a series' occurrences apart as the occurrence form and an
import do: a new rule or time that puts a regular occurrence where another one was moved
is refused next to the field, and nothing is saved (else `check` says ok while every
import refuses the database's export)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Select

from mentor_tui.app import MentorApp
from mentor_tui.db import models, session_edits, sessions
from mentor_tui.schema import RecordError
from mentor_tui.screens.form import FormScreen
from mentor_tui.screens.session_view import SessionScreen

from .pilot_helpers import press_settled, settle

UTC = dt.UTC
BIWEEKLY = "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"
CLASH = "the series would have two occurrences on Friday 2026-12-11 15:00 Europe/Berlin (one was moved there)"


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def _review_moved_to_its_off_week() -> models.Session:
    """Bi-weekly on Fridays at 15:00 Berlin from 4 December 2026; the first one moved a
    week on, to Friday 11 December at the same time (no occurrence there: allowed)."""
    review = sessions.create_session("Incident review", "incident-review", _at(2026, 12, 4, 14), 45, BIWEEKLY,
                                     "Europe/Berlin")
    session_edits.edit_occurrence(review.id, _at(2026, 12, 4, 14), _at(2026, 12, 11, 14), "")
    return review


def _values(**changes) -> session_edits.SeriesValues:
    base = dict(title="Incident review", kind="incident-review", starts_at=_at(2026, 12, 4, 14), duration_minutes=45,
                rrule=BIWEEKLY, timezone="Europe/Berlin", presenter_id=None, link=None, notes="")
    base.update(changes)
    return session_edits.SeriesValues(**base)


def _unchanged(review: models.Session) -> None:
    session = models.Session.get_by_id(review.id)
    assert (session.rrule, session.starts_at) == (BIWEEKLY, _at(2026, 12, 4, 14))
    row = models.SessionOccurrence.get()
    assert (row.starts_at, row.moved_to) == (_at(2026, 12, 4, 14), _at(2026, 12, 11, 14))


def test_the_store_refuses_a_rule_or_a_time_that_meets_a_moved_occurrence(store_with_me):
    review = _review_moved_to_its_off_week()
    with pytest.raises(RecordError, match=r"two occurrences on Friday 2026-12-11 15:00") as refused:
        session_edits.update_series(review.id, _values(rrule="FREQ=WEEKLY", title="Renamed"))
    assert refused.value.field == "rrule"
    _unchanged(review)
    assert models.Session.get_by_id(review.id).title == "Incident review"
    # the same rule, one hour later: the occurrence moved to 12-18 16:00 Berlin meets the series there
    session_edits.edit_occurrence(review.id, _at(2026, 12, 4, 14), _at(2026, 12, 18, 15), "")
    with pytest.raises(RecordError, match=r"two occurrences on Friday 2026-12-18 16:00") as refused:
        session_edits.update_series(review.id, _values(starts_at=_at(2026, 12, 4, 15)))
    assert refused.value.field == "starts_at"
    assert models.Session.get_by_id(review.id).starts_at == _at(2026, 12, 4, 14)
    assert models.SessionOccurrence.get().starts_at == _at(2026, 12, 4, 14)  # its retiming rolled back too
    # a change that meets nothing is saved
    session_edits.update_series(review.id, _values(rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=5"))
    assert models.Session.get_by_id(review.id).rrule.endswith("COUNT=5")


async def _series_form(pilot) -> FormScreen:
    await press_settled(pilot, "5", "enter")  # the first occurrence of the agenda
    assert isinstance(pilot.app.screen, SessionScreen)
    await press_settled(pilot, "s")
    form = pilot.app.screen
    assert isinstance(form, FormScreen) and form.form_title == "Edit the whole series"
    return form


async def test_the_series_form_refuses_a_preset_next_to_repeats_and_saves_nothing(store_with_me):
    review = _review_moved_to_its_off_week()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _series_form(pilot)
        form.query_one("#field-title").value = "Renamed"
        form.query_one("#field-repeats", Select).value = "FREQ=WEEKLY"
        await press_settled(pilot, "ctrl+s")
        assert app.screen is form  # not saved
        assert CLASH in str(form.query_one("#error-repeats").render())
        assert app.focused is form.query_one("#field-repeats")
    _unchanged(review)
    assert models.Session.get_by_id(review.id).title == "Incident review"


async def test_the_series_form_refuses_a_rule_of_ones_own_next_to_it(store_with_me):
    review = _review_moved_to_its_off_week()
    app = MentorApp(db_path=store_with_me)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _series_form(pilot)
        form.query_one("#field-custom_rule").value = "RRULE:FREQ=WEEKLY;BYDAY=FR"
        await press_settled(pilot, "ctrl+s")
        assert app.screen is form
        assert CLASH in str(form.query_one("#error-custom_rule").render())
        # another rule that meets nothing is saved
        form.query_one("#field-custom_rule").value = "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=4"
        await press_settled(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionScreen)
    assert models.Session.get_by_id(review.id).rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=4"


def test_a_new_rule_that_would_hide_occurrences_holding_something_is_refused(store_with_me):
    """Notes, attendance, a cancellation: a rule that no longer has their occurrence would hide them
    (the rows stay, unseen); the form says the rule keeps them, so the store refuses such a rule."""
    from mentor_tui.db import people

    review = sessions.create_session("Incident review", "incident-review", _at(2026, 12, 4, 14), 45, BIWEEKLY,
                                     "Europe/Berlin")
    session_edits.edit_occurrence(review.id, _at(2026, 12, 4, 14), _at(2026, 12, 4, 14), "Went well")  # notes
    tuesdays = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    with pytest.raises(RecordError, match=r"1 occurrence with notes, attendance, a move or a cancellation "
                                          r"\(the first on Friday 2026-12-04\) would leave the series") as refused:
        session_edits.update_series(review.id, _values(rrule=tuesdays))
    assert refused.value.field == "rrule"
    assert models.Session.get_by_id(review.id).rrule == BIWEEKLY
    models.SessionOccurrence.update(notes="").execute()
    session_edits.set_attendance(review.id, _at(2026, 12, 18, 14), [people.me().id])
    session_edits.cancel_occurrence(review.id, _at(2027, 1, 1, 14))
    with pytest.raises(RecordError, match=r"2 occurrences with notes"):
        session_edits.update_series(review.id, _values(rrule=tuesdays))
    session_edits.update_series(review.id, _values(rrule="FREQ=WEEKLY;BYDAY=FR"))  # weekly keeps them all
    assert models.Session.get_by_id(review.id).rrule == "FREQ=WEEKLY;BYDAY=FR"
