"""Check-ins in the store: who sees which mentorships, dates, carry-forward, blockers, edits, deletes."""

from __future__ import annotations

import datetime as dt

import pytest

from mentor_tui.db import (
    actions,
    blockers,
    checkin_view,
    checkins,
    mentorship_list,
    mentorships,
    people,
)
from mentor_tui.db.actions import NewAction
from mentor_tui.db.checkins import ItemEdit
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship

D = dt.date
TODAY = D(2026, 11, 26)


@pytest.fixture
def pair(store_with_me):
    """Me (Bo Chen, mentor) mentoring Ana since 2026-09-01, every 14 days."""
    me = people.me()
    ana = people.add_person("Ana Ruiz", "mentee")
    ship = mentorships.create_mentorship(me.id, ana.id, D(2026, 9, 1), cadence_days=14)
    return me, ana, ship


def test_a_lead_sees_every_mentorship_a_mentor_or_mentee_only_their_own(store):
    bo = people.add_person("Bo Chen", "mentor")
    ana = people.add_person("Ana Ruiz", "mentee")
    dee = people.add_person("Dee Lin", "mentor")
    eve = people.add_person("Eve Park", "mentee")
    mentorships.create_mentorship(bo.id, ana.id, D(2026, 9, 1))
    mentorships.create_mentorship(dee.id, eve.id, D(2026, 9, 1))
    mentorships.create_mentorship(dee.id, ana.id, D(2026, 9, 1))

    def labels():
        return sorted(r.label for r in mentorship_list.page(TODAY))

    assert mentorship_list.count() == 3  # nobody is "me" yet: everything
    people.claim_me(ana.id)
    assert labels() == ["Bo Chen → Ana Ruiz", "Dee Lin → Ana Ruiz"] and mentorship_list.count() == 2
    assert not any(r.me_is_mentor for r in mentorship_list.page(TODAY))
    people.claim_me(bo.id)
    assert labels() == ["Bo Chen → Ana Ruiz"]
    assert [r.me_is_mentor for r in mentorship_list.page(TODAY)] == [True]
    lead = people.add_person("Lee Lead", "lead")
    people.claim_me(lead.id)
    assert len(labels()) == 3


def test_a_check_in_before_the_mentorship_started_is_refused(pair):
    _, _, ship = pair
    with pytest.raises(ValueError, match="before the mentorship started"):
        checkins.create_checkin(ship.id, D(2026, 8, 31))
    checkin = checkins.create_checkin(ship.id, D(2026, 9, 1))
    with pytest.raises(ValueError, match="before the mentorship started"):
        checkins.update_checkin(checkin.id, D(2026, 8, 1), "", "", "", None)
    assert CheckIn.get().held_on == D(2026, 9, 1)


def test_a_check_in_after_the_mentorship_ended_is_refused(pair):
    _, _, ship = pair
    checkin = checkins.create_checkin(ship.id, D(2026, 10, 1))
    mentorships.end_mentorship(ship.id, D(2026, 10, 15))
    with pytest.raises(ValueError, match=r"after the mentorship ended \(2026-10-15\)"):
        checkins.create_checkin(ship.id, D(2026, 10, 16))
    with pytest.raises(ValueError, match="after the mentorship ended"):
        checkins.update_checkin(checkin.id, D(2026, 11, 1), "", "", "", None)
    checkins.create_checkin(ship.id, D(2026, 10, 15))  # its last day is within it
    assert sorted(c.held_on for c in CheckIn.select()) == [D(2026, 10, 1), D(2026, 10, 15)]


def test_a_check_in_in_the_future_is_the_forms_question_not_a_refusal(pair):
    _, _, ship = pair
    checkin = checkins.create_checkin(ship.id, D(2027, 1, 1))
    checkins.update_checkin(checkin.id, D(2026, 11, 20), "corrected", "", "", None)
    assert (CheckIn.get().held_on, CheckIn.get().progress) == (D(2026, 11, 20), "corrected")


def test_texts_are_kept_exactly_as_typed(pair):
    _, _, ship = pair
    text = "  - one\n\n    indented code\n"
    checkin = checkins.create_checkin(ship.id, TODAY, progress=text, private_notes=" note ")
    assert (CheckIn.get_by_id(checkin.id).progress, CheckIn.get_by_id(checkin.id).private_notes) == (text, " note ")


def test_open_items_carry_forward_until_a_later_check_in_ticks_them_done(pair):
    me, ana, ship = pair
    first = checkins.create_checkin(
        ship.id, D(2026, 11, 1), new_actions=[NewAction("Book the CKA exam", ana.id, D(2026, 11, 10)),
                                              NewAction("Ask for staging access", me.id)],
    )
    assert [a.text for a in actions.open_items(ship.id)] == ["Book the CKA exam", "Ask for staging access"]
    book, access = actions.of_checkin(first.id)
    assert (book.owner, book.due_on, access.owner) == ("Ana Ruiz", D(2026, 11, 10), "Bo Chen")

    second = checkins.create_checkin(ship.id, D(2026, 11, 15), close_ids=[book.id],
                                     new_actions=[NewAction("Pair on a Helm upgrade")])
    assert ActionItem.get_by_id(book.id).done_on == D(2026, 11, 15)  # done at that check-in
    assert [a.text for a in actions.open_items(ship.id)] == ["Ask for staging access", "Pair on a Helm upgrade"]
    # what the next form lists: every open item, of any earlier check-in
    context = checkin_view.form_context(ship.id, None, TODAY)
    assert [a.text for a in context.open_items] == ["Ask for staging access", "Pair on a Helm upgrade"]
    # the second check-in shows what it carried in (open then, the book closed in it)
    assert [a.text for a in actions.carried_into(second.id)] == ["Book the CKA exam", "Ask for staging access"]
    assert mentorship_list.page(TODAY)[0].open_actions == 2


def test_an_item_owned_by_someone_archived_names_them_so(pair):
    me, ana, ship = pair
    first = checkins.create_checkin(ship.id, D(2026, 11, 1), new_actions=[NewAction("Book the CKA exam", ana.id),
                                                                          NewAction("Nobody's")])
    people.set_archived(ana.uuid, True)
    assert [(a.owner, a.owner_id) for a in actions.of_checkin(first.id)] == [("Ana Ruiz (archived)", ana.id), ("", None)]
    assert [a.owner for a in actions.open_items(ship.id)] == ["Ana Ruiz (archived)", ""]


def test_closing_ignores_items_of_other_mentorships(pair):
    me, ana, ship = pair
    cy = people.add_person("Cy Dunn", "mentee")
    other = mentorships.create_mentorship(me.id, cy.id, D(2026, 9, 1))
    theirs = checkins.create_checkin(other.id, D(2026, 11, 1), new_actions=[NewAction("Theirs")])
    item = actions.of_checkin(theirs.id)[0]
    checkins.create_checkin(ship.id, D(2026, 11, 2), close_ids=[item.id])
    assert ActionItem.get_by_id(item.id).done_on is None


def test_an_action_item_is_owned_by_the_mentor_or_the_mentee(pair):
    _, _, ship = pair
    stranger = people.add_person("Zed Other", "mentee")
    with pytest.raises(ValueError, match="owned by the mentor or the mentee"):
        checkins.create_checkin(ship.id, TODAY, new_actions=[NewAction("x", stranger.id)])
    with pytest.raises(ValueError, match="text is required"):
        checkins.create_checkin(ship.id, TODAY, new_actions=[NewAction("   ")])
    assert CheckIn.select().count() == 0  # all or nothing


def test_editing_items_changes_ticks_and_deletes_them(pair):
    me, ana, ship = pair
    checkin = checkins.create_checkin(ship.id, D(2026, 11, 1), new_actions=[NewAction("a"), NewAction("b")])
    a, b = actions.of_checkin(checkin.id)
    checkins.update_checkin(
        checkin.id, D(2026, 11, 1), "", "", "", None,
        items=[ItemEdit(a.id, "a, reworded", me.id, D(2026, 12, 1), True), ItemEdit(b.id, "", None, None, False)],
        new_actions=[NewAction("c")],
    )
    lines = actions.of_checkin(checkin.id)
    assert [(x.text, x.owner, x.due_on, x.done_on) for x in lines] == [
        ("a, reworded", "Bo Chen", D(2026, 12, 1), D(2026, 11, 1)), ("c", "", None, None)
    ]


def test_an_edit_by_someone_not_the_mentor_keeps_the_private_notes(pair):
    _, _, ship = pair
    checkin = checkins.create_checkin(ship.id, TODAY, private_notes="nervous about on-call")
    checkins.update_checkin(checkin.id, TODAY, "new progress", "", "", 3, private_notes=None)
    assert CheckIn.get().private_notes == "nervous about on-call"


def test_private_notes_are_read_only_for_me_as_the_mentor(store):
    bo = people.add_person("Bo Chen", "mentor")
    ana = people.set_me("Ana Ruiz", "mentee")
    ship = mentorships.create_mentorship(bo.id, ana.id, D(2026, 9, 1))
    checkin = checkins.create_checkin(ship.id, TODAY, progress="ok", private_notes="nervous about on-call")

    assert checkin_view.view(checkin.id, TODAY).private_notes is None
    assert checkin_view.timeline(ship.id, TODAY).entries[0].private_notes is None
    assert checkin_view.form_context(ship.id, checkin.id, TODAY).checkin.private_notes is None
    people.claim_me(bo.id)
    assert checkin_view.view(checkin.id, TODAY).private_notes == "nervous about on-call"


def test_a_blocker_is_one_blocker_until_a_check_in_leaves_it_empty_or_changes_it():
    day = D(2026, 10, 1)
    rows = [
        (1, day, "Grafana access"),
        (2, day + dt.timedelta(days=14), "  Grafana   access\n"),  # white space aside: the same
        (3, day + dt.timedelta(days=28), "Grafana access"),
        (4, day + dt.timedelta(days=42), ""),
        (5, day + dt.timedelta(days=56), "Grafana access"),
        (6, day + dt.timedelta(days=70), "VPN broken"),
    ]
    ages = blockers.ages(rows)
    assert [(i, a.checkins, a.days, a.flagged) for i, a in ages.items()] == [
        (1, 1, 0, False), (2, 2, 14, False), (3, 3, 28, True), (5, 1, 0, False), (6, 1, 0, False)
    ]
    assert ages[3].since == day


def test_a_blocker_typed_with_or_without_its_list_bullet_is_the_same_blocker():
    day = D(2026, 10, 1)
    rows = [(1, day, "- Grafana access still pending"), (2, day + dt.timedelta(days=14), "Grafana access still pending"),
            (3, day + dt.timedelta(days=28), "* Grafana access\n  still pending")]
    assert [a.checkins for a in blockers.ages(rows).values()] == [1, 2, 3]
    assert not blockers.same_blocker("- Grafana access", "Grafana access denied")


@pytest.mark.parametrize("none", ["None", "none.", "N/A", "-", "Nothing", "No blockers!", "- none"])
def test_blockers_that_say_there_are_none_are_no_blocker(pair, none):
    _, _, ship = pair
    for day in (D(2026, 10, 1), D(2026, 10, 15), D(2026, 10, 29), D(2026, 11, 12)):
        checkins.create_checkin(ship.id, day, blockers=none)
    assert mentorship_list.page(TODAY)[0].blocker is None  # not flagged as open through four check-ins
    assert [e.blocker for e in checkin_view.timeline(ship.id, TODAY).entries] == [None] * 4
    assert blockers.names_a_blocker("None of the runbooks cover this")  # a sentence is a blocker


def test_the_list_flags_a_blocker_older_than_two_check_ins(pair):
    _, _, ship = pair
    for n, day in enumerate([D(2026, 10, 1), D(2026, 10, 15), D(2026, 10, 29)]):
        checkins.create_checkin(ship.id, day, blockers="No staging access")
        row = mentorship_list.page(TODAY)[0]
        assert (row.blocker.checkins, row.blocker.flagged) == (n + 1, n + 1 > 2)
    timeline = checkin_view.timeline(ship.id, TODAY)
    assert [e.blocker.checkins for e in timeline.entries] == [3, 2, 1]  # newest first
    checkins.create_checkin(ship.id, D(2026, 11, 12), blockers="")
    assert mentorship_list.page(TODAY)[0].blocker is None


def test_next_steps_lines_become_action_items_once(pair):
    _, _, ship = pair
    steps = "- Finish the game day\n* [ ] Write the runbook\n1. Book the exam\n\n## Later\n"
    assert actions.step_lines(steps) == ["Finish the game day", "Write the runbook", "Book the exam"]
    checkin = checkins.create_checkin(ship.id, TODAY, next_steps=steps)
    assert actions.add_from_next_steps(checkin.id) == 3
    assert actions.add_from_next_steps(checkin.id) == 0
    assert [a.text for a in actions.of_checkin(checkin.id)] == ["Finish the game day", "Write the runbook",
                                                              "Book the exam"]
    assert {a.owner_id for a in actions.of_checkin(checkin.id)} == {ship.mentee_id}  # as ctrl+n's are


def test_my_open_items_come_overdue_first_and_ticking_one_closes_it(pair):
    me, ana, ship = pair
    checkin = checkins.create_checkin(ship.id, D(2026, 11, 1), new_actions=[
        NewAction("no date", me.id), NewAction("later", me.id, D(2026, 12, 5)),
        NewAction("overdue", me.id, D(2026, 11, 10)), NewAction("hers", ana.id, D(2026, 11, 2)),
    ])
    assert [m.line.text for m in actions.mine(me.id)] == ["overdue", "later", "no date"]
    assert actions.mine(me.id)[0].line.overdue(TODAY)
    actions.set_done(actions.mine(me.id)[0].line.id, TODAY)
    assert [m.line.text for m in actions.mine(me.id)] == ["later", "no date"]
    assert len(actions.of_checkin(checkin.id)) == 4


def test_a_mentorship_is_edited_ended_and_deleted_with_what_it_holds(pair):
    me, ana, ship = pair
    checkin = checkins.create_checkin(ship.id, D(2026, 10, 1), new_actions=[NewAction("x")])
    with pytest.raises(ValueError, match="after its first check-in"):
        mentorships.update_mentorship(ship.id, D(2026, 10, 2), 14, "", None)
    mentorships.update_mentorship(ship.id, D(2026, 8, 1), 7, "Kubernetes", None)
    assert (Mentorship.get().started_on, Mentorship.get().cadence_days) == (D(2026, 8, 1), 7)

    with pytest.raises(ValueError, match="end date is before the start date"):
        mentorships.end_mentorship(ship.id, D(2026, 7, 1))
    with pytest.raises(ValueError, match=r"end date is before its last check-in \(2026-10-01\)"):
        mentorships.end_mentorship(ship.id, D(2026, 9, 30))
    mentorships.end_mentorship(ship.id, D(2026, 10, 1))  # the day of the last check-in: fine
    mentorships.end_mentorship(ship.id, D(2026, 11, 20))
    row = mentorship_list.page(TODAY)[0]
    assert (row.ended_on, row.due_on, row.checkins) == (D(2026, 11, 20), None, 1)  # history stays

    facts = mentorships.facts(ship.id)
    assert (facts.label, facts.checkins, facts.actions) == ("Bo Chen → Ana Ruiz", 1, 1)
    mentorships.delete_mentorship(ship.id)
    assert (Mentorship.select().count(), CheckIn.select().count(), ActionItem.select().count()) == (0, 0, 0)
    assert checkin_view.view(checkin.id, TODAY) is None


def test_deleting_a_check_in_takes_its_action_items(pair):
    _, _, ship = pair
    checkin = checkins.create_checkin(ship.id, TODAY, new_actions=[NewAction("x"), NewAction("y")])
    assert checkins.facts(checkin.id).actions == 2
    checkins.delete_checkin(checkin.id)
    assert (CheckIn.select().count(), ActionItem.select().count()) == (0, 0)
    with pytest.raises(ValueError, match="no longer exists"):
        checkins.delete_checkin(checkin.id)


def test_an_import_refuses_a_check_in_before_its_mentorship_in_the_database_started(pair, tmp_path):
    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.toml_import import import_files

    _, _, ship = pair
    path = tmp_path / "late.toml"
    path.write_text(
        'format = "mentor-tui"\nversion = 1\nexported_at = 2026-11-26T10:15:00Z\nscope = "person"\n'
        "includes_private = false\n\n[[checkins]]\n"
        f'uuid = "c-early"\nmentorship = "{ship.uuid}"\nheld_on = 2026-08-31\n'
        'progress = ""\nblockers = ""\nnext_steps = ""\n'
    )
    with pytest.raises(ExchangeError, match=r"checkins\[0\].held_on: .* before its mentorship started \(2026-09-01\)"):
        import_files([path])
    assert CheckIn.select().count() == 0
    path.write_text(path.read_text().replace("2026-08-31", "2026-09-01"))
    import_files([path])
    assert CheckIn.select().count() == 1


def test_an_item_made_at_a_later_check_in_is_neither_offered_nor_done_at_an_earlier_one(pair):
    """Editing the check-in of 1 October must not tick an item the 1 November check-in made: it
    would be done a month before it existed."""
    me, ana, ship = pair
    october = checkins.create_checkin(ship.id, D(2026, 10, 1), "ok")
    november = checkins.create_checkin(ship.id, D(2026, 11, 1), "ok", new_actions=[NewAction("Book the deep dive", me.id)])
    later_item = ActionItem.get(ActionItem.checkin == november.id)
    context = checkin_view.form_context(ship.id, october.id, TODAY)
    assert context is not None and [i.text for i in context.open_items] == []
    with pytest.raises(ValueError, match="made at the check-in of 2026-11-01, after this one"):
        checkins.update_checkin(october.id, D(2026, 10, 1), "ok", "", "", None, close_ids=[later_item.id])
    with pytest.raises(ValueError, match="cannot be done here before it was made"):
        checkins.create_checkin(ship.id, D(2026, 10, 15), "ok", close_ids=[later_item.id])
    assert ActionItem.get_by_id(later_item.id).done_on is None
    assert CheckIn.select().count() == 2  # the refused new one was not kept
    edited = checkin_view.form_context(ship.id, None, TODAY)
    assert edited is not None and [i.text for i in edited.open_items] == ["Book the deep dive"]
    checkins.create_checkin(ship.id, D(2026, 11, 15), "ok", close_ids=[later_item.id])
    assert ActionItem.get_by_id(later_item.id).done_on == D(2026, 11, 15)


def test_a_check_in_moves_with_the_items_ticked_at_it_but_never_past_a_later_tick(pair):
    me, ana, ship = pair
    october = checkins.create_checkin(ship.id, D(2026, 10, 19), "ok", new_actions=[NewAction("Write the runbook", me.id)])
    item = ActionItem.get(ActionItem.checkin == october.id)
    next_one = checkins.create_checkin(ship.id, D(2026, 10, 23), "ok", close_ids=[item.id])  # ticked done there
    with pytest.raises(ValueError, match=r"“Write the runbook” would be done on 2026-10-23, before the check-in of "
                                         r"2026-10-30 that made it"):
        checkins.update_checkin(october.id, D(2026, 10, 30), "ok", "", "", None)
    assert CheckIn.get_by_id(october.id).held_on == D(2026, 10, 19)
    # ticked at the check-in itself: the done date moves with it
    own = checkins.create_checkin(ship.id, D(2026, 11, 2), "ok", new_actions=[NewAction("Pair on alerts", me.id)])
    mine = ActionItem.get(ActionItem.checkin == own.id)
    checkins.update_checkin(own.id, D(2026, 11, 2), "ok", "", "", None,
                            items=[ItemEdit(mine.id, "Pair on alerts", me.id, None, True)])
    assert ActionItem.get_by_id(mine.id).done_on == D(2026, 11, 2)
    checkins.update_checkin(own.id, D(2026, 11, 9), "ok", "", "", None,
                            items=[ItemEdit(mine.id, "Pair on alerts", me.id, None, True)])
    assert ActionItem.get_by_id(mine.id).done_on == D(2026, 11, 9)
    # the check-in that ticked it moved before the one that made it: refused too
    with pytest.raises(ValueError, match="would be done on 2026-10-10, before the check-in of 2026-10-19 that made it"):
        checkins.update_checkin(next_one.id, D(2026, 10, 10), "ok", "", "", None)
    assert ActionItem.get_by_id(item.id).done_on == D(2026, 10, 23)
