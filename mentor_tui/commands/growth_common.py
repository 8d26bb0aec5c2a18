"""What `rate`, `incident`, `kudos` and `feedback` share: reading a person, a date, a number,
and turning the store's refusals into one line and exit status 1."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import Any

from mentor_tui.commands.common import InputError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_date_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--on", metavar="YYYY-MM-DD", help=f"{help} (default: today)")


def day(value: str | None, option: str = "--on") -> dt.date:
    """A strict YYYY-MM-DD date (today when absent), or InputError naming the option."""
    from mentor_tui import clock

    if value is None:
        return clock.today()
    text = value.strip()
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: {value!r} is not a date; expected YYYY-MM-DD") from None


def number(value: str, what: str, words: dict[int, str] | None = None) -> Any:
    """A whole number as typed (or one of `words`' names). Without words, a number out of
    range is handed on, so the registry's message names the range; with words, a number
    that has none (`rate ... 6`) gets the same message as a word that is not one."""
    text = value.strip()
    if words:
        by_word = {word: n for n, word in words.items()}
        if text.casefold() in by_word:
            return by_word[text.casefold()]
    try:
        typed = int(text)
    except ValueError:
        typed = None
    if typed is not None and (not words or typed in words):
        return typed
    if words:
        raise InputError(
            f"{what}: {value!r} is not a whole number from {min(words)} to {max(words)} "
            f"or one of {', '.join(words.values())}"
        )
    raise InputError(f"{what}: {value!r} is not a whole number")


def person(name_or_uuid: str, option: str = "") -> Any:
    """The person named (or with this uuid); InputError when there is none, or more than one."""
    from mentor_tui.db import people

    try:
        return people.find(name_or_uuid)
    except people.PersonNotFound as exc:
        raise InputError(f"{option}: {exc}" if option else str(exc)) from None


def me_or_error(option: str) -> Any:
    from mentor_tui.db import people

    me = people.me()
    if me is None:
        raise InputError(f"nobody is set up as you in this database; use {option} NAME")
    return me


def store_write(write: Callable[[], Any]) -> Any:
    """Run a store function; its refusal (ValueError: the registry's rule) is one line, exit 1."""
    try:
        return write()
    except ValueError as exc:
        raise InputError(str(exc)) from None


def say_if_future(on: dt.date, words: str) -> None:
    """A record dated after today is taken (the form asks first): said on stderr, so stdout stays
    one line. `words`: what holds until that day."""
    from mentor_tui import clock

    if on > clock.today():
        print(f"mentor-tui: dated in the future: {words}", file=sys.stderr)
