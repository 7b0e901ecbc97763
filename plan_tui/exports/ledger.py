"""The rows of the 重点工作任务分解表 shared by the .xlsx and .csv exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Plan, Task
from ..model.notes import is_no_progress, sentence
from ..model.schedule import Health, assess
from ..model.work_items import reported_status

COLUMNS = (
    "序号",
    "板块",
    "工作任务",
    "具体措施",
    "牵头领导",
    "责任单位",
    "配合单位",
    "责任人",
    "完成时限",
    "状态",
    "序时进度",
    "最新进展",
    "备注",
)
"""Column headings of the ledger, in order."""


@dataclass(frozen=True)
class LedgerRow:
    """One row of the ledger with the task's status and 序时进度 colour."""

    cells: tuple[str, ...]
    task: Task
    health: Health | None


def deadline_cell(task: Task) -> str:
    """``2024-06-30（6月底前）``, the date alone, the phrase alone, or empty."""
    day = task.deadline.isoformat() if task.deadline else ""
    if task.deadline_text and day:
        return f"{day}（{task.deadline_text}）"
    return day or task.deadline_text


def schedule_cell(task: Task, plan: Plan, today: date) -> tuple[str, Health | None]:
    """``滞后（序时60%，实际20%）`` for an open task; ``—`` for a closed one."""
    state = assess(task, plan, today)
    if state.health is None:
        return "—", None
    if state.expected is None:
        return state.health.label, state.health
    return f"{state.health.label}（序时{state.expected}%，实际{task.progress}%）", state.health


def _latest(task: Task) -> str:
    """The newest note that says something (the one "no progress" rule), with its date."""
    for entry in sorted(task.log, key=lambda e: e.date, reverse=True):
        if not is_no_progress(entry.text):
            return f"{entry.date.isoformat()} {sentence(entry.text)}"
    return ""


def _row(number: str, area: Task, item: Task, task: Task, plan: Plan, today: date) -> LedgerRow:
    measure = task.body if task is item else "：".join(p for p in (task.title, task.body) if p)
    schedule, health = schedule_cell(task, plan, today)
    cells = (
        number,
        area.title,
        item.title,
        measure,
        task.lead,
        task.unit,
        "、".join(task.partners),
        task.owner,
        deadline_cell(task),
        reported_status(task).label,
        schedule,
        _latest(task),
        task.notes,
    )
    return LedgerRow(cells, task, health)


def ledger_rows(plan: Plan, today: date) -> list[LedgerRow]:
    """One row per item and per measure (an area without items gets one row), in tree order.

    序号 is the task's position in the tree (``1.2``, ``1.2.1``).
    """
    rows: list[LedgerRow] = []
    for a, area in enumerate(plan.areas, 1):
        if not area.children:
            rows.append(_row(str(a), area, area, area, plan, today))
        for i, item in enumerate(area.children, 1):
            rows.append(_row(f"{a}.{i}", area, item, item, plan, today))
            for path_tail, measure in _measures(item, f"{a}.{i}"):
                rows.append(_row(path_tail, area, item, measure, plan, today))
    return rows


def _measures(task: Task, path: str) -> list[tuple[str, Task]]:
    found: list[tuple[str, Task]] = []
    for n, child in enumerate(task.children, 1):
        found.append((f"{path}.{n}", child))
        found.extend(_measures(child, f"{path}.{n}"))
    return found
