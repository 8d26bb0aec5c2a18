"""A stylesheet that parses each CSS source once (per theme) instead of all of them on every screen.

Textual re-parses the whole stylesheet (every widget's DEFAULT_CSS and the
app's .tcss files) in a fresh `Stylesheet` whenever it refreshes CSS: twice
on the first visit of each section (`switch_mode`), again on a later visit
of a screen that was not mounted yet, and whenever a screen brings its own
CSS. With about 20 sources that was 40-150 ms of each first visit. Here a
refresh re-parses with the per-source cache Textual keeps anyway (keyed by
the source's text and place), so only a source not seen before is parsed;
the cache is emptied when the variables (the theme) change, as before, and
setting the same variables again keeps it.
"""

from __future__ import annotations

from mentor_tui.widgets.matched_rules import MatchedRulesMemo


class ParsedOnceStylesheet(MatchedRulesMemo):
    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._same_as = dict(variables or {})

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables == self._same_as:
            return  # the same theme: the rules parsed with these variables still hold
        self._same_as = dict(variables)
        super().set_variables(variables)  # a new theme: parse everything again

    def reparse(self) -> None:
        # The same rules as Textual's fresh parse (variables are current: set_variables
        # empties the cache when they change); a source that fails leaves the rules as
        # they were and raises, as reparse does.
        self.parse()
