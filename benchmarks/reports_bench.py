"""The skills matrix and the bus factor: budget 0.5 s together.

The Team section and `mentor-tui report --team` show both; the matrix is one
window query over every rating, and the bus factor is computed from it.
Measured on the large database, and on a team with many ratings each:
50 people x every competency x 25 ratings over two years (10,000 ratings).
(tests/test_report.py checks it stays a handful of queries; the time is here.)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

from common import OUT, Result, is_missing_code, median, not_built

BUDGET_S = 0.5
RUNS = 3
RATED = OUT / "ratings-10k.sqlite3"
PEOPLE, RATINGS_EACH = 50, 25


def _count(db: Path, table: str) -> int:
    """Rows in `table`; 0 when the file or the table is missing."""
    if not db.exists():
        return 0
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        con.close()


def _make_rated_team(path: Path) -> None:
    from mentor_tui.db import database, models
    from mentor_tui.db.bulk import insert_rows

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database.open_database(path)
    try:
        today = dt.date.today()
        people = [models.Person.create(name=f"Person {i:02d}", role="mentee").id for i in range(PEOPLE)]
        comps = [c.id for c in models.Competency.select()]
        rows = [
            (f"{i}-{j}-{k}", person, comp, (i + j + k) % 6, (today - dt.timedelta(days=30 * k)).isoformat())
            for i, person in enumerate(people)
            for j, comp in enumerate(comps)
            for k in range(RATINGS_EACH)
        ]
        with models.database_proxy.atomic():
            insert_rows(models.SkillRating, ["uuid", "person", "competency", "level", "rated_on"], rows)
    finally:
        database.close_database()


def _measure(name: str, db: Path) -> Result:
    from mentor_tui.db import database
    from mentor_tui.db.team_skills import team_skills

    database.open_database(db)
    try:
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            skills = team_skills()
            times.append(time.perf_counter() - started)
    finally:
        database.close_database()
    note = f"{len(skills.rows)} people, {_count(db, 'skill_rating'):,} ratings, median of {RUNS}"
    return Result(name, median(times), BUDGET_S, note=note)


def run(db: Path) -> list[Result]:
    name = "skills matrix + bus factor"
    try:
        from mentor_tui.db.team_skills import team_skills  # noqa: F401
    except ImportError as exc:
        if is_missing_code(exc):
            return [not_built(name, str(exc), BUDGET_S)]
        raise
    if _count(RATED, "skill_rating") != PEOPLE * RATINGS_EACH * max(1, _count(RATED, "competency")):
        _make_rated_team(RATED)
    return [
        _measure(f"{name} (large database)", db),
        _measure(f"{name} (10,000 ratings)", RATED),
    ]
