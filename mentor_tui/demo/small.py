"""The small demo team: team.toml turned into an exchange document and imported.

`document(rng, today)` builds the document (FORMAT.md, version 1): dates are
counted from `today`, uuids come from `rng`, and the values team.toml leaves
to rules (due dates, done dates, occurrences, rating history) are filled in.
`write(rng, today)` imports it into the open store with the public importer,
then makes the person marked `me = true` "me", which the format does not carry.
The order in which uuids and samples are drawn from `rng` is part of what a
seed produces: keep it when changing this module.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import tomllib
import uuid as uuid_module
from collections.abc import Sequence
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

DATA_FILE = "team.toml"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
Record = dict[str, Any]


@functools.cache
def load() -> dict[str, Any]:
    """team.toml, parsed (shared between callers: do not change it)."""
    text = resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def sizes() -> dict[str, int]:
    """The small team's count of each kind of record the generator's sizes name."""
    data = load()
    goals = [goal for plan in data["plans"] for goal in plan["goals"]]
    return {
        "people": len(data["people"]),
        "plans": len(data["plans"]),
        "goals": len(goals),
        "lab_items": sum(len(lab.get("items", [])) for goal in goals for lab in goal.get("labs", [])),
        "checkins": sum(len(m.get("checkins", [])) for m in data["mentorships"]),
        "sessions": len(data["sessions"]),
    }


def me_name() -> str:
    return str(next(p["name"] for p in load()["people"] if p.get("me")))


def timezone() -> str:
    return str(load()["timezone"])


def goal_detail(why: str, done_when: Sequence[str]) -> str:
    return f"**Why:** {why}\n\n**Done when:**\n" + "".join(f"- {item}\n" for item in done_when)


def on_weekday(day: dt.date, weekday: int) -> dt.date:
    """The first `weekday` (0 = Monday) on or after `day`."""
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def starts_before(
    starts_at: dt.datetime, zone: ZoneInfo, rule: str | None, before: dt.datetime
) -> list[dt.datetime]:
    """Every start of a session (none cancelled) before `before`, in `zone`, oldest first."""
    from mentor_tui import recurrence  # dateutil: not needed to find an existing demo

    found = recurrence.occurrences(starts_at, str(zone), rule, (), starts_at, before)
    return [moment.astimezone(zone) for moment in found]


def hash_int(text: str) -> int:
    """A small stable hash (str hash() is salted per process)."""
    value = 0
    for ch in text:
        value = (value * 31 + ord(ch)) % 1_000_003
    return value


def _record(**values: Any) -> Record:
    """An exchange record: None values are left out (TOML has no null)."""
    return {k: v for k, v in values.items() if v is not None}


class _Builder:
    def __init__(self, data: dict[str, Any], rng: random.Random, today: dt.date) -> None:
        self.data = data
        self.rng = rng
        self.today = today
        self.zone = ZoneInfo(data["timezone"])
        self.person: dict[str, str] = {}  # name -> uuid
        # uuids by title, for what kudos are "for"
        self.titled: dict[str, dict[str, str]] = {"goal": {}, "session": {}, "incident": {}}

    def uuid(self) -> str:
        return str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))

    def on(self, offset: int) -> dt.date:
        """The day `offset` days from today."""
        return self.today + dt.timedelta(days=offset)

    def on_or_none(self, offset: int | None) -> dt.date | None:
        return None if offset is None else self.on(offset)

    def document(self) -> dict[str, Any]:
        data = self.data
        doc: dict[str, Any] = {
            "format": "mentor-tui",
            "version": 1,  # no updated_at or aliases: every reader takes version 1
            # from `today`, not the clock: the same seed and day give the same database
            "exported_at": dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC),
            "generator": "mentor_tui.demo",
            "scope": "team",
            "includes_private": True,
        }
        doc["people"] = [self._person(p) for p in data["people"]]
        ships = [(m, self.uuid()) for m in data["mentorships"]]
        doc["mentorships"] = [self._mentorship(m, uuid) for m, uuid in ships]
        doc["plans"] = [self._plan(p) for p in data["plans"]]
        doc["checkins"] = [c for m, uuid in ships for c in self._checkins(m, uuid)]
        doc["sessions"] = [self._session(s) for s in data["sessions"]]
        doc["skills"] = self._skills()
        doc["incidents"] = [self._incident(i) for i in data["incidents"]]
        doc["ownership"] = [self._ownership(o) for o in data["ownership"]]
        doc["kudos"] = [self._kudos(k) for k in data["kudos"]]
        doc["feedback"] = [self._feedback(f) for f in data["feedback"]]
        return doc

    def _person(self, p: Record) -> Record:
        uuid = self.person[p["name"]] = self.uuid()
        return _record(uuid=uuid, name=p["name"], role=p["role"], email=p.get("email"), team=p.get("team"),
                       aliases=p.get("aliases"))

    def _mentorship(self, m: Record, uuid: str) -> Record:
        return _record(
            uuid=uuid,
            mentor=self.person[m["mentor"]],
            mentee=self.person[m["mentee"]],
            started_on=self.on(m["started_on"]),
            ended_on=self.on_or_none(m.get("ended_on")),
            focus=m["focus"],
            cadence_days=m["cadence_days"],
        )

    def _plan(self, p: Record) -> Record:
        start, target = self.on(p["start_on"]), self.on(p["target_on"])
        rec = _record(
            uuid=self.uuid(),
            owner=self.person[p["owner"]],
            mentor=self.person[p["mentor"]],
            title=p["title"],
            kind=p["kind"],
            template=p.get("template"),
            start_on=start,
            target_on=target,
            status=p["status"],
        )
        scale = (target - start).days / 90
        rec["goals"] = []
        for position, g in enumerate(p["goals"]):
            due = start + dt.timedelta(days=round(int(g["phase"].split()[1]) * scale))
            done_on = None
            if g["status"] == "done":
                done_on = min(due - dt.timedelta(days=3 + position % 5), self.today)
            goal = _record(
                uuid=self.uuid(),
                title=g["title"],
                competency=g.get("competency"),
                kind=g["kind"],
                phase=g["phase"],
                due_on=due,
                status=g["status"],
                done_on=done_on,
                detail=goal_detail(g["why"], g["done_when"]),
            )
            goal["labs"] = [self._lab(lab, done_on) for lab in g.get("labs", [])]
            self.titled["goal"][g["title"]] = goal["uuid"]
            rec["goals"].append(goal)
        return rec

    def _lab(self, lab: Record, goal_done_on: dt.date | None) -> Record:
        items = lab.get("items", [])
        practised = None
        if any(item["done"] for item in items):
            practised = min(self.today, (goal_done_on or self.today) - dt.timedelta(days=2))
        rec = _record(uuid=self.uuid(), title=lab["title"], detail=lab.get("detail"), link=lab.get("link"),
                      last_practised_on=practised)
        rec["items"] = []
        for position, item in enumerate(items):
            done_on = None
            if item["done"]:
                before = dt.timedelta(days=2 * (len(items) - position))
                done_on = min(self.today, (practised or self.today) - before)
            rec["items"].append(_record(uuid=self.uuid(), text=item["text"], done=item["done"],
                                        done_on=done_on, evidence=item.get("evidence")))
        return rec

    def _checkins(self, m: Record, mentorship: str) -> list[Record]:
        owners = {"mentor": self.person[m["mentor"]], "mentee": self.person[m["mentee"]]}
        out = []
        for c in m.get("checkins", []):
            held = self.on(c["held_on"])
            rec = _record(
                uuid=self.uuid(),
                mentorship=mentorship,
                held_on=held,
                progress=c.get("progress", ""),
                blockers=c.get("blockers", ""),
                next_steps=c.get("next_steps", ""),
                confidence=c.get("confidence"),
                private_notes=c.get("private_notes"),
            )
            rec["actions"] = []
            for a in c.get("actions", []):
                due = held + dt.timedelta(days=a["due_in_days"])
                done_on = min(due - dt.timedelta(days=1), self.today) if a["done"] else None
                rec["actions"].append(_record(uuid=self.uuid(), text=a["text"], owner=owners[a["owner"]],
                                              due_on=due, done_on=done_on))
            out.append(rec)
        return out

    def _session(self, s: Record) -> Record:
        rule: str | None = s.get("rrule")
        # a series starts on its rule's day, a one-off on its own
        weekday = s["weekday"] if rule is None or "weekday" in s else rule.upper().split("BYDAY=")[1][:2]
        first_day = on_weekday(self.on(7 * s["first_week"]), WEEKDAYS.index(weekday))
        starts_at = dt.datetime.combine(first_day, s["time"], tzinfo=self.zone)
        # eight weeks ahead: far enough for the upcoming occurrences cancelled_upcoming names
        horizon = dt.datetime.combine(self.on(7 * 8 + 1), dt.time(), tzinfo=self.zone)
        moments = starts_before(starts_at, self.zone, rule, horizon)
        past = [t for t in moments if t.date() < self.today]
        upcoming = [t for t in moments if t.date() > self.today]
        cancelled = [past[-n] for n in s.get("cancelled_past", []) if n <= len(past)]
        cancelled += [upcoming[n - 1] for n in s.get("cancelled_upcoming", []) if n <= len(upcoming)]
        rec = _record(
            uuid=self.uuid(),
            title=s["title"],
            kind=s["kind"],
            starts_at=starts_at,
            timezone=self.data["timezone"],
            duration_minutes=s["duration_minutes"],
            rrule=rule,
            exdates=cancelled or None,
            presenter=self.person[s["presenter"]],
            link=s.get("link"),
            notes=s.get("notes"),
        )
        self.titled["session"][s["title"]] = rec["uuid"]
        # The notes go to the latest held occurrences; attendees are drawn latest first.
        held = [t for t in past if t not in cancelled]
        names = list(self.person)
        occurrences = []
        for occ, moment in zip(reversed(s.get("occurrences", [])), reversed(held), strict=False):
            picked = self.rng.sample(range(len(names)), self.rng.randint(3, len(names)))
            attendees = [self.person[names[i]] for i in sorted(picked)]
            occurrences.append({"starts_at": moment, "notes": occ["notes"], "attendees": attendees})
        rec["occurrences"] = occurrences[::-1]
        return rec

    def _skills(self) -> list[Record]:
        skills = self.data["skills"]
        lead = next(p["name"] for p in self.data["people"] if p["role"] == "lead")
        mentor_of = {m["mentee"]: m["mentor"] for m in self.data["mentorships"] if "ended_on" not in m}
        out = []
        for name, levels in skills["levels"].items():
            mentor = mentor_of.get(name, lead if name != lead else None)
            offsets = skills["newcomers"].get(name, skills["rated_on"])
            last = len(offsets) - 1
            for key, current in levels.items():
                start = max(0, current - (1 if current <= 2 else 2))
                for step, offset in enumerate(offsets):
                    # self and mentor ratings alternate; the mentor's comes last
                    by_mentor = step % 2 == 1 or step == last
                    out.append(_record(
                        uuid=self.uuid(),
                        person=self.person[name],
                        competency=key,
                        level=start + round((current - start) * step / last),
                        rated_on=self.on(offset - hash_int(name + key) % 5),
                        rated_by=self.person[mentor] if by_mentor and mentor is not None else "self",
                        evidence=skills["evidence"][key] if step == last else None,
                    ))
        return out

    def _incident(self, i: Record) -> Record:
        rec = _record(
            uuid=self.uuid(),
            person=self.person[i["person"]],
            occurred_on=self.on(i["occurred_on"]),
            role=i["role"],
            severity=i["severity"],
            title=i["title"],
            lessons=i.get("lessons"),
            session=self.titled["session"][i["session"]] if "session" in i else None,
        )
        self.titled["incident"].setdefault(i["title"], rec["uuid"])
        return rec

    def _ownership(self, o: Record) -> Record:
        return _record(uuid=self.uuid(), person=self.person[o["person"]], kind=o["kind"], name=o["name"],
                       since=self.on(o["since"]), until=self.on_or_none(o.get("until")), notes=o.get("notes"))

    def _kudos(self, k: Record) -> Record:
        given_for = k.get("for")
        if isinstance(given_for, dict):  # {goal|session|incident = title}: that record's uuid
            ((kind, title),) = given_for.items()
            given_for = self.titled[kind][title]
        return _record(**{"uuid": self.uuid(), "from": self.person[k["from"]], "to": self.person[k["to"]],
                          "given_on": self.on(k["given_on"]), "text": k["text"], "for": given_for})

    def _feedback(self, f: Record) -> Record:
        person = self.person[f["person"]] if "person" in f else None
        return _record(uuid=self.uuid(), given_on=self.on(f["given_on"]), rating=f["rating"],
                       text=f["text"], person=person)


def document(rng: random.Random, today: dt.date) -> dict[str, Any]:
    """The small team as an exchange document for `today`."""
    return _Builder(load(), rng, today).document()


def write(rng: random.Random, today: dt.date) -> None:
    """Import the small team into the open (empty) store and make its "me" me."""
    from mentor_tui.db import people
    from mentor_tui.exchange import toml_import
    from mentor_tui.exchange.validate import validate_document

    doc = document(rng, today)
    toml_import.import_parsed([validate_document(doc, f"demo {DATA_FILE}")])
    me = next(p["uuid"] for p in doc["people"] if p["name"] == me_name())
    people.claim_me(people.find(me).id)
