"""A task's history: its saved field changes (修改记录) and its update log, together.

Every edit that changes a task's fields records one :class:`FieldChange` per field,
dated and signed (:func:`record_changes`); update-log entries are history already. The
history of a task and the plan's changes of one week (本周变化) are read back from both.
Values are stored as the text people read (``2024-06-30（6月底前）``, ``甲、乙``), so a
change reads the same whatever the model later becomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..model import FieldChange, LogEntry, Plan, Task

TRACKED = (
    "title",
    "body",
    "lead",
    "unit",
    "owner",
    "partners",
    "start",
    "deadline",
    "status",
    "progress",
    "tags",
    "notes",
)
"""The fields whose changes are recorded, in the order they are listed."""

MOVED = "parent"
"""The pseudo-field of a change that moved a task under another parent."""
COPIED = "copied_from"
"""The pseudo-field of the first change of a copy: the task it was copied from."""


def shown_value(task: Task, field: str) -> str:
    """The value of ``field`` as text, as a change records it."""
    if field == "deadline":
        text = task.deadline.isoformat() if task.deadline else ""
        if task.deadline_text and text:
            return f"{text}（{task.deadline_text}）"
        return text or task.deadline_text
    value = getattr(task, field)
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(value)
    if isinstance(value, date):
        return value.isoformat()
    if field == "status":
        return str(value.label)
    if field == "progress":
        return f"{value}%"
    return str(value)


def diff_fields(before: Task, after: Task) -> list[tuple[str, str, str]]:
    """(field, old, new) for every tracked field whose shown value differs."""
    changed = []
    for field in TRACKED:
        old, new = shown_value(before, field), shown_value(after, field)
        if old != new:
            changed.append((field, old, new))
    return changed


def record_changes(before: Task, after: Task, day: date, author: str = "") -> int:
    """Append to ``after.changes`` one change per field that differs from ``before``.

    Status and progress set by an update-log entry added in the same edit are left out:
    the entry already records them. Returns how many changes were recorded.
    """
    changed = diff_fields(before, after)
    new_entries = after.log[len(before.log) :]
    by_entry = set()
    for entry in new_entries:
        if entry.status is not None:
            by_entry.add("status")
        if entry.progress is not None:
            by_entry.add("progress")
    records = [
        FieldChange(date=day, field=field, old=old, new=new, author=author)
        for field, old, new in changed
        if field not in by_entry
    ]
    if records:
        after.changes = [*after.changes, *records]  # a new list: old plans stay as they were
    return len(records)


def note_change(task: Task, field: str, old: str, new: str, day: date, author: str = "") -> None:
    """Record one change that is not a field edit (a move, a copy) on ``task``."""
    change = FieldChange(date=day, field=field, old=old, new=new, author=author)
    task.changes = [*task.changes, change]


@dataclass(frozen=True)
class HistoryEvent:
    """One line of a task's history: a field change or an update-log entry."""

    date: date
    kind: Literal["change", "log"]
    author: str
    change: FieldChange | None = None
    entry: LogEntry | None = None


def task_history(task: Task) -> list[HistoryEvent]:
    """Every change and log entry of ``task``, newest first (same day: later first)."""
    events: list[tuple[date, int, HistoryEvent]] = []
    for n, change in enumerate(task.changes):
        events.append((change.date, n, HistoryEvent(change.date, "change", change.author, change)))
    offset = len(task.changes)
    for n, entry in enumerate(task.log):
        event = HistoryEvent(entry.date, "log", entry.author, entry=entry)
        events.append((entry.date, offset + n, event))
    events.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [event for _, _, event in events]


@dataclass(frozen=True)
class TaskChanges:
    """What changed in one task during a period."""

    path: str
    task: Task
    events: list[HistoryEvent]


def changes_between(plan: Plan, first: date, last: date) -> list[TaskChanges]:
    """Per task in tree order, its history events dated ``first``–``last`` (newest first)."""
    found = []
    for path, task in plan.walk():
        if not task.changes and not task.log:
            continue
        events = [e for e in task_history(task) if first <= e.date <= last]
        if events:
            found.append(TaskChanges(path, task, events))
    return found


def record_plan_changes(
    before: Plan, after: Plan, ids: Iterable[str], day: date, author: str
) -> None:
    """Record in ``after`` the field changes of the tasks ``ids`` since ``before`` (tasks
    new in ``after`` have no earlier values and record nothing)."""
    wanted = set(ids)
    old = {task.id: task for task in before.tasks() if task.id in wanted}
    for task in after.tasks():
        if task.id in old:
            record_changes(old[task.id], task, day, author)
