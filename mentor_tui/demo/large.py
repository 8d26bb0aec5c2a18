"""Synthetic records on top of the small team, up to exact sizes (the benchmarks' database).

Rows are built in memory with their ids and uuids, then written per table with
plain SQL bulk inserts: fifty thousand lab items take a fraction of a second,
where one import or ORM call per row would take minutes. The small team is
already in the store; `add` reads what it needs of it (people, active
mentorships, plans, goals) and continues its ids.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid as uuid_module
from typing import Any
from zoneinfo import ZoneInfo

from mentor_tui import vocabulary
from mentor_tui.db import bulk
from mentor_tui.demo.pools import (
    ACTIONS,
    BLOCKERS,
    FIRST_NAMES,
    GOAL_TOPICS,
    LAB_STEPS,
    LARGE_TEAMS,
    LAST_NAMES,
    NEXT_STEPS,
    PRIVATE,
    PROGRESS,
    SERVICES,
    SESSION_TOPICS,
    TRACKS,
)
from mentor_tui.demo.small import WEEKDAYS, goal_detail, on_weekday, starts_before, timezone


class _Rows:
    """New rows per model; ids continue the store's, uuids come from the seeded rng."""

    def __init__(self, models: Any, rng: random.Random) -> None:
        self.models = models
        self.rng = rng
        self.order = [m for m in models.ALL_MODELS if m is not models.Competency]
        self.rows: dict[Any, list[dict[str, Any]]] = {m: [] for m in self.order}
        self.stored: dict[Any, int] = {}
        self.next_id: dict[Any, int] = {}
        for model in self.order:
            ((count, last),) = bulk.query(f'SELECT count(*), max(id) FROM "{bulk.table_of(model)}"')
            self.stored[model] = count
            self.next_id[model] = (last or 0) + 1

    def add(self, model: Any, **values: Any) -> int:
        ident = self.next_id[model]
        self.next_id[model] = ident + 1
        values["id"] = ident
        if bulk.has_uuid(model):
            values["uuid"] = str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))
        self.rows[model].append(values)
        return ident

    def count(self, model: Any) -> int:
        """Rows of `model` in the store and added here."""
        return self.stored[model] + len(self.rows[model])

    def write(self) -> None:
        stored_value = self.models.stored_value
        for model in self.order:
            rows = self.rows[model]
            if not rows:
                continue
            defaults = bulk.stored_defaults(model)
            fields = list(defaults)
            values = (
                tuple(stored_value(row[n]) if n in row else defaults[n] for n in fields) for row in rows
            )
            bulk.insert_rows(model, fields, values)


def _counts_over(total: int, buckets: int) -> list[int]:
    """Split `total` into `buckets` near-equal parts."""
    if buckets <= 0:
        return []
    base, extra = divmod(total, buckets)
    return [base + (1 if i < extra else 0) for i in range(buckets)]


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class _Large:
    def __init__(self, models: Any, rng: random.Random, today: dt.date) -> None:
        self.m = models
        self.rng = rng
        self.today = today
        self.zone = ZoneInfo(timezone())
        self.rows = _Rows(models, rng)
        self.sql = bulk.query
        people = self.sql("SELECT id, name FROM person ORDER BY id")
        self.person: dict[str, int] = {name: i for i, name in people}
        self.competency: dict[str, int] = {key: i for i, key in self.sql("SELECT id, key FROM competency")}
        # id, mentor, mentee, started, cadence of every active mentorship
        self.mentorships: list[tuple[int, int, int, dt.date, int]] = [
            (i, mentor, mentee, _date(started), cadence)
            for i, mentor, mentee, started, cadence in self.sql(
                "SELECT id, mentor_id, mentee_id, started_on, cadence_days FROM mentorship "
                "WHERE ended_on IS NULL ORDER BY id"
            )
        ]
        self.active_mentor_of: dict[int, int] = {
            mentee: mentor for _i, mentor, mentee, _s, _c in self.mentorships
        }

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def add(
        self, people: int, plans: int, goals: int, lab_items: int, checkins: int, sessions: int
    ) -> None:
        new_people, new_mentees = self._people(people, checkins)
        new_goals = self._plans_and_goals(plans, goals, new_mentees)
        self._labs(lab_items, new_goals)
        self._checkins(checkins, new_mentees)
        self._sessions(sessions, list(self.person.values()) + new_people)
        self._the_rest(new_people)
        with bulk.transaction():
            self.rows.write()

    def _people(self, people: int, checkins: int) -> tuple[list[int], list[int]]:
        m, rows, rng = self.m, self.rows, self.rng
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(names)
        new_people: list[int] = []
        new_mentees: list[int] = []
        # the small team's mentors but me: my mentees stay the small team's
        others = self.sql("SELECT id FROM person WHERE role = 'mentor' AND NOT is_me ORDER BY id")
        mentors = [i for (i,) in others]
        # one mentor in six new people, the rest mentees
        roles = ["mentor" if i % 6 == 0 else "mentee" for i in range(people - rows.count(m.Person))]
        name_iter = (n for n in names if n not in self.person)
        for role in roles:
            name = next(name_iter, None) or f"Person {rows.next_id[m.Person]}"
            email = name.lower().replace(" ", ".").replace("'", "") + "@example.com"
            ident = rows.add(m.Person, name=name, role=role, email=email, is_me=False, archived=rng.random() < 0.04,
                             team=LARGE_TEAMS[len(new_people) % len(LARGE_TEAMS)])
            new_people.append(ident)
            (mentors if role == "mentor" else new_mentees).append(ident)

        for mentee, n in zip(new_mentees, _counts_over(checkins - rows.count(m.CheckIn), len(new_mentees)),
                             strict=True):
            mentor = rng.choice(mentors)
            cadence = rng.choice((7, 14, 14, 14, 21, 30))
            started = self.today - dt.timedelta(days=cadence * (n + 1) + rng.randint(0, 6))
            ident = rows.add(m.Mentorship, mentor=mentor, mentee=mentee, started_on=started,
                             focus=f"{rng.choice(TRACKS)[1]} and on-call readiness", cadence_days=cadence)
            self.mentorships.append((ident, mentor, mentee, started, cadence))
            self.active_mentor_of[mentee] = mentor
        return new_people, new_mentees

    def _plans_and_goals(
        self, plans: int, goals: int, new_mentees: list[int]
    ) -> list[tuple[int, dt.date | None]]:
        m, rows, rng = self.m, self.rows, self.rng
        # plans for mentees, new ones first
        owners = new_mentees or [p for _i, _mr, p, _s, _c in self.mentorships]
        new_plans: list[tuple[int, dt.date, int]] = []
        for i in range(plans - rows.count(m.Plan)):
            owner = owners[i % len(owners)]
            template, title, kind = rng.choice(TRACKS)
            start = self.day(-rng.randint(0, 720))
            length = 90 if kind == "onboarding" else rng.choice((120, 180))
            target = start + dt.timedelta(days=length)
            status = "done" if target < self.today and rng.random() < 0.7 else rng.choice(
                ("active", "active", "active", "paused", "archived"))
            ident = rows.add(m.Plan, owner=owner, mentor=self.active_mentor_of.get(owner), title=title, kind=kind,
                             template=template, start_on=start, target_on=target, status=status)
            new_plans.append((ident, start, length))

        # goals over the new plans (or the stored ones when no plans were added)
        targets = new_plans or [
            (i, _date(start), 90) for i, start in self.sql("SELECT id, start_on FROM plan ORDER BY id")
        ]
        positions = {p: 0 for p, _s, _l in targets}
        for plan, last in self.sql("SELECT plan_id, max(position) FROM goal GROUP BY plan_id"):
            positions[plan] = max(positions.get(plan, 0), last + 1)
        new_goals: list[tuple[int, dt.date | None]] = []
        competencies = list(GOAL_TOPICS)
        for (plan, start, length), n in zip(targets, _counts_over(goals - rows.count(m.Goal), len(targets)),
                                            strict=True):
            for k in range(n):
                phase_days = 30 * (1 + 3 * k // max(n, 1))
                key = rng.choice(competencies)
                svc = rng.choice(SERVICES)
                title = rng.choice(GOAL_TOPICS[key]).format(svc=svc)
                due = start + dt.timedelta(days=phase_days * length // 90)
                status = "done" if due < self.today and rng.random() < 0.75 else rng.choice(
                    ("todo", "todo", "doing", "blocked"))
                done_on = min(due, self.today) if status == "done" else None
                ident = rows.add(m.Goal, plan=plan, competency=self.competency[key], title=title,
                                 detail=goal_detail(f"Part of the {key} track for {svc}.",
                                                    [f"{title} is reviewed by your mentor"]),
                                 kind="skill" if k % 3 else "project", phase=f"day {phase_days}", due_on=due,
                                 status=status, done_on=done_on, position=positions[plan] + k)
                new_goals.append((ident, done_on))
        return new_goals

    def _labs(self, lab_items: int, new_goals: list[tuple[int, dt.date | None]]) -> None:
        """Labs of about five items over the new goals (or the stored ones)."""
        m, rows, rng = self.m, self.rows, self.rng
        extra_items = lab_items - rows.count(m.LabItem)
        if extra_items <= 0:
            return
        lab_goals = new_goals or [(i, None) for (i,) in self.sql("SELECT id FROM goal ORDER BY id")]
        n_labs = max(1, extra_items // 5)
        lab_positions: dict[int, int] = {}
        for lab_n, n_items in enumerate(_counts_over(extra_items, n_labs)):
            goal, goal_done = lab_goals[lab_n * len(lab_goals) // n_labs]
            position = lab_positions.get(goal, 0)
            lab_positions[goal] = position + 1
            practised = goal_done or (self.day(-rng.randint(1, 120)) if rng.random() < 0.5 else None)
            svc = rng.choice(SERVICES)
            lab = rows.add(m.Lab, goal=goal, title=f"Hands-on: {svc} in the sandbox",
                           detail=f"Work through the {svc} exercise in the sandbox cluster.",
                           link=f"https://git.example.internal/labs/{svc}", last_practised_on=practised,
                           position=position + 100)
            done_upto = n_items if goal_done else (rng.randint(0, n_items) if practised else 0)
            for k in range(n_items):
                done = k < done_upto
                rows.add(m.LabItem, lab=lab, text=LAB_STEPS[(k + lab_n) % len(LAB_STEPS)], done=done,
                         done_on=practised if done else None,
                         evidence=f"https://git.example.internal/labs/{svc}/pull/{lab_n}" if done and k % 3 == 0
                         else None, position=k)

    def _checkins(self, checkins: int, new_mentees: list[int]) -> None:
        """Check-ins over the new mentorships (or the stored ones)."""
        m, rows, rng = self.m, self.rows, self.rng
        added = set(new_mentees)
        ships = [s for s in self.mentorships if s[2] in added] or list(self.mentorships)
        for (ident, mentor, mentee, started, _cadence), n in zip(
                ships, _counts_over(checkins - rows.count(m.CheckIn), len(ships)), strict=True):
            span = (self.today - started).days
            for k in range(n):
                held = started + dt.timedelta(days=(k + 1) * span // (n + 1))
                svc = rng.choice(SERVICES)
                checkin = rows.add(m.CheckIn, mentorship=ident, held_on=held,
                                   progress=rng.choice(PROGRESS).format(svc=svc),
                                   blockers=rng.choice(BLOCKERS).format(svc=svc),
                                   next_steps=rng.choice(NEXT_STEPS).format(svc=svc),
                                   confidence=rng.randint(1, 5),
                                   private_notes=rng.choice(PRIVATE).format(svc=svc))
                recent = (self.today - held).days < 30
                for position in range(rng.randint(0, 2)):
                    due = held + dt.timedelta(days=rng.choice((3, 7, 14)))
                    done = not recent or rng.random() < 0.4
                    rows.add(m.ActionItem, checkin=checkin, text=rng.choice(ACTIONS).format(svc=svc),
                             owner=mentee if position == 0 else mentor, due_on=due,
                             done_on=min(due, self.today) if done else None, position=position)

    def _sessions(self, sessions: int, everyone: list[int]) -> None:
        """A quarter weekly or bi-weekly series (two in three end after a COUNT), the rest one-off."""
        m, rows, rng = self.m, self.rows, self.rng
        midnight = dt.datetime.combine(self.today, dt.time(), tzinfo=self.zone)
        for i in range(sessions - rows.count(m.Session)):
            kind = vocabulary.SESSION_KINDS[i % len(vocabulary.SESSION_KINDS)]
            topic = rng.choice(SESSION_TOPICS)
            weekday, hour = rng.randint(0, 4), rng.choice((9, 10, 11, 13, 14, 15, 16))
            first_day = on_weekday(self.day(-rng.randint(-30, 700)), weekday)
            starts_at = dt.datetime.combine(first_day, dt.time(hour), tzinfo=self.zone)
            rrule = None
            if rng.random() < 0.25:
                step = rng.choice((1, 2))
                count = rng.randint(4, 12) if rng.random() < 2 / 3 else None
                rrule = "FREQ=WEEKLY;" + ("INTERVAL=2;" if step == 2 else "") + (
                    f"COUNT={count};" if count else "") + "BYDAY=" + WEEKDAYS[weekday]
            # the latest start before today may be cancelled; the latest held one gets notes
            past = starts_before(starts_at, self.zone, rrule, midnight)
            exdates = past[-1:] if rrule and len(past) > 3 and rng.random() < 0.3 else []
            session = rows.add(m.Session, title=f"{kind.replace('-', ' ').capitalize()}: {topic}", kind=kind,
                               starts_at=starts_at, timezone=str(self.zone), duration_minutes=rng.choice((30, 45, 60)),
                               rrule=rrule, exdates="\n".join(m.stored_value(t) for t in exdates),
                               presenter=rng.choice(everyone), link=None,
                               notes=f"{topic}: what we learned and what changes for the team.")
            held = [t for t in past if t not in exdates]
            if held and i % 4 == 0:
                occurrence = rows.add(m.SessionOccurrence, session=session, starts_at=held[-1],
                                      notes=f"Notes on {topic.lower()}; recording in the wiki.")
                for person in sorted(rng.sample(everyone, min(len(everyone), rng.randint(2, 6)))):
                    rows.add(m.Attendance, occurrence=occurrence, person=person)

    def _the_rest(self, new_people: list[int]) -> None:
        """Skills, incidents, ownership, kudos and feedback for the new people."""
        m, rows, rng = self.m, self.rows, self.rng
        everyone = list(self.person.values()) + new_people
        for person in new_people:
            for key in GOAL_TOPICS:
                if rng.random() < 0.6:
                    continue
                level = rng.randint(1, 5)
                if key == "security":
                    level = min(level, 3)  # keep the demo's single point of knowledge
                for step, ago in enumerate((240, 120, 20)):
                    rows.add(m.SkillRating, person=person, competency=self.competency[key],
                             level=max(0, level - 2 + step), rated_on=self.day(-ago - rng.randint(0, 9)),
                             rated_by=self.active_mentor_of.get(person) if step == 1 else None,
                             evidence=None)
            for _ in range(rng.randint(0, 3)):
                rows.add(m.Incident, person=person, occurred_on=self.day(-rng.randint(1, 700)),
                         role=rng.choice(vocabulary.INCIDENT_ROLES), severity=rng.choice(vocabulary.SEVERITIES),
                         title=f"{rng.choice(SERVICES)} degraded: {rng.choice(('latency', 'errors', 'saturation'))}",
                         lessons="- Alert fired late\n- Runbook step missing", session=None)
            if rng.random() < 0.5:
                rows.add(m.Ownership, person=person, kind=rng.choice(vocabulary.OWNERSHIP_KINDS),
                         name=f"{rng.choice(SERVICES)} {rng.choice(('availability', 'latency', 'runbook'))}",
                         since=self.day(-rng.randint(1, 700)), until=None, notes="")
            giver = rng.choice([p for p in everyone if p != person])  # never kudos to oneself
            rows.add(m.Kudos, giver=giver, receiver=person, given_on=self.day(-rng.randint(0, 365)),
                     text="Thanks for the help with the on-call handover!", for_ref=None)
            if rng.random() < 0.3:
                rows.add(m.Feedback, given_on=self.day(-rng.randint(0, 365)), rating=rng.randint(1, 5),
                         text="More pairing, fewer slides.", person=None if rng.random() < 0.5 else person)


def add(rng: random.Random, today: dt.date, **sizes: int) -> None:
    """Add synthetic records to the open store until each size (see SMALL) is reached exactly."""
    from mentor_tui.db import models

    _Large(models, rng, today).add(**sizes)
