"""``plan-tui list``: the tasks of a plan as an aligned table or as JSON, with filters."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import date
from typing import Any

from ..model import Plan, Task
from ..model.errors import PlanError
from ..model.schedule import RECURRENCE_LABELS, Health, assess
from ..model.text_rule import json_escaped, visible
from ..query import TaskFilter, filter_tasks
from .common import open_plan
from .terminal import styled_stdout
from .values import parse_day, parse_healths, parse_statuses, today_from

_ANSI = {"green": "32", "yellow": "33", "red": "31", "blue": "34"}
# (header, cap in columns, align); the title column takes the room that is left
_COLUMNS = (
    ("路径", 8, "left"),
    ("标题", 0, "left"),
    ("状态", 6, "left"),
    ("序时", 8, "left"),
    ("进度", 4, "right"),
    ("牵头领导", 12, "left"),
    ("责任单位", 16, "left"),
    ("责任人", 10, "left"),
    ("完成时限", 18, "left"),
)
_GAP = "  "
_MIN_TITLE = 20
_DROP_WHEN_NARROW = (5, 6)  # 牵头领导, then 责任单位


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui list``."""
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
    parser.add_argument(
        "--status",
        action="append",
        metavar="状态",
        help="按状态筛选，代码或中文均可（如 in_progress 或 推进中）；可重复或用逗号分隔",
    )
    parser.add_argument("--owner", default="", metavar="姓名", help="责任人包含此文字")
    parser.add_argument("--unit", default="", metavar="单位", help="责任单位包含此文字")
    parser.add_argument("--lead", default="", metavar="姓名", help="牵头领导包含此文字")
    parser.add_argument("--overdue", action="store_true", help="只列逾期未完成的任务")
    parser.add_argument(
        "--due-before",
        metavar="日期",
        help="完成时限不晚于此日（2024-06-30，或 6月底、三季度末 等说法）",
    )
    parser.add_argument(
        "--due-within", type=int, metavar="天数", help="今后若干天内到期的未完成任务"
    )
    parser.add_argument(
        "--health",
        action="append",
        metavar="颜色",
        help="按序时状态筛选：正常、预警、滞后、逾期、临近（或 normal 等代码）；可重复",
    )
    parser.add_argument(
        "--search", default="", metavar="文字", help="搜索标题、正文、人员、单位，支持拼音及首字母"
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON 数组，便于脚本处理")
    parser.add_argument("--today", metavar="日期", help="以此日期为“今天”计算逾期和序时进度")


def build_filter(args: argparse.Namespace, plan: Plan, today: date) -> TaskFilter:
    """The :class:`TaskFilter` the options ask for."""
    due_before = None
    if args.due_before:
        from ..model.deadlines import parse_deadline

        try:
            due_before = parse_deadline(args.due_before, plan.year).date
        except ValueError:
            due_before = parse_day(args.due_before, "--due-before")
    if args.due_within is not None and args.due_within < 0:
        raise PlanError(f"--due-within 的天数不能为负数，得到 {args.due_within}")
    return TaskFilter(
        statuses=parse_statuses(args.status),
        owner=args.owner.strip(),
        unit=args.unit.strip(),
        lead=args.lead.strip(),
        overdue=args.overdue,
        due_within=args.due_within,
        due_before=due_before,
        healths=parse_healths(args.health),
        text=args.search,
    )


def task_record(path: str, task: Task, plan: Plan, today: date) -> dict[str, Any]:
    """One task as a JSON object with the keys scripts rely on."""
    state = assess(task, plan, today)
    return {
        "id": task.id,
        "path": path,
        "title": task.title,
        "lead": task.lead,
        "unit": task.unit,
        "owner": task.owner,
        "deadline": task.deadline.isoformat() if task.deadline else None,
        "status": task.status.value,
        "progress": task.progress,
        "health": state.health.value if state.health else None,
        "expected": state.expected,
    }


def deadline_cell(task: Task) -> str:
    """The deadline as shown in tables: the date, and the cadence of recurring work."""
    parts = [task.deadline.isoformat()] if task.deadline else []
    if RECURRENCE_LABELS[task.recurrence]:
        parts.append(RECURRENCE_LABELS[task.recurrence])
    return " ".join(parts) or "-"


def _one_line(text: str) -> str:
    return " ".join(visible(text).split())


def _rows(
    pairs: list[tuple[str, Task]], plan: Plan, today: date
) -> list[tuple[list[str], Health | None]]:
    from ..model.schedule import NO_LIMIT
    from ..model.work_items import has_time_limit, work_items

    items = {id(t) for _, t in work_items(plan)}
    rows = []
    for path, task in pairs:
        health = assess(task, plan, today).health
        shown = health.label if health else "-"
        if health is not None and not has_time_limit(task):  # never "on schedule"
            health, shown = None, NO_LIMIT if id(task) in items else "-"
        depth = path.count(".")
        rows.append(
            (
                [
                    path,
                    "  " * depth + _one_line(task.title),
                    task.status.label,
                    shown,
                    f"{task.progress}%",
                    _one_line(task.lead) or "-",
                    _one_line(task.unit) or "-",
                    _one_line(task.owner) or "-",
                    deadline_cell(task),
                ],
                health,
            )
        )
    return rows


def render_table(
    pairs: list[tuple[str, Task]], plan: Plan, today: date, columns: int, colour: bool
) -> tuple[list[str], list[str]]:
    """The table's lines, ``columns`` wide where possible, and the headers left out.

    The title column gives way first; in a narrow terminal the lead and unit columns
    are left out so that titles stay readable.
    """
    from ..textwidth import fit, width  # the table's, not the JSON's

    rows = _rows(pairs, plan, today)
    widths = []
    for i, (header, cap, _) in enumerate(_COLUMNS):
        natural = max([width(header)] + [width(cells[i]) for cells, _ in rows])
        widths.append(min(natural, cap) if cap else natural)
    shown = list(range(len(_COLUMNS)))
    title = 1

    def room() -> int:
        rest = sum(widths[i] for i in shown if i != title)
        return columns - rest - len(_GAP) * (len(shown) - 1)

    for droppable in _DROP_WHEN_NARROW:
        if room() >= _MIN_TITLE:
            break
        shown.remove(droppable)
    widths[title] = max(_MIN_TITLE // 2, min(widths[title], room()))

    def line(cells: list[str], health: Health | None = None) -> str:
        out = []
        for i in shown:
            text = fit(cells[i], widths[i], _COLUMNS[i][2])
            if colour and i == 3 and health is not None:
                text = f"\x1b[{_ANSI[health.colour]}m{text}\x1b[0m"
            out.append(text)
        return _GAP.join(out).rstrip()

    header = line([h for h, _, _ in _COLUMNS])
    if colour:
        header = f"\x1b[1m{header}\x1b[0m"
    dropped = [_COLUMNS[i][0] for i in range(len(_COLUMNS)) if i not in shown]
    return [header] + [line(cells, health) for cells, health in rows], dropped


def summary(pairs: list[tuple[str, Task]], plan: Plan) -> str:
    """``共 5 项工作事项（另列出领域标题1个、具体措施2项）``: areas and measures are shown
    but never counted as work items."""
    from ..model.work_items import work_items

    items = {id(t) for _, t in work_items(plan)}
    counted = sum(1 for _, t in pairs if id(t) in items)
    headings = sum(1 for p, t in pairs if "." not in p and id(t) not in items)
    measures = len(pairs) - counted - headings
    extra = "、".join(
        part
        for part in (
            f"领域标题{headings}个" if headings else "",
            f"具体措施{measures}项" if measures else "",
        )
        if part
    )
    return f"共 {counted} 项工作事项" + (f"（另列出{extra}）" if extra else "")


_BATCH = 500
"""Records encoded and written at a time: the whole array is never held as text."""


def write_json(pairs: list[tuple[str, Task]], plan: Plan, today: date) -> None:
    """The tasks' records to standard output as a JSON array, one record per line.

    One line per task is readable, and each is written by json's C encoder (an indented
    dump runs the pure-Python one, slower than reading the plan). Records are made and
    written a batch at a time, so the output of 10,000 tasks is never held whole.
    """
    if not pairs:
        print("[]")
        return
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per task
    out = sys.stdout
    out.write("[\n")
    for start in range(0, len(pairs), _BATCH):
        text = ",\n".join(
            encode(task_record(p, t, plan, today)) for p, t in pairs[start : start + _BATCH]
        )
        out.write(json_escaped(text) + ("\n]\n" if start + _BATCH >= len(pairs) else ",\n"))


def run(name: str, args: argparse.Namespace) -> int:
    """List the matching tasks."""
    today = today_from(args.today)
    path, loaded = open_plan(args.plan)
    plan = loaded.plan
    flt = build_filter(args, plan, today)
    pairs = filter_tasks(plan, flt, today)
    if args.json:
        write_json(pairs, plan, today)
        return 0
    tty = sys.stdout.isatty()
    colour = tty and "NO_COLOR" not in os.environ
    columns = shutil.get_terminal_size((120, 24)).columns if tty else 120
    scope = "" if flt.is_empty() else f"（筛选：{flt.describe()}）"
    if not pairs:
        print(f"{path}：没有符合条件的任务{scope}")
        return 0
    lines, dropped = render_table(pairs, plan, today, columns, colour)
    # the table's cells are already visible(); its colours are the program's own
    out = styled_stdout() if colour else sys.stdout
    out.write("\n".join(lines) + "\n")
    print(f"{summary(pairs, plan)}{scope}，按 {today.isoformat()} 计算序时进度")
    if dropped:
        print(f"窗口较窄，未显示：{'、'.join(dropped)}（可加宽窗口或用 --json）")
    return 0
