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

What a source parses to is also kept for the process (`_PARSED`, keyed by the
source and the variables it was parsed with): a stylesheet made later (the
next app in a test run, a theme switched back to) takes the rules already
parsed. Rules are only read once parsed, as Textual's own per-stylesheet cache
already assumes.
"""

from __future__ import annotations

from typing import Any

from mentor_tui.widgets.matched_rules import MatchedRulesMemo

_MOST_PARSED = 512  # sources kept parsed, across themes (the app has about 40 per theme)
_PARSED: dict[tuple, list[Any]] = {}  # (variables, css, place, defaults?, tie breaker, scope) -> rules


class ParsedOnceStylesheet(MatchedRulesMemo):
    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._parsed_with(variables or {})

    def set_variables(self, variables: dict[str, str]) -> None:
        if variables == self._same_as:
            return  # the same theme: the rules parsed with these variables still hold
        self._parsed_with(variables)
        super().set_variables(variables)  # a new theme: parse everything again

    def _parsed_with(self, variables: dict[str, str]) -> None:
        """The variables the rules are parsed with, and their part of `_PARSED`'s keys."""
        self._same_as = dict(variables)
        self._variables_key = tuple(sorted(self._same_as.items()))

    def _parse_rules(self, css: str, read_from: Any, is_default_rules: bool = False, tie_breaker: int = 0,
                     scope: str = "") -> list[Any]:
        key = (self._variables_key, css, read_from, is_default_rules, tie_breaker, scope)
        rules = _PARSED.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if len(_PARSED) >= _MOST_PARSED:
                del _PARSED[next(iter(_PARSED))]  # the oldest
            _PARSED[key] = rules
        return rules

    def reparse(self) -> None:
        # The same rules as Textual's fresh parse (variables are current: set_variables
        # empties the cache when they change); a source that fails leaves the rules as
        # they were and raises, as reparse does.
        self.parse()
