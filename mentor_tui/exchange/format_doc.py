"""The key tables of docs/exchange-format.md, made from the record-kind registry.

    python -m mentor_tui.exchange.format_doc      # prints every table

The document keeps prose around the tables; `tests/test_format_doc.py` fails
when a table there differs from what this module makes, so the documentation
and the reader cannot drift apart.
"""

from __future__ import annotations

from mentor_tui import schema

_TYPES = {
    schema.LINE: "string",
    schema.TEXT: "string (Markdown, may span lines)",
    schema.SLUG: "string (slug)",
    schema.DATE: "local date `2026-11-26`",
    schema.MOMENT: "offset date-time `2026-11-26T16:00:00Z`",
    schema.MOMENTS: "array of offset date-times",
    schema.INT: "integer",
    schema.BOOL: "boolean",
    schema.CHOICE: "string",
    schema.REF: "string (reference)",
    schema.REFS: "array of strings (references)",
    schema.ZONE: "string (IANA time zone)",
    schema.RULE: "string (RFC 5545 RRULE)",
    schema.STAMP: "offset date-time `2026-11-26T16:00:00.250Z` (to the millisecond)",
    schema.ALIASES: "array of strings (uuids)",
}


def _allowed(f: schema.Field) -> str:
    if f.type == schema.CHOICE:
        return " · ".join(f"`{c}`" for c in f.choices)
    if f.type == schema.INT:
        return f"{f.low} to {f.high}"
    if f.type in (schema.REF, schema.REFS):
        target = "a competency key" if f.ref == "competency" else f"a {f.ref} uuid"
        return f'{target} or `"{f.self_word}"`' if f.self_word else target
    if f.type == schema.SLUG:
        return "lower-case letters, digits, `.`, `-`, `_`; at most 100"
    if f.nonblank:
        return "not blank"
    if f.longest is not None:
        return f"at most {f.longest} characters"
    if f.pattern is not None:
        return f.pattern_words
    return ""


def kind_table(kind: schema.Kind) -> str:
    lines = ["| key | type | required | allowed values | meaning |", "| --- | --- | --- | --- | --- |"]
    for f in kind.fields:
        meaning = f.doc
        if f.private:
            meaning = (meaning + "; " if meaning else "") + "private"
        lines.append(
            f"| `{f.file_key}` | {_TYPES[f.type]} | {'yes' if f.required else 'no'} | {_allowed(f)} | {meaning} |"
        )
    for child in kind.children:
        c = schema.KINDS[child]
        lines.append(f"| `{c.key}` | array of tables `[[{path(c)}]]` | no | | {c.summary} |")
    return "\n".join(lines)


def path(kind: schema.Kind) -> str:
    """The table header of a kind: `plans.goals.labs` for labs."""
    parts = [kind.key]
    while kind.parent is not None:
        kind = schema.KINDS[kind.parent]
        parts.append(kind.key)
    return ".".join(reversed(parts))


def blocks() -> dict[str, str]:
    """kind name -> its table, as it stands between the markers in the document."""
    return {name: kind_table(kind) for name, kind in schema.KINDS.items()}


def main() -> None:
    for name, table in blocks().items():
        print(f"<!-- table:{name} -->\n{table}\n<!-- /table -->\n")


if __name__ == "__main__":
    main()
