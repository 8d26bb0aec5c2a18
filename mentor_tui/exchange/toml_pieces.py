"""Cutting a big exchange file into pieces the parser reads one at a time.

A parsed TOML document takes about twelve times the memory of its text, so a
big file (the team export of a large store is ~30 MB) is not parsed at once:
it is cut before top-level `[[people]]`, `[[plans]]`, ... headers into pieces
of about PIECE_BYTES, each parsed and checked alone (`validate.validate_pieces`).

A header line inside a multi-line string is text, not a header: the cut skips
the strings it finds. Reading the pieces gives exactly what reading the whole
file gives as long as each piece parses, and a wrong cut cannot parse: the
piece before the first wrong cut begins where the whole file is at the start
of a table and ends inside a string or a value, which TOML refuses. So any
error in a piece sends the reader back to the whole file, which then gives
the real result and the real message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Files this big or bigger are read in pieces; a piece is about this big.
PIECES_MIN_CHARS = 4 * 1024 * 1024
PIECE_CHARS = 512 * 1024

# A file with more multi-line string quotes than one per this many characters is read whole:
# finding the strings takes a step in Python for each.
_CHARS_PER_STRING = 64


def _strings(text: str) -> list[tuple[int, int]]:
    """Where the multi-line strings are ([start, end) of each), in one pass over the text."""
    spans: list[tuple[int, int]] = []
    find = text.find
    pos = 0
    basic, literal = find('"""'), find("'''")  # the next opening of each kind (-1: none)
    while basic != -1 or literal != -1:
        if literal == -1 or (basic != -1 and basic < literal):
            start, quote = basic, '"""'
        else:
            start, quote = literal, "'''"
        close = find(quote, start + 3)
        if quote == '"""':
            while close != -1 and _escaped(text, close):  # \""" is an escaped quote, then two
                close = find(quote, close + 1)
        if close == -1:
            spans.append((start, len(text)))
            return spans
        end = close + 3
        while end < len(text) and end - close < 5 and text[end] == quote[0]:  # """a"""" ends in a quote
            end += 1
        spans.append((start, end))
        pos = end
        if basic != -1 and basic < pos:
            basic = find('"""', pos)
        if literal != -1 and literal < pos:
            literal = find("'''", pos)
    return spans


def _escaped(text: str, at: int) -> bool:
    n = 0
    while at - n - 1 >= 0 and text[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def cut_points(text: str, keys: Iterable[str]) -> list[int]:
    """Offsets where a piece may start: a line `[[key]]` for a top-level key, outside strings.

    Empty when the file has no such line (or is too small to be worth cutting).
    """
    if len(text) < PIECES_MIN_CHARS:
        return []
    if (text.count('"""') + text.count("'''")) * _CHARS_PER_STRING > len(text):
        return []  # not a written file (one has a note every few lines at most): read it whole
    names = "|".join(re.escape(k) for k in keys)
    # after a line break (a literal start: the regex engine skips ahead fast)
    header = re.compile(rf"\n\[\[(?:{names})\]\][ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)")
    points = []
    last = -PIECE_CHARS
    for _found, at in _headers(header, text):
        if at - last >= PIECE_CHARS:
            points.append(at)
            last = at
    return points


def sections(text: str, keys: Iterable[str], max_chars: int = PIECE_CHARS) -> list[tuple[str, int, int]] | None:
    """(key, start, end) of each run of `[[key]]` tables of one top-level key, outside strings,
    a run cut again where it grows past `max_chars`; the head (before the first) is not among
    them. None when the file is not cut this way: no such line, or too many multi-line strings
    (see cut_points)."""
    if (text.count('"""') + text.count("'''")) * _CHARS_PER_STRING > len(text):
        return None
    names = "|".join(re.escape(k) for k in keys)
    header = re.compile(rf"\n\[\[({names})\]\][ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)")
    runs: list[tuple[str, int, int]] = []
    key, start = "", -1
    for found, at in _headers(header, text):
        if found.group(1) == key and at - start < max_chars:
            continue
        if start >= 0:
            runs.append((key, start, at))
        key, start = found.group(1), at
    if start < 0:
        return None
    runs.append((key, start, len(text)))
    return runs


def _headers(header: re.Pattern[str], text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each match of `header` (a line break, then a table header) outside multi-line strings,
    with the offset where its line starts."""
    spans = _strings(text)
    i = 0
    for found in header.finditer(text):
        at = found.start() + 1
        while i < len(spans) and spans[i][1] <= at:
            i += 1
        if i < len(spans) and spans[i][0] < at:
            continue  # inside a multi-line string
        yield found, at


def pieces(text: str, points: list[int]) -> list[tuple[int, int]]:
    """[start, end) of the head (before the first cut) and of each piece."""
    bounds = [0, *points, len(text)]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
