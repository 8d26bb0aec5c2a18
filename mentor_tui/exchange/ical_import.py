"""iCalendar (.ics) files from a calendar app as sessions, de-duplicated by UID.

Reads what Google Calendar, Outlook and Thunderbird write: TZIDs that are IANA
names or Windows names ("W. Europe Standard Time", with their VTIMEZONE blocks),
floating times (X-WR-TIMEZONE, else the user's zone), all-day events (kept
all-day), RRULE with BYDAY/COUNT/UNTIL, EXDATE, RECURRENCE-ID overrides (a moved
occurrence; a cancelled one becomes an exception date) and cancelled events.

All or nothing: every file is read and checked before anything is written; a file
that is not iCalendar, is damaged or is over 10 MiB is refused with one line
(ExchangeError) and nothing changes. An event mentor-tui cannot hold (a rule it
does not support, an unknown zone) is skipped and the summary says why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icalendar import Calendar, Component

from mentor_tui import recurrence, series, timezones
from mentor_tui.db.calendar_io import SeriesRecord
from mentor_tui.exchange.errors import ExchangeError, one_line
from mentor_tui.exchange.ical_zones import UTC, Skip, as_utc, zone_of
from mentor_tui.text_safety import escape_controls
from mentor_tui.vocabulary import SESSION_KINDS
from mentor_tui.words import plural

MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MINUTES = 60
_KIND_WORDS = (
    ("incident-review", ("incident", "postmortem", "post-mortem", "retro")),
    ("platform-update", ("platform", "release", "update")),
    ("tooling-deep-dive", ("deep dive", "deep-dive", "tooling", "tool")),
    ("poc-outcome", ("poc", "proof of concept")),
)


@dataclass
class ParsedIcs:
    path: Path
    records: list[SeriesRecord] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)


def _text(component: Component, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return "" if value is None else str(value)


def _kind(event: Component, title: str) -> str:
    categories = event.get("CATEGORIES")
    for item in categories if isinstance(categories, list) else [categories] if categories else []:
        for word in getattr(item, "cats", [item]):
            if str(word).strip().lower() in SESSION_KINDS:
                return str(word).strip().lower()
    lower = title.lower()
    for kind, words in _KIND_WORDS:
        if any(w in lower for w in words):
            return kind
    return "other"


def _all(event: Component, name: str) -> list[Any]:
    value = event.get(name)
    return [] if value is None else value if isinstance(value, list) else [value]


def _uid(event: Component) -> str:
    uid = _text(event, "UID").strip()
    if uid:
        return uid
    # No UID (not RFC 5545, but seen): one made from what the event is, so a second import matches it.
    seed = f"{_text(event, 'SUMMARY')}|{event.get('DTSTART').to_ical().decode() if event.get('DTSTART') else ''}"
    return "ics-" + hashlib.sha256(seed.encode()).hexdigest()[:32]


def _minutes(event: Component, start: Any) -> int:
    end = event.get("DTEND")
    if end is not None:
        length = end.dt - start
    elif event.get("DURATION") is not None:
        length = event.get("DURATION").dt
    else:
        return DEFAULT_MINUTES
    minutes = int(length.total_seconds() // 60)
    if minutes > 600:
        raise Skip(f"it lasts {minutes // 60} hours; a session lasts at most 10 hours")
    return max(minutes, 5)


def _master(event: Component, fallback_zone: str, overrides: list[Component]) -> tuple[SeriesRecord, list[str]]:
    """The series of a VEVENT without RECURRENCE-ID, with its overrides; Skip when it cannot be held."""
    notes_out: list[str] = []
    if _text(event, "STATUS").upper() == "CANCELLED":
        raise Skip("it is cancelled in the calendar (a session already here with its UID is kept: delete it in the app)")
    start_prop = event.get("DTSTART")
    if start_prop is None:
        raise Skip("it has no start (DTSTART)")
    start = start_prop.dt
    all_day = not isinstance(start, dt.datetime)
    zone = None if all_day else zone_of(start_prop, fallback_zone)
    if not all_day:
        try:  # a start in the hour skipped when clocks go forward names no moment: refused, not moved
            series.local_start(start.date(), start.time(), zone)
        except recurrence.RuleError as exc:
            raise Skip(f"its start {exc}") from None
    starts_at = as_utc(start, zone)
    title = " ".join(_text(event, "SUMMARY").split()) or "(no title)"
    duration = DEFAULT_MINUTES if all_day else _minutes(event, start)
    rules = _all(event, "RRULE")
    if len(rules) > 1:
        raise Skip("it has more than one RRULE")
    rule = rules[0].to_ical().decode() if rules else None
    if rule:
        problem = recurrence.problem(rule, starts_at, zone)
        if problem:
            raise Skip(f"its rule cannot be used: {problem}")
    if event.get("RDATE") is not None:
        notes_out.append("its extra dates (RDATE) were left out")
    exdates = set()
    for prop in _all(event, "EXDATE"):
        for item in prop.dts:
            exdates.add(as_utc(item.dt, zone_of(prop, zone or fallback_zone) if not all_day else None, starts_at))
    moves = {}
    for override in overrides:
        rid = override.get("RECURRENCE-ID")
        original = as_utc(rid.dt, None if all_day else zone_of(rid, zone or fallback_zone), starts_at)
        if _text(override, "STATUS").upper() == "CANCELLED":
            exdates.add(original)
            continue
        new_start = override.get("DTSTART")
        if new_start is None:
            continue
        moved = as_utc(new_start.dt, None if all_day else zone_of(new_start, zone or fallback_zone), starts_at)
        if moved != original:
            moves[original] = moved
    location = _text(event, "LOCATION").strip()
    link = _text(event, "URL").strip() or (location if location.startswith(("http://", "https://")) else "")
    description = _text(event, "DESCRIPTION").replace("\r\n", "\n").strip()
    if location and location != link:
        description = f"Location: {location}\n\n{description}".strip()
    record = SeriesRecord(
        "", title, _kind(event, title), starts_at, zone, duration, rule,
        tuple(sorted(exdates)), all_day, link or None, description,
        tuple(sorted(moves.items())) if rule else (),
        _modified(event),
    )
    try:
        record.check()
    except ValueError as exc:
        raise Skip(one_line(str(exc))) from None
    return record, notes_out


def parse_bytes(data: bytes, path: Path) -> ParsedIcs:
    """The sessions in one .ics file's bytes; ExchangeError when the file is not usable."""
    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError, UnicodeDecodeError) as exc:
        if "Found no components" in str(exc) or not data.strip():
            raise ExchangeError(f"{path}: not a whole iCalendar file (empty, or cut off before END:VCALENDAR)") from None
        raise ExchangeError(f"{path}: not an iCalendar file ({one_line(str(exc), 100)})") from None
    if not isinstance(cal, Calendar) or cal.name != "VCALENDAR":
        raise ExchangeError(f"{path}: not an iCalendar file (no VCALENDAR)")
    for component in cal.walk():
        if component.errors:
            name, problem = component.errors[0]
            raise ExchangeError(f"{path}: damaged {component.name} ({name}: {one_line(str(problem), 120)})")
    fallback = _text(cal, "X-WR-TIMEZONE").strip()
    if not timezones.is_valid(fallback) if fallback else True:
        fallback = timezones.local_zone_name()
    masters: dict[str, Component] = {}
    overrides: dict[str, list[Component]] = {}
    for event in cal.walk("VEVENT"):
        uid = _uid(event)
        if event.get("RECURRENCE-ID") is not None:
            overrides.setdefault(uid, []).append(event)
        else:
            masters[uid] = event
    parsed = ParsedIcs(path)
    for uid, event in masters.items():
        title = _shown_title(event)
        try:
            record, notes = _master(event, fallback, overrides.get(uid, []))
        except Skip as exc:
            parsed.skipped.append((f"“{title}”", str(exc)))
            continue
        except (ValueError, OverflowError, AttributeError, TypeError) as exc:
            raise ExchangeError(f"{path}: damaged event “{title}” ({one_line(str(exc), 120)})") from None
        parsed.records.append(_with_uid(record, uid))
        for note in notes:
            parsed.skipped.append((f"“{title}”", note))
    for uid, events in overrides.items():
        if uid not in masters:
            title = _shown_title(events[0])
            parsed.skipped.append((f"a change to “{title}”", "its series is not in the file"))
    return parsed


def _modified(event: Component) -> dt.datetime | None:
    """The event's LAST-MODIFIED (UTC), if it says one."""
    value = event.get("LAST-MODIFIED")
    moment = getattr(value, "dt", None)
    if not isinstance(moment, dt.datetime):
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def _shown_title(event: Component) -> str:
    """An event's title for a line of the summary: on one line, a control character escaped
    (an event may be skipped for having one), never longer than a line."""
    return escape_controls(one_line(_text(event, "SUMMARY"), 120)) or "(no title)"


def _with_uid(record: SeriesRecord, uid: str) -> SeriesRecord:
    from dataclasses import replace

    return replace(record, uuid=uid)


def read_file(path: Path) -> ParsedIcs:
    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExchangeError(f"{path} is {size / 1024 / 1024:.1f} MiB: an .ics file may be at most 10 MiB")
        if path.is_dir():
            raise ExchangeError(f"{path} is a folder: give .ics files")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise ExchangeError(f"{path} is over 10 MiB: an .ics file may be at most 10 MiB")
    return parse_bytes(data, path)


@dataclass
class IcsSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed here after the file's copy
    skipped: list[tuple[str, str]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated) and not self.dry_run

    def lines(self) -> list[str]:
        would = "would be " if self.dry_run else ""
        head = (f"{plural(len(self.added), 'session')} {would}added, {len(self.updated)} {would}updated, "
                f"{len(self.unchanged)} already here unchanged, "
                + (f"{len(self.kept)} kept as here (changed here since), " if self.kept else "")
                + f"{len(self.skipped)} skipped")
        lines = [("Dry run, nothing written: " if self.dry_run else "") + head]
        lines += [f"  {'would add' if self.dry_run else 'added'}: {t}" for t in self.added]
        lines += [f"  {'would update' if self.dry_run else 'updated'}: {t}" for t in self.updated]
        lines += [f"  kept as here: {t} (changed here after the file's copy)" for t in self.kept]
        lines += [f"  skipped {what}: {why}" for what, why in self.skipped]
        return lines


def read_files(paths: Iterable[Path]) -> tuple[list[SeriesRecord], list[tuple[str, str]]]:
    """Every file read and checked (ExchangeError at the first bad one); a UID in two files: the later wins."""
    by_uid: dict[str, SeriesRecord] = {}
    skipped: list[tuple[str, str]] = []
    for path in paths:
        parsed = read_file(path)
        for record in parsed.records:
            by_uid[record.uuid] = record
        skipped += parsed.skipped
    return list(by_uid.values()), skipped


def import_files(paths: Iterable[Path], dry_run: bool = False) -> IcsSummary:
    """Read every file, then write all of it in one transaction (nothing with `dry_run`)."""
    records, skipped = read_files(paths)
    return import_records(records, skipped, dry_run)


def import_records(records: list[SeriesRecord], skipped: list[tuple[str, str]], dry_run: bool = False) -> IcsSummary:
    """What read_files found, written in one transaction (nothing with `dry_run`)."""
    from mentor_tui.db import calendar_io

    summary = IcsSummary(skipped=skipped, dry_run=dry_run)
    for record, outcome in calendar_io.apply(records, write=not dry_run):
        first = "all day " if record.all_day else ""
        name = f"“{record.title}” ({first}from {record.starts_at:%Y-%m-%d}{', repeating' if record.rrule else ''})"
        if outcome.startswith(calendar_io.HIDES):  # not written: the series here stays as it is
            summary.skipped.append((name, f"{outcome}: the series here is kept (change it in the app: it says what holds them)"))
            continue
        {calendar_io.ADDED: summary.added, calendar_io.UPDATED: summary.updated,
         calendar_io.UNCHANGED: summary.unchanged, calendar_io.KEPT: summary.kept}[outcome].append(name)
    return summary


__all__ = ["MAX_BYTES", "IcsSummary", "ParsedIcs", "import_files", "import_records", "parse_bytes", "read_file", "read_files", "UTC"]
