"""Queries behind the reports, one module per question.

- `skills`: the skills matrix (latest levels), a person's skill changes;
- `progress`: plan progress;
- `team`: everything `report --team` shows (it builds on `db.team_skills`);
- `team_activity`: the on-call ladder, check-in health, kudos counts;
- `brag`: what one person did over a period (the brag doc).

Everything returns small frozen dataclasses, never model objects, so the exchange
renderers and the Team screen cannot trigger lazy queries by accident.
Check-ins are read for their dates only (`team_activity.checkin_health`, which
selects `held_on` by name): private pairing notes cannot reach a report.

Import from the module that answers the question: this package re-exports nothing, so
the Dashboard (which needs `common` only) does not import the brag doc's queries at start.
"""
