"""Reminders (督促): per unit, what is overdue, what falls due soon, which sheet is missing.

Each unit gets a short message to paste into a chat or an SMS, and a 督办通知单 as a
:class:`~plan_tui.docs.document.Document` for the GB/T 9704 writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..docs.document import Document
from ..model import Plan
from .period import Period, md
from .roster import UnitTask, split_units, units_in, work_tasks


@dataclass
class Reminder:
    """What one unit is reminded of."""

    unit: str
    overdue: list[UnitTask] = field(default_factory=list)
    due_soon: list[UnitTask] = field(default_factory=list)
    missing: Period | None = None
    """The period whose feedback sheet the unit has not returned, if any."""

    @property
    def empty(self) -> bool:
        """Nothing to remind of."""
        return not (self.overdue or self.due_soon or self.missing)


def sheet_period(as_of: date) -> Period:
    """The period whose sheets are due by ``as_of``: this week from its Friday, else last week."""
    period = Period.of_day(as_of)
    return period if as_of >= period.reply_by else Period.of_day(as_of - timedelta(days=7))


def returned(plan: Plan, unit: str, period: Period) -> bool:
    """Whether the plan holds an entry the unit reported on a sheet for ``period``."""
    return any(
        entry.unit == unit and period.first <= entry.date <= period.last
        for _, task in plan.walk()
        for entry in task.log
    )


def reminders(plan: Plan, as_of: date, days: int = 7) -> list[Reminder]:
    """A reminder per unit with open work, in order of first mention, empty ones left out."""
    period = sheet_period(as_of)
    found = {unit: Reminder(unit) for unit in units_in(plan)}
    for entry in work_tasks(plan):
        task = entry.task
        if not task.status.is_open or task.deadline is None:
            continue
        for unit in split_units(task.unit):
            if task.deadline < as_of:
                found[unit].overdue.append(entry)
            elif task.deadline <= as_of + timedelta(days=days):
                found[unit].due_soon.append(entry)
    if period.last.year >= plan.year and period.first.year <= plan.year:
        for unit, reminder in found.items():
            if not returned(plan, unit, period):
                reminder.missing = period
    return [r for r in found.values() if not r.empty]


def _item(entry: UnitTask, as_of: date) -> str:
    task = entry.task
    assert task.deadline is not None
    owner = f"，责任人：{task.owner}" if task.owner else ""
    if task.deadline < as_of:
        late = (as_of - task.deadline).days
        return f"{entry.path} {task.title}（时限{md(task.deadline)}，已逾期{late}天{owner}）"
    left = (task.deadline - as_of).days
    when = "今天到期" if left == 0 else f"还有{left}天"
    return f"{entry.path} {task.title}（时限{md(task.deadline)}，{when}{owner}）"


def message(plan: Plan, reminder: Reminder, as_of: date, days: int = 7) -> str:
    """The chat/SMS text for one unit, in office Chinese."""
    reply_by = as_of + timedelta(days=2)
    lines = [f"【督办提醒】{reminder.unit}：", f"截至{md(as_of)}，贵单位牵头的重点工作中："]
    if reminder.overdue:
        items = "；".join(_item(e, as_of) for e in reminder.overdue)
        lines.append(f"已逾期{len(reminder.overdue)}项：{items}。")
    if reminder.due_soon:
        items = "；".join(_item(e, as_of) for e in reminder.due_soon)
        lines.append(f"{days}日内到期{len(reminder.due_soon)}项：{items}。")
    if reminder.missing:
        lines.append(f"{reminder.missing.label}进展反馈表尚未报送。")
    lines.append(f"请于{md(reply_by)}前反馈进展情况，如有困难请及时说明。谢谢！")
    lines.append(f"{plan.org}党政办")
    return "\n".join(lines)


def notice(plan: Plan, reminder: Reminder, as_of: date, days: int = 7) -> Document:
    """The 督办通知单 of one unit."""
    doc = Document(
        title="重点工作督办通知单",
        subtitle=[f"{plan.org}党政办　{as_of.year}年{md(as_of)}"],
    )
    doc.paragraph(f"{reminder.unit}：")
    count = len(reminder.overdue) + len(reminder.due_soon)
    opening = f"根据{plan.org}{plan.year}年重点工作台账，截至{as_of.year}年{md(as_of)}，"
    if count:
        opening += f"贵单位牵头的重点工作中有{count}项需要督办，具体如下。"
    else:
        opening += "贵单位尚有以下事项需要办理。"
    doc.paragraph(opening)
    rows: list[list[str]] = []
    for label, entries in (("已逾期", reminder.overdue), (f"{days}日内到期", reminder.due_soon)):
        for entry in entries:
            task = entry.task
            assert task.deadline is not None
            rows.append(
                [
                    str(len(rows) + 1),
                    f"{entry.path} {task.title}",
                    task.deadline.isoformat(),
                    label,
                    task.owner or "—",
                ]
            )
    if rows:
        doc.table(["序号", "工作任务", "完成时限", "情况", "责任人"], rows)
    if reminder.missing:
        doc.paragraph(f"另，贵单位{reminder.missing.label}重点工作进展反馈表尚未报送，请抓紧报送。")
    reply_by = as_of + timedelta(days=2)
    doc.paragraph(
        f"请于{reply_by.year}年{md(reply_by)}前将上述事项的推进情况、存在问题及下步打算"
        f"书面反馈{plan.org}党政办。"
    )
    return doc
