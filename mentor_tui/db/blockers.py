"""How long a blocker has been open.

The same blocker text (white space aside) in consecutive check-ins of one
mentorship is one blocker, open since the first of them, until a check-in
leaves the blockers empty or changes the text. Blockers that say there are none
("None", "n/a", "-", "nothing") count as empty: they are not flagged as a blocker
left open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from mentor_tui.db.models import CheckIn, objects

FLAG_AFTER = 2  # a blocker open through more check-ins than this is flagged in the mentorship list


@dataclass(frozen=True)
class BlockerAge:
    since: dt.date  # the check-in that first named it
    checkins: int  # how many check-ins in a row have named it, this one included
    days: int  # from `since` to this check-in

    @property
    def flagged(self) -> bool:
        return self.checkins > FLAG_AFTER


# What people write in a blockers field to say there is no blocker (lower case, no end stop).
NO_BLOCKER = frozenset({
    "", "none", "no", "nope", "nothing", "nil", "n/a", "na", "-", "--", "—", "–",
    "no blocker", "no blockers", "none so far", "none yet", "none today", "nothing blocking",
})


def names_a_blocker(text: str) -> bool:
    """Whether a check-in's blockers field names one (not empty, not "None" or the like)."""
    said = " ".join(text.split()).lower().rstrip(".!")
    return said not in NO_BLOCKER and said.lstrip("-* ") not in NO_BLOCKER


def same_blocker(a: str, b: str) -> bool:
    """The same words, whatever the spacing and whether each line has a list bullet (`- `, `* `, `+ `)."""
    return _words(a) == _words(b)


def _words(text: str) -> str:
    lines = (line.strip() for line in text.splitlines())
    return " ".join(" ".join(line[2:] if line[:2] in ("- ", "* ", "+ ") else line for line in lines).split())


def ages(checkins: Iterable[tuple[int, dt.date, str]]) -> dict[int, BlockerAge]:
    """(id, held_on, blockers) of one mentorship's check-ins, oldest first -> the age of each one's blocker.

    A check-in without blockers (or whose blockers say "None") has no entry.
    """
    result: dict[int, BlockerAge] = {}
    previous: tuple[str, BlockerAge] | None = None
    for ident, held_on, blockers in checkins:
        if not names_a_blocker(blockers):
            previous = None
            continue
        if previous is not None and same_blocker(previous[0], blockers):
            run = previous[1]
            age = BlockerAge(run.since, run.checkins + 1, (held_on - run.since).days)
        else:
            age = BlockerAge(held_on, 1, 0)
        result[ident] = age
        previous = (blockers, age)
    return result


def history(mentorship_id: int) -> dict[int, BlockerAge]:
    """The blocker age of every check-in of one mentorship."""
    query = (
        CheckIn.select(CheckIn.id, CheckIn.held_on, CheckIn.blockers)
        .where(CheckIn.mentorship == mentorship_id)
        .order_by(CheckIn.held_on, CheckIn.id)
    )
    return ages((c.id, c.held_on, c.blockers) for c in objects(query))


def latest(mentorship_ids: list[int], window: int = 12) -> dict[int, BlockerAge]:
    """Per mentorship, the age of the blocker of its latest check-in (looking back `window` check-ins)."""
    if not mentorship_ids:
        return {}
    marks = ",".join("?" * len(mentorship_ids))
    table = CheckIn._meta.table_name
    sql = (
        "SELECT mentorship_id, id, held_on, blockers FROM ("
        " SELECT mentorship_id, id, held_on, blockers, ROW_NUMBER() OVER ("
        "  PARTITION BY mentorship_id ORDER BY held_on DESC, id DESC) AS rn"
        f" FROM \"{table}\" WHERE mentorship_id IN ({marks})) WHERE rn <= ? "
        "ORDER BY mentorship_id, held_on, id"
    )
    rows: dict[int, list[tuple[int, dt.date, str]]] = {}
    for mentorship_id, ident, held_on, blockers in CheckIn._meta.database.execute_sql(sql, [*mentorship_ids, window]):
        rows.setdefault(mentorship_id, []).append((ident, dt.date.fromisoformat(held_on), blockers or ""))
    result = {}
    for mentorship_id, checkins in rows.items():
        age = ages(checkins).get(checkins[-1][0])
        if age is not None:
            result[mentorship_id] = age
    return result
