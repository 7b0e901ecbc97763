"""What "a work item" is, and the counts every report, table and chart takes from it.

The plan's areas (一、) are headings: they are never counted. A *work item* is the level
the document numbers ``（一）`` under an area; its measures (具体措施) belong to it and are
counted within it. An area written without items is itself one work item, so that no
work is lost from the counts.

Items without a deadline and without a cadence are ``未设时限``: they are counted apart
and never as on schedule. The same :func:`tally` gives the figures of the weekly report,
the bulletins, the review, the CLI ``list`` summary, the TUI header and the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .notes import is_no_progress
from .plan import Plan, Status, Task
from .schedule import Health, ScheduleState, assess
from .status_rule import settle


def work_items(plan: Plan) -> list[tuple[str, Task]]:
    """Every work item with its path (``3.2``), in tree order."""
    found: list[tuple[str, Task]] = []
    for a, area in enumerate(plan.areas, 1):
        if not area.children:
            found.append((str(a), area))
        found.extend((f"{a}.{i}", item) for i, item in enumerate(area.children, 1))
    return found


def area_items(area: Task) -> list[Task]:
    """The work items of one area (the area itself when it has no items)."""
    return list(area.children) or [area]


def listed_tasks(plan: Plan) -> list[tuple[str, Task]]:
    """Work items and, after each, its measures: the rows a table may list (never an area
    heading)."""
    rows: list[tuple[str, Task]] = []
    for path, item in work_items(plan):
        rows.append((path, item))
        stack = [(f"{path}.{n}", c) for n, c in reversed(list(enumerate(item.children, 1)))]
        while stack:
            sub_path, task = stack.pop()
            rows.append((sub_path, task))
            stack.extend(
                (f"{sub_path}.{n}", c) for n, c in reversed(list(enumerate(task.children, 1)))
            )
    return rows


def has_time_limit(task: Task) -> bool:
    """Whether the task has a deadline or a cadence (每月/每季度)."""
    return task.deadline is not None or task.recurrence != "none"


def has_real_note(task: Task) -> bool:
    """Whether the task's log holds a note that says something happened."""
    return any(e.text.strip() and not is_no_progress(e.text) for e in task.log)


def reported_status(task: Task) -> Status:
    """The status a report states: the stored one, settled with the task's notes (a task
    with real notes is never ``未启动``)."""
    return settle(task.status, task.progress, noted=has_real_note(task)).status


def on_schedule(state: ScheduleState, plan: Plan) -> bool:
    """达到序时进度要求: not overdue, not behind, and less than ``warn_behind`` points behind."""
    return (
        state.health not in (Health.OVERDUE, Health.BEHIND)
        and state.behind < plan.settings.warn_behind
    )


HEALTH_ORDER = (Health.NORMAL, Health.WARNING, Health.BEHIND, Health.OVERDUE, Health.NEAR)


@dataclass
class Tally:
    """The figures of a plan's work items on one day."""

    areas: int = 0
    """Number of areas (方面)."""
    items: int = 0
    """Number of work items."""
    by_status: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(Status, 0))
    """Work items by reported status."""
    open: int = 0
    """Work items not done and not suspended."""
    no_limit: int = 0
    """Open work items without a deadline or cadence (未设时限)."""
    by_health: dict[Health, int] = field(default_factory=lambda: dict.fromkeys(HEALTH_ORDER, 0))
    """Open work items with a time limit, by colour."""
    on_schedule: int = 0
    """Open work items with a time limit that meet 序时进度."""

    @property
    def timed(self) -> int:
        """Open work items with a time limit: the base of the on-schedule rate."""
        return self.open - self.no_limit

    def rate(self) -> int | None:
        """The on-schedule share in percent (rounded), ``None`` when nothing is timed."""
        return round(100 * self.on_schedule / self.timed) if self.timed else None


def tally_of(pairs: Iterable[Task], plan: Plan, day: date, areas: int = 0) -> Tally:
    """The :class:`Tally` of the given work items on ``day``."""
    result = Tally(areas=areas)
    for task in pairs:
        result.items += 1
        status = reported_status(task)
        result.by_status[status] += 1
        if not status.is_open:
            continue
        result.open += 1
        if not has_time_limit(task):
            result.no_limit += 1
            continue
        state = assess(task, plan, day)
        if state.health is not None:
            result.by_health[state.health] += 1
        if on_schedule(state, plan):
            result.on_schedule += 1
    return result


def tally(plan: Plan, day: date) -> Tally:
    """The figures of every work item of the plan on ``day``."""
    return tally_of((t for _, t in work_items(plan)), plan, day, len(plan.areas))


_ORG_KINDS = ("街道", "乡", "镇", "村", "社区", "县", "区", "市")


def org_kind(plan: Plan) -> str:
    """The kind of body the plan belongs to (``乡``, ``镇``, ``街道``…) from its
    organisation's name; ``乡`` when the name does not say."""
    org = plan.org.strip()
    return next((kind for kind in _ORG_KINDS if org.endswith(kind)), "乡")


def scope_phrase(plan: Plan) -> str:
    """What was counted: ``全乡重点工作7个方面22项`` (``全镇…`` for a town)."""
    return f"全{org_kind(plan)}重点工作{len(plan.areas)}个方面{len(work_items(plan))}项"


def status_counts(plan: Plan) -> dict[Status, int]:
    """Work items by reported status (no schedule needed: cheap enough for a header)."""
    counts = dict.fromkeys(Status, 0)
    for _, task in work_items(plan):
        counts[reported_status(task)] += 1
    return counts
