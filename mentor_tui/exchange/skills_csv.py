"""The skills matrix as CSV (RFC 4180, via the stdlib `csv` module).

Columns: `person,uuid,role`, then one column per competency key, in the order of
`reports.competencies()`: the built-in competencies in their documented order
(kubernetes, iac, cicd, cloud, observability, security, incident-response,
leadership), then user-made ones sorted by key. Rows: active (non-archived)
people sorted by name. A cell holds the person's latest level (0-5) in that
competency, or is empty when they were never rated in it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from mentor_tui.db import reports
from mentor_tui.db.reports import SkillsMatrix

FIXED_COLUMNS = ("person", "uuid", "role")


def matrix_rows(matrix: SkillsMatrix) -> list[list[str]]:
    """The CSV's rows, header first, as text cells."""
    keys = [c.key for c in matrix.competencies]
    rows = [[*FIXED_COLUMNS, *keys]]
    for row in matrix.rows:
        levels = [str(row.levels[key]) if key in row.levels else "" for key in keys]
        rows.append([row.person.name, row.person.uuid, row.person.role, *levels])
    return rows


def render(matrix: SkillsMatrix) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(matrix_rows(matrix))
    return buffer.getvalue()


def skills_csv(as_of: dt.date | None = None) -> str:
    """The current skills matrix (latest ratings on or before `as_of`, default today) as CSV text."""
    return render(reports.skills_matrix(as_of))
