"""The weekly report: 重点工作推进情况周报 for one ISO week.

The report describes the plan as it stood at the end of the week, and colours tasks
(序时进度) as of the week's Sunday, whatever day it is produced on: the same data always
gives the same text.
"""

from __future__ import annotations

from datetime import date

from ..docs.document import Document
from ..model import Plan
from ..weekly import current_week, parse_week, week_label
from .common import (
    Words,
    behind_section,
    cn_date,
    completed,
    date_range,
    due_table,
    issue_number,
    next_days,
    next_work,
    overall,
    people_breakdown,
    plan_as_of,
    progress_notes,
    sign_off,
)

WEEK_WORDS = Words("本周", "下周")


def weekly_title(plan: Plan, week: str) -> str:
    """``XX乡重点工作推进情况周报（2024年第10周）``."""
    return f"{plan.org}重点工作推进情况周报（{week_label(week)}）"


def build_weekly(plan: Plan, week: str | None = None, today: date | None = None) -> Document:
    """The weekly report for ``week`` (e.g. ``2024-W10``; default: the week of ``today``).

    ``today`` only picks the default week; colours are classified as of the week's
    Sunday, on the plan as it stood then.
    """
    week = week or current_week(today)
    monday, sunday = parse_week(week)
    snapshot = plan_as_of(plan, sunday)
    number = issue_number(plan, week_key(week))
    doc = Document(weekly_title(plan, week), [f"第{number}期", f"（{date_range(monday, sunday)}）"])
    doc.section(1, "总体情况")
    overall(doc, snapshot, sunday)
    people_breakdown(doc, snapshot, sunday)
    doc.section(1, "本周完成")
    completed(doc, snapshot, monday, sunday, WEEK_WORDS)
    doc.section(1, "本周进展")
    progress_notes(doc, snapshot, monday, sunday, WEEK_WORDS)
    behind_section(doc, snapshot, sunday, WEEK_WORDS)
    doc.section(1, "下周到期事项")
    for start, end in ((1, 7), (8, 14)):
        first, last = next_days(sunday, start, end)
        label = "7日内到期" if start == 1 else "8至14日内到期"
        doc.section(2, f"{label}（{cn_date(first, plan.year)}至{cn_date(last, plan.year)}）")
        due_table(doc, snapshot, sunday, first, last)
    doc.section(1, "下周工作安排")
    first, last = next_days(sunday, 1, 7)
    next_work(doc, snapshot, first, last, WEEK_WORDS)
    sign_off(doc, plan, sunday)
    return doc


def week_key(week: str) -> str:
    """The key a weekly report's 期号 is kept under: ``2024-W10``."""
    monday, _ = parse_week(week)
    year, number, _ = monday.isocalendar()
    return f"{year}-W{number:02d}"
