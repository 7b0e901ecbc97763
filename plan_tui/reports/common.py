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
from ..model.notes import is_no_progress, note_key, progress_clause, sentence
from ..model.numerals import to_cn
from ..model.schedule import NO_LIMIT, RECURRENCE_LABELS, Health, assess, describe, periods_due
from ..model.work_items import (
    listed_tasks,
    reported_status,
    scope_phrase,
    tally,
    work_items,
)
from ..weekly import entries_in


def cn_date(day: date, year: int | None = None) -> str:
    """``3月8日``, with the year in front when it differs from ``year``."""
    text = f"{day.month}月{day.day}日"
    return text if day.year == year else f"{day.year}年{text}"


def date_range(first: date, last: date) -> str:
    """``2024年3月4日至3月10日`` (the year is repeated only when it changes)."""
    return f"{first.year}年{cn_date(first, first.year)}至{cn_date(last, first.year)}"


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


def overall(doc: Document, plan: Plan, day: date) -> None:
    """总体情况: what was counted, work items by status and by colour, the on-schedule rate.

    Areas are headings and measures belong to their item: only work items are counted
    (:mod:`plan_tui.model.work_items`).
    """
    figures = tally(plan, day)
    measures = len(listed_tasks(plan)) - figures.items
    extra = f"（另有具体措施{measures}项，计入所属事项）" if measures else ""
    doc.paragraph(f"截至{cn_date(day)}，{scope_phrase(plan)}{extra}。")
    doc.paragraph(
        "按状态：" + "，".join(f"{s.label}{n}项" for s, n in figures.by_status.items()) + "。"
    )
    colours = "，".join(f"{h.label}{n}项" for h, n in figures.by_health.items())
    doc.paragraph(f"未完成事项按序时进度：{colours}，{NO_LIMIT}{figures.no_limit}项。")
    if not figures.open:
        doc.paragraph("各项工作均已完成或暂缓。")
        return
    rate = figures.rate()
    if figures.no_limit and rate is None:
        doc.paragraph(
            f"未完成的{figures.open}项均{NO_LIMIT}，无法按序时进度衡量，请尽快明确完成时限。"
        )
    elif figures.no_limit:
        doc.paragraph(
            f"未完成的{figures.open}项中，{NO_LIMIT}的{figures.no_limit}项不计序时进度；"
            f"其余{figures.timed}项中，达到序时进度要求的{figures.on_schedule}项，占{rate}%。"
        )
    else:
        doc.paragraph(
            f"未完成的{figures.open}项中，达到序时进度要求的{figures.on_schedule}项，占{rate}%。"
        )


def completed(doc: Document, plan: Plan, first: date, last: date, words: Words) -> None:
    """本期完成: work items and measures marked done in the period, with lead and unit."""
    rows = []
    for path, task in listed_tasks(plan):
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


def entry_sentence(entry: LogEntry, year: int) -> str:
    """``3月8日：开展培训2场（推进中，进度45%）。``: one entry as one sentence."""
    clause = progress_clause(entry.status.label if entry.status else "", entry.progress)
    text = "" if is_no_progress(entry.text) else entry.text
    if not text and not clause:
        return ""
    if not text:
        clause = f"更新状态和进度：{clause}"
    return f"{cn_date(entry.date, year)}：{sentence(text, clause)}"


def period_entries(task: Task, first: date, last: date) -> list[LogEntry]:
    """The task's entries in the period that say something: "no progress" notes without a
    status or progress left out, and a note repeating an earlier one in the period too."""
    seen: set[str] = set()
    kept = []
    for entry in entries_in(task, first, last):
        changed = entry.status is not None or entry.progress is not None
        if is_no_progress(entry.text) and not changed:
            continue
        key = note_key(entry.text)
        if key and key in seen and not changed:
            continue
        seen.add(key)
        kept.append(entry)
    return kept


def progress_notes(doc: Document, plan: Plan, first: date, last: date, words: Words) -> None:
    """本期进展: the period's notes under area （一）, item 1. and measure （1） headings."""
    quiet: list[str] = []
    shown_areas: set[int] = set()
    measures: dict[str, list[tuple[str, Task]]] = {}
    items = work_items(plan)
    item_paths = {p for p, _ in items}
    for path, task in listed_tasks(plan):
        if path not in item_paths:
            measures.setdefault(".".join(path.split(".")[:2]), []).append((path, task))
    for path, item in items:
        area_index = int(path.split(".")[0])
        blocks: list[tuple[Task, list[LogEntry]]] = []
        for node_path, node in [(path, item), *measures.get(path, [])]:
            entries = period_entries(node, first, last)
            if entries:
                blocks.append((node, entries))
            elif entries_in(node, first, last):
                quiet.append(f"{node_path} {node.title}")
        if not blocks:
            continue
        area = plan.areas[area_index - 1]
        if area_index not in shown_areas:
            shown_areas.add(area_index)
            doc.section(2, area.title)
        if item is not area:
            doc.section(3, item.title)
        for node, entries in blocks:
            if node is not item:
                doc.section(4, node.title)
            doc.paragraph("".join(entry_sentence(e, plan.year) for e in entries))
    if not shown_areas:
        doc.paragraph(f"{words.this}无进展记录。")
    if quiet:
        doc.paragraph(f"以下{len(quiet)}项{words.this}无新进展：" + "；".join(quiet) + "。")


def _deadline(task: Task, year: int) -> str:
    if task.deadline is None:
        return RECURRENCE_LABELS[task.recurrence] or NO_LIMIT
    return cn_date(task.deadline, year)


def _task_row(path: str, task: Task, plan: Plan, last: str) -> list[str]:
    """A table row: 编号, 事项, people, 完成时限, 进度 and a last column of the caller's."""
    deadline = _deadline(task, plan.year)
    return [path, task.title, task.lead, task.unit, task.owner, deadline, f"{task.progress}%", last]


def _people(task: Task) -> str:
    unit = task.unit or "未明确"
    return f"{unit}（{task.owner}）" if task.owner else unit


def reason_of(task: Task, day: date) -> str:
    """原因: the task's ``reason``, else its last real note up to ``day``, else ``""``."""
    if task.reason.strip():
        return sentence(task.reason)
    for entry in sorted(task.log, key=lambda e: e.date, reverse=True):
        if entry.date <= day and entry.text.strip() and not is_no_progress(entry.text):
            return f"{cn_date(entry.date, day.year)}：{sentence(entry.text)}"
    return ""


def behind_rows(plan: Plan, day: date) -> list[tuple[str, Task, str]]:
    """Work items and measures that are 逾期 or 滞后 on ``day``, with how far behind."""
    rows = []
    for path, task in listed_tasks(plan):
        state = assess(task, plan, day)
        if state.health in (Health.OVERDUE, Health.BEHIND):
            rows.append((path, task, describe(state, task, day)))
    return rows


def behind_list(doc: Document, plan: Plan, day: date, words: Words) -> None:
    """逾期及滞后事项: overdue and red tasks with unit, deadline, how far behind and why."""
    rows = [
        [
            path,
            task.title,
            _people(task),
            _deadline(task, plan.year),
            f"{task.progress}%",
            how,
            reason_of(task, day) or "未说明",
        ]
        for path, task, how in behind_rows(plan, day)
    ]
    if rows:
        headers = ["编号", "事项", "责任单位（责任人）", "完成时限", "进度", "情况", "原因"]
        doc.table(headers, rows)
    else:
        doc.paragraph(f"截至{cn_date(day)}，无逾期及滞后事项。")


def _people_rows(plan: Plan, day: date, role: str) -> list[list[str]]:
    behind = {id(t): p for p, t, _ in behind_rows(plan, day)}
    groups: dict[str, list[tuple[str, Task]]] = {}
    for path, task in work_items(plan):
        groups.setdefault(getattr(task, role) or "未明确", []).append((path, task))
    for _, task, _ in behind_rows(plan, day):  # a measure's unit may hold no work item
        groups.setdefault(getattr(task, role) or "未明确", [])
    rows = []
    for name, pairs in groups.items():
        statuses = [reported_status(t) for _, t in pairs]
        late = [
            p
            for p, t in listed_tasks(plan)
            if id(t) in behind and (getattr(t, role) or "未明确") == name
        ]
        rows.append(
            [
                name,
                str(len(pairs)),
                str(statuses.count(Status.DONE)),
                str(sum(1 for s in statuses if s.is_open)),
                str(len(late)),
                "、".join(late) or "—",
            ]
        )
    return rows


def people_breakdown(doc: Document, plan: Plan, day: date) -> None:
    """Work items by 责任单位 and by 牵头领导, each with the 滞后/逾期 items named (点名)."""
    for role, label in (("unit", "责任单位"), ("lead", "牵头领导")):
        doc.paragraph(f"按{label}统计如下（滞后及逾期事项列出编号）：")
        headers = [label, "事项数", "已完成", "未完成", "滞后及逾期", "滞后及逾期事项"]
        doc.table(headers, _people_rows(plan, day, role))


def behind_section(doc: Document, plan: Plan, day: date, words: Words) -> None:
    """逾期及滞后事项 with its 点名单位 subsection: the same in the weekly and the bulletins."""
    doc.section(1, "逾期及滞后事项")
    behind_list(doc, plan, day, words)
    doc.section(2, "点名单位")
    named_units(doc, plan, day)


def named_units(doc: Document, plan: Plan, day: date) -> None:
    """点名: each unit with 滞后 or 逾期 items, the items and why."""
    rows = [
        [task.unit or "未明确", path, task.title, how, reason_of(task, day) or "未说明"]
        for path, task, how in behind_rows(plan, day)
    ]
    if rows:
        rows.sort(key=lambda r: r[0])
        doc.table(["责任单位", "编号", "事项", "情况", "原因"], rows)
    else:
        doc.paragraph("无滞后及逾期单位。")


def due_table(doc: Document, plan: Plan, day: date, first: date, last: date) -> None:
    """Open tasks whose deadline falls ``first``–``last``, as a table (or 无。)."""
    rows = []
    for path, task in listed_tasks(plan):
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
    for path, task in listed_tasks(plan):
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


def issue_number(plan: Plan, key: str) -> int:
    """期号 of the report ``key`` (``2024-W10``, ``2024-03``, ``2024Q1``): the one kept in the
    plan, else the next number of that kind of report in that year."""
    issued = plan.settings.issues
    if key in issued:
        return issued[key]
    kind = _kind(key)
    same = [n for k, n in issued.items() if _kind(k) == kind and k[:4] == key[:4]]
    return max(same, default=0) + 1


def _kind(key: str) -> str:
    if "W" in key.upper():
        return "weekly"
    return "quarterly" if "Q" in key.upper() else "monthly"


def sign_off(doc: Document, plan: Plan, day: date) -> None:
    """The issuing office and date after the text, and the 抄送/印发 block (版记)."""
    issuer = plan.settings.issuer or plan.org
    dated = f"{day.year}年{day.month}月{day.day}日"
    doc.author = plan.org
    doc.closing = [issuer, dated]
    copy_to = plan.settings.copy_to.strip()
    copy_line = f"抄送：{copy_to.rstrip('。')}。" if copy_to else "抄送：" + "　" * 8
    doc.distribution = [copy_line, f"{issuer}　　{dated}印发"]
