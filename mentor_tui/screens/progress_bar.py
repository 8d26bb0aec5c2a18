"""A plan's or a lab's progress as a bar of blocks, shared by the screens that show one.

Its own module so the Dashboard, the first screen, does not import the Plans screen for it.
"""

from __future__ import annotations


def progress_bar(percent: int, width: int = 10) -> str:
    filled = round(width * percent / 100)
    return "█" * filled + "░" * (width - filled)
