"""The forms built, and thrown away, while the app is idle (screens/warm_up.py): never shown.

The first form a user opens would otherwise be the one that parses the CSS of inputs,
selects and text areas and styles their parts for the first time (~40 ms more than any
later form): a form with a field of each kind does that ahead. A check-in's form has
more of its own: check boxes, rows of action items, and rules of checkins.tcss that only
match inside it (the stylesheet remembers the rules matched per place, by the types
along the path: widgets/matched_rules.py). Its first opening was ~25 ms slower than the
next; one with an item of each kind, for a made-up mentorship, is built ahead too.
Each is also laid out and drawn off screen before it is thrown away (as the sections
built ahead are: SectionModes.draw_ahead), which took ~5 ms more off a first check-in
edit form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.screen import Screen

from mentor_tui import clock


def any_kind_form() -> Screen:
    """A form with a field of each kind."""
    from mentor_tui.screens.form import Field, FormScreen

    kinds = [("text", ()), ("select", [("one", 1), ("two", 2)]), ("date", ()), ("int", ()), ("textarea", ())]
    fields = [Field(kind, kind, kind, options=options) for kind, options in kinds]
    return FormScreen("", fields, lambda values: None)


def checkin_form() -> Screen:
    """A check-in's edit form with an item carried forward and two of its own, one done (made up: it reads
    and saves nothing)."""
    from mentor_tui.db.actions import ActionLine
    from mentor_tui.db.checkin_view import CheckInView, FormContext
    from mentor_tui.db.mentorship_list import MentorshipRow
    from mentor_tui.screens.checkin_form import CheckInForm

    today = clock.today()
    mentorship = MentorshipRow(0, 1, "", 2, "", today - dt.timedelta(days=1), None, 14, "", 1, today, today, 2, None,
                               me_is_mentor=True)
    item, done = ActionLine(1, "", 2, "", None, None, 1, today), ActionLine(2, "", 2, "", None, today, 1, today)
    checkin = CheckInView(1, mentorship, today, "", "", "", None, "", (item, done), (), None)
    form = CheckInForm(FormContext(mentorship, checkin, (item,)))
    form.guard = None  # (no record to compare with at save: it is never shown)
    return form


FORMS: tuple[Callable[[], Screen], ...] = (any_kind_form, checkin_form)
