"""Constants of the exchange format, version 1 (FORMAT.md)."""

from __future__ import annotations

from mentor_tui import APP_NAME, __version__

FORMAT_NAME = "mentor-tui"
FORMAT_VERSION = 1
GENERATOR = f"{APP_NAME} {__version__}"
SCOPES = ("person", "plan", "team", "template")
MAX_FILE_BYTES = 10 * 1024 * 1024

HEADER_KEYS = ("format", "version", "exported_at", "generator", "scope", "includes_private")
# Top-level arrays of tables, in the order they are written.
TOP_ARRAYS = (
    "people",
    "competencies",
    "mentorships",
    "plans",
    "checkins",
    "sessions",
    "skills",
    "incidents",
    "ownership",
    "kudos",
    "feedback",
)
TOP_KEYS = HEADER_KEYS + TOP_ARRAYS

# Every kind of record, nested ones included, in the order a summary lists them.
KINDS = (
    "people",
    "competencies",
    "mentorships",
    "plans",
    "goals",
    "labs",
    "items",
    "checkins",
    "actions",
    "sessions",
    "occurrences",
    "skills",
    "incidents",
    "ownership",
    "kudos",
    "feedback",
)
KIND_LABELS = {
    "people": "people",
    "competencies": "competencies",
    "mentorships": "mentorships",
    "plans": "plans",
    "goals": "goals",
    "labs": "labs",
    "items": "lab items",
    "checkins": "check-ins",
    "actions": "action items",
    "sessions": "sessions",
    "occurrences": "session occurrences",
    "skills": "skill ratings",
    "incidents": "incidents",
    "ownership": "ownership",
    "kudos": "kudos",
    "feedback": "feedback",
}
