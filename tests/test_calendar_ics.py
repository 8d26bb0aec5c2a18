"""iCalendar both ways: files as Google Calendar, Outlook and Thunderbird write them come in
with the expected occurrences, without duplicates; what mentor-tui writes comes back equal."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mentor_tui.cli import main
from mentor_tui.db import database, occurrences, people, session_edits, sessions
from mentor_tui.db.models import CheckIn, Incident, Mentorship, Session
from mentor_tui.exchange import ical_export, ical_import
from mentor_tui.exchange.errors import ExchangeError

ICS = Path(__file__).parent / "data" / "ics"
UTC = dt.UTC


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def _occurs(title: str, start: dt.datetime, end: dt.datetime, with_cancelled: bool = False):
    return [(e.starts_at, e.cancelled, e.moved) for e in occurrences.window(start, end, with_cancelled)
            if e.title == title]


def test_google_calendar_file(store):
    summary = ical_import.import_files([ICS / "google.ics"])
    assert sorted(summary.added) == sorted([
        "“Incident review” (from 2026-10-02, repeating)",
        "“Tooling deep dive: Argo CD” (from 2026-11-05, repeating)",
        "“Platform team offsite” (all day from 2026-12-18)",
    ])
    assert summary.skipped == [("“PoC outcome: eBPF tracing”", "it is cancelled in the calendar (a session already here with its UID is kept: delete it in the app)")]
    # Bi-weekly 15:00 Berlin: 13:00 UTC in summer time, 14:00 after 25 October. The 13 November
    # one was moved an hour later (RECURRENCE-ID); 27 November (cancelled override) and
    # 25 December (EXDATE) are cancelled.
    assert _occurs("Incident review", _at(2026, 10, 1), _at(2027, 1, 1), with_cancelled=True) == [
        (_at(2026, 10, 2, 13), False, False),
        (_at(2026, 10, 16, 13), False, False),
        (_at(2026, 10, 30, 14), False, False),
        (_at(2026, 11, 13, 15), False, True),
        (_at(2026, 11, 27, 14), True, False),
        (_at(2026, 12, 11, 14), False, False),
        (_at(2026, 12, 25, 14), True, False),
    ]
    argo = Session.get(Session.title == "Tooling deep dive: Argo CD")
    assert (argo.kind, argo.link, argo.timezone) == ("tooling-deep-dive", "https://meet.google.com/abc-defg-hij", None)
    assert [s for s, _c, _m in _occurs(argo.title, _at(2026, 1, 1), _at(2028, 1, 1))] == [
        _at(2026, 11, 5, 14), _at(2026, 12, 3, 14), _at(2027, 1, 7, 14), _at(2027, 2, 4, 14),
        _at(2027, 3, 4, 14), _at(2027, 4, 1, 14),
    ]
    offsite = Session.get(Session.title == "Platform team offsite")
    assert offsite.all_day and offsite.starts_at == _at(2026, 12, 18)
    assert "Location: Berlin office" in offsite.notes


def test_outlook_file_with_windows_zone_names(store):
    summary = ical_import.import_files([ICS / "outlook.ics"])
    assert len(summary.added) == 3 and summary.skipped == []
    update = Session.get(Session.title == "Platform update")
    assert update.timezone == "Europe/Berlin"  # "W. Europe Standard Time"
    assert update.kind == "platform-update"
    starts = _occurs("Platform update", _at(2026, 11, 1), _at(2027, 1, 15), with_cancelled=True)
    assert (_at(2026, 11, 9, 10), False, True) in starts  # moved 10:00 -> 11:00 Berlin
    assert (_at(2026, 11, 16, 9), False, False) in starts
    assert (_at(2026, 12, 28, 9), True, False) in starts and (_at(2027, 1, 4, 9), True, False) in starts
    last = occurrences.window(_at(2027, 3, 1), _at(2027, 6, 1))
    assert [e.starts_at for e in last if e.title == "Platform update"][-1] == _at(2027, 3, 29, 8)  # UNTIL, summer time
    poc = Session.get(Session.title == "PoC outcome: service mesh")
    assert (poc.timezone, poc.starts_at, poc.kind) == ("America/New_York", _at(2026, 12, 8, 14), "poc-outcome")
    freeze = Session.get(Session.title == "Change freeze (no sessions)")
    assert freeze.all_day and freeze.starts_at == _at(2026, 12, 24)


def test_thunderbird_file(store):
    summary = ical_import.import_files([ICS / "thunderbird.ics"])
    assert len(summary.added) == 2
    assert summary.skipped[0][0] == "“Hourly status pings”" and "FREQ=HOURLY" in summary.skipped[0][1]
    obs = _occurs("Observability deep dive", _at(2026, 11, 24), _at(2027, 3, 1), with_cancelled=True)
    assert obs == [
        (_at(2026, 11, 24, 14), False, False),
        (_at(2026, 12, 2, 14), False, True),  # moved from Tuesday 1 December
        (_at(2026, 12, 8, 14), False, False),
        (_at(2026, 12, 15, 14), False, False),
        (_at(2026, 12, 22, 14), False, False),
        (_at(2026, 12, 29, 14), True, False),
        (_at(2027, 1, 5, 14), False, False),
        (_at(2027, 1, 12, 14), False, False),
        (_at(2027, 1, 19, 14), False, False),
        (_at(2027, 1, 26, 14), False, False),
    ]
    handover = [s for s, _c, _m in _occurs("On-call handover", _at(2026, 11, 1), _at(2027, 1, 1))]
    assert [s.day for s in handover] == [30, 1, 2, 3, 4, 7, 8, 9, 10, 11]
    assert Session.get(Session.title == "Observability deep dive").kind == "tooling-deep-dive"


def test_a_second_import_changes_nothing(store, db_path):
    files = [ICS / "google.ics", ICS / "outlook.ics", ICS / "thunderbird.ics"]
    ical_import.import_files(files)
    before = ical_export.calendar_bytes()
    count = Session.select().count()
    again = ical_import.import_files(files)
    assert again.added == [] and again.updated == [] and len(again.unchanged) == 8
    assert Session.select().count() == count
    assert ical_export.calendar_bytes() == before


def test_an_import_keeps_what_only_lives_here_and_updates_the_rest(store, tmp_path):
    ical_import.import_files([ICS / "google.ics"])
    review = Session.get(Session.title == "Incident review")
    me = people.set_me("Bo Chen", "mentor")
    session_edits.edit_occurrence(review.id, _at(2026, 10, 16, 13), None, "Went through the DNS outage")
    session_edits.set_attendance(review.id, _at(2026, 10, 16, 13), [me.id])
    changed = tmp_path / "changed.ics"
    changed.write_bytes((ICS / "google.ics").read_bytes().replace(b"SUMMARY:Incident review", b"SUMMARY:Incident review (SRE)"))
    summary = ical_import.import_files([changed])
    assert len(summary.updated) == 1 and len(summary.unchanged) == 2
    view = occurrences.session_view(review.id, _at(2026, 10, 16, 13))
    assert view.title == "Incident review (SRE)"
    assert view.occurrence_notes == "Went through the DNS outage" and view.attendees == ((me.id, "Bo Chen"),)


def _demo_like_calendar():
    me = people.set_me("Bo Chen", "mentor")
    review = sessions.create_session(
        "Incident review", "incident-review", _at(2026, 10, 2, 13), 45, "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
        "Europe/Berlin", presenter=me, link="https://meet.example/review", notes="Bring the timeline",
    )
    session_edits.cancel_occurrence(review.id, _at(2026, 12, 25, 14))
    session_edits.edit_occurrence(review.id, _at(2026, 12, 11, 14), _at(2026, 12, 10, 14), "PRIVATE-ISH occurrence notes")
    session_edits.set_attendance(review.id, _at(2026, 12, 11, 14), [me.id])
    sessions.create_session("PoC outcome", "poc-outcome", _at(2026, 12, 3, 15), 30, None, "America/New_York")
    sessions.create_session("Offsite", "other", _at(2026, 12, 18), 60, all_day=True)
    return review, me


def test_export_then_import_into_an_empty_database_then_export_is_equal(tmp_path):
    database.open_database(tmp_path / "one.sqlite3")
    _demo_like_calendar()
    first = ical_export.calendar_bytes()
    database.close_database()
    (tmp_path / "cal.ics").write_bytes(first)
    database.open_database(tmp_path / "two.sqlite3")
    summary = ical_import.import_files([tmp_path / "cal.ics"])
    assert len(summary.added) == 3 and summary.skipped == []
    assert ical_export.calendar_bytes() == first


def test_the_export_is_rfc_5545_with_timezones_and_overrides_and_no_notes(store):
    review, me = _demo_like_calendar()
    mentorship = Mentorship.create(mentor=me, mentee=me, started_on=dt.date(2026, 1, 1))
    CheckIn.create(mentorship=mentorship, held_on=dt.date(2026, 11, 1), private_notes="SECRET pairing note")
    text = ical_export.calendar_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.rstrip().endswith("END:VCALENDAR")
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin" in text and "TZID:America/New_York" in text
    assert f"UID:{review.uuid}" in text
    assert "DTSTART;TZID=Europe/Berlin:20261002T150000" in text
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR" in text
    assert "EXDATE;TZID=Europe/Berlin:20261225T150000" in text
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20261211T150000" in text
    assert "DTSTART;VALUE=DATE:20261218" in text
    assert "SECRET" not in text and "PRIVATE-ISH" not in text and "Bo Chen" not in text


@pytest.mark.parametrize("name", ["broken_not_ics.ics", "broken_bad_date.ics", "broken_truncated.ics"])
def test_a_broken_file_is_one_line_exit_1_and_the_database_is_unchanged(tmp_path, capsys, name):
    db = tmp_path / "m.sqlite3"
    assert main(["--db", str(db), "calendar", "import", str(ICS / "google.ics")]) == 0
    database.close_database()
    before = db.read_bytes()
    capsys.readouterr()
    # a good file with the broken one: all or nothing
    assert main(["--db", str(db), "calendar", "import", str(ICS / "thunderbird.ics"), str(ICS / name)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_a_file_over_10_mib_is_refused(tmp_path, capsys):
    db = tmp_path / "m.sqlite3"
    assert main(["--db", str(db), "calendar", "import", str(ICS / "google.ics")]) == 0
    database.close_database()
    before = db.read_bytes()
    big = tmp_path / "big.ics"
    body = (ICS / "google.ics").read_bytes()
    big.write_bytes(body.replace(b"END:VCALENDAR", b"X-PAD:" + b"x" * 70 + b"\r\n") * 1 + b"X" * (10 * 1024 * 1024))
    capsys.readouterr()
    assert main(["--db", str(db), "calendar", "import", str(big)]) == 1
    err = capsys.readouterr().err
    assert "10 MiB" in err and err.count("\n") == 1
    assert db.read_bytes() == before


def test_dry_run_writes_nothing_and_says_what_would_change(tmp_path, capsys):
    db = tmp_path / "m.sqlite3"
    assert main(["--db", str(db), "calendar", "import", str(ICS / "google.ics")]) == 0
    database.close_database()
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["--db", str(db), "calendar", "import", "--dry-run", str(ICS / "outlook.ics")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run, nothing written: 3 sessions would be added")
    assert "would add: “Platform update”" in out
    assert db.read_bytes() == before


def test_cli_export_to_a_file_refuses_to_replace_one_without_force(tmp_path, capsys):
    db = tmp_path / "m.sqlite3"
    assert main(["--db", str(db), "calendar", "import", str(ICS / "thunderbird.ics")]) == 0
    out = tmp_path / "sessions.ics"
    assert main(["--db", str(db), "calendar", "export", "-o", str(out)]) == 0
    assert "wrote 3 events" in capsys.readouterr().out
    assert out.stat().st_mode & 0o777 == 0o600
    assert main(["--db", str(db), "calendar", "export", "-o", str(out)]) == 1
    assert "already exists; add --force to replace it" in capsys.readouterr().err
    assert main(["--db", str(db), "calendar", "export", "-o", str(out), "--force"]) == 0
    assert main(["--db", str(db), "calendar", "export"]) == 0
    assert capsys.readouterr().out.count("BEGIN:VEVENT") == 3


def test_an_event_in_two_files_comes_in_once(store, tmp_path):
    copy = tmp_path / "copy.ics"
    shutil.copy(ICS / "google.ics", copy)
    summary = ical_import.import_files([ICS / "google.ics", copy])
    assert len(summary.added) == 3


def test_incidents_and_occurrence_data_never_reach_the_file(store):
    review, me = _demo_like_calendar()
    Incident.create(person=me, occurred_on=dt.date(2026, 11, 1), title="DNS outage", lessons="LESSON-TEXT",
                    session=review)
    assert b"LESSON-TEXT" not in ical_export.calendar_bytes()


def test_read_file_refuses_a_folder(tmp_path):
    with pytest.raises(ExchangeError):
        ical_import.read_file(tmp_path)


def test_moved_occurrences_and_all_day_sessions_travel_in_toml_exports(tmp_path):
    from mentor_tui.exchange.toml_export import build_document, dumps
    from mentor_tui.exchange.toml_import import import_files

    database.open_database(tmp_path / "one.sqlite3")
    review, _me = _demo_like_calendar()
    first = dumps(build_document())
    assert "moved_to = 2026-12-10T14:00:00Z" in first and "all_day = true" in first
    (tmp_path / "team.toml").write_text(first, encoding="utf-8")
    database.close_database()
    database.open_database(tmp_path / "two.sqlite3")
    import_files([tmp_path / "team.toml"])
    # the same records, to the byte; only the exporter (no "me" in the second database) differs
    assert dumps(build_document()) == "".join(
        line for line in first.splitlines(True) if not line.startswith("exported_by =")
    )
    moved = _occurs("Incident review", _at(2026, 12, 1), _at(2027, 1, 1), with_cancelled=True)
    assert moved == [(_at(2026, 12, 10, 14), False, True), (_at(2026, 12, 25, 14), True, False)]
    assert Session.get(Session.title == "Offsite").all_day


def test_an_event_starting_in_the_skipped_spring_hour_is_skipped_with_the_reason(store, tmp_path):
    text = (ICS / "google.ics").read_bytes().decode().replace("DTSTART;TZID=Europe/Berlin:20261203T110000",
                                                    "DTSTART;TZID=Europe/Berlin:20270328T023000")
    text = text.replace("STATUS:CANCELLED\r\nSUMMARY:PoC outcome", "STATUS:CONFIRMED\r\nSUMMARY:PoC outcome")
    path = tmp_path / "gap.ics"
    path.write_bytes(text.encode())
    summary = ical_import.import_files([path])
    assert ("“PoC outcome: eBPF tracing”",
            "its start 2027-03-28 02:30 does not exist in Europe/Berlin: the clocks skip that hour "
            "(daylight saving starts); pick another time") in summary.skipped
    assert len(summary.added) == 3


def test_a_zone_only_its_vtimezone_explains_gets_an_iana_zone_with_the_same_offsets(store, tmp_path):
    """Outlook writes "Customized Time Zone" (with its VTIMEZONE) for a zone it has no name for."""
    text = (ICS / "outlook.ics").read_bytes().replace(b"W. Europe Standard Time", b"Customized Time Zone")
    (tmp_path / "custom.ics").write_bytes(text)
    summary = ical_import.import_files([tmp_path / "custom.ics"])
    assert len(summary.added) == 3 and summary.skipped == []
    update = Session.get(Session.title == "Platform update")
    assert update.timezone in ("Europe/Berlin", "Europe/Budapest", "Europe/Paris", "Europe/Warsaw")
    starts = _occurs("Platform update", _at(2026, 10, 1), _at(2027, 4, 1))
    assert starts[0][0] == _at(2026, 10, 5, 8) and (_at(2026, 11, 2, 9), False, False) in starts  # DST kept
    assert starts[-1][0] == _at(2027, 3, 29, 8)


def test_write_calendar_never_writes_through_a_link_or_over_a_fifo(tmp_path):
    """The app's .ics dialog and the command line write by the same rule as every -o."""
    import os

    from mentor_tui.exchange.errors import ExchangeError
    from mentor_tui.exchange.ical_export import write_calendar

    target = tmp_path / "real.ics"
    target.write_bytes(b"keep")
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    fifo = tmp_path / "fifo.ics"
    os.mkfifo(fifo)
    for path, what in ((link, "symbolic link"), (fifo, "FIFO")):
        with pytest.raises(ExchangeError, match=what):
            write_calendar(path, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", force=True)
    assert target.read_bytes() == b"keep" and link.is_symlink()


def test_an_occurrence_moved_onto_another_is_refused_in_a_file_as_in_the_form(tmp_path):
    """The form refuses moving an occurrence onto another of its series (session_edits);
    an .ics override or a TOML export that does so is refused the same way."""
    from mentor_tui.exchange.toml_export import build_document, dumps
    from mentor_tui.exchange.toml_import import import_files

    database.open_database(tmp_path / "one.sqlite3")
    review, _me = _demo_like_calendar()
    with pytest.raises(ValueError, match="another occurrence of this series happens at that time already"):
        session_edits.edit_occurrence(review.id, _at(2026, 12, 11, 14), _at(2026, 11, 27, 14), "")
    ics = ical_export.calendar_bytes().decode()
    toml = dumps(build_document())
    database.close_database()
    database.open_database(tmp_path / "two.sqlite3")

    assert "RECURRENCE-ID;TZID=Europe/Berlin:20261211T150000" in ics and ics.count("20261210T15") == 2  # its DTSTART and DTEND
    (tmp_path / "onto.ics").write_text(ics.replace("20261210T15", "20261127T15"), encoding="utf-8")
    summary = ical_import.import_files([tmp_path / "onto.ics"])
    assert ("“Incident review”", "an occurrence is moved to 2026-11-27 14:00 UTC, where another occurrence "
            "of the series happens already") in summary.skipped

    assert "moved_to = 2026-12-10T14:00:00Z" in toml
    (tmp_path / "onto.toml").write_text(toml.replace("moved_to = 2026-12-10T14:00:00Z",
                                                     "moved_to = 2026-11-27T14:00:00Z"), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"occurrences: an occurrence is moved to 2026-11-27 14:00 UTC"):
        import_files([tmp_path / "onto.toml"])
    assert sorted(s.title for s in Session.select()) == ["Offsite", "PoC outcome"]  # the .ics's other two


def test_a_skipped_event_never_sends_its_title_to_the_terminal(tmp_path, capsys):
    """A title with escape sequences (colours, a new window title) is why the event is skipped,
    and the summary line names it escaped: on the command line and in the app's preview."""
    evil = tmp_path / "evil.ics"
    evil.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:evil-1@test\r\n"
        b"DTSTAMP:20261128T000000Z\r\nDTSTART:20261210T100000Z\r\nDTEND:20261210T110000Z\r\n"
        b"SUMMARY:Evil \x1b[31mred\x1b[0m \x1b]0;pwned\x07 title\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert main(["--db", str(tmp_path / "m.sqlite3"), "calendar", "import", "--dry-run", str(evil)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert r"skipped “Evil \x1b[31mred\x1b[0m \x1b]0;pwned\x07 title”" in out


def test_an_exchange_error_shows_control_characters_escaped():
    assert str(ExchangeError("damaged event “a\x1b]0;x\x07b”")) == r"damaged event “a\x1b]0;x\x07b”"


def test_an_events_description_and_location_lose_their_control_characters(tmp_path, capsys):
    """Escape sequences in an event's DESCRIPTION (clear the screen, retitle the terminal) and
    LOCATION are not stored, so `calendar export` to the terminal never sends them; newline kept."""
    evil = tmp_path / "evil.ics"
    evil.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:evil-2@test\r\n"
        b"DTSTAMP:20261128T000000Z\r\nDTSTART:20261210T100000Z\r\nDTEND:20261210T110000Z\r\nSUMMARY:Retro\r\n"
        b"DESCRIPTION:Agenda\\n\x1b[2J\x1b]0;pwned\x07first \xc2\x9b31mitem\x00\r\n"
        b"LOCATION:Room \x1b[5m4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    db = str(tmp_path / "m.sqlite3")
    assert main(["--db", db, "calendar", "import", str(evil)]) == 0
    database.open_database(Path(db))
    assert Session.get().notes == "Location: Room [5m4\n\nAgenda\n[2J]0;pwnedfirst 31mitem"
    database.close_database()
    capsys.readouterr()
    assert main(["--db", db, "calendar", "export"]) == 0
    out = capsys.readouterr().out
    assert "BEGIN:VEVENT" in out and "first 31mitem" in out
    assert not any(c in out for c in "\x1b\x07\x9b\x00")


def test_an_export_never_sends_a_control_character_stored_before_they_were_stripped(store):
    session = sessions.create_session("Retro", "other", _at(2026, 12, 10, 10))
    Session.update(notes="a\x1b]0;pwned\x07b\nc").where(Session.id == session.id).execute()
    data = ical_export.calendar_bytes().decode()
    assert "DESCRIPTION:a]0\\;pwnedb\\nc" in data and "\x1b" not in data and "\x07" not in data


def test_an_older_ics_copy_does_not_undo_a_series_changed_here_since(store, tmp_path):
    """The export says when each series last changed (LAST-MODIFIED); importing it again after the
    series was edited here keeps the edit, as a TOML import keeps the newer side."""
    import re

    review, _me = _demo_like_calendar()
    text = ical_export.calendar_bytes().decode()
    assert "LAST-MODIFIED:" in text
    older = tmp_path / "older.ics"  # the same series as changed in 2020 (the triggers keep "now" here)
    older.write_text(re.sub(r"LAST-MODIFIED:\d{8}T\d{6}Z", "LAST-MODIFIED:20200101T000000Z", text), newline="")
    Session.update(title="Incident review (SRE)").where(Session.id == review.id).execute()  # changed here now
    summary = ical_import.import_files([older])
    assert summary.updated == [] and len(summary.kept) == 1
    assert "1 kept as here (changed here since)" in summary.lines()[0]
    assert Session.get_by_id(review.id).title == "Incident review (SRE)"


def test_an_ics_rule_that_would_hide_occurrences_holding_notes_is_skipped_with_why(store, tmp_path):
    """As the series form refuses it: the event is skipped, the series here stays as it is."""
    ical_import.import_files([ICS / "google.ics"])
    review = Session.get(Session.title == "Incident review")
    session_edits.edit_occurrence(review.id, _at(2026, 10, 16, 13), None, "Went through the DNS outage")
    tuesdays = tmp_path / "tuesdays.ics"
    tuesdays.write_bytes((ICS / "google.ics").read_bytes().replace(b"INTERVAL=2;BYDAY=FR", b"INTERVAL=2;BYDAY=TU"))
    for dry_run in (True, False):
        summary = ical_import.import_files([tuesdays], dry_run=dry_run)
        assert summary.updated == []
        why = [reason for what, reason in summary.skipped if "Incident review" in what]
        assert why and why[0].startswith("it would hide 1 occurrence with notes, attendance, a move or a cancellation")
    assert "BYDAY=FR" in Session.get_by_id(review.id).rrule


def test_an_ics_copy_at_a_new_time_of_day_takes_notes_and_attendance_along_as_the_series_form_does(store, tmp_path):
    """A series moved from 15:00 to 16:00 elsewhere: its occurrences' notes and attendance here go
    to the new time of their day (the series form's `s` does the same), not refused as hidden."""
    from mentor_tui.db.models import Attendance

    ical_import.import_files([ICS / "google.ics"])
    review = Session.get(Session.title == "Incident review")
    session_edits.edit_occurrence(review.id, _at(2026, 10, 16, 13), None, "Went through the DNS outage")
    session_edits.set_attendance(review.id, _at(2026, 10, 16, 13), [people.add_person("Ana Ruiz", "mentee").id])
    later = tmp_path / "later.ics"
    text = (ICS / "google.ics").read_bytes()
    for old, new in ((b"20261002T160000", b"20261002T170000"), (b"20261002T150000", b"20261002T160000"),
                     (b"20261225T150000", b"20261225T160000")):  # the end, the start, the cancelled Christmas
        text = text.replace(old, new)
    later.write_bytes(text)
    summary = ical_import.import_files([later])
    assert [what for what, _why in summary.skipped if "Incident review" in what] == []
    assert [t for t in summary.updated if "Incident review" in t]
    view = occurrences.session_view(review.id, _at(2026, 10, 16, 14))  # 16:00 Berlin
    assert view.occurrence_notes == "Went through the DNS outage"
    assert Attendance.select().count() == 1
    assert ical_import.import_files([later]).unchanged  # imported again: nothing to do
