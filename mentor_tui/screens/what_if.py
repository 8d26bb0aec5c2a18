"""`w` on Team: what if a person left? Pick someone; see what would drop to one holder or to nobody.

Works on the `TeamSkills` the Team section already loaded (no database read), so
moving through the people answers at once.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mentor_tui.db.team_skills import TeamSkills
from mentor_tui.db.what_if import WhatIf, what_if_without
from mentor_tui.widgets.key_bar import KeyBar


class WhatIfDialog(ModalScreen[None]):
    SUB_TITLE = "6 Team › What if"
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("w", "dismiss", "Close", show=False),
    ]

    def __init__(self, skills: TeamSkills, uuid: str | None = None) -> None:
        super().__init__()
        self.skills = skills
        self.start = uuid

    def compose(self) -> ComposeResult:
        with Vertical(id="what-if-dialog"):
            yield Static(Content.assemble(("What if… someone left?", "bold"),
                                          "  ↑ ↓ pick a person · esc closes"), id="what-if-title")
            with Horizontal(id="what-if-body"):
                yield OptionList(*(Option(row.person.name, id=row.person.uuid) for row in self.skills.rows),
                                 id="what-if-people")
                yield Static("", id="what-if-result")
        yield KeyBar()

    def on_mount(self) -> None:
        people = self.query_one("#what-if-people", OptionList)
        uuids = [row.person.uuid for row in self.skills.rows]
        people.highlighted = uuids.index(self.start) if self.start in uuids else 0
        people.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        result = what_if_without(self.skills, event.option.id or "")
        if result is not None:
            self.query_one("#what-if-result", Static).update(what_if_text(result, self.skills.months))


def what_if_text(result: WhatIf, months: int) -> Content:
    """User text (names, keys) assembled, never read as markup."""
    name = result.person.name
    parts: list[Any] = [("Without ", "bold"), (name, "bold"), "\n\n"]
    if not result.holds:
        parts.append(f"{name} holds no competency (level 4+, rated in the last {months} months): "
                     "nothing would drop.")
        return Content.assemble(*parts)
    parts.append(("Holds: ", "$text-muted"))
    parts.append(", ".join(c.key for c in result.holds) + "\n\n")
    if not result.drops:
        parts.append(("Nothing would drop to one person or to nobody: ", "$success"))
        parts.append("others hold each of these too.")
        return Content.assemble(*parts)
    parts.append(("Would drop:\n", "bold"))
    width = max(len(drop.competency.key) for drop in result.drops)
    for drop in result.drops:
        style = "bold $error" if drop.after == 0 else "bold $warning"
        parts += ["  ⚠ ", (drop.competency.key.ljust(width), style), f"  {drop.before} → {drop.after}  ",
                  drop.label, "\n"]
    parts.append(("\nPairing suggestions (p on Team) show who could learn these.", "$text-muted"))
    return Content.assemble(*parts)
