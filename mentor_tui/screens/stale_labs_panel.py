"""The Dashboard's "Stale labs" panel: my labs not practised for a while (settings: stale_after_days)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.content import Content
from textual.widgets import Static

from mentor_tui import dates


class StaleLabsPanel(Static):
    """Lists what `fetch` read; 3 then enter on a lab opens it, r there starts a new round."""

    @staticmethod
    def fetch(cutoff: dt.date) -> Any:
        """Runs in the Dashboard's worker."""
        from mentor_tui.db import stale_labs

        return stale_labs.my_stale_labs(cutoff)

    def show(self, found: Any, days: int) -> None:
        parts: list[Any] = [("Stale labs", "bold"), " ", (f"— not practised for {days} days: practise again", "dim")]
        if not found.labs:
            parts.append("\n  None: every lab you practised is fresh.")
        for lab in found.labs:
            parts += ["\n  ", dates.show(lab.last_practised_on), "  ", (lab.title, "bold"), "  ", ("› " + lab.goal, "dim")]
        if found.more:
            parts.append(f"\n  …and {found.more} more: press 3 to see them all.")
        self.update(Content.assemble(*parts))
