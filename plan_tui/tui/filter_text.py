"""The one-line description of the filters in force, shown above the tree.

Kept apart from the filter dialog so that showing a search result does not import the
dialog's widgets.
"""

from __future__ import annotations

from ..model import Status
from ..query import TaskFilter
from .i18n import t
from .rows import health_label, status_label

__all__ = ["describe_filter"]


def describe_filter(flt: TaskFilter) -> str:
    """``状态：推进中 · 责任人：张 · 逾期 · 搜索：zsyz`` in the UI language."""
    parts: list[str] = []
    if flt.statuses:
        labels = "、".join(status_label(s) for s in Status if s in flt.statuses)
        parts.append(f"{t('filter.statuses')}：{labels}")
    for role in ("lead", "unit", "owner"):
        value = getattr(flt, role)
        if value:
            parts.append(f"{t(f'detail.{role}')}：{value}")
    if flt.overdue:
        parts.append(t("filter.overdue"))
    if flt.due_within is not None:
        parts.append(f"{t('filter.due_within')}：{flt.due_within}")
    if flt.due_before is not None:
        parts.append(f"{t('detail.deadline')} ≤ {flt.due_before.isoformat()}")
    if flt.healths:
        parts.append(f"{t('detail.expected')}：" + "、".join(health_label(h) for h in flt.healths))
    if flt.text.strip():
        parts.append(f"{t('bind.search')}：{flt.text.strip()}")
    return " · ".join(parts)
