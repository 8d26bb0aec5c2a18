"""Constants of the exchange format, version 2 (docs/exchange-format.md).

The record kinds themselves are described in `mentor_tui.schema`; the names
and labels below are derived from it.
"""

from __future__ import annotations

from mentor_tui import APP_NAME, __version__, schema

FORMAT_NAME = "mentor-tui"
FORMAT_VERSION = 2  # 2: updated_at on every record, aliases, exported_by (1 still reads)
GENERATOR = f"{APP_NAME} {__version__}"
SCOPES = ("person", "plan", "team", "template")
# The largest file read: far above the team export of the benchmarks' large database
# (26 MB), so every file the app writes imports back; the guards before parsing are linear.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_FILE_WORDS = "256 MiB"

HEADER_KEYS = ("format", "version", "exported_at", "exported_by", "generator", "scope", "includes_private")
# Top-level arrays of tables, in the order they are written.
TOP_ARRAYS = tuple(schema.KINDS[name].key for name in schema.TOP_KINDS)
TOP_KEYS = HEADER_KEYS + TOP_ARRAYS
# Every kind of record, nested ones included, in the order a summary lists them.
KINDS = tuple(schema.KINDS)
KIND_LABELS = {name: kind.label for name, kind in schema.KINDS.items()}
