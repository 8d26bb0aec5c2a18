"""The parts a record kind is described with: field types, `Field`, `Kind`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

# Field types. A `line` is one line of text; `text` may span lines (Markdown).
LINE = "line"
TEXT = "text"
SLUG = "slug"
DATE = "date"
MOMENT = "moment"
MOMENTS = "moments"  # an array of moments (cancelled occurrences)
INT = "int"
BOOL = "bool"
CHOICE = "choice"
REF = "ref"  # a uuid (or competency key) of another record
REFS = "refs"  # an array of person uuids (attendees)
ZONE = "zone"  # an IANA time zone name
RULE = "rule"  # an RFC 5545 RRULE value
STAMP = "stamp"  # `updated_at`: an offset date-time kept to the millisecond
ALIASES = "aliases"  # an array of other uuids of the same record (a person's, after a merge)

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SLUG_MAX = 100


@dataclass(frozen=True)
class Field:
    name: str  # the model field
    type: str
    key: str = ""  # the key in the file; "" = name
    required: bool = False  # the file must have it; required fields are always written
    nonblank: bool = False  # not empty or only white space
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    ref: str | None = None  # person | mentorship | session | competency
    self_word: str | None = None  # a word the file may write instead of a reference (rated_by = "self")
    private: bool = False  # written and read only when the file includes private notes
    empty: Any = None  # what an absent optional value is stored as: None, or "" for texts
    longest: int | None = None  # a line of at most this many characters (None: no limit)
    pattern: str | None = None  # a line that is empty or matches this (re.fullmatch)
    pattern_words: str = ""  # what the pattern asks for, after "expected"
    doc: str = ""  # what it means, for docs/exchange-format.md

    @property
    def file_key(self) -> str:
        return self.key or self.name

    @functools.cached_property
    def any_string(self) -> bool:
        """Any string is valid (readers skip the full check for those)."""
        return self.type in (LINE, TEXT) and not self.nonblank and self.longest is None and self.pattern is None


@dataclass(frozen=True)
class Kind:
    name: str  # plural, as counted: "goals"
    label: str  # as shown in summaries: "lab items"
    model: str  # the peewee model's class name
    key: str  # the array key in the file (under the parent's table for children)
    fields: tuple[Field, ...]
    parent: str | None = None  # the kind this one nests under
    parent_field: str | None = None  # the model field that points at the parent row
    children: tuple[str, ...] = ()
    identity: str = "uuid"  # uuid | key (competencies) | starts_at (occurrences, within a session)
    positioned: bool = False  # order in the file is the model's `position`
    local_only: tuple[str, ...] = ()  # model fields that never travel
    dates_in_order: tuple[tuple[str, str], ...] = ()  # (earlier, later) field names
    distinct: tuple[tuple[str, str, str], ...] = ()  # (field, field, message): must not be equal
    referable_as: str | None = None  # what a REF field calls this kind
    summary: str = ""  # one line for the docs

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no field {name!r}")

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        """Every key a table of this kind may have in a file (children included)."""
        from mentor_tui.schema.kinds import KINDS  # the kinds are declared with this class

        return (*(f.file_key for f in self.fields), *(KINDS[c].key for c in self.children))
