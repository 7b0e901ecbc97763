"""Every figure of the weekly report, the bulletins and the dashboard against an oracle.

The oracle below is deliberately simple and shares no code with the reports: it walks the
plan's areas by hand, rebuilds each item's status from its log, and classifies it with
the written rule (序时 = elapsed share of 1 January → deadline; 逾期 past the deadline;
滞后 more than 30 points behind or a missed period; 临近 within 7 days; 预警 10 or more
points behind). The reports are read back as text and every number checked.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from plan_tui.docs.document import Table, to_markdown
from plan_tui.model import Plan, Task
from plan_tui.reports.bulletin import build_bulletin
from plan_tui.reports.weekly import build_weekly
from plan_tui.store import load
from plan_tui.tui.dashboard import area_progress, health_counts
from plan_tui.weekly import parse_week

ROOT = Path(__file__).parent
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


def check_overall(markdown: str, plan: Plan, day: date) -> None:
    want = oracle(plan, day)
    assert f"全乡重点工作{want['areas']}个方面{want['items']}项" in markdown
    status_line = "，".join(f"{k}{n}项" for k, n in want["by_status"].items())
    assert f"按状态：{status_line}。" in markdown
    colour_line = "，".join(f"{k}{n}项" for k, n in want["colours"].items())
    assert f"未完成事项按序时进度：{colour_line}。" in markdown
    timed = want["open"] - want["no_limit"]
    if timed and want["no_limit"]:
        rate = round(100 * want["on_time"] / timed)
        assert (
            f"未完成的{want['open']}项中，未设时限的{want['no_limit']}项不计序时进度；"
            f"其余{timed}项中，达到序时进度要求的{want['on_time']}项，占{rate}%。"
        ) in markdown
    elif timed:
        rate = round(100 * want["on_time"] / timed)
        assert (
            f"未完成的{want['open']}项中，达到序时进度要求的{want['on_time']}项，占{rate}%。"
        ) in markdown


@pytest.fixture(scope="module")
def year() -> Plan:
    return scripted_year()


@pytest.mark.parametrize(
    "week", ["2024-W01", "2024-W10", "2024-W26", "2024-W40", "2024-W51", "2024-W52"]
)
def test_weekly_figures_match_the_oracle(year: Plan, week: str) -> None:
    _, sunday = parse_week(week)
    check_overall(to_markdown(build_weekly(year, week)), year, sunday)


@pytest.mark.parametrize(
    ("kwargs", "last"),
    [
        ({"month": "2024-03"}, date(2024, 3, 31)),
        ({"month": "2024-08"}, date(2024, 8, 31)),
        ({"quarter": "2024Q2"}, date(2024, 6, 30)),
        ({"quarter": "2024Q4"}, date(2024, 12, 31)),
    ],
)
def test_bulletin_figures_match_the_oracle(year: Plan, kwargs: dict, last: date) -> None:
    doc = build_bulletin(year, **kwargs)
    check_overall(to_markdown(doc), year, last)
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.headers[0] == "领域")
    for row, area in zip(table.rows, year.areas, strict=True):
        items = area.children or [area]
        assert row[1] == str(len(items))
        behind = 0
        for task in items:
            status, progress = oracle_state(task, last)
            behind += oracle_colour(task, last, status, progress) in ("滞后", "逾期")
        assert row[3] == str(behind)


def test_seed_plan_counts_items_not_areas() -> None:
    plan = load(ROOT.parent / "plans" / "2024.toml").plan
    markdown = to_markdown(build_weekly(plan, "2024-W10"))
    check_overall(markdown, plan, date(2024, 3, 10))
    assert "全乡重点工作7个方面22项" in markdown
    assert "共29项" not in markdown and "未完成的29项" not in markdown
    # items without a deadline are counted apart, never as on schedule
    assert "未设时限的21项不计序时进度" in markdown


@pytest.mark.parametrize("day", [date(2024, 1, 7), date(2024, 6, 30), date(2024, 12, 22)])
def test_dashboard_matches_the_oracle(year: Plan, day: date) -> None:
    from plan_tui.reports.common import plan_as_of

    snapshot = plan_as_of(year, day)
    want = oracle(year, day)
    counts = {h.label: n for h, n in health_counts(snapshot, day).items()}
    assert counts == {k: n for k, n in want["colours"].items() if k != "未设时限"}
    for area in snapshot.areas:
        line = area_progress(area)
        assert line.total == len(area.children or [area])


def test_rate_is_about_items_behind_in_the_year(year: Plan) -> None:
    """The compliance rate is computed over work items only: areas never lift it."""
    markdown = to_markdown(build_weekly(year, "2024-W51"))
    found = re.search(r"达到序时进度要求的(\d+)项，占(\d+)%", markdown)
    assert found is not None
    want = oracle(year, date(2024, 12, 22))
    assert int(found.group(1)) == want["on_time"]


@pytest.mark.parametrize(
    ("org", "scope"), [("XX乡", "全乡"), ("XX镇", "全镇"), ("XX街道", "全街道"), ("", "全乡")]
)
def test_reports_name_the_kind_of_body_the_plan_belongs_to(org: str, scope: str) -> None:
    plan = load(ROOT.parent / "plans" / "2024.toml").plan
    plan.org = org
    assert f"截至2024年3月10日，{scope}重点工作7个方面22项" in to_markdown(
        build_weekly(plan, "2024-W10")
    )
