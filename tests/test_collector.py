"""collector.py: the garbage collector's middle generation is collected once input stops,
not inside a key's work."""

from __future__ import annotations

import gc

import pytest

from mentor_tui import collector
from mentor_tui.app import MentorApp
from tests.pilot_helpers import settle, wait_until


@pytest.fixture
def thresholds():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_the_young_and_middle_generations_are_collected_less_often(thresholds):
    gc.set_threshold(700, 10, 10)
    collector.tune()
    assert gc.get_threshold() == (collector.YOUNG_EVERY, collector.MIDDLE_EVERY, 10)
    collector.release()
    assert gc.get_threshold() == (700, 10, 10)


async def test_an_app_tunes_the_collector_only_while_it_runs(demo_db, thresholds):
    """A process that makes app after app (the tests) keeps Python's own thresholds between them."""
    gc.set_threshold(700, 10, 10)
    app = MentorApp(db_path=demo_db)
    assert gc.get_threshold() == (700, 10, 10)  # made, not running yet
    async with app.run_test() as pilot:
        await settle(pilot)
        assert gc.get_threshold() == (collector.YOUNG_EVERY, collector.MIDDLE_EVERY, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_tidy_collects_the_young_and_middle_generations():
    garbage = [[] for _ in range(50)]
    for item in garbage:
        item.append(item)  # cycles: only the collector frees them
    del garbage, item
    before = gc.get_stats()[1]["collections"]
    collector.tidy()
    assert gc.get_stats()[1]["collections"] == before + 1
    assert gc.get_count()[1] == 0  # the middle generation starts counting again


async def test_once_keys_stop_the_app_tidies_once(demo_db, monkeypatch, thresholds):
    tidied = []
    monkeypatch.setattr(collector, "tidy", lambda: tidied.append(gc.get_count()))
    app = MentorApp(db_path=demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.store_ready, timeout=20, what="the store")
        await settle(pilot)
        assert tidied == []  # no input yet
        await pilot.press("z", "z", "z")  # a burst (of keys bound to nothing: quick under load): one tidy after it
        await settle(pilot)
        await wait_until(pilot, lambda: tidied, timeout=5, what="the tidy after the keys")
        await pilot.pause(collector.TIDY_AFTER + 0.3)
        assert len(tidied) == 1
