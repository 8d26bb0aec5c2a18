"""Records put in stored form by the reader, so the import's writer has less to do per record.

An import reads in worker processes and writes in one: what the reader can do
for the writer, it does. `stored_form(kind, records)` turns the values of a
checked record (and of its children) into what the store keeps — dates as
ISO text, moments and stamps as UTC text, booleans as 0/1 — in place, and
leaves references (uuids, competency keys) and private notes to the writer
(`record_writer.Writer.write(..., stored=True)`), which resolves them.
"""

from __future__ import annotations

from typing import Any

from mentor_tui.db.import_plan import DATE, MOMENTS, PLAIN, PLANS, STAMP, KindPlan
from mentor_tui.db.models import moments_to_text, stored_value, to_change_text


def stored_form(kind: str, records: list[dict[str, Any]]) -> None:
    """The records of a top-level kind (matched by uuid) in stored form, in place."""
    plan = PLANS.get(kind)
    if plan is not None:
        _convert(plan, records, {})


def _convert(plan: KindPlan, records: list[dict[str, Any]], stamps: dict[Any, str]) -> None:
    converted = plan.converted
    for rec in records:
        for name, how in converted:
            v = rec.get(name)
            if v is None:
                continue
            if how == "date":
                rec[name] = v.isoformat() if type(v) is DATE else stored_value(v)
            elif how == STAMP:
                # records written together share their moment: format each one once
                text = stamps.get(v)
                if text is None:
                    text = stamps[v] = to_change_text(v)
                rec[name] = text
            elif how == MOMENTS:
                rec[name] = moments_to_text(v)
            elif how == PLAIN:
                rec[name] = stored_value(v)
        for child, key in plan.children:
            if child is not None:
                _convert(child, rec[key], stamps)
