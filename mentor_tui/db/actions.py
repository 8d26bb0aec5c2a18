"""Action items of check-ins: what is open, carrying them forward, ticking them done.

An action item belongs to the check-in that made it. It stays open until
ticked done (done_on), whichever later check-in that happens in: a new
check-in's form lists every open item of the mentorship.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import JOIN

from mentor_tui import schema
from mentor_tui.db import people
from mentor_tui.db.mentorships import ref_id, sides
from mentor_tui.db.models import ActionItem, CheckIn, Mentorship, Person, objects


@dataclass(frozen=True)
class ActionLine:
    id: int
    text: str
    owner_id: int | None
    owner: str  # a name, or "" when nobody owns it
    due_on: dt.date | None
    done_on: dt.date | None
    checkin_id: int
    held_on: dt.date  # the check-in that made it

    def overdue(self, today: dt.date) -> bool:
        return self.done_on is None and self.due_on is not None and self.due_on < today


@dataclass(frozen=True)
class NewAction:
    """An action item typed in a form: text, owner (a person id) and due date."""

    text: str
    owner_id: int | None = None
    due_on: dt.date | None = None


@dataclass(frozen=True)
class MyAction:
    line: ActionLine
    mentorship: str  # "mentor → mentee"


def _lines(query) -> list[ActionLine]:
    """The items as a check-in shows them: an owner who left the program marked "(archived)"."""
    return [
        ActionLine(a.id, a.text, a.owner_id, people.shown_name(a.owner_name, a.owner_archived) if a.owner_name else "",
                   a.due_on, a.done_on, a.checkin_id, a.held_on)
        for a in objects(query)
    ]


def _select():
    return (
        ActionItem.select(ActionItem, Person.name.alias("owner_name"), Person.archived.alias("owner_archived"),
                          CheckIn.held_on.alias("held_on"))
        .join(CheckIn)
        .switch(ActionItem)
        .join(Person, JOIN.LEFT_OUTER, on=(ActionItem.owner == Person.id))
    )


def of_checkin(checkin_id: int) -> list[ActionLine]:
    """The items a check-in made, in their order."""
    return _lines(_select().where(ActionItem.checkin == checkin_id).order_by(ActionItem.position, ActionItem.id))


def open_items(mentorship_id: int, other_than: int | None = None) -> list[ActionLine]:
    """Every open item of a mentorship made by its check-ins (but `other_than`), oldest first;
    with `other_than`, only those of the check-ins held before it (a later one's items cannot
    be done at it)."""
    query = _select().where((CheckIn.mentorship == mentorship_id) & ActionItem.done_on.is_null())
    if other_than is not None:
        this = CheckIn.get_or_none(CheckIn.id == other_than)
        query = query.where(CheckIn.id != other_than)
        if this is not None:
            query = query.where((CheckIn.held_on < this.held_on)
                                | ((CheckIn.held_on == this.held_on) & (CheckIn.id < other_than)))
    return _lines(query.order_by(CheckIn.held_on, CheckIn.id, ActionItem.position, ActionItem.id))


def carried_into(checkin_id: int) -> list[ActionLine]:
    """Items of earlier check-ins that were still open at this one (open now, or closed on or after its day)."""
    checkin = CheckIn.get_or_none(CheckIn.id == checkin_id)
    if checkin is None:
        return []
    query = _select().where(
        (CheckIn.mentorship == ref_id(checkin, "mentorship"))
        & (CheckIn.id != checkin_id)
        & ((CheckIn.held_on < checkin.held_on) | ((CheckIn.held_on == checkin.held_on) & (CheckIn.id < checkin_id)))
        & (ActionItem.done_on.is_null() | (ActionItem.done_on >= checkin.held_on))
    )
    return _lines(query.order_by(CheckIn.held_on, CheckIn.id, ActionItem.position, ActionItem.id))


def mine(me_id: int, limit: int = 50) -> list[MyAction]:
    """Open items owned by `me_id`, overdue first (by due date, then those without one)."""
    Mentor = Person.alias("mentor")
    Mentee = Person.alias("mentee")
    query = (
        ActionItem.select(
            ActionItem, Person.name.alias("owner_name"), CheckIn.held_on.alias("held_on"),
            Mentor.name.alias("mentor_name"), Mentee.name.alias("mentee_name"),
        )
        .join(CheckIn)
        .join(Mentorship)
        .join(Mentor, on=(Mentorship.mentor == Mentor.id))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == Mentee.id))
        .switch(ActionItem)
        .join(Person, on=(ActionItem.owner == Person.id))
        .where((ActionItem.owner == me_id) & ActionItem.done_on.is_null())
        .order_by(ActionItem.due_on.is_null(), ActionItem.due_on, CheckIn.held_on, ActionItem.position)
        .limit(limit)
    )
    return [
        MyAction(
            ActionLine(a.id, a.text, a.owner_id, a.owner_name or "", a.due_on, a.done_on, a.checkin_id, a.held_on),
            f"{a.mentor_name} → {a.mentee_name}",
        )
        for a in objects(query)
    ]


def set_done(item_id: int, done_on: dt.date | None) -> ActionItem:
    """Tick an item done on `done_on`, or open it again (None)."""
    schema.check("actions", {"done_on": done_on})
    changed = ActionItem.update(done_on=done_on).where(ActionItem.id == item_id).execute()
    if not changed:
        raise ValueError("that action item no longer exists")
    return ActionItem.get_by_id(item_id)


def check_new(item: NewAction, owners: Iterable[int]) -> None:
    schema.check("actions", {"text": item.text, "due_on": item.due_on})
    if item.owner_id is not None and item.owner_id not in set(owners):
        raise ValueError("an action item is owned by the mentor or the mentee of its check-in")


def add(checkin: CheckIn, items: Iterable[NewAction]) -> list[ActionItem]:
    """Append items to a check-in (after the ones it has)."""
    owners = sides(checkin.mentorship)
    last = ActionItem.select(ActionItem.position).where(ActionItem.checkin == checkin.id)
    position = max((a.position for a in last), default=-1) + 1
    made = []
    for item in items:
        check_new(item, owners)
        made.append(ActionItem.create(
            checkin=checkin, text=item.text, owner=item.owner_id, due_on=item.due_on, position=position
        ))
        position += 1
    return made


_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")


def step_lines(next_steps: str) -> list[str]:
    """The lines of a "next steps" text, one action each: bullets, numbers and check boxes left off."""
    lines = []
    for raw in next_steps.splitlines():
        text = _BULLET.sub("", raw).strip()
        if text and not text.startswith("#"):
            lines.append(text)
    return lines


def add_from_next_steps(checkin_id: int) -> int:
    """Turn the check-in's next-steps lines into action items (lines it already has as items are skipped),
    each the mentee's, as a new item in the check-in form is."""
    db = CheckIn._meta.database
    with db.atomic("IMMEDIATE"):
        checkin = CheckIn.get_or_none(CheckIn.id == checkin_id)
        if checkin is None:
            raise ValueError("that check-in no longer exists")
        have = {a.text.strip() for a in ActionItem.select(ActionItem.text).where(ActionItem.checkin == checkin_id)}
        mentee = checkin.mentorship.mentee.id
        new = [NewAction(line, mentee) for line in step_lines(checkin.next_steps) if line not in have]
        add(checkin, new)
    return len(new)
