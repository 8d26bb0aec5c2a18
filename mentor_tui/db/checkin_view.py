"""Check-ins as the screens read them: one whole, a mentorship's timeline, what a form needs.

Private notes are read here only when "me" is the mentor of the mentorship;
for anyone else they are None, so no screen can show them by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mentor_tui.db import actions, blockers, mentorship_list
from mentor_tui.db.actions import ActionLine
from mentor_tui.db.blockers import BlockerAge
from mentor_tui.db.mentorship_list import MentorshipRow
from mentor_tui.db.mentorships import ref_id
from mentor_tui.db.models import CheckIn


@dataclass(frozen=True)
class CheckInView:
    id: int
    mentorship: MentorshipRow
    held_on: dt.date
    progress: str
    blockers: str
    next_steps: str
    confidence: int | None
    private_notes: str | None  # None unless "me" is the mentor
    actions: tuple[ActionLine, ...]  # made in this check-in
    carried: tuple[ActionLine, ...]  # made earlier, still open at this check-in
    blocker: BlockerAge | None

    @property
    def me_is_mentor(self) -> bool:
        return self.mentorship.me_is_mentor


@dataclass(frozen=True)
class Timeline:
    mentorship: MentorshipRow
    entries: tuple[CheckInView, ...]  # newest first
    total: int  # check-ins in all (entries may be the newest of them only)


@dataclass(frozen=True)
class FormContext:
    """What the check-in form needs: the mentorship, the check-in edited (or None), the open items."""

    mentorship: MentorshipRow
    checkin: CheckInView | None
    open_items: tuple[ActionLine, ...]  # open items of the other check-ins, to tick done or keep open


def _view(c: CheckIn, head: MentorshipRow, ages: dict[int, BlockerAge], carried: list[ActionLine]) -> CheckInView:
    return CheckInView(
        c.id, head, c.held_on, c.progress, c.blockers, c.next_steps, c.confidence,
        c.private_notes if head.me_is_mentor else None,
        tuple(actions.of_checkin(c.id)), tuple(carried), ages.get(c.id),
    )


def view(checkin_id: int, today: dt.date) -> CheckInView | None:
    checkin = CheckIn.get_or_none(CheckIn.id == checkin_id)
    if checkin is None:
        return None
    head = mentorship_list.one(ref_id(checkin, "mentorship"), today)
    if head is None:
        return None
    return _view(checkin, head, blockers.history(head.id), actions.carried_into(checkin_id))


def timeline(mentorship_id: int, today: dt.date, limit: int = 10) -> Timeline | None:
    head = mentorship_list.one(mentorship_id, today)
    if head is None:
        return None
    ages = blockers.history(mentorship_id)
    query = (
        CheckIn.select()
        .where(CheckIn.mentorship == mentorship_id)
        .order_by(CheckIn.held_on.desc(), CheckIn.id.desc())
        .limit(limit)
    )
    entries = tuple(_view(c, head, ages, []) for c in query)
    return Timeline(head, entries, head.checkins)


def form_context(mentorship_id: int, checkin_id: int | None, today: dt.date) -> FormContext | None:
    head = mentorship_list.one(mentorship_id, today)
    if head is None:
        return None
    checkin = view(checkin_id, today) if checkin_id is not None else None
    if checkin_id is not None and checkin is None:
        return None
    return FormContext(head, checkin, tuple(actions.open_items(mentorship_id, other_than=checkin_id)))

