"""Counted words for messages: "1 session", "2 sessions" (never "session(s)")."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and `word`, or its plural (`many`, else `word` + "s") when n is not 1."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
