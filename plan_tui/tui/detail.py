"""The detail pane: every field of the selected task, its text and its update log."""

from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..model import Plan, Task
from ..schedule import assess
from .i18n import t
from .rows import HEALTH_STYLES, STATUS_MARKS, health_label, numbering, status_label


def describe_task(task: Task, plan: Plan, path: str, today: date) -> Group:
    """The renderable shown for one task."""
    none = t("detail.none")
    state = assess(task, plan, today)
    fields = Table.grid(padding=(0, 1))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")

    def row(key: str, value: str | Text) -> None:
        empty = not (value.plain if isinstance(value, Text) else value)
        fields.add_row(t(key), Text(none, "grey50") if empty else value)

    mark, mark_style = STATUS_MARKS[task.status]
    row("detail.path", f"{path}  {numbering(path)}")
    row("detail.lead", task.lead)
    row("detail.unit", task.unit)
    row("detail.owner", task.owner)
    row("detail.partners", "、".join(task.partners))
    deadline = task.deadline.isoformat() if task.deadline else ""
    if task.deadline_text and deadline:
        deadline = f"{deadline}（{task.deadline_text}）"
    elif task.deadline_text:
        deadline = task.deadline_text
    row("detail.deadline", Text(deadline, "red1" if task.is_overdue(today) else ""))
    if task.recurrence != "none":
        row("detail.recurrence", t(f"recur.{task.recurrence}"))
    if task.start:
        row("detail.start", task.start.isoformat())
    row("detail.status", Text(f"{mark} {status_label(task.status)}", mark_style))
    row("detail.progress", f"{task.progress}%")
    if state.health is not None and state.expected is not None:
        schedule = t(
            "detail.expected_value", expected=state.expected, health=health_label(state.health)
        )
        if state.behind:
            schedule += t("detail.behind", behind=state.behind)
        row("detail.expected", Text(schedule, HEALTH_STYLES[state.health]))
    elif state.health is not None:
        row("detail.expected", Text(health_label(state.health), HEALTH_STYLES[state.health]))
    row("detail.tags", "、".join(task.tags))
    if task.children:
        done = sum(1 for c in task.children if not c.status.is_open)
        row("detail.children", t("detail.children_value", n=len(task.children), done=done))
    row("detail.notes", task.notes)
    if task.carried_from:
        row("detail.carried", task.carried_from)
    row("detail.id", Text(task.id, "grey50"))

    parts: list = [Text(task.title or none, "bold"), Text()]
    if task.body:
        parts += [Text(task.body), Text()]
    parts += [fields, Text(), Text(t("detail.log"), "bold underline")]
    entries = sorted(enumerate(task.log), key=lambda p: (p[1].date, p[0]), reverse=True)
    if not entries:
        parts.append(Text(t("detail.no_log"), "grey50"))
    for _, entry in entries:
        line = Text(entry.date.isoformat(), "cyan")
        extras = []
        if entry.status is not None:
            extras.append(status_label(entry.status))
        if entry.progress is not None:
            extras.append(f"{entry.progress}%")
        if extras:
            line.append(f" [{' '.join(extras)}]", "grey62")
        if entry.author:
            line.append(f" {entry.author}", "grey62")
        line.append(f" {entry.text}")
        parts.append(line)
    return Group(*parts)


class DetailPane(VerticalScroll):
    """Scrollable pane showing the selected task."""

    def compose(self):
        yield Static(id="detail-body")

    def show(self, task: Task | None, plan: Plan, path: str, today: date) -> None:
        """Show ``task`` (or a hint when the plan is empty)."""
        body = self.query_one("#detail-body", Static)
        if task is None:
            body.update(Text(t("detail.empty"), "grey62"))
        else:
            body.update(describe_task(task, plan, path, today))
        self.scroll_home(animate=False)
