"""The forms of labs: a new lab, editing or moving one, a checklist step, evidence.

The checklist and detail editors grow with what is typed (lab_forms.tcss). A
checklist is one step a line; `[x]` at the start marks a step done, `[ ]` open
(the store reads them: db/lab_items.parse_line, the same rule for every form).
"""

from __future__ import annotations

from typing import Any

from mentor_tui import clock
from mentor_tui.screens.form import Field, FormScreen, record_field

CHECKLIST_HINT = "Checklist: a step a line; \\[x] in front marks it done"  # labels read markup


class LabForm(FormScreen):
    """A FormScreen whose multi-line fields grow as lines are added."""

    CSS_PATH = "lab_forms.tcss"


def _goal_field(goals, default: int | None, label: str = "Goal (owner: plan › goal)") -> Field:
    return Field("goal", label, "select", required=True, default=default, options=[(g.label, g.id) for g in goals])


def new_lab_form(goals, default_goal: int | None) -> LabForm:
    from mentor_tui.db import labs

    def save(values: dict[str, Any]):
        return labs.create_lab(values["goal"], values["title"], values["link"], values["items"] or "",
                               values["detail"] or "", today=clock.today())

    return LabForm(
        "New lab",
        [
            _goal_field(goals, default_goal),
            record_field("labs", "title", "Title", placeholder="e.g. Deploy the sample service to kind"),
            record_field("labs", "link", "Link", placeholder="https://…"),
            Field("items", CHECKLIST_HINT, "textarea"),
            record_field("labs", "detail", "Detail (Markdown)"),
        ],
        save,
    )


def edit_lab_form(lab, goals) -> LabForm:
    """Title, link, detail and goal of a lab (`lab` has id, title, link, detail, goal_id)."""
    from mentor_tui.db import labs

    def save(values: dict[str, Any]):
        return labs.update_lab(lab.id, values["title"], values["link"], values["detail"] or "", values["goal"])

    return LabForm(
        f"Edit lab “{lab.title}”",
        [
            _goal_field(goals, lab.goal_id),
            record_field("labs", "title", "Title", default=lab.title),
            record_field("labs", "link", "Link", default=lab.link, placeholder="https://…"),
            record_field("labs", "detail", "Detail (Markdown)", default=lab.detail),
        ],
        save,
        guard=("Lab", lab.id),
    )


def move_lab_form(lab, goals) -> LabForm:
    from mentor_tui.db import labs

    def save(values: dict[str, Any]):
        return labs.move_lab(lab.id, values["goal"])

    return LabForm(f"Move lab “{lab.title}” to another goal", [_goal_field(goals, lab.goal_id, "To goal (owner: plan › goal)")],
                   save, save_label="Move")


def steps_form(lab_id: int, after_item_id: int | None) -> LabForm:
    from mentor_tui.db import lab_items

    def save(values: dict[str, Any]):
        return lab_items.add_items(lab_id, values["text"], clock.today(), after_item_id)

    return LabForm(
        "Add steps",
        [record_field("items", "text", "Steps: one a line; \\[x] at the start marks a step done", key="text")],
        save,
        save_label="Add",
    )


def step_form(item) -> LabForm:
    """Edit one step's text; `[x]` or `[ ]` in front (there when it opens) ticks or opens it."""
    from mentor_tui.db import lab_items

    def save(values: dict[str, Any]):
        return lab_items.edit_item(item.id, values["text"], clock.today())

    return LabForm(
        "Edit step",
        # the field shows the step's state as the label says it is changed: `[x] ` done, `[ ] ` open
        [record_field("items", "text", "Step (\\[x] / \\[ ] in front ticks or opens it)",
                      default=f"[{'x' if item.done else ' '}] {item.text}")],
        save,
    )


def evidence_form(item) -> LabForm:
    from mentor_tui.db import lab_items

    def save(values: dict[str, Any]):
        return lab_items.set_evidence(item.id, values["evidence"])

    return LabForm(
        f"Evidence for “{item.text}”",
        [record_field("items", "evidence", "A link or a short note (empty: none)", default=item.evidence,
                      placeholder="https://…")],
        save,
        intro="What shows this step was done: a pull request, a dashboard, a screenshot's path, a note.",
    )
