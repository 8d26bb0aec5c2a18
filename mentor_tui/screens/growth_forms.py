"""The forms of the growth view: rate a skill, log an incident or on-call shift, ownership,
kudos, program feedback. Each builds a new record, or edits one when given it.

Values are checked by the registry (`record_field`), then by the store functions
the `save` callbacks call (in the form's worker): the rules the command line and
an import follow too. The choice lists come from `fetch_choices`, run in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mentor_tui import clock
from mentor_tui.screens.form import Field, FormScreen, dated_in_the_future, record_field
from mentor_tui.vocabulary import LEVELS

SELF = "self"  # the "rated by" choice of a self rating
ANONYMOUS = "anonymous"  # the "author" choice of anonymous feedback


@dataclass(frozen=True)
class Who:
    """The person whose growth view the form was opened from."""

    id: int
    name: str
    is_me: bool
    archived: bool = False  # they left the program: the form names them "(archived)", as the view does

    def shown(self, *notes: str) -> str:
        """The name as the form shows it: "Ana Ruiz", "Ana Ruiz (self rating, archived)"."""
        from mentor_tui.db.people import shown_name

        return shown_name(self.name, self.archived, *notes)


@dataclass(frozen=True)
class Choices:
    people: tuple[tuple[str, int], ...]  # (name, id), the roster
    raters: tuple[tuple[str, int], ...]  # the same people as raters: (name "(mentor)", id)
    me_id: int | None
    competencies: tuple[tuple[str, str], ...]  # (name, key)
    evidence: tuple[tuple[str, str], ...]  # (label, uuid): the person's labs, incidents, sessions presented
    kudos_for: tuple[tuple[str, str], ...]  # (label, uuid): goals, labs, incidents, sessions
    sessions: tuple[tuple[str, int], ...]  # (label, id)


def fetch_choices(person_id: int, existing: Any = None) -> Choices:
    """Runs in a worker: what the forms offer to pick from (`existing`: the record being edited;
    the archived people it names stay among the people, so its form shows them as they are)."""
    from mentor_tui.db import growth_refs, incidents, people, ratings

    me = people.me()
    named = [getattr(existing, column, None) for column in ("rated_by_id", "from_id", "person_id")]  # (peewee ids)
    roster = people.roster_keeping(named)
    return Choices(
        tuple((people.label(p), p.id) for p in roster),
        tuple((people.label(p, "mentor"), p.id) for p in roster),
        me.id if me else None,
        tuple((c.name, c.key) for c in ratings.competency_choices()),
        tuple((c.label, c.uuid) for c in growth_refs.evidence_choices(person_id)),
        tuple((c.label, c.uuid) for c in growth_refs.kudos_for_choices(person_id)),
        tuple((s.label, s.id) for s in incidents.session_choices()),
    )


def _split_ref(text: str | None, picks: tuple[tuple[str, str], ...]) -> tuple[str | None, str]:
    """A stored evidence/for text as the form shows it: (picked uuid, typed text)."""
    if text and text in {uuid for _, uuid in picks}:
        return text, ""
    return None, text or ""


def _one_ref(picked: str | None, typed: str | None, what: str) -> str | None:
    typed = (typed or "").strip()
    if picked and typed:
        raise ValueError(f"give one {what}: pick a record or type text, not both")
    return picked or typed or None


# ---------------------------------------------------------------- rate a skill


def rating_form(who: Who, choices: Choices, rating: Any = None) -> FormScreen:
    from mentor_tui.db import ratings

    raters: list[tuple[str, Any]] = [(who.shown("self rating"), SELF)]
    raters += [(name, pid) for name, pid in choices.raters if pid != who.id]
    if rating is not None:
        rated_by: Any = rating.rated_by_id or SELF
        picked, typed = _split_ref(rating.evidence, choices.evidence)
    else:
        rated_by = SELF if who.is_me or choices.me_id is None else choices.me_id
        picked, typed = None, ""

    def save(values: dict[str, Any]):
        by = None if values["rated_by"] == SELF else values["rated_by"]
        evidence = _one_ref(values["evidence_pick"], values["evidence"], "evidence")
        if rating is None:
            return ratings.create_rating(who.id, values["competency"], values["level"], values["rated_on"], by, evidence)
        return ratings.update_rating(rating.id, values["competency"], values["level"], values["rated_on"], by, evidence)

    return FormScreen(
        f"Rate a skill — {who.shown()}" if rating is None else f"Edit rating — {who.shown()}",
        [
            Field("competency", "Competency", "select", required=True, options=choices.competencies,
                  default=rating.competency.key if rating is not None else None),
            record_field("skills", "level", "Level", kind="select",
                         options=[(f"{n} {word}", n) for n, word in LEVELS.items()],
                         default=rating.level if rating is not None else None),
            record_field("skills", "rated_on", "Rated on", default=rating.rated_on if rating else clock.today()),
            Field("rated_by", "Rated by", "select", required=True, options=raters, default=rated_by),
            Field("evidence_pick", "Evidence: a lab, an incident, a session presented", "select",
                  options=choices.evidence, default=picked),
            record_field("skills", "evidence", "…or a link or a note", default=typed,
                         kind="text", placeholder="https://…"),
        ],
        save,
        guard=("SkillRating", rating.id) if rating is not None else None,
        ask_first=_rated_in_the_future,
    )


def _rated_in_the_future(values: dict[str, Any]) -> tuple[str, str] | None:
    """A rating dated after today is asked about (the store, the command line and imports take
    it): until that day the Team matrix and the growth view show the rating before it."""
    return dated_in_the_future(values["rated_on"], "rating", "Until that day the rating before it stays the current one.")


# ---------------------------------------------------------------- incidents and on-call shifts


def incident_form(who: Who, choices: Choices, incident: Any = None) -> FormScreen:
    from mentor_tui.db import incidents

    def save(values: dict[str, Any]):
        args = (values["occurred_on"], values["role"], values["severity"], values["title"],
                values["lessons"], values["session"])
        if incident is None:
            return incidents.create_incident(who.id, *args)
        return incidents.update_incident(incident.id, *args)

    old = incident
    return FormScreen(
        f"Log an incident or on-call shift — {who.shown()}" if old is None else f"Edit incident — {who.shown()}",
        [
            record_field("incidents", "occurred_on", "Date", default=old.occurred_on if old else clock.today()),
            record_field("incidents", "role", "Role", default=old.role if old else "shadow"),
            record_field("incidents", "severity", "Severity", default=old.severity if old else "SEV3"),
            record_field("incidents", "title", "Title", default=old.title if old else None,
                         placeholder="e.g. Checkout latency after a bad deploy"),
            record_field("incidents", "lessons", "Lessons (Markdown)", default=old.lessons if old else ""),
            Field("session", "Lessons presented at (session)", "select", options=choices.sessions,
                  default=old.session_id if old else None),
        ],
        save,
        guard=("Incident", incident.id) if incident is not None else None,
        ask_first=_incident_in_the_future,
    )


def _incident_in_the_future(values: dict[str, Any]) -> tuple[str, str] | None:
    """An incident or shift dated after today (a shift planned ahead) is asked about; it counts on
    the on-call ladder from its day."""
    return dated_in_the_future(values["occurred_on"], "incident or shift",
                               "It counts on the on-call ladder from that day.")


# ---------------------------------------------------------------- ownership


def ownership_form(who: Who, choices: Choices, ownership: Any = None) -> FormScreen:
    from mentor_tui.db import ownership as store

    def save(values: dict[str, Any]):
        args = (values["kind"], values["name"], values["since"], values["until"], values["notes"])
        if ownership is None:
            return store.create_ownership(who.id, *args)
        return store.update_ownership(ownership.id, *args)

    old = ownership
    return FormScreen(
        f"Ownership — {who.shown()}" if old is None else f"Edit ownership — {who.shown()}",
        [
            record_field("ownership", "kind", "Kind", default=old.kind if old else "service"),
            record_field("ownership", "name", "Name", default=old.name if old else None,
                         placeholder="e.g. checkout-api, Checkout availability SLO"),
            record_field("ownership", "since", "Since", default=old.since if old else clock.today()),
            record_field("ownership", "until", "Until (empty: still owns it)", default=old.until if old else None),
            record_field("ownership", "notes", "Notes (Markdown)", default=old.notes if old else ""),
        ],
        save,
        guard=("Ownership", ownership.id) if ownership is not None else None,
    )


# ---------------------------------------------------------------- kudos


def kudos_form(who: Who, choices: Choices, kudos: Any = None) -> FormScreen:
    from mentor_tui.db import kudos as store

    givers = [(name, pid) for name, pid in choices.people if pid != who.id]
    if kudos is not None:
        giver = kudos.from_id  # the giver's id, named after its column
        picked, typed = _split_ref(kudos.for_ref, choices.kudos_for)
    else:
        giver = choices.me_id if choices.me_id != who.id else None
        picked, typed = None, ""

    def save(values: dict[str, Any]):
        for_ref = _one_ref(values["for_pick"], values["for_ref"], "reason")
        if kudos is None:
            return store.create_kudos(who.id, values["giver"], values["given_on"], values["text"], for_ref)
        return store.update_kudos(kudos.id, values["giver"], values["given_on"], values["text"], for_ref)

    return FormScreen(
        f"Kudos to {who.shown()}" if kudos is None else f"Edit kudos to {who.shown()}",
        [
            Field("giver", "From", "select", options=givers, default=giver),
            record_field("kudos", "given_on", "Given on", default=kudos.given_on if kudos else clock.today()),
            record_field("kudos", "text", "Kudos", default=kudos.text if kudos else ""),
            Field("for_pick", "For: a goal, a lab, an incident, a session", "select",
                  options=choices.kudos_for, default=picked),
            record_field("kudos", "for_ref", "…or for (free text)", kind="text", default=typed),
        ],
        save,
        guard=("Kudos", kudos.id) if kudos is not None else None,
        intro="Recognition is shown to the person it is for; nothing ranks people by kudos.",
        ask_first=_kudos_in_the_future,
    )


def _kudos_in_the_future(values: dict[str, Any]) -> tuple[str, str] | None:
    """Kudos dated after today are asked about, as ratings and incidents are: likely a typo."""
    return dated_in_the_future(values["given_on"], "kudos", "Kudos are for what has happened.")


# ---------------------------------------------------------------- program feedback


def feedback_form(who: Who, choices: Choices, feedback: Any = None) -> FormScreen:
    from mentor_tui.db import feedback as store

    authors: list[tuple[str, Any]] = [("Anonymous (no author is stored)", ANONYMOUS)]
    authors += list(choices.people)
    if feedback is not None:
        author: Any = feedback.person_id or ANONYMOUS
    else:
        author = ANONYMOUS

    def save(values: dict[str, Any]):
        person = None if values["author"] == ANONYMOUS else values["author"]
        if feedback is None:
            return store.create_feedback(values["given_on"], values["rating"], values["text"], person)
        return store.update_feedback(feedback.id, values["given_on"], values["rating"], values["text"], person)

    return FormScreen(
        "Program feedback" if feedback is None else "Edit program feedback",
        [
            record_field("feedback", "rating", "How is the program going? (1 poor – 5 great)", kind="select",
                         options=[(f"{n} {'★' * n}", n) for n in range(1, 6)],
                         default=feedback.rating if feedback else None),
            record_field("feedback", "text", "What works, what would you change?",
                         default=feedback.text if feedback else ""),
            Field("author", "Author", "select", required=True, options=authors, default=author),
            record_field("feedback", "given_on", "Given on", default=feedback.given_on if feedback else clock.today()),
        ],
        save,
        guard=("Feedback", feedback.id) if feedback is not None else None,
        intro="Feedback about the mentorship program itself. Anonymous feedback keeps no author anywhere.",
    )


def fetch_record(kind: str, record_id: int) -> Any:
    """Runs in a worker: the record to edit, or None when it is gone."""
    from mentor_tui.db import feedback, incidents, kudos, ownership, ratings

    get = {
        "rating": ratings.get_rating, "incident": incidents.get_incident, "ownership": ownership.get_ownership,
        "kudos": kudos.get_kudos, "feedback": feedback.get_feedback,
    }[kind]
    try:
        return get(record_id)
    except ValueError:
        return None


FORMS = {
    "rating": rating_form,
    "incident": incident_form,
    "ownership": ownership_form,
    "kudos": kudos_form,
    "feedback": feedback_form,
}
