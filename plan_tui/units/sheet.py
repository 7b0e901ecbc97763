"""The layout of a feedback sheet (反馈表), shared by dispatch and collect."""

from __future__ import annotations

HEADERS = [
    "任务编号",
    "板块",
    "工作任务",
    "完成时限",
    "上期进展",
    "本期进展",
    "状态",
    "完成进度",
    "存在问题",
    "填报人",
]
"""The header row, exactly as units see it."""

LOCKED = 5
"""The first five columns are the office's and locked; the rest are for the unit."""

SHEET = "反馈表"
"""The sheet units fill in."""

META = "plan-tui"
"""A hidden sheet holding what matches a returned sheet back to its plan and period."""

META_KEYS = ("org", "year", "title", "unit", "week")
"""The keys of the hidden sheet, one per row, value in column B."""

TITLE_ROW, NOTE_ROW, HEADER_ROW = 1, 2, 3
"""Rows of the title, the instruction line and the header."""

PARTNER_MARK = "（配合）"
"""Prefix of the section row for tasks the unit supports."""


def file_name(unit: str, period_label: str) -> str:
    """``经发办-2024年第10周.xlsx``."""
    safe = "".join("_" if c in '\\/:*?"<>|' else c for c in unit)
    return f"{safe}-{period_label}.xlsx"
