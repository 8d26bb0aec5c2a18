"""Child process of the memory benchmark: drive the app headless through every screen.

    python probe_memory.py DB_PATH
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from app_driver import settle, wait_ready
from common import SMOKE, repeats

SECTIONS = "234561"
KEYS = ("down", "down", "pagedown", "pagedown", "end", "home", "question_mark", "escape")
if SMOKE:  # the smoke size only proves the probe runs
    KEYS = ("pagedown", "end", "question_mark", "escape")


async def drive(db: Path) -> None:
    from mentor_tui.app import MentorApp

    async with MentorApp(db_path=db).run_test(size=(120, 40)) as pilot:
        await wait_ready(pilot)
        for _round in range(repeats(2)):
            for key in SECTIONS:
                await pilot.press(key)
                await settle(pilot.app)
                for other in KEYS:
                    await pilot.press(other)
                    await settle(pilot.app)


if __name__ == "__main__":
    asyncio.run(drive(Path(sys.argv[1])))
