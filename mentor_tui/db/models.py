"""The data model of DESIGN.md, one peewee model per record kind.

Every record that travels in an export has a `uuid` (text, stable across
machines) beside its integer id. Dates are stored as ISO dates, moments as
UTC ISO text ending in `Z`, so both sort as text.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Iterable, Iterator
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

database_proxy = DatabaseProxy()

def new_uuid() -> str:
    return str(uuid_module.uuid4())


def to_change_text(value: dt.datetime) -> str:
    """A moment of change as `updated_at` keeps it: UTC text with milliseconds (sorts as text)."""
    if value.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def to_utc_text(value: dt.datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


def moments_to_text(moments: Iterable[dt.datetime]) -> str:
    """Moments as the store keeps a list of them: sorted distinct UTC ISO text, one per line."""
    return "\n".join(sorted({to_utc_text(moment) for moment in moments}))


def moments_from_text(text: str | None) -> tuple[dt.datetime, ...]:
    """The sorted distinct aware UTC moments of `moments_to_text` text; damaged lines are skipped."""
    moments: set[dt.datetime] = set()
    for line in (text or "").split():
        try:
            moment = dt.datetime.fromisoformat(line.replace("Z", "+00:00"))
            if moment.tzinfo is not None:  # a moment without its zone names no instant: skipped too
                moments.add(moment.astimezone(dt.UTC).replace(microsecond=0))
        except (ValueError, OverflowError):
            continue
    return tuple(sorted(moments))


def stored_value(value: Any) -> Any:
    """A value as the store keeps it (what peewee writes): ISO dates, UTC text, 0/1.

    For code that writes plain SQL (bulk inserts, the importer).
    """
    if isinstance(value, dt.datetime):
        return to_utc_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


class UTCDateTimeField(Field):
    """An aware datetime stored as UTC ISO text (`2026-11-26T10:00:00Z`)."""

    field_type = "TEXT"

    def db_value(self, value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return to_utc_text(value)

    def python_value(self, value: Any) -> Any:
        return None if value is None else from_utc_text(value)


class ChangeMomentField(Field):
    """`updated_at`: kept by the database's triggers (migration 3); see `to_change_text`."""

    field_type = "TEXT"

    def db_value(self, value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return to_change_text(value)

    def python_value(self, value: Any) -> Any:
        return None if value is None else from_utc_text(value)


class UTCMomentListField(Field):
    """A sorted tuple of distinct aware UTC datetimes, stored as `moments_to_text` TEXT
    ('' for none). Text given instead of moments is normalised the same way."""

    field_type = "TEXT"

    def db_value(self, value: Any) -> Any:
        if value is None:
            return ""
        return moments_to_text(moments_from_text(value) if isinstance(value, str) else value)

    def python_value(self, value: Any) -> Any:
        return moments_from_text(value)


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class UUIDModel(BaseModel):
    uuid = CharField(unique=True, default=new_uuid)
    # the last local change, or the newer file's (set by triggers: never write it by hand)
    updated_at = ChangeMomentField(null=True)


class Person(UUIDModel):
    name = CharField(index=True)
    role = CharField(default="mentee")
    is_me = BooleanField(default=False, index=True)
    email = CharField(null=True)
    archived = BooleanField(default=False)
    team = CharField(default="")


class PersonAlias(BaseModel):
    """Another uuid the same person is known by (from a merge or an import's email match)."""

    person = ForeignKeyField(Person, backref="aliases", on_delete="CASCADE")
    uuid = CharField(unique=True)


class Mentorship(UUIDModel):
    mentor = ForeignKeyField(Person, backref="mentees_of", on_delete="CASCADE")
    mentee = ForeignKeyField(Person, backref="mentors_of", on_delete="CASCADE")
    started_on = DateField()
    ended_on = DateField(null=True)
    focus = TextField(default="")
    cadence_days = IntegerField(default=14)


class Competency(BaseModel):
    key = CharField(unique=True)
    name = CharField()
    description = TextField(default="")
    builtin = BooleanField(default=False)
    updated_at = ChangeMomentField(null=True)


class Plan(UUIDModel):
    owner = ForeignKeyField(Person, backref="plans", on_delete="CASCADE")
    mentor = ForeignKeyField(Person, null=True, backref="mentored_plans", on_delete="SET NULL")
    title = CharField()
    kind = CharField(default="custom")
    template = CharField(null=True)
    start_on = DateField()
    target_on = DateField(null=True)
    status = CharField(default="active", index=True)


class Goal(UUIDModel):
    plan = ForeignKeyField(Plan, backref="goals", on_delete="CASCADE")
    competency = ForeignKeyField(Competency, null=True, backref="goals", on_delete="SET NULL")
    title = CharField()
    detail = TextField(default="")
    kind = CharField(default="skill")
    phase = CharField(null=True)
    due_on = DateField(null=True)
    status = CharField(default="todo", index=True)
    done_on = DateField(null=True)
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("plan", "position"), False),)


class Lab(UUIDModel):
    goal = ForeignKeyField(Goal, backref="labs", on_delete="CASCADE")
    title = CharField()
    detail = TextField(default="")
    link = CharField(null=True)
    last_practised_on = DateField(null=True)
    position = IntegerField(default=0)
    history = TextField(default="")  # Markdown, one entry per earlier round (lab_items.reset_lab)

    class Meta:
        indexes = ((("goal", "position"), False),)


class LabItem(UUIDModel):
    lab = ForeignKeyField(Lab, backref="items", on_delete="CASCADE")
    text = TextField()
    done = BooleanField(default=False)
    done_on = DateField(null=True)
    evidence = TextField(null=True)
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("lab", "position"), False),)


class CheckIn(UUIDModel):
    mentorship = ForeignKeyField(Mentorship, backref="checkins", on_delete="CASCADE")
    held_on = DateField(index=True)
    progress = TextField(default="")
    blockers = TextField(default="")
    next_steps = TextField(default="")
    confidence = IntegerField(null=True)
    # Mentor-only. Never exported unless the user asks by name (--include-private).
    private_notes = TextField(default="")

    class Meta:
        indexes = ((("mentorship", "held_on"), False),)


class ActionItem(UUIDModel):
    checkin = ForeignKeyField(CheckIn, backref="actions", on_delete="CASCADE")
    text = TextField()
    owner = ForeignKeyField(Person, null=True, backref="action_items", on_delete="SET NULL")
    due_on = DateField(null=True)
    done_on = DateField(null=True, index=True)
    position = IntegerField(default=0)


class Session(UUIDModel):
    """A knowledge-sharing session; occurrences are computed from `rrule`."""

    title = CharField()
    kind = CharField(default="other")
    starts_at = UTCDateTimeField(index=True)
    timezone = CharField(null=True)  # IANA zone the rule repeats in; None = UTC
    duration_minutes = IntegerField(default=60)
    rrule = TextField(null=True)  # RFC 5545 RRULE value, without "RRULE:"
    exdates = UTCMomentListField(default=())  # UTC starts of cancelled occurrences
    presenter = ForeignKeyField(Person, null=True, backref="sessions_presented", on_delete="SET NULL")
    link = CharField(null=True)
    notes = TextField(default="")
    all_day = BooleanField(default=False)  # starts_at is midnight UTC of the day; the zone is not used


class SessionOccurrence(BaseModel):
    """What happened at one occurrence of a session: notes and attendance."""

    session = ForeignKeyField(Session, backref="occurrences", on_delete="CASCADE")
    starts_at = UTCDateTimeField()  # where the rule puts it: the occurrence's identity
    notes = TextField(default="")
    moved_to = UTCDateTimeField(null=True)  # where it happens instead ("edit this occurrence only")
    updated_at = ChangeMomentField(null=True)

    class Meta:
        indexes = ((("session", "starts_at"), True),)


class Attendance(BaseModel):
    occurrence = ForeignKeyField(SessionOccurrence, backref="attendance", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="attended", on_delete="CASCADE")

    class Meta:
        indexes = ((("occurrence", "person"), True),)


class SkillRating(UUIDModel):
    person = ForeignKeyField(Person, backref="ratings", on_delete="CASCADE")
    competency = ForeignKeyField(Competency, backref="ratings", on_delete="CASCADE")
    level = IntegerField()
    rated_on = DateField()
    rated_by = ForeignKeyField(Person, null=True, backref="ratings_given", on_delete="SET NULL")  # None = self
    evidence = TextField(null=True)

    class Meta:
        indexes = ((("person", "competency", "rated_on"), False),)


class Incident(UUIDModel):
    person = ForeignKeyField(Person, backref="incidents", on_delete="CASCADE")
    occurred_on = DateField(index=True)
    role = CharField(default="shadow")
    severity = CharField(default="SEV3")
    title = CharField()
    lessons = TextField(default="")
    session = ForeignKeyField(Session, null=True, backref="incidents", on_delete="SET NULL")


class Ownership(UUIDModel):
    person = ForeignKeyField(Person, backref="ownerships", on_delete="CASCADE")
    kind = CharField()
    name = CharField()
    since = DateField()
    until = DateField(null=True)
    notes = TextField(default="")


class Kudos(UUIDModel):
    giver = ForeignKeyField(Person, null=True, backref="kudos_given", on_delete="SET NULL", column_name="from_id")
    receiver = ForeignKeyField(Person, backref="kudos_received", on_delete="CASCADE", column_name="to_id")
    given_on = DateField(index=True)
    text = TextField()
    for_ref = TextField(null=True)  # a uuid (goal, session, incident) or free text


class Feedback(UUIDModel):
    given_on = DateField()
    rating = IntegerField()
    text = TextField(default="")
    person = ForeignKeyField(Person, null=True, backref="feedback_given", on_delete="SET NULL")  # None = anonymous


ALL_MODELS: tuple[type[BaseModel], ...] = (
    Person,
    PersonAlias,
    Mentorship,
    Competency,
    Plan,
    Goal,
    Lab,
    LabItem,
    CheckIn,
    ActionItem,
    Session,
    SessionOccurrence,
    Attendance,
    SkillRating,
    Incident,
    Ownership,
    Kudos,
    Feedback,
)


def objects(query: Any) -> Iterator[Any]:
    """The rows of a joined query, with aliased columns as attributes.

    Typed loosely on purpose: aliases (`Person.name.alias("owner_name")`) are
    attributes the type checker cannot know about.
    """
    return iter(query.objects())
