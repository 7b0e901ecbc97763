"""The year-end review draft: "XX乡2024年工作回顾及2025年工作安排" from a year of notes.

The draft has the seed document's shape: an opening paragraph on the main targets, one
level-1 section per area with ``一是…二是…`` paragraphs built from the update notes, the
problems paragraph, and a skeleton of next year's plan. Only facts from the plan are
written; everything else is a visible ``【待补充…】`` placeholder for the secretary.
"""

from __future__ import annotations

from datetime import date

from ..docs.document import Document
from ..model import LogEntry, Plan, Status, Task
from ..model.notes import is_no_progress, note_key
from ..model.notes import sentence as note_sentence
from ..model.numerals import ordinal_shi
from ..model.schedule import Health, ScheduleState, assess
from ..model.work_items import (
    area_items,
    has_time_limit,
    on_schedule,
    org_kind,
    reported_status,
)
from .common import plan_as_of

TODO = "【待补充】"
PROBLEMS_OPENING = (
    "思危方能居安，知忧才能克难。在充分肯定成绩的同时，我们也清醒地看到，"
    "{year}年工作中还存在一些困难和问题，主要表现在："
)


def todo(what: str) -> str:
    """A visible placeholder naming what is to be written: ``【待补充：…】``."""
    return f"【待补充：{what}】"


def sentence(text: str) -> str:
    """``text`` as one sentence ending in ``。`` (the one sentence joiner of the notes)."""
    return note_sentence(text)


def clean_title(title: str) -> str:
    """A task title without trailing punctuation, ready to be followed by ``。``."""
    return title.strip().rstrip("。，；;,.、 ")


def notes_of(task: Task, as_of: date) -> list[str]:
    """The update notes of a task and its descendants up to ``as_of``, in date order.

    Empty notes (``本周无新进展`` and the like) and repeats are dropped; the text is kept
    exactly as written, figures included. Notes of the same day keep tree order.
    """
    entries: list[tuple[date, int, LogEntry]] = []
    order = 0
    for node in task.walk():
        for entry in node.log:
            entries.append((entry.date, order, entry))
            order += 1
    seen: set[str] = set()
    notes: list[str] = []
    for day, _, entry in sorted(entries, key=lambda item: (item[0], item[1])):
        if day > as_of or is_no_progress(entry.text):
            continue
        key = note_key(entry.text)
        if key in seen:
            continue
        seen.add(key)
        notes.append(sentence(entry.text))
    return notes


def last_note(task: Task, as_of: date) -> str:
    """The newest meaningful note of the task or its descendants up to ``as_of``."""
    notes = notes_of(task, as_of)
    return notes[-1] if notes else ""


def _deadline_phrase(task: Task) -> str:
    if task.deadline_text:
        return task.deadline_text
    if task.deadline:
        return f"{task.deadline.year}年{task.deadline.month}月{task.deadline.day}日"
    return ""


def is_delayed(task: Task, state: ScheduleState) -> bool:
    """Delayed: marked 滞后, past its deadline, or red against 序时进度."""
    return task.status == Status.DELAYED or state.health in (Health.BEHIND, Health.OVERDUE)


def standing(task: Task, plan: Plan, as_of: date) -> str:
    """One clause on where a task stands: 已完成 / 正在推进 / 滞后 and why (the last note)."""
    state = assess(task, plan, as_of)
    if task.status == Status.DONE:
        return "目前该项工作已完成。"
    if task.status == Status.SUSPENDED:
        return "目前该项工作暂缓推进。"
    if is_delayed(task, state):
        if state.health == Health.OVERDUE:
            reason = f"已超过完成时限（{_deadline_phrase(task)}）"
        elif state.behind:
            reason = f"低于序时进度{state.behind}个百分点"
        else:
            reason = ""
        head = f"目前该项工作进度滞后，{reason}" if reason else "目前该项工作进度滞后"
        why = last_note(task, as_of)
        cause = f"，最新情况：{why}" if why else f"，原因{TODO}"
        return sentence(head + cause.rstrip("。"))
    if reported_status(task) == Status.NOT_STARTED and not notes_of(task, as_of):
        return "目前该项工作尚未启动。"
    progress = f"，完成进度{task.progress}%" if task.progress else ""
    return f"目前该项工作正在推进{progress}。"


def _number(value: float) -> str:
    return f"{value:g}"


def indicator_sentence(plan: Plan) -> str:
    """Each main target against its actual value; a placeholder where the actual is missing."""
    parts = []
    for ind in plan.targets:
        target = ind.target_text or (
            f"{_number(ind.target_value)}{ind.target_unit}" if ind.target_value is not None else ""
        )
        if ind.actual_text:
            actual = ind.actual_text
        elif ind.actual_value is not None:
            actual = f"{_number(ind.actual_value)}{ind.target_unit}"
        else:
            growth = "增" in target or ind.target_unit in ("%", "％")
            actual = todo(f"{ind.name}实际{'增幅' if growth else '完成值'}")
        goal = f"目标{target}" if target else f"目标{todo(ind.name + '目标值')}"
        parts.append(f"{ind.name}{goal}，实际{actual}")
    if not parts:
        return f"对照年初确定的主要目标：{todo('主要目标完成情况')}"
    return "对照年初确定的主要目标：" + "；".join(parts) + "。"


def default_as_of(plan: Plan, today: date | None = None) -> date:
    """Today, but no later than 31 December of the plan's year."""
    return min(today or date.today(), date(plan.year, 12, 31))


def _review_part(doc: Document, plan: Plan, as_of: date) -> None:
    for area in plan.areas:
        doc.section(1, clean_title(area.title))
        for i, item in enumerate(area_items(area), 1):
            notes = notes_of(item, as_of)
            if not notes:
                done = TODO
            elif is_delayed(item, assess(item, plan, as_of)):
                done = "".join(notes[:-1])  # the last note says why, in the closing clause
            else:
                done = "".join(notes)
            head = "" if item is area else f"{ordinal_shi(i)}{clean_title(item.title)}。"
            doc.paragraph(f"{head}{done}{standing(item, plan, as_of)}")


def quoted(title: str) -> str:
    """A title in quotation marks; quotation marks inside it become single ones."""
    inner = clean_title(title).replace("“", "‘").replace("”", "’")
    return f"“{inner}”"


def _problem(task: Task, plan: Plan, as_of: date) -> tuple[str, str]:
    """(shared phrase, individual phrase) saying why an unfinished item is a problem.

    Items that are simply not started or suspended share one phrase, so that they can
    be listed together; the others carry their own details.
    """
    state = assess(task, plan, as_of)
    name = quoted(task.title)
    if state.health == Health.OVERDUE:
        return "", f"{name}超过完成时限（{_deadline_phrase(task)}）仍未完成"
    if is_delayed(task, state):
        behind = f"，低于序时进度{state.behind}个百分点" if state.behind else ""
        return "", f"{name}进度滞后{behind}"
    if task.status == Status.SUSPENDED:
        return "暂缓推进", name
    if reported_status(task) == Status.NOT_STARTED and not notes_of(task, as_of):
        return "尚未启动", name
    progress = f"（完成进度{task.progress}%）" if task.progress else ""
    return "", f"{name}进度低于序时要求{progress}"


def is_problem(task: Task, plan: Plan, as_of: date) -> bool:
    """Whether an item belongs in the problems paragraph: suspended, delayed, overdue or
    behind 序时进度, or never started without any time limit. An open item on schedule is
    never a problem."""
    if task.status == Status.DONE:
        return False
    if task.status == Status.SUSPENDED:
        return True
    state = assess(task, plan, as_of)
    if is_delayed(task, state) or not on_schedule(state, plan):
        return True
    never_started = reported_status(task) == Status.NOT_STARTED and not notes_of(task, as_of)
    return never_started and not has_time_limit(task)


def _area_problems(items: list[Task], plan: Plan, as_of: date) -> str:
    phrases: list[str] = []
    shared: dict[str, list[str]] = {}
    for task in items:
        group, text = _problem(task, plan, as_of)
        if group:
            shared.setdefault(group, []).append(text)
        else:
            phrases.append(text)
    for group, names in shared.items():
        count = f"{len(names)}项工作" if len(names) > 2 else ""
        phrases.append(f"{'、'.join(names)}{count}{group}")
    return "，".join(phrases)


def problems_paragraph(plan: Plan, as_of: date) -> str:
    """The problems paragraph: delayed, overdue and unfinished items, grouped by area."""
    points = []
    for area in plan.areas:
        open_items = [t for t in area_items(area) if is_problem(t, plan, as_of)]
        if not open_items:
            continue
        short = clean_title(area.title).split("，")[0]
        points.append(f"{short}方面，{_area_problems(open_items, plan, as_of)}")
    points.append(todo("经济社会发展中的其他困难和问题"))
    text = "".join(f"{ordinal_shi(n)}{sentence(p)}" for n, p in enumerate(points, 1))
    return PROBLEMS_OPENING.format(year=plan.year) + text


def _plan_part(doc: Document, plan: Plan, as_of: date) -> None:
    year = plan.year + 1
    doc.part(f"{year}年工作安排")
    doc.paragraph(f"{year}年工作的总体要求是：{todo(f'{year}年工作总体要求')}")
    names = "、".join(ind.name for ind in plan.targets)
    hint = f"，可参照{plan.year}年的{names}等指标" if names else ""
    doc.paragraph(
        f"{year}年我{org_kind(plan)}经济社会发展的主要目标是：{todo(f'{year}年主要目标{hint}')}"
    )
    doc.paragraph(f"围绕上述目标任务，重点抓好以下工作：{todo('引言')}")
    for area in plan.areas:
        doc.section(1, clean_title(area.title))
        carried = [t for t in area.children if t.status != Status.DONE]
        for item in carried:
            doc.section(2, f"{clean_title(item.title)}【延续】")
            doc.paragraph(
                f"{carried_state(item, plan, as_of)}{todo(f'{year}年工作措施及完成时限')}"
            )
            for measure in (m for m in item.children if m.status != Status.DONE):
                doc.section(3, f"{clean_title(measure.title)}【延续】")
        doc.section(2, todo(f"{year}年新增重点工作"))
        doc.paragraph(todo("工作措施及完成时限"))
    doc.paragraph(todo("结束语"))


def carried_state(item: Task, plan: Plan, as_of: date) -> str:
    """Why an item is carried over: ``2024年未启动。`` or ``2024年未完成（滞后，完成进度30%）。``"""
    if reported_status(item) == Status.NOT_STARTED and not notes_of(item, as_of):
        overdue = assess(item, plan, as_of).health == Health.OVERDUE
        return f"{plan.year}年未启动{'（已超过完成时限）' if overdue else ''}。"
    if item.status == Status.SUSPENDED:
        label = "暂缓"
    elif is_delayed(item, assess(item, plan, as_of)):
        label = "滞后"
    else:
        label = "推进中"
    progress = f"，完成进度{item.progress}%" if item.progress else ""
    return f"{plan.year}年未完成（{label}{progress}）。"


def review_title(plan: Plan) -> str:
    """``XX乡2024年工作回顾及2025年工作安排``."""
    return f"{plan.org}{plan.year}年工作回顾及{plan.year + 1}年工作安排"


def build_review(plan: Plan, as_of: date | None = None) -> Document:
    """The review draft of ``plan``'s year as it stood on ``as_of`` (see :func:`default_as_of`)."""
    as_of = as_of or default_as_of(plan)
    snapshot = plan_as_of(plan, as_of)
    doc = Document(review_title(plan), author=plan.org)
    doc.paragraph(f"{todo(f'{plan.year}年工作总体概述')}{indicator_sentence(snapshot)}")
    _review_part(doc, snapshot, as_of)
    doc.paragraph(problems_paragraph(snapshot, as_of))
    _plan_part(doc, snapshot, as_of)
    return doc
