"""Remembering which CSS rules a widget in a given place gets, across screens and visits.

Textual styles each widget by matching it against every rule of the stylesheet
(about 360 here: most come with Textual's own widgets), when the widget is
mounted, shown, focused or changes class. It remembers a result only within
one pass over a group of widgets. Opening a form styled its ~50 widgets about
130 times at ~0.3 ms each: a third of the opening. The result depends only on
what selectors can test along the widget's path from the app: each node's
type, id, classes and pseudo-classes (focus, hover, dark, first-child…). So
the result is remembered under exactly that (restricted to the ids, classes
and pseudo-classes some rule names), and the next widget in the same place in
the same state (the same form's field next time, or another form's) gets it
without the matching. A new stylesheet (another theme, a screen's own CSS)
starts afresh.

This leans on Textual 8.2's `Stylesheet.apply` (pinned in pyproject.toml): what
it reads of a node, and the flags it sets on it, are mirrored here;
tests/test_matched_rules.py checks every widget of the app's screens gets the
same styles as Textual's own stylesheet gives it.
"""

from __future__ import annotations

from typing import Any

from textual.css.model import CombinatorType, SelectorType
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

_MOST_KEPT = 20_000  # distinct places remembered before starting over
_MOST_MEMOS = 64  # rule lists whose memo is kept for the process


_ANCESTORS = object()  # where a group's memo of ancestor paths is kept in Textual's group cache


class _RuleFacts:
    """What the rules of one stylesheet can test: the names worth keying a place on."""

    def __init__(self, rules: list) -> None:
        self.rules = rules
        ids: set[str] = set()
        classes: set[str] = set()
        types: set[str] = set()
        pseudo: set[str] = set()
        above: set[str] = set()  # pseudo-classes tested on an ancestor ("Screen:dark Input")
        for rule in rules:
            for selector_set in rule.selector_set:
                selectors = selector_set.selectors
                last = len(selectors) - 1  # the styled node's own compound selector starts here
                while last > 0 and selectors[last].combinator == CombinatorType.SAME:
                    last -= 1
                for index, selector in enumerate(selectors):
                    kind = selector.type
                    if kind == SelectorType.ID:
                        ids.add(selector.name)
                    elif kind == SelectorType.CLASS:
                        classes.add(selector.name)
                    elif kind == SelectorType.TYPE:
                        types.add(selector.name)
                    pseudo.update(selector.pseudo_classes)
                    if index < last:
                        above.update(selector.pseudo_classes)
        self.ids = frozenset(ids)
        self.classes = frozenset(classes)
        self.types = frozenset(types)
        self.pseudo = tuple(sorted(pseudo))
        self.above = tuple(sorted(above))
        self._type_keys: dict[type, frozenset[str]] = {}

    def _seen(self, node: DOMNode, pseudo: tuple[str, ...]) -> tuple:
        """What a selector can test of one node."""
        cls = type(node)
        type_key = self._type_keys.get(cls)
        if type_key is None:
            type_key = self._type_keys[cls] = cls._css_type_names & self.types
        node_id = node.id
        return (
            type_key,
            node_id if node_id in self.ids else None,
            node.classes & self.classes,
            tuple(node.has_pseudo_class(name) for name in pseudo),
        )

    def _above(self, node: DOMNode | None, memo: dict[int, tuple]) -> tuple:
        """What selectors can test of `node` and its ancestors, as ancestors of the styled node."""
        if node is None:
            return ()
        seen = memo.get(id(node))
        if seen is None:
            seen = memo[id(node)] = (*self._above(node._parent, memo), self._seen(node, self.above))
        return seen

    def place(self, node: DOMNode, memo: dict[int, tuple]) -> tuple:
        """What a selector can see along the path from the app down to `node`."""
        return (*self._above(node._parent, memo), self._seen(node, self.pseudo))


Memo = dict[tuple, tuple[bool, Any, frozenset[str]]]  # place -> (hover flag, rules, the node's names)

# The memo of each list of rules, for the process: the same rule objects (parsed once,
# widgets/parsed_css.py) in the same order match alike in any stylesheet, so the next app
# (a test run starts hundreds) starts with what the one before worked out. Each entry
# keeps its rules alive, so their ids in the key cannot be reused meanwhile.
_MEMOS: dict[tuple[int, ...], tuple[_RuleFacts, Memo]] = {}


def forget() -> None:
    """Start over: no memo kept for the process (a test that counts the matching)."""
    _MEMOS.clear()


class MatchedRulesMemo(Stylesheet):
    """A Stylesheet whose `apply` remembers the rules matched in each place."""

    _facts: _RuleFacts | None = None
    _kept: Memo
    _rules_seen: list | None = None  # the list of rules `_facts` and `_kept` are for

    def _adopt(self, rules: list) -> None:
        """The rules changed (a widget type brought its CSS, a new theme): the memo for them."""
        signature = tuple(map(id, rules))
        shared = _MEMOS.pop(signature, None)
        if shared is None:
            shared = (_RuleFacts(rules), self._still_true(self._facts, rules))
            if len(_MEMOS) >= _MOST_MEMOS:
                del _MEMOS[next(iter(_MEMOS))]  # the least recently taken
        _MEMOS[signature] = shared
        self._facts, self._kept = shared
        self._rules_seen = rules

    def apply(self, node: DOMNode, *, animate: bool = False, cache: dict[Any, Any] | None = None) -> None:
        rules = self.rules
        if rules is not self._rules_seen:
            self._adopt(rules)
        facts = self._facts
        assert facts is not None
        # Within one group (Textual passes the same cache for a screen's widgets) the ancestors
        # do not change: their part of each path is worked out once.
        memo = {} if cache is None else cache.setdefault(_ANCESTORS, {})
        place = facts.place(node, memo)
        kept = self._kept.get(place)
        if kept is not None:
            hover, node_rules, _names = kept
            # the flags Textual's apply sets before matching (read when hovering and restyling)
            node._has_hover_style = hover
            node._has_focus_within = False
            node._has_order_style = False
            node._has_odd_or_even = False
            if node.styles.base._rules != node_rules:  # styled again as it was (a focus moved elsewhere): no change
                self.replace_rules(node, node_rules, animate=animate)
            self._components(node, memo)
            return
        matched: dict[tuple, Any] = {}
        Stylesheet.apply(self, node, animate=animate, cache=matched)
        # Textual put the result in `matched` unless the rules test siblings or focus-within
        # (or nothing matched): those are matched each time, as Textual does.
        if len(matched) == 1:
            if len(self._kept) >= _MOST_KEPT:
                self._kept.clear()
            self._kept[place] = (node._has_hover_style, next(iter(matched.values())), frozenset(node._selector_names))

    def _still_true(self, before: _RuleFacts | None, rules: list) -> Memo:
        """What is remembered that the new `rules` do not change.

        A widget type seen for the first time brings its own CSS: rules are added, the
        others kept as they were (parsed once: the same objects). A rule can only match a
        node that has one of the names its selector ends with, so what was remembered for
        nodes without any of the added rules' names still holds; anything else (a new
        theme parses every rule again) starts afresh."""
        if before is None:
            return {}
        old = {id(rule) for rule in before.rules}
        added = [rule for rule in rules if id(rule) not in old]
        if len(rules) - len(added) != len(before.rules):
            return {}  # rules went away or were parsed again
        names = set().union(*(rule.selector_names for rule in added))
        return {place: kept for place, kept in self._kept.items() if kept[2].isdisjoint(names)}

    def _process_component_classes(self, node: DOMNode) -> None:
        self._components(node, {})

    def _components(self, node: DOMNode, memo: dict[int, tuple]) -> None:
        """Textual 8.2's _process_component_classes, with the node's path worked out once."""
        component_classes = node._get_component_classes()
        if not component_classes:
            return
        refresh_node = False
        old_component_styles = node._component_styles.copy()
        node._component_styles.clear()
        cache = {_ANCESTORS: memo}
        for component in sorted(component_classes):
            virtual_node = DOMNode(classes=component)
            virtual_node._attach(node)
            self.apply(virtual_node, animate=False, cache=cache)
            if not refresh_node and old_component_styles.get(component) != virtual_node.styles:
                refresh_node = True  # the styles changed: the node is drawn again
            node._component_styles[component] = virtual_node.styles
        if refresh_node:
            node.refresh()
