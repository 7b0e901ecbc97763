"""序时进度: how far each open task is against the time-proportional schedule.

Every open task gets a :class:`Health` colour from its actual progress versus its
expected progress (the elapsed share of start → deadline), with the thresholds from
the plan's settings (``warn_behind``, ``red_behind``, ``near_days``):

- 正常 (green): less than ``warn_behind`` points behind, or ahead;
- 预警 (yellow): from ``warn_behind`` up to and including ``red_behind`` points behind;
- 滞后 (red): more than ``red_behind`` points behind, or a recurring period missed;
- 逾期 (red): past the deadline and not done (the deadline day itself is not overdue);
- 临近 (blue): the deadline (or, for recurring work, the end of a period not yet
  reported) is within ``near_days`` days.

Precedence: 逾期 > 滞后 > 临近 > 预警 > 正常. A task without a deadline has no expected
progress and is 正常 unless it is recurring and missed a period.

Recurring tasks (``recurrence`` = ``weekly`` / ``monthly`` / ``quarterly`` / ``half_yearly``)
are due once per period:
they are judged by their periods, not by progress. A period that ended before ``today``
without any update-log entry dated inside it counts as missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from .plan import Plan, Task


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
NO_LIMIT = "未设时限"
"""Said instead of a health for an item with neither a deadline nor a cadence."""
HEALTH_COLOURS = {
    Health.NORMAL: "green",
    Health.WARNING: "yellow",
    Health.BEHIND: "red",
    Health.OVERDUE: "red",
    Health.NEAR: "blue",
}
RECURRENCE_LABELS = {
    "none": "",
    "weekly": "每周",
    "monthly": "每月",
    "quarterly": "每季度",
    "half_yearly": "每半年",
}
"""Chinese cadence words for :attr:`Task.recurrence`."""


@dataclass(frozen=True)
class Period:
    """One period of a recurring task: a week, calendar month, quarter or half-year."""

    start: date
    end: date
    label: str
    """Chinese label, e.g. ``2024年第12周``, ``2024年3月`` or ``2024年第1季度``."""


@dataclass(frozen=True)
class ScheduleState:
    """A task's place against its schedule on one day."""

    health: Health | None
    """Colour, or ``None`` for a closed (done or suspended) task."""
    expected: int | None
    """Expected progress (0–100) today, or ``None`` without a deadline or when recurring."""
    behind: int
    """Points behind the expected progress (0 when on or ahead of schedule)."""
    missed: tuple[Period, ...] = ()
    """Past periods of a recurring task that have no update entry."""


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def period_of(recurrence: str, day: date) -> Period:
    """The week (Monday to Sunday), month, quarter or half-year that contains ``day``."""
    if recurrence == "weekly":
        monday = day - timedelta(days=day.weekday())
        iso_year, week, _ = monday.isocalendar()
        return Period(monday, monday + timedelta(days=6), f"{iso_year}年第{week}周")
    if recurrence == "half_yearly":
        first = 1 if day.month <= 6 else 7
        label = "上半年" if first == 1 else "下半年"
        return Period(
            date(day.year, first, 1), _month_end(day.year, first + 5), f"{day.year}年{label}"
        )
    if recurrence == "monthly":
        return Period(
            date(day.year, day.month, 1),
            _month_end(day.year, day.month),
            f"{day.year}年{day.month}月",
        )
    if recurrence == "quarterly":
        quarter = (day.month - 1) // 3 + 1
        first = 3 * quarter - 2
        return Period(
            date(day.year, first, 1),
            _month_end(day.year, first + 2),
            f"{day.year}年第{quarter}季度",
        )
    raise ValueError(f"不是周期性任务：{recurrence}")


def periods_between(recurrence: str, start: date, end: date) -> list[Period]:
    """Every period of the cadence that overlaps ``start``–``end``, in order."""
    return list(_periods(recurrence, start, end))


@lru_cache(maxsize=256)
def _periods(recurrence: str, start: date, end: date) -> tuple[Period, ...]:
    # most tasks of a plan share its start and a few deadlines: the same spans recur
    periods: list[Period] = []
    if recurrence not in RECURRENCE_LABELS or recurrence == "none" or end < start:
        return ()
    day = start
    while day <= end:
        period = period_of(recurrence, day)
        periods.append(period)
        day = period.end + timedelta(days=1)
    return tuple(periods)


def task_span(task: Task, plan: Plan) -> tuple[date, date]:
    """The span a task is scheduled over: its start (or the plan's) to its deadline.

    Without a deadline the span ends on 31 December of the plan year.
    """
    start = task.start or plan.start_date
    end = task.deadline or date(plan.year, 12, 31)
    return start, end


def has_entry(task: Task, period: Period) -> bool:
    """Whether the task's update log has an entry dated inside ``period``."""
    return any(period.start <= e.date <= period.end for e in task.log)


def missed_periods(task: Task, plan: Plan, today: date) -> list[Period]:
    """Past periods of a recurring task (ended before ``today``) with no update entry.

    Empty for a task that does not recur.
    """
    if task.recurrence == "none":
        return []
    start, end = task_span(task, plan)
    return [
        p for p in _periods(task.recurrence, start, end) if p.end < today and not has_entry(task, p)
    ]


def periods_due(task: Task, plan: Plan, first: date, last: date) -> list[Period]:
    """Periods of a recurring task whose last day falls within ``first``–``last``."""
    if task.recurrence == "none":
        return []
    start, end = task_span(task, plan)
    return [p for p in periods_between(task.recurrence, start, end) if first <= p.end <= last]


def _recurring_near(task: Task, plan: Plan, today: date) -> bool:
    start, end = task_span(task, plan)
    if not start <= today <= end:
        return False
    current = period_of(task.recurrence, today)
    return not has_entry(task, current) and (current.end - today).days <= plan.settings.near_days


def assess(task: Task, plan: Plan, today: date) -> ScheduleState:
    """Classify one task on ``today`` with the plan's thresholds."""
    settings = plan.settings
    if task.recurrence != "none":
        missed = tuple(missed_periods(task, plan, today))
        if not task.status.is_open:
            return ScheduleState(None, None, 0, missed)
        if task.is_overdue(today):
            health = Health.OVERDUE
        elif missed:
            health = Health.BEHIND
        elif _recurring_near(task, plan, today):
            health = Health.NEAR
        else:
            health = Health.NORMAL
        return ScheduleState(health, None, 0, missed)

    expected = task.expected_progress(today, plan.start_date)
    behind = max(0, expected - task.progress) if expected is not None else 0
    if not task.status.is_open:
        return ScheduleState(None, expected, behind)
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


def missed_labels(periods: tuple[Period, ...] | list[Period]) -> str:
    """Missed periods, consecutive ones as a range and the year said once:
    ``2024年1月至4月、6月、8月至9月``."""
    runs: list[list[Period]] = []
    for period in periods:
        if runs and runs[-1][-1].end + timedelta(days=1) == period.start:
            runs[-1].append(period)
        else:
            runs.append([period])
    parts, year = [], ""
    for run in runs:
        first, last = run[0].label, run[-1].label
        text = first if len(run) == 1 else f"{first}至{_without_year(last, first[:5])}"
        parts.append(_without_year(text, year))
        year = last[:5]
    return "、".join(parts)


def _without_year(label: str, year: str) -> str:
    """``label`` without a leading ``2024年`` when that is ``year``."""
    return label[len(year) :] if year and label.startswith(year) else label


def describe(state: ScheduleState, task: Task, today: date) -> str:
    """A short Chinese phrase for how far behind a task is, e.g. ``逾期12天``."""
    if state.health is None:
        return task.status.label
    if state.health is Health.OVERDUE and task.deadline is not None:
        return f"逾期{(today - task.deadline).days}天"
    if state.missed:
        return f"漏报{len(state.missed)}期（{missed_labels(state.missed)}）"
    if state.expected is not None and state.behind > 0:
        return f"落后序时{state.behind}个百分点（序时{state.expected}%，实际{task.progress}%）"
    return state.health.label
