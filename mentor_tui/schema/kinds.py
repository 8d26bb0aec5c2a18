"""Every record kind of mentor-tui, declared once (see the package docstring)."""

from __future__ import annotations

from typing import Any

from mentor_tui.schema.types import (
    ALIASES,
    BOOL,
    CHOICE,
    DATE,
    INT,
    LINE,
    MOMENT,
    MOMENTS,
    REF,
    REFS,
    RULE,
    SLUG,
    STAMP,
    TEXT,
    ZONE,
    Field,
    Kind,
)
from mentor_tui.vocabulary import (
    GOAL_KINDS,
    GOAL_STATUSES,
    INCIDENT_ROLES,
    OWNERSHIP_KINDS,
    PLAN_KINDS,
    PLAN_STATUSES,
    ROLES,
    SESSION_KINDS,
    SEVERITIES,
)

TEAM_LONGEST = 60  # a team's name: a heading in the Team section, a word in sentences


def _f(name: str, type_: str, **kw: Any) -> Field:
    return Field(name, type_, **kw)


UUID = _f("uuid", LINE, required=True, nonblank=True, doc="any unique string; the app writes UUID4 text")
UPDATED_AT = _f(
    "updated_at", STAMP,
    doc="the last change of this record (UTC); an import keeps the newer side. Absent: the file's exported_at",
)

KINDS: dict[str, Kind] = {}


def _kind(kind: Kind) -> None:
    KINDS[kind.name] = kind


_kind(Kind(
    "people", "people", "Person", "people",
    (
        UUID,
        _f("name", LINE, required=True, nonblank=True),
        _f("role", CHOICE, required=True, choices=ROLES),
        _f("email", LINE, pattern=r"\s*[^@\s]+@[^@\s]+\s*", pattern_words="an email address like ana@example.com"),
        _f("team", LINE, empty="", longest=TEAM_LONGEST, doc='the team they work in, e.g. "platform"; a skill held within one team only is a silo'),
        _f("aliases", ALIASES, doc="other uuids this person was known by (after a merge); a file naming one means this person"),
        UPDATED_AT,
    ),
    local_only=("id", "is_me", "archived"),
    referable_as="person",
    summary="the people of the program",
))
_kind(Kind(
    "competencies", "competencies", "Competency", "competencies",
    (
        _f("key", SLUG, required=True, doc="what goals and ratings refer to, e.g. chaos-engineering"),
        _f("name", LINE, required=True, nonblank=True),
        _f("description", TEXT, required=True, empty=""),
        UPDATED_AT,
    ),
    identity="key",
    local_only=("id", "builtin"),
    referable_as="competency",
    summary="user-made competencies (the built-in keys need not be listed)",
))
_kind(Kind(
    "mentorships", "mentorships", "Mentorship", "mentorships",
    (
        UUID,
        _f("mentor", REF, required=True, ref="person"),
        _f("mentee", REF, required=True, ref="person"),
        _f("started_on", DATE, required=True),
        _f("ended_on", DATE, doc="optional: ending keeps the history"),
        _f("focus", TEXT, required=True, empty=""),
        _f("cadence_days", INT, required=True, low=1, high=365, doc="how often a check-in is due, in days"),
        UPDATED_AT,
    ),
    local_only=("id",),
    dates_in_order=(("started_on", "ended_on"),),
    distinct=(("mentor", "mentee", "a person cannot mentor themselves"),),
    referable_as="mentorship",
    summary="who mentors whom, since when, how often check-ins are due",
))
_kind(Kind(
    "plans", "plans", "Plan", "plans",
    (
        UUID,
        _f("owner", REF, required=True, ref="person", doc="the mentee who follows the plan"),
        _f("mentor", REF, ref="person"),
        _f("title", LINE, required=True, nonblank=True),
        _f("kind", CHOICE, required=True, choices=PLAN_KINDS),
        _f("template", LINE, doc="the built-in template it came from"),
        _f("start_on", DATE, required=True),
        _f("target_on", DATE),
        _f("status", CHOICE, required=True, choices=PLAN_STATUSES),
        UPDATED_AT,
    ),
    children=("goals",),
    local_only=("id",),
    dates_in_order=(("start_on", "target_on"),),
    summary="learning plans, with their goals",
))
_kind(Kind(
    "goals", "goals", "Goal", "goals",
    (
        UUID,
        _f("title", LINE, required=True, nonblank=True),
        _f("competency", REF, ref="competency", doc="a competency key"),
        _f("kind", CHOICE, required=True, choices=GOAL_KINDS),
        _f("phase", LINE, doc="free text, e.g. 30 / 60 / 90"),
        _f("due_on", DATE),
        _f("status", CHOICE, required=True, choices=GOAL_STATUSES),
        _f("done_on", DATE),
        _f("detail", TEXT, empty="", doc="Markdown"),
        UPDATED_AT,
    ),
    parent="plans",
    parent_field="plan",
    children=("labs",),
    positioned=True,
    local_only=("id", "position"),
    summary="the goals of a plan, in order",
))
_kind(Kind(
    "labs", "labs", "Lab", "labs",
    (
        UUID,
        _f("title", LINE, required=True, nonblank=True),
        _f("detail", TEXT, empty="", doc="Markdown"),
        _f("link", LINE),
        _f("last_practised_on", DATE),
        _f("history", TEXT, empty="", doc="Markdown: the earlier rounds (when each was done, its evidence), oldest first"),
        UPDATED_AT,
    ),
    parent="goals",
    parent_field="goal",
    children=("items",),
    positioned=True,
    local_only=("id", "position"),
    summary="hands-on labs under a goal",
))
_kind(Kind(
    "items", "lab items", "LabItem", "items",
    (
        UUID,
        _f("text", TEXT, required=True, nonblank=True),
        _f("done", BOOL, required=True),
        _f("done_on", DATE),
        _f("evidence", TEXT, doc="a link or a short note"),
        UPDATED_AT,
    ),
    parent="labs",
    parent_field="lab",
    positioned=True,
    local_only=("id", "position"),
    summary="the checklist of a lab, in order",
))
_kind(Kind(
    "checkins", "check-ins", "CheckIn", "checkins",
    (
        UUID,
        _f("mentorship", REF, required=True, ref="mentorship"),
        _f("held_on", DATE, required=True),
        _f("progress", TEXT, required=True, empty="", doc="Markdown"),
        _f("blockers", TEXT, required=True, empty="", doc="Markdown"),
        _f("next_steps", TEXT, required=True, empty="", doc="Markdown"),
        _f("confidence", INT, low=1, high=5),
        _f("private_notes", TEXT, private=True, empty="",
           doc="only in a file with includes_private = true"),
        UPDATED_AT,
    ),
    children=("actions",),
    local_only=("id",),
    summary="check-ins of a mentorship, with action items",
))
_kind(Kind(
    "actions", "action items", "ActionItem", "actions",
    (
        UUID,
        _f("text", TEXT, required=True, nonblank=True),
        _f("owner", REF, ref="person"),
        _f("due_on", DATE),
        _f("done_on", DATE, doc="absent = open"),
        UPDATED_AT,
    ),
    parent="checkins",
    parent_field="checkin",
    positioned=True,
    local_only=("id", "position"),
    summary="action items of a check-in",
))
_kind(Kind(
    "sessions", "sessions", "Session", "sessions",
    (
        UUID,
        _f("title", LINE, required=True, nonblank=True),
        _f("kind", CHOICE, required=True, choices=SESSION_KINDS),
        _f("starts_at", MOMENT, required=True, doc="the first occurrence"),
        _f("timezone", ZONE, doc="the IANA zone the rule repeats in; absent = UTC"),
        _f("duration_minutes", INT, required=True, low=5, high=600),
        _f("rrule", RULE, doc="an RFC 5545 RRULE value"),
        _f("exdates", MOMENTS, empty=(), doc="cancelled occurrences"),
        _f("presenter", REF, ref="person"),
        _f("link", LINE),
        _f("notes", TEXT, empty="", doc="Markdown"),
        _f("all_day", BOOL, empty=False, doc="true: an all-day session; starts_at is midnight UTC of its day"),
        UPDATED_AT,
    ),
    children=("occurrences",),
    local_only=("id",),
    referable_as="session",
    summary="the knowledge-sharing calendar",
))
_kind(Kind(
    "occurrences", "session occurrences", "SessionOccurrence", "occurrences",
    (
        _f("starts_at", MOMENT, required=True, doc="which occurrence"),
        _f("notes", TEXT, required=True, empty=""),
        _f("attendees", REFS, required=True, ref="person", doc="person uuids"),
        _f("moved_to", MOMENT, doc="where this occurrence happens instead (edited alone)"),
        UPDATED_AT,
    ),
    parent="sessions",
    parent_field="session",
    identity="starts_at",
    local_only=("id",),
    summary="what happened at one occurrence: notes and attendance",
))
_kind(Kind(
    "skills", "skill ratings", "SkillRating", "skills",
    (
        UUID,
        _f("person", REF, required=True, ref="person"),
        _f("competency", REF, required=True, ref="competency"),
        _f("level", INT, required=True, low=0, high=5,
           doc="0 none, 1 aware, 2 learning, 3 practitioner, 4 proficient, 5 expert"),
        _f("rated_on", DATE, required=True),
        _f("rated_by", REF, required=True, ref="person", self_word="self", doc='a person uuid, or "self"'),
        _f("evidence", TEXT, doc="a uuid or a link"),
        UPDATED_AT,
    ),
    local_only=("id",),
    summary="skill ratings; the history is kept",
))
_kind(Kind(
    "incidents", "incidents", "Incident", "incidents",
    (
        UUID,
        _f("person", REF, required=True, ref="person"),
        _f("occurred_on", DATE, required=True),
        _f("role", CHOICE, required=True, choices=INCIDENT_ROLES),
        _f("severity", CHOICE, required=True, choices=SEVERITIES),
        _f("title", LINE, required=True, nonblank=True),
        _f("lessons", TEXT, empty="", doc="Markdown"),
        _f("session", REF, ref="session", doc="the session where its lessons were presented"),
        UPDATED_AT,
    ),
    local_only=("id",),
    summary="incidents and on-call shifts someone took part in",
))
_kind(Kind(
    "ownership", "ownership", "Ownership", "ownership",
    (
        UUID,
        _f("person", REF, required=True, ref="person"),
        _f("kind", CHOICE, required=True, choices=OWNERSHIP_KINDS),
        _f("name", LINE, required=True, nonblank=True),
        _f("since", DATE, required=True),
        _f("until", DATE),
        _f("notes", TEXT, empty="", doc="Markdown"),
        UPDATED_AT,
    ),
    local_only=("id",),
    dates_in_order=(("since", "until"),),
    summary="services, SLOs, runbooks and initiatives someone owns",
))
_kind(Kind(
    "kudos", "kudos", "Kudos", "kudos",
    (
        UUID,
        _f("giver", REF, key="from", ref="person"),
        _f("receiver", REF, key="to", required=True, ref="person"),
        _f("given_on", DATE, required=True),
        _f("text", TEXT, required=True, nonblank=True),
        _f("for_ref", TEXT, key="for", doc="a uuid (goal, session, incident) or free text"),
        UPDATED_AT,
    ),
    local_only=("id",),
    distinct=(("giver", "receiver", "kudos are for someone else: the giver cannot be the receiver"),),
    summary="recognition",
))
_kind(Kind(
    "feedback", "feedback", "Feedback", "feedback",
    (
        UUID,
        _f("given_on", DATE, required=True),
        _f("rating", INT, required=True, low=1, high=5),
        _f("text", TEXT, required=True, empty=""),
        _f("person", REF, ref="person", doc="absent = anonymous"),
        UPDATED_AT,
    ),
    local_only=("id",),
    summary="program feedback",
))

# Top-level arrays of a file, in the order they are written.
TOP_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS.values() if k.parent is None)
# Tables behind array fields: attendance rows hold the occurrences' `attendees`,
# person_alias rows a person's `aliases`.
LINK_TABLES = {
    "Attendance": ("occurrences", "attendees", ("occurrence", "person")),
    "PersonAlias": ("people", "aliases", ("person", "uuid")),
}
REFERABLE: dict[str, str] = {k.referable_as: k.name for k in KINDS.values() if k.referable_as}
