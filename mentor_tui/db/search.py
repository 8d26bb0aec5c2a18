"""Full-text search over the notes (SQLite FTS5, through playhouse.sqlite_ext).

The index is the `search_index` table of the migration step `*_search_index.sql`;
SQLite triggers keep it in step with every write, so nothing here writes. A row's
rowid is the record's id * 16 + its kind's code (KIND_BY_CODE).

`search(text)` turns what the user typed into a safe FTS5 query (`fts_query`: every
word quoted, the last one a prefix), ranks the hits (a hit in a title above one in
the notes) and returns them with their date, title and a snippet whose matches are
marked with HIT_START / HIT_END (`marked_parts` splits them). Private notes are
searched only with `include_private`, and then only those of check-ins whose
mentor is "me": a mentee, a lead or anyone else never gets a private hit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from peewee import JOIN, SQL, Expression, fn
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from mentor_tui.db.models import (
    CheckIn,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Mentorship,
    Person,
    Plan,
    Session,
    SessionOccurrence,
    database_proxy,
    objects,
)
from mentor_tui.db.search_sync import CODES  # rowid = record id * CODES + code

# code -> kind; the codes are the migration step's, never renumber them
KIND_BY_CODE = {
    1: "checkin",
    2: "private",
    3: "goal",
    4: "lab",
    5: "lab-item",
    6: "session",
    7: "occurrence",
    8: "incident",
    9: "kudos",
}
PRIVATE_CODE = 2
# kind -> what a person calls it
KIND_LABELS = {
    "checkin": "check-in",
    "private": "private note",
    "goal": "goal",
    "lab": "lab",
    "lab-item": "lab evidence",
    "session": "session",
    "occurrence": "session notes",
    "incident": "incident",
    "kudos": "kudos",
}
# kinds whose index row holds their title (highlighted in the results)
TITLED = frozenset({"goal", "lab", "session", "incident"})

HIT_START = "\x02"
HIT_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 16
MAX_TERMS = 16
MAX_QUERY_CHARS = 500
DEFAULT_LIMIT = 50


class SearchIndex(FTS5Model):
    """The FTS5 table the triggers fill; read here only."""

    rowid = RowIDField()
    title = SearchField()
    body = SearchField()

    class Meta:
        database = database_proxy
        table_name = "search_index"


@dataclass(frozen=True)
class Hit:
    kind: str  # a KIND_BY_CODE value
    record_id: int  # the id of the record in its own table
    when: dt.date | dt.datetime | None  # a date, or a session's start (aware, UTC)
    title: str  # may hold HIT_START / HIT_END marks (kinds in TITLED)
    context: str  # whose it is, or where it lives: "Ana Ruiz · plan “Kubernetes track”" ("" for check-ins)
    snippet: str  # the notes around the match, marked with HIT_START / HIT_END

    @property
    def private(self) -> bool:
        return self.kind == "private"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


def fts_query(text: str) -> str | None:
    """A query FTS5 cannot misread: each word a quoted string (so `"`, `*`, `-`, `^`, `:`,
    AND, NEAR( are only text), all of them required, the last one a prefix while it is
    being typed. None when nothing in `text` could be found (no letter or digit)."""
    text = text[:MAX_QUERY_CHARS]
    words = text.split()
    terms = [t for t in words if any(c.isalnum() for c in t)][:MAX_TERMS]
    if not terms:
        return None
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    still_typing = words[-1] is terms[-1] and terms[-1][-1].isalnum() and text == text.rstrip()
    if still_typing:
        quoted[-1] += "*"
    return " ".join(quoted)


def marked_parts(text: str) -> list[tuple[str, bool]]:
    """`text` cut at its HIT marks: (piece, is a hit), in order, marks left out."""
    parts: list[tuple[str, bool]] = []
    hit = False
    piece = ""
    for char in text:
        if char in (HIT_START, HIT_END):
            if piece:
                parts.append((piece, hit))
            piece, hit = "", char == HIT_START
        else:
            piece += char
    if piece:
        parts.append((piece, hit))
    return parts


def unmarked(text: str) -> str:
    return text.replace(HIT_START, "").replace(HIT_END, "")


_CONTROL = dict.fromkeys([*range(32), 127], " ")
_SPACES = re.compile(" {2,}")
# Markdown's marks, which read as noise once the lines are joined: bold and code marks go,
# a list item's bullet becomes "•" (it is where one item ends and the next begins), a
# heading's or quote's mark goes. Underscores stay (snake_case and __init__ are common).
_INLINE_MARKS = re.compile(r"\*\*|`")
_BULLET = re.compile(r"(^|\n)[ \t]*[-*+][ \t]+")
_LINE_MARK = re.compile(r"(^|\n)[ \t]*(?:#{1,6}|>)[ \t]+")


def _without_markdown(text: str) -> str:
    text = _BULLET.sub(r"\1• ", text)
    return _INLINE_MARKS.sub("", _LINE_MARK.sub(r"\1", text))


def one_line_parts(text: str) -> list[tuple[str, bool]]:
    """`marked_parts` for showing on one line: Markdown's marks left out, line breaks, tabs
    and other control characters (a terminal would obey them) become spaces, runs of spaces one."""
    parts: list[tuple[str, bool]] = []
    after_space = True  # nothing before the first piece: drop its leading spaces
    for piece, hit in marked_parts(_without_markdown(text)):
        piece = _SPACES.sub(" ", piece.translate(_CONTROL))
        if after_space:
            piece = piece.lstrip(" ")
        if piece:
            parts.append((piece, hit))
            after_space = piece.endswith(" ")
    if parts and after_space:
        piece, hit = parts.pop()
        if piece.rstrip(" "):
            parts.append((piece.rstrip(" "), hit))
    return parts


def _my_mentored_checkins() -> Any:
    """Ids of the check-ins of mentorships whose mentor is "me" (a subquery)."""
    return (
        CheckIn.select(CheckIn.id)
        .join(Mentorship)
        .join(Person, on=(Mentorship.mentor == Person.id))
        .where(Person.is_me == True)  # noqa: E712 - peewee builds SQL from ==
    )


def search(text: str, *, include_private: bool = False, limit: int = DEFAULT_LIMIT) -> list[Hit]:
    """The best hits for `text`, best first (at most `limit`)."""
    query = fts_query(text)
    if query is None or limit <= 0:
        return []
    rowid = SearchIndex.rowid
    code = Expression(rowid, "%", CODES)  # peewee's own `%` is GLOB
    visible = code != PRIVATE_CODE
    if include_private:
        visible = visible | (rowid / CODES).in_(_my_mentored_checkins())
    table = SearchIndex._meta.entity  # type: ignore[attr-defined]
    rows = (
        SearchIndex.select(
            rowid,
            fn.highlight(table, 0, HIT_START, HIT_END),
            fn.snippet(table, 1, HIT_START, HIT_END, ELLIPSIS, SNIPPET_TOKENS),
        )
        .where(SearchIndex.match(query) & visible)
        .order_by(SQL("rank"))
        .limit(limit)
        .tuples()
    )
    found = [(int(r) // CODES, KIND_BY_CODE.get(int(r) % CODES), title, snippet) for r, title, snippet in rows]
    details = _details(found)
    hits = []
    for record_id, kind, title, snippet in found:
        detail = details.get((kind or "", record_id))
        if kind is None or detail is None:
            continue  # a code this version does not know
        when, plain_title, context = detail
        hits.append(Hit(kind, record_id, when, title if kind in TITLED else plain_title, context, snippet))
    return hits


Detail = tuple[dt.date | dt.datetime | None, str, str]  # when, title, context


def _details(found: Iterable[tuple[int, str | None, str, str]]) -> dict[tuple[str, int], Detail]:
    """Date, plain title and context of each hit's record: one query per kind."""
    ids: dict[str, list[int]] = {}
    for record_id, kind, _title, _snippet in found:
        if kind is not None:
            ids.setdefault(kind, []).append(record_id)
    result: dict[tuple[str, int], Detail] = {}
    for kind, wanted in ids.items():
        reader = _READERS["checkin" if kind == "private" else kind]
        for record_id, detail in reader(wanted):
            result[(kind, record_id)] = detail
    return result


def _checkins(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    Mentor, Mentee = Person.alias("mentor"), Person.alias("mentee")
    query = (
        CheckIn.select(CheckIn.id, CheckIn.held_on, Mentor.name.alias("mentor_name"), Mentee.name.alias("mentee_name"))
        .join(Mentorship)
        .join(Mentor, on=(Mentorship.mentor == Mentor.id))
        .switch(Mentorship)
        .join(Mentee, on=(Mentorship.mentee == Mentee.id))
        .where(CheckIn.id.in_(ids))
    )
    for c in objects(query):
        yield c.id, (c.held_on, f"{c.mentor_name} → {c.mentee_name}", "")


def _goals(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    query = (
        Goal.select(Goal.id, Goal.title, Goal.due_on, Plan.title.alias("plan_title"), Person.name.alias("owner"))
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
        .where(Goal.id.in_(ids))
    )
    for g in objects(query):
        yield g.id, (g.due_on, g.title, f"{g.owner} · plan “{g.plan_title}”")


def _labs(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    query = (
        Lab.select(Lab.id, Lab.title, Lab.last_practised_on, Goal.title.alias("goal_title"), Person.name.alias("owner"))
        .join(Goal)
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
        .where(Lab.id.in_(ids))
    )
    for lab in objects(query):
        yield lab.id, (lab.last_practised_on, lab.title, f"{lab.owner} · goal “{lab.goal_title}”")


def _lab_items(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    query = (
        LabItem.select(LabItem.id, LabItem.text, LabItem.done_on, Lab.title.alias("lab_title"), Person.name.alias("owner"))
        .join(Lab)
        .join(Goal)
        .join(Plan)
        .join(Person, on=(Plan.owner == Person.id))
        .where(LabItem.id.in_(ids))
    )
    for item in objects(query):
        yield item.id, (item.done_on, item.text, f"{item.owner} · lab “{item.lab_title}”")


def _sessions(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    for s in Session.select(Session.id, Session.title, Session.starts_at, Session.kind).where(Session.id.in_(ids)):
        yield s.id, (s.starts_at, s.title, s.kind)


def _occurrences(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    query = (
        SessionOccurrence.select(SessionOccurrence.id, SessionOccurrence.starts_at, SessionOccurrence.moved_to,
                                 Session.title.alias("session_title"))
        .join(Session)
        .where(SessionOccurrence.id.in_(ids))
    )
    for o in objects(query):  # a moved occurrence: when it happens, as the calendar shows it
        yield o.id, (o.moved_to or o.starts_at, o.session_title, "notes of this occurrence")


def _incidents(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    query = (
        Incident.select(Incident.id, Incident.title, Incident.occurred_on, Incident.severity, Person.name.alias("who"))
        .join(Person)
        .where(Incident.id.in_(ids))
    )
    for i in objects(query):
        yield i.id, (i.occurred_on, i.title, f"{i.who} · {i.severity}")


def _kudos(ids: list[int]) -> Iterable[tuple[int, Detail]]:
    Giver, Receiver = Person.alias("giver"), Person.alias("receiver")
    query = (
        Kudos.select(Kudos.id, Kudos.given_on, Giver.name.alias("giver_name"), Receiver.name.alias("receiver_name"))
        .join(Giver, on=(Kudos.giver == Giver.id), join_type=JOIN.LEFT_OUTER)
        .switch(Kudos)
        .join(Receiver, on=(Kudos.receiver == Receiver.id))
        .where(Kudos.id.in_(ids))
    )
    for k in objects(query):
        giver = k.giver_name or "someone"
        yield k.id, (k.given_on, f"Kudos to {k.receiver_name}", f"from {giver}")


_READERS = {
    "checkin": _checkins,
    "goal": _goals,
    "lab": _labs,
    "lab-item": _lab_items,
    "session": _sessions,
    "occurrence": _occurrences,
    "incident": _incidents,
    "kudos": _kudos,
}
