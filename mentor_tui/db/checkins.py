"""Check-ins: recording, editing and deleting one, with its action items.

A check-in is dated within its mentorship: on or after its start and, once it
has ended, on or before its end (a date in the future
is the form's question, not the store's refusal). Private notes are read
only by `checkin_view.view` for "me" as the mentor; an edit by anyone else
passes `private_notes=None` and leaves them as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mentor_tui import schema
from mentor_tui.db import actions
from mentor_tui.db.actions import NewAction
from mentor_tui.db.mentorships import sides
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship, Person


@dataclass(frozen=True)
class ItemEdit:
    """An existing action item of the check-in as the form leaves it; empty text deletes it."""

    id: int
    text: str
    owner_id: int | None
    due_on: dt.date | None
    done: bool


@dataclass(frozen=True)
class CheckInFacts:
    label: str  # "held on 2026-11-20 (Bo Chen → Ana Ruiz)"
    actions: int


def _mentorship(mentorship_id: int) -> Mentorship:
    mentorship = Mentorship.get_or_none(Mentorship.id == mentorship_id)
    if mentorship is None:
        raise ValueError("that mentorship no longer exists")
    return mentorship


def _check(mentorship: Mentorship, values: dict) -> None:
    schema.check("checkins", values)
    if values["held_on"] < mentorship.started_on:
        raise schema.RecordError(
            "held_on", f"the date is before the mentorship started ({mentorship.started_on.isoformat()})"
        )
    if mentorship.ended_on is not None and values["held_on"] > mentorship.ended_on:
        raise schema.RecordError(
            "held_on", f"the date is after the mentorship ended ({mentorship.ended_on.isoformat()})"
        )


def _texts(progress: str, blockers: str, next_steps: str, confidence: int | None) -> dict:
    return {"progress": progress or "", "blockers": blockers or "", "next_steps": next_steps or "",
            "confidence": confidence}


def create_checkin(
    mentorship_id: int,
    held_on: dt.date,
    progress: str = "",
    blockers: str = "",
    next_steps: str = "",
    confidence: int | None = None,
    private_notes: str = "",
    new_actions: Sequence[NewAction] = (),
    close_ids: Iterable[int] = (),
) -> CheckIn:
    """Record a check-in with its new action items; `close_ids` are open items of earlier
    check-ins ticked done in it (done on its date)."""
    db = CheckIn._meta.database
    with db.atomic("IMMEDIATE"):
        mentorship = _mentorship(mentorship_id)
        values = {"held_on": held_on, **_texts(progress, blockers, next_steps, confidence),
                  "private_notes": private_notes or ""}
        _check(mentorship, values)
        checkin = CheckIn.create(mentorship=mentorship, **values)
        actions.add(checkin, new_actions)
        _close(mentorship_id, close_ids, held_on, checkin.id)
    return checkin


def update_checkin(
    checkin_id: int,
    held_on: dt.date,
    progress: str,
    blockers: str,
    next_steps: str,
    confidence: int | None,
    private_notes: str | None = None,
    items: Sequence[ItemEdit] = (),
    new_actions: Sequence[NewAction] = (),
    close_ids: Iterable[int] = (),
) -> CheckIn:
    """Change a check-in; `private_notes=None` keeps the notes it has (an editor who is not its mentor)."""
    db = CheckIn._meta.database
    with db.atomic("IMMEDIATE"):
        checkin = CheckIn.get_or_none(CheckIn.id == checkin_id)
        if checkin is None:
            raise ValueError("that check-in no longer exists")
        mentorship = checkin.mentorship
        values = {"held_on": held_on, **_texts(progress, blockers, next_steps, confidence)}
        if private_notes is not None:
            values["private_notes"] = private_notes
        _check(mentorship, values)
        if held_on != checkin.held_on:  # the items ticked done at this check-in move with it
            done_here = ActionItem.select(ActionItem.id).join(CheckIn).where(
                (CheckIn.mentorship == mentorship.id) & (ActionItem.done_on == checkin.held_on))
            ActionItem.update(done_on=held_on).where(ActionItem.id.in_(done_here)).execute()
        CheckIn.update(**values).where(CheckIn.id == checkin_id).execute()
        _edit_items(checkin, items, held_on)
        actions.add(checkin, new_actions)
        _close(mentorship.id, close_ids, held_on, checkin_id)
        _done_after_made(mentorship.id, checkin_id, held_on)
    return CheckIn.get_by_id(checkin_id)


def _done_after_made(mentorship_id: int, checkin_id: int, held_on: dt.date) -> None:
    """No action item this check-in made, or ticked done, is done before the check-in that made it
    (a check-in moved past the day a later one ticked its item, or before the check-in an item it
    ticked came from): raised as ValueError, all of the edit rolled back."""
    early = (
        ActionItem.select(ActionItem.text, ActionItem.done_on, CheckIn.held_on).join(CheckIn)
        .where((CheckIn.mentorship == mentorship_id) & (ActionItem.done_on < CheckIn.held_on)
               & ((ActionItem.checkin == checkin_id) | (ActionItem.done_on == held_on)))
        .order_by(ActionItem.done_on).tuples().first()
    )
    if early is not None:
        text, done_on, made_on = early
        raise ValueError(f"the action item “{text}” would be done on {done_on}, before the check-in of "
                         f"{made_on} that made it: keep the date, or reopen the item first")


def _edit_items(checkin: CheckIn, items: Sequence[ItemEdit], held_on: dt.date) -> None:
    owners = sides(checkin.mentorship)
    for item in items:
        row = ActionItem.get_or_none((ActionItem.id == item.id) & (ActionItem.checkin == checkin.id))
        if row is None:
            continue  # deleted meanwhile: nothing to change
        if not item.text.strip():
            row.delete_instance()
            continue
        actions.check_new(NewAction(item.text, item.owner_id, item.due_on), owners)
        done_on = (row.done_on or held_on) if item.done else None
        ActionItem.update(text=item.text, owner=item.owner_id, due_on=item.due_on, done_on=done_on).where(
            ActionItem.id == item.id
        ).execute()


def _close(mentorship_id: int, item_ids: Iterable[int], on: dt.date, checkin_id: int) -> None:
    """Tick items of earlier check-ins done on `on` (this check-in's day). An item made at a
    check-in held after it is refused: it would be done before it was made."""
    ids = list(item_ids)
    if not ids:
        return
    later = (
        ActionItem.select(ActionItem.text, CheckIn.held_on).join(CheckIn)
        .where(ActionItem.id.in_(ids) & (CheckIn.mentorship == mentorship_id) & (CheckIn.id != checkin_id)
               & ((CheckIn.held_on > on) | ((CheckIn.held_on == on) & (CheckIn.id > checkin_id))))
        .order_by(CheckIn.held_on, ActionItem.id).tuples().first()
    )
    if later is not None:
        text, made_on = later
        raise ValueError(f"“{text}” was made at the check-in of {made_on}, after this one ({on}): "
                         "it cannot be done here before it was made")
    earlier = CheckIn.select(CheckIn.id).where((CheckIn.mentorship == mentorship_id) & (CheckIn.id != checkin_id))
    ActionItem.update(done_on=on).where(
        ActionItem.id.in_(ids) & ActionItem.checkin.in_(earlier) & ActionItem.done_on.is_null()
    ).execute()


def facts(checkin_id: int) -> CheckInFacts | None:
    checkin = CheckIn.get_or_none(CheckIn.id == checkin_id)
    if checkin is None:
        return None
    m = checkin.mentorship
    label = f"held on {checkin.held_on.isoformat()} ({m.mentor.name} → {m.mentee.name})"
    return CheckInFacts(label, ActionItem.select().where(ActionItem.checkin == checkin_id).count())


def delete_checkin(checkin_id: int) -> CheckInFacts:
    """Delete a check-in and the action items it made."""
    db = CheckIn._meta.database
    with db.atomic("IMMEDIATE"):
        gone = facts(checkin_id)
        if gone is None:
            raise ValueError("that check-in no longer exists")
        CheckIn.delete().where(CheckIn.id == checkin_id).execute()
    return gone


def is_mentor(mentorship_id: int, person: Person | None) -> bool:
    """Whether `person` (usually me) is the mentor of the mentorship: only then are private notes shown."""
    if person is None:
        return False
    return Mentorship.select().where((Mentorship.id == mentorship_id) & (Mentorship.mentor == person.id)).exists()
