"""Reading an exchange file as TOML text, and showing its values in messages.

The size cap and the guards that run before the parser (NUL bytes, encoding,
very long dotted keys) live here; `validate.py` checks what the parser returns.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Any

# The same parser as stdlib tomllib (vendored from it), compiled: about 3x faster.
import tomli

from mentor_tui.exchange.errors import ExchangeError
from mentor_tui.exchange.spec import MAX_FILE_BYTES

MAX_DOTTED_PARTS = 64
# A key line or table header with very many dotted parts: tomllib takes time
# quadratic in the number of parts (30,000 parts: 15 s), so such files are refused first.
_LONG_DOTTED_KEY = re.compile(
    r"^[ \t]*\[{0,2}[ \t]*(?:(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')[ \t]*\.[ \t]*)"
    + f"{{{MAX_DOTTED_PARTS},}}",
    re.MULTILINE,
)


# ---------------------------------------------------------------- showing values in messages


def show(value: Any, limit: int = 60) -> str:
    """A short one-line rendering of a value for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quote(value, limit)
    if isinstance(value, int):
        digits = str(value)  # ints from tomllib have at most 4,300 digits
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
    bad = f"{name}: not a valid mentor-tui file"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ExchangeError(f"{name}: no such file") from None
    except OSError as exc:
        raise ExchangeError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ExchangeError(f"{name}: is a folder, not a file")
    if info.st_size > MAX_FILE_BYTES:
        raise ExchangeError(f"{bad}: it is larger than 10 MiB ({info.st_size} bytes)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ExchangeError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ExchangeError(f"{bad}: it is larger than 10 MiB")
    if b"\x00" in data:
        raise ExchangeError(f"{bad}: it is binary, not TOML text (NUL byte at offset {data.index(0)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{bad}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if _LONG_DOTTED_KEY.search(text):
        raise ExchangeError(f"{bad}: a dotted key has {MAX_DOTTED_PARTS} or more parts")
    try:
        doc = tomli.loads(text)
    except RecursionError:
        raise ExchangeError(f"{bad}: arrays or tables are nested too deeply") from None
    except MemoryError:
        raise ExchangeError(f"{bad}: too large to read") from None
    except tomli.TOMLDecodeError as exc:
        raise ExchangeError(f"{bad}: {exc}") from None
    except (ValueError, UnicodeError, OverflowError) as exc:
        if "integer string conversion" in str(exc):
            raise ExchangeError(f"{bad}: an integer has more than 4300 digits") from None
        raise ExchangeError(f"{bad}: {exc}") from None
    return doc
