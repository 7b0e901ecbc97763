"""Shared pieces of the weekly report and the bulletins: the plan as of a day, numbering,
dates and the six sections over any period.

A report looks at the plan as it stood at the end of its period (:func:`plan_as_of`),
so the report for a past week reads the same whenever it is produced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..docs.document import Document
from ..model import LogEntry, Plan, Status, Task
from ..model.numerals import marker, to_cn
from ..model.schedule import RECURRENCE_LABELS, Health, assess, describe, periods_due
from ..weekly import NO_PROGRESS, entries_in


def cn_date(day: date, year: int | None = None) -> str:
    """``3月8日``, with the year in front when it differs from ``year``."""
    text = f"{day.month}月{day.day}日"
    return text if day.year == year else f"{day.year}年{text}"


def date_range(first: date, last: date) -> str:
    """``2024年3月4日至3月10日`` (the year is repeated only when it changes)."""
    return f"{first.year}年{cn_date(first, first.year)}至{cn_date(last, first.year)}"


def heading_text(path: str, task: Task) -> str:
    """The task's title with the document's numbering for its depth: 一、 （一） 1. （1）."""
    parts = path.split(".")
    return marker(len(parts), int(parts[-1])) + task.title


def state_on(task: Task, day: date) -> tuple[Status, int]:
    """The task's status and progress at the end of ``day``, rebuilt from its log.

    The current values hold unless a later entry changed them; then the latest entry up
    to ``day`` that set them counts (未启动, 0% before the first one).
    """
    ordered = sorted(enumerate(task.log), key=lambda pair: (pair[1].date, pair[0]))
    later = [e for _, e in ordered if e.date > day]
    status, progress = task.status, task.progress
    if any(e.status is not None for e in later):
        status = Status.NOT_STARTED
        for _, e in ordered:
            if e.date <= day and e.status is not None:
                status = e.status
    if any(e.progress is not None for e in later):
        progress = 0
        for _, e in ordered:
            if e.date <= day and e.progress is not None:
                progress = e.progress
    return status, progress


def plan_as_of(plan: Plan, day: date) -> Plan:
    """A copy of the plan as it stood at the end of ``day``: later entries dropped,
    status and progress rebuilt with :func:`state_on`."""
    snapshot = plan.model_copy(deep=True)
    originals = dict(plan.walk())
    for path, task in snapshot.walk():
        status, progress = state_on(originals[path], day)
        task.status = status
        task.progress = progress
        task.log = [e for e in task.log if e.date <= day]
    return snapshot


@dataclass(frozen=True)
class Words:
    """How a report names its period: 本周/下周, 本月/下月, 本季度/下季度."""

    this: str
    next: str


def area_of(path: str, plan: Plan) -> str:
    """The area column for a table row: ``一、抓项目促发展``."""
    index = int(path.split(".")[0])
    return f"{to_cn(index)}、{plan.areas[index - 1].title}"


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def overall(doc: Document, plan: Plan, day: date) -> None:
    """一、总体情况: counts by depth, status and colour, and the share on schedule."""
    tasks = list(plan.walk())
    depth = [len(p.split(".")) for p, _ in tasks]
    doc.paragraph(
        f"截至{cn_date(day)}，全乡重点工作共{len(tasks)}项，其中工作领域{depth.count(1)}个、"
        f"工作事项{depth.count(2)}项、具体措施{sum(1 for d in depth if d >= 3)}项。"
    )
    by_status = {s: 0 for s in Status}
    for _, t in tasks:
        by_status[t.status] += 1
    doc.paragraph("按状态：" + "，".join(f"{s.label}{n}项" for s, n in by_status.items()) + "。")
    states = [assess(t, plan, day) for _, t in tasks if t.status.is_open]
    by_health = {h: 0 for h in (Health.NORMAL, Health.WARNING, Health.BEHIND, Health.OVERDUE)}
    by_health[Health.NEAR] = 0
    for s in states:
        if s.health is not None:
            by_health[s.health] += 1
    doc.paragraph(
        "按序时进度：" + "，".join(f"{h.label}{n}项" for h, n in by_health.items()) + "。"
    )
    if states:
        warn = plan.settings.warn_behind
        on_time = sum(
            1 for s in states if s.health not in (Health.OVERDUE, Health.BEHIND) and s.behind < warn
        )
        doc.paragraph(
            f"未完成的{len(states)}项中，达到序时进度要求的{on_time}项，"
            f"占{_percent(on_time, len(states))}。"
        )


def completed(doc: Document, plan: Plan, first: date, last: date, words: Words) -> None:
    """本期完成: tasks marked done in the period, by area, with lead and unit."""
    rows = []
    for path, task in plan.walk():
        done = [e for e in entries_in(task, first, last) if e.status is Status.DONE]
        if done:
            rows.append(
                [
                    area_of(path, plan),
                    path,
                    task.title,
                    task.lead,
                    task.unit,
                    cn_date(done[-1].date, plan.year),
                ]
            )
    if rows:
        doc.table(["所属领域", "编号", "事项", "牵头领导", "责任单位", "完成日期"], rows)
    else:
        doc.paragraph(f"{words.this}无完成事项。")


def _entry_text(entry: LogEntry, year: int) -> str:
    text = f"{cn_date(entry.date, year)}：{entry.text or '更新状态和进度'}"
    if entry.status is not None or entry.progress is not None:
        parts = [entry.status.label if entry.status else "", ""]
        if entry.progress is not None:
            parts[1] = f"进度{entry.progress}%"
        text += "（" + "，".join(p for p in parts if p) + "）"
    return text


def progress_notes(doc: Document, plan: Plan, first: date, last: date, words: Words) -> None:
    """本期进展: the period's notes under their area and item headings (一、 （一） 1.)."""
    shown: set[str] = set()
    quiet: list[str] = []
    for path, task in plan.walk():
        entries = entries_in(task, first, last)
        real = [e for e in entries if e.text != NO_PROGRESS or e.status or e.progress is not None]
        if entries and not real:
            quiet.append(f"{path} {task.title}")
        if not real:
            continue
        parts = path.split(".")
        for depth in range(1, len(parts) + 1):
            prefix = ".".join(parts[:depth])
            if prefix not in shown:
                shown.add(prefix)
                hit = plan.find(prefix)
                if hit is None:
                    continue
                node = hit[1]
                doc.heading(min(depth + 1, 4), heading_text(prefix, node))
        for entry in real:
            doc.paragraph(_entry_text(entry, plan.year))
    if not shown:
        doc.paragraph(f"{words.this}无进展记录。")
    if quiet:
        doc.paragraph(f"以下{len(quiet)}项{words.this}无新进展：" + "；".join(quiet) + "。")


def _deadline(task: Task, year: int) -> str:
    if task.deadline is None:
        return RECURRENCE_LABELS[task.recurrence] or "未定"
    return cn_date(task.deadline, year)


def _task_row(path: str, task: Task, plan: Plan, last: str) -> list[str]:
    """A table row: 编号, 事项, people, 完成时限, 进度 and a last column of the caller's."""
    deadline = _deadline(task, plan.year)
    return [path, task.title, task.lead, task.unit, task.owner, deadline, f"{task.progress}%", last]


def behind_list(doc: Document, plan: Plan, day: date, words: Words) -> None:
    """逾期及滞后事项: overdue and red tasks with people, deadline and how far behind."""
    rows = []
    for path, task in plan.walk():
        state = assess(task, plan, day)
        if state.health in (Health.OVERDUE, Health.BEHIND):
            rows.append(_task_row(path, task, plan, describe(state, task, day)))
    if rows:
        headers = ["编号", "事项", "牵头领导", "责任单位", "责任人", "完成时限", "进度", "情况"]
        doc.table(headers, rows)
    else:
        doc.paragraph(f"截至{cn_date(day)}，无逾期及滞后事项。")


def due_table(doc: Document, plan: Plan, day: date, first: date, last: date) -> None:
    """Open tasks whose deadline falls ``first``–``last``, as a table (or 无。)."""
    rows = []
    for path, task in plan.walk():
        if task.status.is_open and task.deadline and first <= task.deadline <= last:
            health = assess(task, plan, day).health
            rows.append(_task_row(path, task, plan, health.label if health else ""))
    if rows:
        headers = ["编号", "事项", "牵头领导", "责任单位", "责任人", "完成时限", "进度", "序时"]
        doc.table(headers, rows)
    else:
        doc.paragraph("无。")


def next_work(doc: Document, plan: Plan, first: date, last: date, words: Words) -> None:
    """下期工作安排: open tasks whose deadline or recurring period falls ``first``–``last``."""
    rows = []
    for path, task in plan.walk():
        if not task.status.is_open:
            continue
        plans = []
        if task.recurrence == "none" and task.deadline and first <= task.deadline <= last:
            phrase = f"（{task.deadline_text}）" if task.deadline_text else ""
            plans.append(f"{cn_date(task.deadline, plan.year)}前完成{phrase}")
        for period in periods_due(task, plan, first, last):
            word = RECURRENCE_LABELS[task.recurrence]
            plans.append(f"{cn_date(period.end, plan.year)}前报送{period.label}进展（{word}）")
        if plans:
            rows.append([path, task.title, task.unit, task.owner, "；".join(plans)])
    if rows:
        doc.table(["编号", "事项", "责任单位", "责任人", "工作安排"], rows)
    else:
        doc.paragraph(f"{words.next}无到期或周期性事项。")


def next_days(day: date, start: int, end: int) -> tuple[date, date]:
    """The days ``start``–``end`` after ``day`` (1-based), e.g. 1–7 for next week."""
    return day + timedelta(days=start), day + timedelta(days=end)
