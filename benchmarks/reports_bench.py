"""The team report: `mentor-tui report --team`, and the skills matrix with the bus factor.

- `mentor-tui report --team` on the benchmark database, from the command line
  (interpreter start-up included, the Markdown written to a file): budget 1 s
  (DESIGN.md has no figure for reports; the CLI's start-up alone is ~0.3 s);
  the same report built in process (team_overview + the Markdown) is shown beside it;
- the skills matrix and the bus factor together, budget 0.5 s: the Team section and
  the team report show both; the matrix is one window query over every rating, and
  the bus factor is computed from it. Measured on the benchmark database, and on a
  team with many ratings each: 50 people x every competency x 25 ratings over two
  years (10,000 ratings; fewer at the smoke size).
(tests/test_report.py checks it stays a handful of queries; the time is here.)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from common import OUT, PYTHON, ROOT, SMOKE, Result, is_missing_code, median, not_built, repeats

BUDGET_S = 0.5
CLI_BUDGET_S = 1.0
RUNS = repeats(3)
PEOPLE, RATINGS_EACH = (8, 4) if SMOKE else (50, 25)
RATED = OUT / f"ratings-{PEOPLE}x{RATINGS_EACH}.sqlite3"


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


def _cli_report(db: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([PYTHON, "-m", "mentor_tui", "--db", str(db), "report", "--team", "--output", str(out), "--force"],
                   cwd=ROOT, check=True, capture_output=True, text=True, timeout=120)
    return time.perf_counter() - started


def team_report(db: Path) -> list[Result]:
    """`mentor-tui report --team` from the command line, and the same report built in process."""
    from mentor_tui import config
    from mentor_tui.db import database
    from mentor_tui.db.reports.team import team_overview
    from mentor_tui.exchange.team_report import team_report as markdown

    def build() -> str:  # what `report --team` does once the store is open
        today = dt.date.today()
        return markdown(team_overview(today, config.bus_factor_months(config.load_settings())), generated_on=today)

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "team.md"
        _cli_report(db, out)  # warm-up: the page cache, the .pyc files
        cli = median([_cli_report(db, out) for _ in range(RUNS)])
        size_kb = out.stat().st_size / 1024
    database.open_database(db)
    try:
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            build()
            times.append(time.perf_counter() - started)
    finally:
        database.close_database()
    return [
        Result("team report: `mentor-tui report --team`", cli, CLI_BUDGET_S,
               note=f"command line, interpreter start-up included, {size_kb:.0f} KiB of Markdown, median of {RUNS}"),
        Result("  of which: building the report in process", median(times), None,
               note=f"team_overview + Markdown, median of {RUNS}"),
    ]


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
        *team_report(db),
        _measure(f"{name} (benchmark database)", db),
        _measure(f"{name} ({PEOPLE * RATINGS_EACH * _count(RATED, 'competency'):,} ratings)", RATED),
    ]
