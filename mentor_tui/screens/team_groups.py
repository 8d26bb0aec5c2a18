"""Team's team keys: `t` shows one team (or all), `g` groups the matrix rows under team headings.

A mixin of TeamScreen (kept apart so team.py stays about skills). The filter
and the grouping change only which matrix rows are shown and in what order;
the bus factors and silos below always count every active person (a silo is
only a silo against the other teams). A heading row names the team, its
people and its silos; it is not a person, so the person keys skip it.
Teams come from the rows already read: no second read of the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text

from mentor_tui.db.teams import NO_TEAM_WORDS, group_by_team, in_team
from mentor_tui.widgets.record_table import TableRow
from mentor_tui.widgets.skill_matrix import matrix_rows

ALL_TEAMS = "\x00all"  # the filter's "all teams" (a team name never holds a control character)


@dataclass(frozen=True)
class TeamHeading:
    """A heading row of the grouped matrix (its record; not a person)."""

    team: str  # "" = no team
    people: int
    silos: tuple[str, ...]  # competency keys held only within this team

    person = None  # what the person keys read: a heading has none

    @property
    def label(self) -> str:
        return self.team or NO_TEAM_WORDS

    @property
    def summary(self) -> str:
        words = f"{self.label} · {self.people} {'person' if self.people == 1 else 'people'}"
        if self.silos:
            words += " · silo" + ("s" if len(self.silos) != 1 else "") + ": " + ", ".join(self.silos)
        return words


def is_person_row(record: Any) -> bool:
    return record is not None and getattr(record, "person", None) is not None


class TeamGroups:
    """Needs `skills` (the TeamSkills shown), `app`, `notify`, `show_skills()` (redraw from `skills`)."""

    team_filter: str | None = None  # None: every team; "" the people with no team
    grouped = False

    def action_pick_team(self) -> None:
        """Pick the team whose people the matrix shows, or all teams."""
        from mentor_tui.screens.pick import PickScreen

        me: Any = self
        if me.skills is None or not me.skills.rows:
            me.notify("Nobody here yet: press n to add someone.", severity="warning")
            return
        groups = group_by_team(me.skills.rows)
        if len(groups) == 1 and groups[0][0] == "" and self.team_filter is None:
            me.notify("Nobody has a team yet: e edits the person under the cursor, and sets their team.",
                      severity="warning")
            return
        total = len(me.skills.rows)
        options = [(f"All teams  ({total} {'person' if total == 1 else 'people'})", ALL_TEAMS)]
        options += [(f"{team or NO_TEAM_WORDS}  ({len(rows)})", team) for team, rows in groups]
        if self.team_filter is not None and self.team_filter not in (team for team, _rows in groups):
            options.append((f"{self.team_filter or NO_TEAM_WORDS}  (nobody now)", self.team_filter))
        current = ALL_TEAMS if self.team_filter is None else self.team_filter

        def picked(value: str | None) -> None:
            if value is not None:
                self.team_filter = None if value == ALL_TEAMS else value
                me.show_skills()

        me.app.push_screen(PickScreen("Show the people of which team?", options, current), picked)

    def action_toggle_grouping(self) -> None:
        """Group the matrix rows by team (people with no team last), or list everyone by name."""
        me: Any = self
        self.grouped = not self.grouped
        me.notify("Grouped by team." if self.grouped else "One list, by name.")
        me.show_skills()

    def team_rows(self, skills: Any, me_uuid: str | None) -> list[TableRow[Any]]:
        """The matrix rows the filter and the grouping ask for."""
        rows = in_team(skills.rows, self.team_filter)
        shown = skills if len(rows) == len(skills.rows) else _with_rows(skills, rows)
        if not self.grouped:
            return matrix_rows(shown, me_uuid)
        silos: dict[str, list[str]] = {}
        for bf in skills.silos:
            silos.setdefault(bf.teams[0], []).append(bf.competency.key)
        out: list[TableRow[Any]] = []
        blank = ["" for _ in skills.competencies]
        for team, members in group_by_team(rows):
            heading = TeamHeading(team, len(members), tuple(silos.get(team, ())))
            label = f"▾ {heading.label} ({len(members)})"
            out.append(TableRow(f"team:{team}", heading, (Text(label, style="bold"), "", *blank)))
            out += matrix_rows(_with_rows(skills, members), me_uuid)
        return out

    def team_status(self, total: int) -> str:
        """The start of the status line: who is shown."""
        me: Any = self
        count = total
        if self.team_filter is not None:
            count = len(in_team(me.skills.rows, self.team_filter)) if me.skills is not None else 0
        people = f"{count} {'person' if count == 1 else 'people'}"
        if self.team_filter is not None:
            people = f"team {self.team_filter or NO_TEAM_WORDS}: {people} of {total} (t: all teams)"
        return people + (" · grouped by team" if self.grouped else "")


def _with_rows(skills: Any, rows: list[Any]) -> Any:
    """`skills` showing only `rows` (the bus factors stay those of everyone)."""
    from dataclasses import replace

    return replace(skills, rows=rows)
