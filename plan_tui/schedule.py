"""序时进度: how far each open task is against the time-proportional schedule.

Every open task gets a :class:`Health` colour from its actual progress versus its
expected progress (the elapsed share of start → deadline), with thresholds from the
plan's settings. Precedence: 逾期 > 滞后 > 临近 > 预警 > 正常.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .model import Plan, Task


class Health(StrEnum):
    """Schedule colour of an open task; codes in JSON, labels and colours for people."""

    NORMAL = "normal"
    WARNING = "warning"
    BEHIND = "behind"
    OVERDUE = "overdue"
    NEAR = "near"

    @property
    def label(self) -> str:
        """Chinese label, e.g. ``预警``."""
        return HEALTH_LABELS[self]

    @property
    def colour(self) -> str:
        """Colour name shared by the TUI, the ledger and reports."""
        return HEALTH_COLOURS[self]


HEALTH_LABELS = {
    Health.NORMAL: "正常",
    Health.WARNING: "预警",
    Health.BEHIND: "滞后",
    Health.OVERDUE: "逾期",
    Health.NEAR: "临近",
}
HEALTH_COLOURS = {
    Health.NORMAL: "green",
    Health.WARNING: "yellow",
    Health.BEHIND: "red",
    Health.OVERDUE: "red",
    Health.NEAR: "blue",
}


@dataclass(frozen=True)
class ScheduleState:
    """A task's place against its schedule on one day."""

    health: Health | None
    """Colour, or ``None`` for a closed (done or suspended) task."""
    expected: int | None
    """Expected progress (0–100) today, or ``None`` without a deadline."""
    behind: int
    """Points behind the expected progress (0 when on or ahead of schedule)."""


def assess(task: Task, plan: Plan, today: date) -> ScheduleState:
    """Classify one task on ``today`` with the plan's thresholds."""
    expected = task.expected_progress(today, plan.start_date)
    behind = max(0, (expected or 0) - task.progress) if expected is not None else 0
    if not task.status.is_open:
        return ScheduleState(None, expected, behind)
    settings = plan.settings
    if task.is_overdue(today):
        health = Health.OVERDUE
    elif expected is not None and behind > settings.red_behind:
        health = Health.BEHIND
    elif task.deadline is not None and (task.deadline - today).days <= settings.near_days:
        health = Health.NEAR
    elif expected is not None and behind >= settings.warn_behind:
        health = Health.WARNING
    else:
        health = Health.NORMAL
    return ScheduleState(health, expected, behind)


def classify(task: Task, plan: Plan, today: date) -> Health | None:
    """The :class:`Health` colour of a task, or ``None`` when it is closed."""
    return assess(task, plan, today).health
