"""Reading an exchange file as TOML text, and showing its values in messages.

The size cap and the guards that run before the parser (NUL bytes, encoding,
very long dotted keys) live here; `validate.py` checks what the parser returns.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import zlib
from pathlib import Path
from typing import Any

# A TOML 1.0 parser in Rust: about 3x less CPU than tomli on a lead's folder of exports,
# with its own limits on nesting depth and dotted-key length (refused at once).
import rtoml

from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.spec import MAX_FILE_BYTES, MAX_FILE_WORDS

MAX_DOTTED_PARTS = 64
# A key with very many dotted parts: TOML parsers take time quadratic in the number of
# parts, so such files are refused before parsing. A part is bare, "basic" (escapes
# included) or 'literal', with blanks around the dots; the pattern looks anywhere in a
# line (inline tables hold keys too) and stops at MAX_DOTTED_PARTS parts: linear time.
_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_LONG_DOTTED_KEY = re.compile(rf"{_PART}(?:[ \t]*\.[ \t]*{_PART}){{{MAX_DOTTED_PARTS - 1}}}")
_NOT_DOTS = bytes(b for b in range(256) if b not in b".\n")
_DOT_RUN = re.compile(rb"\.{%d}" % (MAX_DOTTED_PARTS - 1))
_BLOCK_CHARS = 1 << 20


# ---------------------------------------------------------------- showing values in messages


def show(value: Any, limit: int = 60) -> str:
    """A short one-line rendering of a value for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value, limit)
    if isinstance(value, int):
        digits = str(value)
        return digits if len(digits) <= 20 else f"{digits[:12]}… ({len(digits)} digits)"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        kind = "an offset date-time" if value.tzinfo is not None else "a local date-time"
        return f"{kind} {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"a date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"a time {value.isoformat()}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def quote(text: str, limit: int = 60) -> str:
    """`text` in double quotes, control and line-break characters escaped, capped."""
    cut = len(text) > limit
    text = text[:limit]
    out = []
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return '"' + "".join(out) + ('…"' if cut else '"')


BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
KEY_PARTS: dict[str, str] = {}  # key -> how it is spelled in a path, for the keys of the format


def key_path(base: str, key: str) -> str:
    part = KEY_PARTS.get(key)
    if part is None:
        part = key if BARE_KEY.fullmatch(key) else quote(key, 40)
    return f"{base}.{part}" if base else part


# ---------------------------------------------------------------- reading the file


def load_toml(path: Path, display: str | None = None) -> dict[str, Any]:
    """The parsed TOML of `path`, or an ExchangeError naming the file."""
    name = display if display is not None else str(path)
    return parse_text(read_text(path, name), name)


def read_text(path: Path, name: str) -> str:
    """The file's text once the guards before parsing pass (size, NUL, UTF-8, dotted keys)."""
    return _read(path, name, False)[0]


def read_text_crc(path: Path, name: str) -> tuple[str, int]:
    """`read_text`, and the CRC-32 of the file's bytes (for `read_same_text`)."""
    return _read(path, name, True)


def read_same_text(path: Path, name: str, crc: int) -> str | None:
    """The file's text again if its bytes still have this CRC-32 (`read_text_crc`): the text
    that passed the guards then, so they are not run again. None when the file changed."""
    data = _read_bytes(path, name)
    if zlib.crc32(data) != crc:
        return None
    text = data.decode("utf-8")
    del data
    return _without_bom(text)


def _read_bytes(path: Path, name: str) -> bytes:
    bad = f"{name}: not a valid mentor-tui file"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        # a relative path is the working folder's, which the app's import dialog does not show
        where = "" if Path(path).is_absolute() else f" (looked for {Path(path).absolute()})"
        raise ExchangeError(f"{name}: no such file{where}") from None
    except OSError as exc:
        raise ExchangeError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ExchangeError(f"{name}: is a folder, not a file")
    if info.st_size > MAX_FILE_BYTES:
        raise ExchangeError(f"{bad}: it is larger than {MAX_FILE_WORDS} ({info.st_size} bytes)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ExchangeError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError(f"{bad}: it is larger than {MAX_FILE_WORDS}")
    return data


def _read(path: Path, name: str, want_crc: bool) -> tuple[str, int]:
    bad = f"{name}: not a valid mentor-tui file"
    data = _read_bytes(path, name)
    crc = zlib.crc32(data) if want_crc else 0
    if b"\x00" in data:
        raise ExchangeError(f"{bad}: it is binary, not TOML text (NUL byte at offset {data.index(0)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{bad}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    dotted = _dotted_lines(data)
    del data  # the text alone while parsing: a big file is held once, not twice
    text = _without_bom(text)
    if dotted and _has_long_dotted_key(text):
        raise ExchangeError(f"{bad}: a dotted key has {MAX_DOTTED_PARTS} or more parts")
    return text, crc


def _without_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def parse_text(text: str, name: str) -> dict[str, Any]:
    """The parsed TOML of a file's text (or a piece of it), or an ExchangeError naming the file."""
    bad = f"{name}: not a valid mentor-tui file"
    try:
        return rtoml.loads(text)  # type: ignore[no-any-return]
    except MemoryError:
        raise ExchangeError(f"{bad}: too large to read") from None
    except (ValueError, UnicodeError, OverflowError, RecursionError) as exc:  # rtoml.TomlParsingError is a ValueError
        raise ExchangeError(f"{bad}: {_parse_error(str(exc))}") from None


def _has_long_dotted_key(text: str) -> bool:
    """Whether a key or table header has MAX_DOTTED_PARTS or more parts.

    Only a line with that many dots can hold one, so the pattern runs on those
    lines alone (a note may hold such a line too: refusing it is the safe side).
    The text is looked through a block of lines at a time: no copy of all of it.
    """
    least = MAX_DOTTED_PARTS - 1
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos + _BLOCK_CHARS)
        end = len(text) if end == -1 else end
        if text.count(".", pos, end) >= least:
            for line in text[pos:end].split("\n"):
                if line.count(".") >= least and _LONG_DOTTED_KEY.search(line):
                    return True
        pos = end + 1
    return False


def _dotted_lines(data: bytes) -> bool:
    """Whether any line has MAX_DOTTED_PARTS - 1 dots or more: fast, on the file's bytes
    (the dots and line breaks alone, where such a line is a run of dots)."""
    return data.count(b".") >= MAX_DOTTED_PARTS - 1 and _DOT_RUN.search(data.translate(None, _NOT_DOTS)) is not None


def _parse_error(text: str) -> str:
    """The parser's message as one line, in words a user can act on."""
    text = " ".join(text.split())
    if "recursion limit" in text or "cannot recurse further" in text:
        where = text.split(" at ", 1)[1] if " at line" in text else ""
        return "arrays, tables or dotted keys are nested too deeply" + (f" (at {where})" if where else "")
    if text.startswith("integer number overflowed"):
        return "an integer is out of range (TOML integers are 64-bit)" + text[len("integer number overflowed"):]
    return text
