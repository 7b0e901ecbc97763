"""A task's history (修改和进展记录) and the plan's changes of one week (本周变化)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from ..model import Status, Task
from ..model.text_rule import visible
from ..session.task_history import COPIED, MOVED, HistoryEvent, TaskChanges, task_history
from .dialogs import Dialog
from .i18n import t
from .line_breaks import ChineseLines
from .pickers import week_span
from .rows import status_label


def field_label(field: str) -> str:
    """The name people read for a recorded field."""
    if field == MOVED:
        return t("history.moved")
    if field == COPIED:
        return t("history.copied")
    return t(f"detail.{field}")


def _shown(field: str, value: str) -> str:
    """A recorded value for the screen: a status in the UI's language, ``—`` for none."""
    if field == "status":
        for status in Status:
            if value == status.label:
                return status_label(status)
    return visible(value) or t("detail.none")


def event_text(event: HistoryEvent) -> Text:
    """One line: date, author, then what changed or what was recorded."""
    text = Text(event.date.isoformat(), "cyan")
    text.append(f" {visible(event.author) or t('history.no_author')}", "grey62")
    if event.change is not None:
        change = event.change
        text.append(f" {t('history.change')} ", "yellow")
        text.append(field_label(change.field), "bold")
        if change.field == COPIED:
            text.append(f" {visible(change.old)}")
        else:
            old = _shown(change.field, change.old)
            new = _shown(change.field, change.new)
            text.append(t("history.values", old=old, new=new))
    elif event.entry is not None:
        entry = event.entry
        text.append(f" {t('history.log')} ", "green")
        extras = []
        if entry.status is not None:
            extras.append(status_label(entry.status))
        if entry.progress is not None:
            extras.append(f"{entry.progress}%")
        if extras:
            text.append(f"[{' '.join(extras)}] ", "grey62")
        text.append(visible(entry.text))
    return text


def history_text(task: Task) -> Text:
    """The whole history of ``task``, newest first."""
    events = task_history(task)
    if not events:
        return Text(t("history.empty"), "grey62")
    return Text("\n").join(event_text(event) for event in events)


class TaskHistoryScreen(Dialog[None]):
    """Every saved change and update-log entry of one task, with date and author."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "bind.close", id="close"),
    ]

    def __init__(self, task: Task, path: str) -> None:
        super().__init__()
        self.task_, self.path = task, path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            title = t("history.title", path=self.path, title=visible(self.task_.title))
            yield Label(title, classes="dialog-title")
            with VerticalScroll(classes="scroll-body"):
                yield Static(ChineseLines(history_text(self.task_)), id="history-text")
            yield Static(t("history.keys"), classes="hint")


def week_changes_summary(found: list[TaskChanges]) -> str:
    """``3项任务有变化：进展记录2条，修改4处``."""
    logs = sum(1 for f in found for e in f.events if e.kind == "log")
    changes = sum(1 for f in found for e in f.events if e.kind == "change")
    if not found:
        return t("changes.none")
    return t("changes.summary", tasks=len(found), logs=logs, changes=changes)


def task_changes_prompt(found: TaskChanges) -> Text:
    """One task's changes of the week, as one multi-line option."""
    text = Text(f"{found.path} {visible(found.task.title)}", "bold")
    for event in found.events:
        text.append("\n  ")
        text.append_text(event_text(event))
    return text


class WeekChangesScreen(Dialog[str | None]):
    """本周变化: what changed in every task during a week; Enter jumps to a task."""

    def __init__(self, week_label: str, first: date, last: date, found: list[TaskChanges]):
        super().__init__()
        self.week_label, self.first, self.last, self.found = week_label, first, last, found

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            span = week_span(self.first, self.last)
            yield Label(t("changes.title", week=self.week_label, span=span), classes="dialog-title")
            yield Static(week_changes_summary(self.found), id="changes-summary")
            yield OptionList(
                *[Option(task_changes_prompt(f), id=f.task.id) for f in self.found],
                id="changes-list",
            )
            yield Static(t("changes.keys"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
