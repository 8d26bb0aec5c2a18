"""Queries behind the reports: plan progress, a person's period, the team's skills.

Everything here returns small frozen dataclasses, never model objects, so the
exchange renderers and the Team screen cannot trigger lazy queries by accident.
Nothing here reads `CheckIn` at all: private pairing notes cannot reach a report.

The skills queries aggregate in SQL: the latest rating per (person, competency)
comes from a `ROW_NUMBER()` window over the `(person, competency, rated_on)` index,
so the matrix and the bus factor cost one query each whatever the history size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, SQL, Case, Model, ModelAlias, Select, fn

from mentor_tui.db.models import (
    BUILTIN_COMPETENCIES,
    INCIDENT_ROLES,
    LEVELS,
    ROLES,
    Competency,
    Goal,
    Incident,
    Kudos,
    Lab,
    LabItem,
    Ownership,
    Person,
    Plan,
    Session,
    SkillRating,
)

EXPERT_LEVEL = 4
"""Level from which someone counts towards a competency's bus factor (proficient)."""
RECENT_DAYS = 365
"""A rating older than this no longer counts towards the bus factor."""
SINGLE_POINT_MAX = 1
"""A competency whose bus factor is at most this is a single point of knowledge."""

_BUILTIN_ORDER = {
    key: index for index, (key, _name, _description) in enumerate(BUILTIN_COMPETENCIES)
}


def level_name(level: int | None) -> str:
    """`4` → `"proficient"`; unknown or missing levels give an empty string."""
    return "" if level is None else LEVELS.get(level, "")


def _percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


# ---------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class PersonRef:
    uuid: str
    name: str
    role: str
    is_me: bool = False
    archived: bool = False


@dataclass(frozen=True)
class CompetencyRef:
    key: str
    name: str
    builtin: bool


@dataclass(frozen=True)
class PlanProgress:
    uuid: str
    title: str
    kind: str
    status: str
    start_on: dt.date
    target_on: dt.date | None
    owner: PersonRef
    mentor_name: str | None
    goals_done: int
    goals_total: int
    items_done: int
    items_total: int

    @property
    def goals_percent(self) -> int:
        return _percent(self.goals_done, self.goals_total)

    @property
    def items_percent(self) -> int:
        return _percent(self.items_done, self.items_total)


@dataclass(frozen=True)
class GoalDone:
    title: str
    plan_title: str
    kind: str
    competency: str | None  # competency name
    done_on: dt.date | None


@dataclass(frozen=True)
class Evidence:
    item: str
    evidence: str
    done_on: dt.date | None


@dataclass(frozen=True)
class LabDone:
    """A lab whose checklist is complete, finished (last item done) in the period."""

    title: str
    goal_title: str
    plan_title: str
    link: str | None
    done_on: dt.date | None
    items_total: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class SkillChange:
    competency_key: str
    competency_name: str
    from_level: int
    from_on: dt.date
    to_level: int
    to_on: dt.date
    ratings_in_period: int

    @property
    def delta(self) -> int:
        return self.to_level - self.from_level

    @property
    def from_name(self) -> str:
        return level_name(self.from_level)

    @property
    def to_name(self) -> str:
        return level_name(self.to_level)


@dataclass(frozen=True)
class IncidentLine:
    occurred_on: dt.date
    role: str
    severity: str
    title: str


@dataclass(frozen=True)
class OwnershipLine:
    kind: str
    name: str
    since: dt.date
    until: dt.date | None


@dataclass(frozen=True)
class KudosLine:
    given_on: dt.date
    giver_name: str | None  # None: the giver is unknown or was removed
    text: str
    for_ref: str | None


@dataclass(frozen=True)
class SessionLine:
    title: str
    kind: str
    starts_at: dt.datetime
    recurrence: str | None
    link: str | None


@dataclass(frozen=True)
class PersonPeriod:
    """Everything a brag doc shows about one person over [since, until]."""

    person: PersonRef
    since: dt.date
    until: dt.date
    plans: list[PlanProgress]
    goals_done: list[GoalDone]
    labs_done: list[LabDone]
    skills: list[SkillChange]
    incidents_by_role: dict[str, list[IncidentLine]]
    ownership_current: list[OwnershipLine]
    ownership_past: list[OwnershipLine]
    kudos: list[KudosLine]
    sessions_presented: list[SessionLine]


@dataclass(frozen=True)
class MatrixRow:
    person: PersonRef
    levels: dict[str, int] = field(default_factory=dict)  # competency key -> latest level
    rated_on: dict[str, dt.date] = field(default_factory=dict)  # competency key -> date of it


@dataclass(frozen=True)
class SkillsMatrix:
    """Active people (sorted by name) × competencies (builtin order, then user-made by key)."""

    as_of: dt.date
    competencies: list[CompetencyRef]
    rows: list[MatrixRow]


@dataclass(frozen=True)
class BusFactor:
    competency: CompetencyRef
    experts: tuple[str, ...]  # names of the people who count, sorted

    @property
    def count(self) -> int:
        return len(self.experts)

    @property
    def single_point(self) -> bool:
        """True when at most one person holds this knowledge (or nobody does)."""
        return self.count <= SINGLE_POINT_MAX


# ---------------------------------------------------------------- helpers


def _pk(model: type[Model] | ModelAlias[Any]) -> Any:
    """The implicit `id` column of a model (models.py declares no AutoField, so the
    peewee stubs do not know `Model.id`)."""
    return model._meta.primary_key if isinstance(model, type) else model.id


def _rows(query: Any) -> Iterator[Any]:
    """Iterate a `.tuples()` / `.dicts()` / annotated query (the stubs type every row as a model)."""
    return iter(query)


def _person_ref(person: Person) -> PersonRef:
    return PersonRef(
        uuid=person.uuid,
        name=person.name,
        role=person.role,
        is_me=bool(person.is_me),
        archived=bool(person.archived),
    )


def competencies() -> list[CompetencyRef]:
    """All competencies: the built-in ones in their documented order, then the others by key."""
    refs = [
        CompetencyRef(key=c.key, name=c.name, builtin=bool(c.builtin))
        for c in Competency.select(Competency.key, Competency.name, Competency.builtin)
    ]
    return sorted(refs, key=lambda c: (_BUILTIN_ORDER.get(c.key, len(_BUILTIN_ORDER)), c.key))


def _latest_ratings(as_of: dt.date) -> Select:
    """Subquery: the latest rating on or before `as_of` per (person, competency).

    Columns: person_id, competency_id, level, rated_on. Ties on the same day go to
    the rating entered last (highest id).
    """
    rn = (
        fn.ROW_NUMBER()
        .over(
            partition_by=[SkillRating.person, SkillRating.competency],
            order_by=[SkillRating.rated_on.desc(), _pk(SkillRating).desc()],
        )
        .alias("rn")
    )
    ranked = (
        SkillRating.select(
            SkillRating.person.alias("person_id"),
            SkillRating.competency.alias("competency_id"),
            SkillRating.level.alias("level"),
            SkillRating.rated_on.alias("rated_on"),
            rn,
        )
        .where(SkillRating.rated_on <= as_of)
        .alias("ranked")
    )
    return (
        Select(
            [ranked],
            [ranked.c.person_id, ranked.c.competency_id, ranked.c.level, ranked.c.rated_on],
        )
        .where(ranked.c.rn == 1)
        .alias("latest")
    )


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# ---------------------------------------------------------------- plans


def plan_progress(plans: Select) -> list[PlanProgress]:
    """Progress of the plans a `Plan.select()` query names, in the query's order.

    A handful of queries whatever the number of plans: the plans, their people,
    the goal counts and the lab item counts (both GROUP BY plan, per 500 plans).
    """
    rows = list(plans)
    if not rows:
        return []
    person_ids = {p.owner_id for p in rows} | {p.mentor_id for p in rows if p.mentor_id is not None}
    people: dict[int, Person] = {}
    for chunk in _chunks(sorted(person_ids), 500):
        people.update((p.get_id(), p) for p in Person.select().where(_pk(Person).in_(chunk)))
    ids = [p.id for p in rows]
    goal_counts: dict[int, tuple[int, int]] = {}
    item_counts: dict[int, tuple[int, int]] = {}
    for chunk in _chunks(ids, 500):
        done_goal = fn.SUM(Case(None, [(Goal.status == "done", 1)], 0))
        for plan_id, total, done in _rows(
            Goal.select(Goal.plan, fn.COUNT(_pk(Goal)), done_goal)
            .where(Goal.plan.in_(chunk))
            .group_by(Goal.plan)
            .tuples()
        ):
            goal_counts[plan_id] = (int(done or 0), int(total))
        done_item = fn.SUM(Case(None, [(LabItem.done == True, 1)], 0))  # noqa: E712
        for plan_id, total, done in _rows(
            LabItem.select(Goal.plan, fn.COUNT(_pk(LabItem)), done_item)
            .join(Lab)
            .join(Goal)
            .where(Goal.plan.in_(chunk))
            .group_by(Goal.plan)
            .tuples()
        ):
            item_counts[plan_id] = (int(done or 0), int(total))
    result = []
    for plan in rows:
        goals_done, goals_total = goal_counts.get(plan.id, (0, 0))
        items_done, items_total = item_counts.get(plan.id, (0, 0))
        result.append(
            PlanProgress(
                uuid=plan.uuid,
                title=plan.title,
                kind=plan.kind,
                status=plan.status,
                start_on=plan.start_on,
                target_on=plan.target_on,
                owner=_person_ref(people[plan.owner_id]),
                mentor_name=people[plan.mentor_id].name if plan.mentor_id in people else None,
                goals_done=goals_done,
                goals_total=goals_total,
                items_done=items_done,
                items_total=items_total,
            )
        )
    return result


def _chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# ---------------------------------------------------------------- one person


def person_period(person: Person, since: dt.date, until: dt.date) -> PersonPeriod:
    """What `person` did over [since, until] (both days included), for a brag doc."""
    if since > until:
        raise ValueError("the period starts after it ends")
    plans = plan_progress(
        Plan.select()
        .where((Plan.owner == person) & (Plan.status != "archived") & (Plan.start_on <= until))
        .order_by(Plan.start_on, _pk(Plan))
    )
    current, past = _ownership(person, since, until)
    return PersonPeriod(
        person=_person_ref(person),
        since=since,
        until=until,
        plans=plans,
        goals_done=_goals_done(person, since, until),
        labs_done=_labs_done(person, since, until),
        skills=skill_changes(person, since, until),
        incidents_by_role=_incidents_by_role(person, since, until),
        ownership_current=current,
        ownership_past=past,
        kudos=_kudos(person, since, until),
        sessions_presented=_sessions_presented(person, since, until),
    )


def _goals_done(person: Person, since: dt.date, until: dt.date) -> list[GoalDone]:
    query = (
        Goal.select(
            Goal.title,
            Goal.kind,
            Goal.done_on,
            Plan.title.alias("plan_title"),
            Competency.name.alias("competency_name"),
        )
        .join(Plan)
        .switch(Goal)
        .join(Competency, JOIN.LEFT_OUTER)
        .where(
            (Plan.owner == person)
            & (Goal.status == "done")
            & (Goal.done_on >= since)
            & (Goal.done_on <= until)
        )
        .order_by(Goal.done_on, _pk(Goal))
        .dicts()
    )
    return [
        GoalDone(
            title=row["title"],
            plan_title=row["plan_title"],
            kind=row["kind"],
            competency=row["competency_name"],
            done_on=row["done_on"],
        )
        for row in _rows(query)
    ]


def _labs_done(person: Person, since: dt.date, until: dt.date) -> list[LabDone]:
    finished_on = fn.COALESCE(fn.MAX(LabItem.done_on), Lab.last_practised_on)
    done_items = fn.SUM(Case(None, [(LabItem.done == True, 1)], 0))  # noqa: E712
    labs = list(
        _rows(
            Lab.select(
                _pk(Lab),
                Lab.title,
                Lab.link,
                Goal.title.alias("goal_title"),
                Plan.title.alias("plan_title"),
                fn.COUNT(_pk(LabItem)).alias("items_total"),
                finished_on.alias("finished_on"),
            )
            .join(LabItem)
            .switch(Lab)
            .join(Goal)
            .join(Plan)
            .where(Plan.owner == person)
            .group_by(_pk(Lab))
            .having(
                (fn.COUNT(_pk(LabItem)) == done_items)
                & (finished_on >= since)
                & (finished_on <= until)
            )
            .order_by(SQL("finished_on"), _pk(Lab))
            .dicts()
        )
    )
    evidence: dict[int, list[Evidence]] = {}
    lab_ids = [row["id"] for row in labs]
    for chunk in _chunks(lab_ids, 500):
        for lab_id, text, note, done_on in _rows(
            LabItem.select(LabItem.lab, LabItem.text, LabItem.evidence, LabItem.done_on)
            .where(
                LabItem.lab.in_(chunk)
                & LabItem.evidence.is_null(False)
                & (fn.TRIM(LabItem.evidence) != "")
            )
            .order_by(LabItem.position, _pk(LabItem))
            .tuples()
        ):
            evidence.setdefault(lab_id, []).append(
                Evidence(item=text, evidence=note.strip(), done_on=done_on)
            )
    return [
        LabDone(
            title=row["title"],
            goal_title=row["goal_title"],
            plan_title=row["plan_title"],
            link=row["link"],
            done_on=None if row["finished_on"] is None else _as_date(row["finished_on"]),
            items_total=int(row["items_total"]),
            evidence=tuple(evidence.get(row["id"], ())),
        )
        for row in labs
    ]


def skill_changes(person: Person, since: dt.date, until: dt.date) -> list[SkillChange]:
    """Per competency the person was ever rated in by `until`: where they started, where they are.

    The starting point is the level the person entered the period with (the latest
    rating before `since`) or, when they had none, the earliest rating in the
    period; the end point is the latest rating on or before `until`. Competencies
    come in the order of `competencies()`.
    """
    ratings = (
        SkillRating.select(SkillRating.competency, SkillRating.level, SkillRating.rated_on)
        .where((SkillRating.person == person) & (SkillRating.rated_on <= until))
        .order_by(SkillRating.competency, SkillRating.rated_on, _pk(SkillRating))
        .tuples()
    )
    by_competency: dict[int, list[tuple[int, dt.date]]] = {}
    for competency_id, level, rated_on in _rows(ratings):
        by_competency.setdefault(competency_id, []).append((level, rated_on))
    if not by_competency:
        return []
    names = {
        c.get_id(): CompetencyRef(c.key, c.name, bool(c.builtin))
        for c in Competency.select().where(_pk(Competency).in_(list(by_competency)))
    }
    changes = []
    for competency_id, series in by_competency.items():
        before = [r for r in series if r[1] < since]
        within = [r for r in series if r[1] >= since]
        start = before[-1] if before else within[0]
        end = series[-1]
        ref = names[competency_id]
        changes.append(
            SkillChange(
                competency_key=ref.key,
                competency_name=ref.name,
                from_level=start[0],
                from_on=start[1],
                to_level=end[0],
                to_on=end[1],
                ratings_in_period=len(within),
            )
        )
    return sorted(
        changes,
        key=lambda c: (_BUILTIN_ORDER.get(c.competency_key, len(_BUILTIN_ORDER)), c.competency_key),
    )


def _incidents_by_role(
    person: Person, since: dt.date, until: dt.date
) -> dict[str, list[IncidentLine]]:
    """Roles in INCIDENT_ROLES order (unknown roles after them, by name); only roles with incidents."""
    grouped: dict[str, list[IncidentLine]] = {}
    for incident in (
        Incident.select(Incident.occurred_on, Incident.role, Incident.severity, Incident.title)
        .where(
            (Incident.person == person)
            & (Incident.occurred_on >= since)
            & (Incident.occurred_on <= until)
        )
        .order_by(Incident.occurred_on, _pk(Incident))
    ):
        grouped.setdefault(incident.role, []).append(
            IncidentLine(incident.occurred_on, incident.role, incident.severity, incident.title)
        )
    order = {role: index for index, role in enumerate(INCIDENT_ROLES)}
    return {
        role: grouped[role] for role in sorted(grouped, key=lambda r: (order.get(r, len(order)), r))
    }


def _ownership(
    person: Person, since: dt.date, until: dt.date
) -> tuple[list[OwnershipLine], list[OwnershipLine]]:
    """(held at the end of the period, held during the period but handed over before its end)."""
    current: list[OwnershipLine] = []
    past: list[OwnershipLine] = []
    for row in (
        Ownership.select(Ownership.kind, Ownership.name, Ownership.since, Ownership.until)
        .where(
            (Ownership.person == person)
            & (Ownership.since <= until)
            & (Ownership.until.is_null() | (Ownership.until >= since))
        )
        .order_by(Ownership.since, _pk(Ownership))
    ):
        line = OwnershipLine(row.kind, row.name, row.since, row.until)
        (current if row.until is None or row.until >= until else past).append(line)
    return current, past


def _kudos(person: Person, since: dt.date, until: dt.date) -> list[KudosLine]:
    giver = Person.alias("giver")
    return [
        KudosLine(
            given_on=row["given_on"],
            giver_name=row["giver_name"],
            text=row["text"],
            for_ref=row["for_ref"],
        )
        for row in _rows(
            Kudos.select(Kudos.given_on, Kudos.text, Kudos.for_ref, giver.name.alias("giver_name"))
            .join(giver, JOIN.LEFT_OUTER, on=(Kudos.giver == _pk(giver)))
            .where(
                (Kudos.receiver == person) & (Kudos.given_on >= since) & (Kudos.given_on <= until)
            )
            .order_by(Kudos.given_on, _pk(Kudos))
            .dicts()
        )
    ]


_RRULE_UNTIL = re.compile(r"(?:^|;)UNTIL=(\d{8})", re.IGNORECASE)


def _sessions_presented(person: Person, since: dt.date, until: dt.date) -> list[SessionLine]:
    """Sessions the person presents that take place in the period.

    A one-off session counts when it starts in the period; a recurring one when
    its series has started by the end of the period and its rule's UNTIL (if any)
    is not before the period's start. (Occurrences themselves are not expanded.)
    """
    start = dt.datetime.combine(since, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    lines = []
    for session in (
        Session.select()
        .where(
            (Session.presenter == person)
            & (Session.starts_at < end)
            & (
                (Session.starts_at >= start)
                | (Session.rrule.is_null(False) & (Session.rrule != ""))
            )
        )
        .order_by(Session.starts_at, _pk(Session))
    ):
        rule = (session.rrule or "").strip() or None
        if rule is not None and session.starts_at < start:
            match = _RRULE_UNTIL.search(rule)
            if match and dt.datetime.strptime(match.group(1), "%Y%m%d").date() < since:
                continue
        lines.append(
            SessionLine(session.title, session.kind, session.starts_at, rule, session.link)
        )
    return lines


# ---------------------------------------------------------------- the team


def people_by_role(include_archived: bool = False) -> dict[str, list[PersonRef]]:
    """People grouped by role (ROLES order, unknown roles after), each group sorted by name."""
    query = Person.select().order_by(Person.name, _pk(Person))
    if not include_archived:
        query = query.where(Person.archived == False)  # noqa: E712
    grouped: dict[str, list[PersonRef]] = {}
    for person in query:
        grouped.setdefault(person.role, []).append(_person_ref(person))
    order = {role: index for index, role in enumerate(ROLES)}
    return {
        role: grouped[role] for role in sorted(grouped, key=lambda r: (order.get(r, len(order)), r))
    }


def active_plans_of_team() -> list[PlanProgress]:
    """Progress of every active plan of an active person, by owner name then start date."""
    return plan_progress(
        Plan.select()
        .join(Person, on=(Plan.owner == _pk(Person)))
        .where((Plan.status == "active") & (Person.archived == False))  # noqa: E712
        .order_by(Person.name, _pk(Person), Plan.start_on, _pk(Plan))
    )


def skills_matrix(as_of: dt.date | None = None) -> SkillsMatrix:
    """Latest level per active person and competency, as of `as_of` (default: today).

    Rows: active (non-archived) people sorted by name; columns: `competencies()`.
    A missing key in `MatrixRow.levels` means never rated. One query for the
    ratings (window function), one for the people, one for the competencies.
    """
    from mentor_tui import clock

    as_of = as_of or clock.today()
    comps = competencies()
    people = list(
        Person.select().where(Person.archived == False).order_by(Person.name, _pk(Person))  # noqa: E712
    )
    rows = {p.get_id(): MatrixRow(person=_person_ref(p)) for p in people}
    keys = {c.get_id(): c.key for c in Competency.select(_pk(Competency), Competency.key)}
    latest = _latest_ratings(as_of)
    query = (
        Select(
            [latest],
            [latest.c.person_id, latest.c.competency_id, latest.c.level, latest.c.rated_on],
        )
        .join(Person, on=(latest.c.person_id == _pk(Person)))
        .where(Person.archived == False)  # noqa: E712
        .bind(Person._meta.database)
    )
    for person_id, competency_id, level, rated_on in query.tuples():
        row = rows.get(person_id)
        if row is None:
            continue
        key = keys[competency_id]
        row.levels[key] = int(level)
        row.rated_on[key] = _as_date(rated_on)
    return SkillsMatrix(as_of=as_of, competencies=comps, rows=[rows[p.get_id()] for p in people])


def bus_factor(today: dt.date | None = None) -> list[BusFactor]:
    """Per competency (order of `competencies()`): who counts towards its bus factor.

    Someone counts when they are active (not archived) and their latest rating on
    or before `today` is at level >= EXPERT_LEVEL and at most RECENT_DAYS old. A
    newer, lower rating replaces an older expert one. One query (window function).
    """
    from mentor_tui import clock

    today = today or clock.today()
    recent_from = today - dt.timedelta(days=RECENT_DAYS)
    latest = _latest_ratings(today)
    query = (
        Select([latest], [Competency.key, Person.name])
        .join(Person, on=(latest.c.person_id == _pk(Person)))
        .join(Competency, on=(latest.c.competency_id == _pk(Competency)))
        .where(
            (Person.archived == False)  # noqa: E712
            & (latest.c.level >= EXPERT_LEVEL)
            & (latest.c.rated_on >= recent_from)
        )
        .order_by(Person.name)
        .bind(Person._meta.database)
    )
    experts: dict[str, list[str]] = {}
    for key, name in query.tuples():
        experts.setdefault(key, []).append(name)
    return [BusFactor(competency=c, experts=tuple(experts.get(c.key, ()))) for c in competencies()]


def bus_factor_of(matrix: SkillsMatrix) -> list[BusFactor]:
    """The same answer as `bus_factor(matrix.as_of)`, from a matrix already loaded.

    No query: a screen (or report) showing both the matrix and the bus factor
    pays for the window query once.
    """
    recent_from = matrix.as_of - dt.timedelta(days=RECENT_DAYS)
    rows = sorted(matrix.rows, key=lambda r: r.person.name)
    return [
        BusFactor(
            competency=c,
            experts=tuple(
                row.person.name
                for row in rows
                if row.levels.get(c.key, -1) >= EXPERT_LEVEL and row.rated_on[c.key] >= recent_from
            ),
        )
        for c in matrix.competencies
    ]


@dataclass(frozen=True)
class TeamOverview:
    """Everything the team report shows, as of one day."""

    as_of: dt.date
    people: dict[str, list[PersonRef]]
    active_plans: list[PlanProgress]
    matrix: SkillsMatrix
    bus_factor: list[BusFactor]


def team_overview(as_of: dt.date | None = None) -> TeamOverview:
    from mentor_tui import clock

    as_of = as_of or clock.today()
    matrix = skills_matrix(as_of)
    return TeamOverview(
        as_of=as_of,
        people=people_by_role(),
        active_plans=active_plans_of_team(),
        matrix=matrix,
        bus_factor=bus_factor_of(matrix),
    )
