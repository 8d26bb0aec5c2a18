"""Quitting while the warm-up builds a screen ahead (screens/warm_up.py) ends cleanly: the screen's
Mount still comes, with none of its widgets mounted, and its handlers find nothing to set up.
(A section's on_mount looked for its table there: a traceback at exit, seen as a rare failure of
a test that ended while the Plans list was being built ahead.)"""

from __future__ import annotations

import pytest

from mentor_tui.app import SECTIONS, MentorApp
from mentor_tui.screens.forms_ahead import FORMS

from .pilot_helpers import settle


@pytest.mark.parametrize("name", [name for name in SECTIONS if name != "dashboard"])
async def test_quitting_while_a_section_is_built_ahead_ends_without_an_error(demo_db, name):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.sections.build_ahead(name)
        app.exit()
    assert app.return_code == 0


@pytest.mark.parametrize("index", range(len(FORMS)))
async def test_quitting_while_a_form_is_built_ahead_ends_without_an_error(demo_db, index):
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.sections.build_form_ahead(FORMS[index])
        app.exit()
    assert app.return_code == 0
