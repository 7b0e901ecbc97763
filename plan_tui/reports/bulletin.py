"""Monthly and quarterly bulletins (月度通报, 季度通报).

The same sections as the weekly report over a month or a quarter, plus a table per
area of the tasks completed in the period and the tasks behind. Colours are classified
as of the period's last day, on the plan as it stood then.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..docs.document import Document
from ..model import Plan, Status
from ..model.errors import PlanError
from ..model.numerals import to_cn
from ..model.schedule import Health, assess, period_of
from ..model.work_items import area_items
from ..weekly import entries_in
from .common import (
    Words,
    behind_section,
    cn_date,
    completed,
    date_range,
    due_table,
    issue_number,
    next_work,
    overall,
    people_breakdown,
    plan_as_of,
    progress_notes,
    sign_off,
)


def parse_month(text: str) -> tuple[date, date, str]:
    """``2024-03`` → (first day, last day, ``2024年3月``)."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PlanError(f"无法识别的月份“{text}”，格式如 2024-03")
    period = period_of("monthly", date(int(match.group(1)), int(match.group(2)), 1))
    return period.start, period.end, period.label


def parse_quarter(text: str) -> tuple[date, date, str]:
    """``2024Q1`` → (first day, last day, ``2024年第一季度``)."""
    match = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*", text or "")
    if not match:
        raise PlanError(f"无法识别的季度“{text}”，格式如 2024Q1")
    year, quarter = int(match.group(1)), int(match.group(2))
    period = period_of("quarterly", date(year, 3 * quarter - 2, 1))
    return period.start, period.end, f"{year}年第{to_cn(quarter)}季度"


def _next_period(last: date, quarterly: bool) -> tuple[date, date]:
    first = last + timedelta(days=1)
    period = period_of("quarterly" if quarterly else "monthly", first)
    return period.start, period.end


def per_area(doc: Document, plan: Plan, first: date, last: date, words: Words) -> None:
    """Per area: work items, completed in the period, behind (滞后 or 逾期) at its end."""
    rows = []
    for index, area in enumerate(plan.areas, 1):
        items = area_items(area)
        done = sum(
            1 for t in items if any(e.status is Status.DONE for e in entries_in(t, first, last))
        )
        behind = sum(
            1 for t in items if assess(t, plan, last).health in (Health.BEHIND, Health.OVERDUE)
        )
        rows.append([f"{to_cn(index)}、{area.title}", str(len(items)), str(done), str(behind)])
    doc.paragraph(f"各领域{words.this}完成及滞后情况如下：")
    doc.table(["领域", "事项数", f"{words.this}完成", "滞后及逾期"], rows)


def bulletin_key(month: str | None, quarter: str | None) -> str:
    """The key a bulletin's 期号 is kept under: ``2024-03`` or ``2024Q1``."""
    if month is not None:
        first, _, _ = parse_month(month)
        return f"{first.year}-{first.month:02d}"
    first, _, _ = parse_quarter(quarter or "")
    return f"{first.year}Q{(first.month - 1) // 3 + 1}"


def build_bulletin(plan: Plan, month: str | None = None, quarter: str | None = None) -> Document:
    """The bulletin for ``month`` (``2024-03``) or ``quarter`` (``2024Q1``); give exactly one."""
    if (month is None) == (quarter is None):
        raise PlanError("请指定 --month（如 2024-03）或 --quarter（如 2024Q1）中的一个")
    if month is not None:
        first, last, label = parse_month(month)
        kind, words = "月度通报", Words("本月", "下月")
    else:
        first, last, label = parse_quarter(quarter or "")
        kind, words = "季度通报", Words("本季度", "下季度")
    snapshot = plan_as_of(plan, last)
    number = issue_number(plan, bulletin_key(month, quarter))
    doc = Document(
        f"{plan.org}重点工作推进情况{kind}（{label}）",
        [f"第{number}期", f"（{date_range(first, last)}）"],
    )
    doc.section(1, "总体情况")
    overall(doc, snapshot, last)
    per_area(doc, snapshot, first, last, words)
    people_breakdown(doc, snapshot, last)
    doc.section(1, f"{words.this}完成")
    completed(doc, snapshot, first, last, words)
    doc.section(1, f"{words.this}进展")
    progress_notes(doc, snapshot, first, last, words)
    behind_section(doc, snapshot, last, words)
    next_first, next_last = _next_period(last, quarter is not None)
    doc.section(1, f"{words.next}到期事项")
    doc.paragraph(
        f"{words.next}（{cn_date(next_first, plan.year)}至{cn_date(next_last, plan.year)}）到期的事项："
    )
    due_table(doc, snapshot, last, next_first, next_last)
    doc.section(1, f"{words.next}工作安排")
    next_work(doc, snapshot, next_first, next_last, words)
    sign_off(doc, plan, last)
    return doc
