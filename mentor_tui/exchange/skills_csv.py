"""The skills matrix as CSV (RFC 4180, via the stdlib `csv` module).

Columns: `person,uuid,role`, then one column per competency key, in the order of
`reports.common.competencies()`: the built-in competencies in their documented order
(kubernetes, iac, cicd, cloud, observability, security, incident-response,
leadership), then user-made ones sorted by key. Rows: active (non-archived)
people sorted by name. A cell holds the person's latest level (0-5) in that
competency, or is empty when they were never rated in it.

Names and keys can come from imported files: a text cell that a spreadsheet would
run as a formula (starting with =, +, -, @, tab, CR or LF) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from mentor_tui.db.reports.skills import SkillsMatrix, skills_matrix

FIXED_COLUMNS = ("person", "uuid", "role")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def matrix_rows(matrix: SkillsMatrix) -> list[list[str]]:
    """The CSV's rows, header first, as text cells."""
    keys = [c.key for c in matrix.competencies]
    rows = [[*FIXED_COLUMNS, *(_cell(k) for k in keys)]]
    for row in matrix.rows:
        levels = [str(row.levels[key]) if key in row.levels else "" for key in keys]
        rows.append([_cell(row.person.name), _cell(row.person.uuid), row.person.role, *levels])
    return rows


def render(matrix: SkillsMatrix) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(matrix_rows(matrix))
    return buffer.getvalue()


def skills_csv(as_of: dt.date | None = None) -> str:
    """The current skills matrix (latest ratings on or before `as_of`, default today) as CSV text."""
    return render(skills_matrix(as_of))
