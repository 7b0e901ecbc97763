"""An independent oracle of the reports' figures, deliberately simple and sharing no code
with the reports: it walks the plan's areas by hand, rebuilds each item's status from its
log, and classifies it with the written rule (序时 = elapsed share of 1 January →
deadline; 逾期 past the deadline; 滞后 more than 30 points behind or a missed period; 临近
within 7 days; 预警 10 or more points behind)."""

from __future__ import annotations

import importlib.util
from datetime import date, timedelta
from pathlib import Path

from plan_tui.model import Plan, Task

ROOT = Path(__file__).parent
"""The tests folder."""
NOTHING = {"本周无新进展", "本周无进展", "无新进展", "暂无进展", "无进展", "无"}
STATUSES = ["not_started", "in_progress", "done", "delayed", "suspended"]
LABELS = dict(zip(STATUSES, ["未启动", "推进中", "已完成", "滞后", "暂缓"], strict=True))


def scripted_year() -> Plan:
    path = ROOT / "data" / "weekly" / "scripted_year.py"
    spec = importlib.util.spec_from_file_location("scripted_year_oracle", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_year()


def oracle_items(plan: Plan) -> list[Task]:
    items = []
    for area in plan.areas:
        if area.children:
            items.extend(area.children)
        else:
            items.append(area)
    return items


def oracle_state(task: Task, day: date) -> tuple[str, int]:
    """(status code, progress) at the end of ``day``."""
    log = sorted(enumerate(task.log), key=lambda p: (p[1].date, p[0]))
    status, progress = task.status.value, task.progress
    if any(e.status is not None for _, e in log if e.date > day):
        status = "not_started"
        for _, e in log:
            if e.date <= day and e.status is not None:
                status = e.status.value
    if any(e.progress is not None for _, e in log if e.date > day):
        progress = 0
        for _, e in log:
            if e.date <= day and e.progress is not None:
                progress = e.progress
    noted = any(e.date <= day and e.text.strip() not in NOTHING for _, e in log)
    if status == "not_started" and noted:
        status = "in_progress"
    return status, progress


def month_ends(first: date, last: date, months: int) -> list[tuple[date, date]]:
    out, start = [], date(first.year, 1, 1)
    while start <= last:
        m = start.month - 1 + months
        end = date(start.year + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        if end >= first:
            out.append((max(start, first), end))
        start = end + timedelta(days=1)
    return out


def oracle_colour(task: Task, day: date, status: str, progress: int) -> str | None:
    """None for closed; else 正常/预警/滞后/逾期/临近, or 未设时限."""
    if status in ("done", "suspended"):
        return None
    year_start = date(day.year, 1, 1)
    if task.recurrence != "none":
        end = task.deadline or date(day.year, 12, 31)
        size = 1 if task.recurrence == "monthly" else 3
        periods = month_ends(task.start or year_start, end, size)
        logged = [e.date for e in task.log]
        if task.deadline and day > task.deadline:
            return "逾期"
        if any(e < day and not any(s <= d <= e for d in logged) for s, e in periods):
            return "滞后"
        for s, e in periods:
            if s <= day <= e and not any(s <= d <= e for d in logged) and (e - day).days <= 7:
                return "临近"
        return "正常"
    if task.deadline is None:
        return "未设时限"
    if day > task.deadline:
        return "逾期"
    start = task.start or year_start
    span = (task.deadline - start).days
    expected = 100 if day >= task.deadline else round(100 * max(0, (day - start).days) / span)
    behind = max(0, expected - progress)
    if behind > 30:
        return "滞后"
    if (task.deadline - day).days <= 7:
        return "临近"
    if behind >= 10:
        return "预警"
    return "正常"


def oracle(plan: Plan, day: date) -> dict:
    items = oracle_items(plan)
    by_status = dict.fromkeys(LABELS.values(), 0)
    colours = dict.fromkeys(["正常", "预警", "滞后", "逾期", "临近", "未设时限"], 0)
    for task in items:
        status, progress = oracle_state(task, day)
        by_status[LABELS[status]] += 1
        colour = oracle_colour(task, day, status, progress)
        if colour is not None:
            colours[colour] += 1
    # on schedule: not 逾期/滞后 and less than 10 points behind (a 临近 item may be more)
    on_time = 0
    for task in items:
        status, progress = oracle_state(task, day)
        colour = oracle_colour(task, day, status, progress)
        if colour in (None, "未设时限", "逾期", "滞后", "预警"):
            continue
        if task.recurrence != "none" or task.deadline is None:
            on_time += 1
            continue
        start = task.start or date(day.year, 1, 1)
        span = (task.deadline - start).days
        expected = round(100 * max(0, (day - start).days) / span) if day < task.deadline else 100
        on_time += expected - progress < 10
    open_items = sum(colours.values())
    return {
        "areas": len(plan.areas),
        "items": len(items),
        "by_status": by_status,
        "colours": colours,
        "open": open_items,
        "no_limit": colours["未设时限"],
        "on_time": on_time,
    }


def oracle_people(plan: Plan, day: date, role: str) -> dict[str, dict]:
    """Per 责任单位 (``role="unit"``) or 牵头领导 (``"lead"``): work items, done, open
    (neither done nor suspended) and the paths of items and measures 滞后 or 逾期."""
    groups: dict[str, dict] = {}

    def group(task: Task) -> dict:
        name = getattr(task, role) or "未明确"
        return groups.setdefault(name, {"items": 0, "done": 0, "open": 0, "late": []})

    def visit(task: Task, path: str) -> None:
        status, progress = oracle_state(task, day)
        if oracle_colour(task, day, status, progress) in ("滞后", "逾期"):
            group(task)["late"].append(path)
        for n, child in enumerate(task.children, 1):
            visit(child, f"{path}.{n}")

    for a, area in enumerate(plan.areas, 1):
        pairs = (
            [(str(a), area)]
            if not area.children
            else [(f"{a}.{i}", item) for i, item in enumerate(area.children, 1)]
        )
        for path, item in pairs:
            status, _ = oracle_state(item, day)
            g = group(item)
            g["items"] += 1
            g["done"] += status == "done"
            g["open"] += status not in ("done", "suspended")
            visit(item, path)
    return groups
