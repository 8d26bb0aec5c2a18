"""The stylesheet's memo of matched rules (widgets/matched_rules.py) gives every widget the
styles Textual's own stylesheet gives it, and spares the matching the second time."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from mentor_tui.app import MentorApp
from mentor_tui.widgets import matched_rules
from tests.pilot_helpers import settle


def styles_of(app) -> dict[str, str]:
    """Each node of the shown screens (and each component part of it) with its styles as CSS."""
    seen = {}
    for screen in app.screen_stack:
        for index, node in enumerate(screen.walk_children(with_self=True)):
            name = f"{type(screen).__name__} {index} {type(node).__name__}#{node.id}"
            seen[name] = node.styles.css
            for part in getattr(type(node), "COMPONENT_CLASSES", ()):
                seen[f"{name} .{part}"] = node.get_component_styles(part).css
    return seen


def textuals_styles(app) -> dict[str, str]:
    """The same, with every node styled again by Textual's own stylesheet (same sources, same theme)."""
    plain = app.stylesheet.copy()
    assert type(plain) is Stylesheet
    plain.parse()
    for screen in app.screen_stack:
        for node in screen.walk_children(with_self=True):
            plain.apply(node)
    return styles_of(app)


async def assert_same_as_textual(app) -> None:
    ours = styles_of(app)
    assert ours == textuals_styles(app)


async def test_every_widget_gets_the_styles_textual_gives_it(demo_db, tmp_path):
    app = MentorApp(db_path=demo_db, settings_file=tmp_path / "settings.toml")  # the theme is saved there
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await assert_same_as_textual(app)
        for keys in (["2"], ["2", "enter"], ["tab"], ["escape", "3"], ["4", "enter"], ["5", "n"], ["tab", "tab"]):
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            await assert_same_as_textual(app)  # focus moved, screens opened: the same as Textual's

        app.theme = "textual-light"  # a new theme: nothing remembered under the old one is used
        await settle(pilot)
        await assert_same_as_textual(app)


def matched_nodes(monkeypatch) -> list:
    """From now on, every node the stylesheet matches against its rules, in order."""
    matched: list = []
    textual_apply = Stylesheet.apply

    def counting(self, node, **kwargs):
        matched.append(node)
        return textual_apply(self, node, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counting)
    return matched


async def test_a_form_opened_again_is_styled_without_matching(demo_db, monkeypatch):
    matched_rules.forget()  # what the apps of the tests before worked out
    matched = matched_nodes(monkeypatch)
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert type(form).__name__ == "FormScreen"
        first = len(matched)
        await pilot.press("escape")
        await settle(pilot)

        matched.clear()
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is not form and type(app.screen).__name__ == "FormScreen"
        assert first > 20  # the first opening matched its widgets against the rules
        assert len(matched) < first / 4  # the second found nearly all of them remembered


async def open_a_form(db) -> None:
    async with MentorApp(db_path=db).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert type(pilot.app.screen).__name__ == "FormScreen"


async def test_the_next_app_in_the_process_starts_with_what_the_one_before_matched(demo_db, monkeypatch):
    matched_rules.forget()
    matched = matched_nodes(monkeypatch)
    await open_a_form(demo_db)
    first = len(matched)
    matched.clear()
    await open_a_form(demo_db)  # the same screens, in a new app with a stylesheet of its own
    assert first > 100
    assert len(matched) < first / 4
