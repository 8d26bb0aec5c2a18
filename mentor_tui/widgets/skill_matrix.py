"""The Team section's skills matrix: a heat map whose person column stays put.

Each cell shows the level that counts (`db.team_skills`) three ways, so it reads
without colour too: the digit, a block as tall as the level (`4 ▆`), and a colour
per level; cells stay three characters wide, so the eight built-in skills fit
beside the person at 120 columns. A level whose ratings are all older than the
bus factor's window is shown dim with `~` (`3~`: shown, not counted); a
never-rated cell is `·`.
The person columns (name, role) are fixed while the skill columns scroll with
← and →; `hidden_columns()` says how many are out of view, for the screen's hint.
A skill column only partly in view is drawn blank, its header `…`: never half a
column, whose level digit could be the half cut off.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from mentor_tui.db.team_skills import SkillCell, TeamSkills
from mentor_tui.widgets.record_table import RecordTable, TableRow

LEVEL_STYLES = {
    0: "grey50",
    1: "#d75f5f",
    2: "#e0875f",
    3: "#d7af00",
    4: "bold #5fbf5f",
    5: "bold #00c0c0",
}
STALE_STYLE = "dim"
NEVER = "·"
NAME_WIDTH = 24


LEVEL_BLOCKS = ("○", "▁", "▃", "▄", "▆", "█")


def level_block(level: int) -> str:
    return LEVEL_BLOCKS[max(0, min(5, level))]


def heat_cell(cell: SkillCell | None) -> Text:
    if cell is None:
        return Text(NEVER, style="dim")
    if cell.stale:
        return Text(f"{cell.level}~", style=STALE_STYLE)
    return Text(f"{cell.level} {level_block(cell.level)}", style=LEVEL_STYLES.get(cell.level, ""))


def legend(width: int = 0, first: Text | None = None) -> Text:
    """The key to the cells, readable without colour, after `first` (on its line): one line, or
    lines of at most `width` cells broken between two entries, never inside one ("3 practitioner")."""
    entries = [Text.assemble(("Levels ", "bold"), (f"{level_block(0)} 0 none", LEVEL_STYLES[0]))]
    for level, name in ((1, "aware"), (2, "learning"), (3, "practitioner"), (4, "proficient"), (5, "expert")):
        entries.append(Text(f"{level_block(level)} {level} {name}", style=LEVEL_STYLES[level]))
    entries += [Text(f"{NEVER} never rated", style="dim"), Text("~ stale", style=STALE_STYLE)]
    lines: list[Text] = []
    line = first.copy() if first is not None else Text()
    for entry in entries:
        gap = "  " if line.plain.strip() else ""
        if width and line.plain.strip() and line.cell_len + len(gap) + entry.cell_len > width:
            lines.append(line)
            line, gap = Text(), ""
        line = Text.assemble(line, gap, entry)
    return Text("\n").join([*lines, line])


def matrix_rows(skills: TeamSkills, me_uuid: str | None) -> list[TableRow[Any]]:
    """One row per active person (its record: the db SkillRow): name, role, then a cell per competency."""
    rows = []
    for row in skills.rows:
        name = row.person.name + (" (me)" if row.person.uuid == me_uuid else "")
        if len(name) > NAME_WIDTH:
            name = name[: NAME_WIDTH - 1] + "…"
        cells = [heat_cell(row.cells.get(c.key)) for c in skills.competencies]
        rows.append(TableRow(row.person.uuid, row, (name, row.person.role, *cells)))
    return rows


def blanked(strip: Strip, mark: str = "") -> Strip:
    """`strip` with spaces for its characters, each in its style (the row's colours stay); `mark`
    after the first (the cell padding), when there is room."""
    blank = Strip([Segment(" " * segment.cell_length, segment.style) for segment in strip])
    if not mark or blank.cell_length < 1 + len(mark):
        return blank
    style = next(iter(blank.crop(1, 2))).style
    return blank.crop(0, 1) + Strip([Segment(mark, style)]) + blank.crop(1 + len(mark))


PERSON_COLUMNS = ["Person", "Role"]


class SkillMatrix(RecordTable):
    """A RecordTable with the person columns (name, role) fixed."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("fixed_columns", len(PERSON_COLUMNS))
        super().__init__(**kwargs)

    def hidden_columns(self) -> tuple[int, int]:
        """How many columns are out of view (left of it, right of it), the fixed one aside."""
        if not self.ordered_columns or self.size.width == 0:
            return (0, 0)
        view = self._view()
        left = right = 0
        for start, width in self._skill_columns():
            if start < self.scroll_x:
                left += 1
            elif start + width > self.scroll_x + view:
                right += 1
        return (left, right)

    # ← → move by whole skill columns: a column is in view or out of it, never cut in half, and
    # the count of skills out of view (the Team screen's hint) is exact.
    def action_cursor_right(self) -> None:
        following = [start for start, _width in self._skill_columns() if start > self.scroll_x]
        if following:
            self.scroll_to(x=following[0], animate=False)

    def action_cursor_left(self) -> None:
        before = [start for start, _width in self._skill_columns() if start < self.scroll_x]
        self.scroll_to(x=before[-1] if before else 0, animate=False)

    def validate_virtual_size(self, size: Size) -> Size:
        # Room to scroll a little past the last column: the last step right then puts a column
        # first after the fixed ones, where the scroll stopping at the end cut the one before it.
        columns = self._skill_columns() if self.ordered_columns else []
        view = self._view()
        total = sum(width for _start, width in columns)
        if view <= 0 or total <= view:
            return size
        last_first = min(start for start, _width in columns if total - start <= view)
        return Size(max(size.width, last_first + self.scrollable_content_region.width), size.height)

    def on_resize(self) -> None:
        # The room past the last column depends on the width: measured again from the columns.
        width = sum(column.get_render_width(self) for column in self.ordered_columns)
        self.virtual_size = Size(width, self.virtual_size.height)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        header = y == 0 and self.show_header
        for x, width in self._cut_columns():
            strip = strip.crop(0, x) + blanked(strip.crop(x, x + width), "…" if header else "") + strip.crop(x + width)
        return strip

    def _cut_columns(self) -> list[tuple[int, int]]:
        """(x on a line, width) of what is in view of each skill column only partly in view."""
        fixed = self._fixed_width()
        view, scroll_x = self._view(), self.scroll_offset.x
        cuts = []
        for start, width in self._skill_columns():
            shown_from, shown_to = max(start, scroll_x), min(start + width, scroll_x + view)
            if shown_from < shown_to and shown_to - shown_from < width:
                cuts.append((fixed + shown_from - scroll_x, shown_to - shown_from))
        return cuts

    def _fixed_width(self) -> int:
        return sum(column.get_render_width(self) for column in self.ordered_columns[: self.fixed_columns])

    def _view(self) -> int:
        """What the skill columns have of the width."""
        return self.scrollable_content_region.width - self._fixed_width()

    def _skill_columns(self) -> list[tuple[int, int]]:
        """(start, width) of each skill column; its start is the scroll_x that puts it first after
        the fixed ones."""
        columns, x = [], 0
        for column in self.ordered_columns[self.fixed_columns:]:
            width = column.get_render_width(self)
            columns.append((x, width))
            x += width
        return columns
