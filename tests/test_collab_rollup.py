"""The county roll-up of three township plans, checked against an independent count."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from plan_tui.collab.rollup import build_rollup
from plan_tui.model import LogEntry, Plan, Status, Task
from plan_tui.store import save

AS_OF = date(2024, 6, 1)
AREAS = ["抓项目促发展", "惠民生保稳定"]


def township(org: str, spec: list[tuple], areas=AREAS, log_day: date | None = None) -> Plan:
    """A plan whose items come from ``spec``: (area index, status, progress, deadline)."""
    plan_areas = [Task(title=title) for title in areas]
    for n, (area, status, progress, deadline) in enumerate(spec):
        item = Task(
            title=f"{org}事项{n}",
            status=status,
            progress=progress,
            deadline=deadline,
            lead=f"{org}领导",
            unit=f"{org}办公室",
        )
        if n % 3 == 2:  # a measure under the previous item: part of that work item
            plan_areas[area].children[-1].children.append(item)
        else:
            plan_areas[area].children.append(item)
    if log_day is not None:
        plan_areas[0].children[0].log.append(LogEntry(date=log_day, text="推进"))
    return Plan(org=org, year=2024, areas=plan_areas)


D = Status.DONE
P = Status.IN_PROGRESS
N = Status.NOT_STARTED
S = Status.SUSPENDED
PLANS = {
    "东山乡": [
        (0, D, 100, date(2024, 3, 31)),
        (0, P, 50, date(2024, 12, 31)),
        (0, N, 0, date(2024, 4, 30)),  # overdue
        (1, P, 10, date(2024, 7, 31)),  # far behind 序时
        (1, N, 0, None),
    ],
    "西河镇": [
        (0, P, 90, date(2024, 5, 1)),  # overdue
        (1, S, 20, date(2024, 3, 1)),
        (1, D, 100, None),
        (0, P, 60, date(2024, 10, 31)),
    ],
    "南岭乡": [
        (0, N, 0, date(2024, 12, 31)),
        (1, P, 40, date(2024, 9, 30)),
        (1, N, 0, date(2024, 2, 29)),  # overdue
        (0, D, 100, date(2024, 5, 31)),
        (0, P, 45, date(2024, 11, 30)),
        (1, N, 0, None),
    ],
}


def items_in(spec: list[tuple]) -> int:
    """How many work items ``township`` makes of ``spec`` (every third entry is a measure)."""
    return sum(1 for n in range(len(spec)) if n % 3 != 2)


def independent_count(path: Path, day: date) -> dict[str, int]:
    """Counts from the file's own tables, with the rules written out plainly."""
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["tasks"]
    areas = {r["id"] for r in rows if not r["parent"]}
    # Work items are the rows right under an area; measures belong to their item.
    items = [r for r in rows if r["parent"] in areas]
    # An area written without items is itself one work item.
    items += [r for r in rows if r["id"] in areas and not any(i["parent"] == r["id"] for i in rows)]
    counts = dict(items=len(items), done=0, progress=0, behind=0, overdue=0, rated=0, ok=0)
    for r in items:
        status, deadline = r["status"], r.get("deadline")
        if status == "not_started" and any(e.get("text") for e in r.get("log", [])):
            status = "in_progress"  # a task with notes is reported as started
        if status == "done":
            counts["done"] += 1
            counts["rated"] += 1
            counts["ok"] += 1
            continue
        if status == "in_progress":
            counts["progress"] += 1
        if status == "suspended" or deadline is None:
            continue
        counts["rated"] += 1
        if day > deadline:
            counts["overdue"] += 1
            continue
        expected = round(100 * (day - date(2024, 1, 1)).days / (deadline - date(2024, 1, 1)).days)
        gap = expected - r["progress"]
        if gap > 30:
            counts["behind"] += 1
        elif gap < 10:
            counts["ok"] += 1
    return counts


@pytest.fixture
def folder(tmp_path):
    for n, (org, spec) in enumerate(PLANS.items()):
        save(tmp_path / f"{org}.toml", township(org, spec, log_day=date(2024, 5, 10 + 10 * n)))
    return tmp_path


def test_rollup_counts_match_an_independent_count(folder):
    rollup = build_rollup([folder], AS_OF)
    assert [t.org for t in rollup.townships] == ["东山乡", "南岭乡", "西河镇"]
    for town in rollup.townships:
        expected = independent_count(folder / f"{town.org}.toml", AS_OF)
        t = town.tally
        assert (t.items, t.done, t.in_progress, t.behind, t.overdue) == (
            expected["items"],
            expected["done"],
            expected["progress"],
            expected["behind"],
            expected["overdue"],
        )
        assert t.rate == round(100 * expected["ok"] / expected["rated"])
    assert rollup.total.items == sum(items_in(spec) for spec in PLANS.values())
    calls = [(o.org, o.days, o.lead, o.unit) for o in rollup.overdue]
    # The overdue measures of 南岭乡 and 东山乡 belong to their items, which are on time.
    assert calls == [("西河镇", 31, "西河镇领导", "西河镇办公室")]  # 5-1 → 6-1


def test_stale_townships_are_flagged_and_common_areas_summed(folder):
    rollup = build_rollup([folder], AS_OF)
    stale = {t.org: t.stale(AS_OF) for t in rollup.townships}
    assert stale == {"东山乡": True, "西河镇": False, "南岭乡": False}  # 5-10, 5-20, 5-30
    assert rollup.common_areas == AREAS
    first = rollup.area_tally(AREAS[0])
    assert first.items == sum(
        1 for spec in PLANS.values() for n, s in enumerate(spec) if s[0] == 0 and n % 3 != 2
    )


def test_different_areas_roll_up_by_township_only(tmp_path):
    save(tmp_path / "a.toml", township("甲乡", PLANS["东山乡"]))
    save(tmp_path / "b.toml", township("乙乡", PLANS["西河镇"], areas=["经济", "民生"]))
    rollup = build_rollup([tmp_path], AS_OF)
    assert rollup.common_areas == []


def test_bad_files_and_other_years_are_reported_and_skipped(folder):
    (folder / "坏文件.toml").write_text("不是 = [", encoding="utf-8")
    old = township("旧乡", PLANS["东山乡"]).model_copy(update={"year": 2023})
    save(folder / "旧乡.toml", old)
    done = subprocess.run(
        [sys.executable, "-m", "plan_tui", "rollup", str(folder), "--as-of", "2024-06-01"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "已跳过" in done.stderr and "坏文件.toml" in done.stderr
    assert "是2023年的计划，本次汇总2024年" in done.stderr
    assert f"| 合计 | {sum(items_in(spec) for spec in PLANS.values())} |" in done.stdout


def test_rollup_files_open_back(folder, tmp_path):
    out = tmp_path / "out"
    for suffix in (".docx", ".xlsx"):
        target = out / f"汇总{suffix}"
        args = [sys.executable, "-m", "plan_tui", "rollup", str(folder), "--as-of", "2024-06-01"]
        done = subprocess.run(
            [*args, "-o", str(target)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        again = subprocess.run(
            [*args, "-o", str(target)], capture_output=True, text=True, check=False
        )
        assert again.returncode == 2 and "--force" in again.stderr
    doc = DocxDocument(str(out / "汇总.docx"))
    table = doc.tables[0]
    assert [c.text for c in table.rows[-1].cells][:2] == [
        "合计",
        str(sum(items_in(spec) for spec in PLANS.values())),
    ]
    book = load_workbook(out / "汇总.xlsx")
    assert book.sheetnames == ["汇总", "逾期点名", "东山乡", "南岭乡", "西河镇"]
    assert [c.value for c in book["逾期点名"][3]][:2] == ["西河镇", "1.1 西河镇事项0"]
    summary = book["汇总"]
    assert [summary.cell(r, 1).value for r in range(3, 7)] == ["东山乡", "南岭乡", "西河镇", "合计"]
    assert summary.cell(6, 2).value == sum(items_in(spec) for spec in PLANS.values())


def test_a_folder_of_clones_is_read_through_each_plans_folder(tmp_path):
    for org, spec in PLANS.items():
        (tmp_path / org / "plans").mkdir(parents=True)
        save(tmp_path / org / "plans" / "2024.toml", township(org, spec))
    rollup = build_rollup([tmp_path], AS_OF)
    assert sorted(t.org for t in rollup.townships) == sorted(PLANS)
    assert rollup.skipped == []


def test_the_same_township_twice_is_counted_once_and_reported(folder):
    copy = folder / "again"
    copy.mkdir()
    save(copy / "东山乡副本.toml", township("东山乡", PLANS["东山乡"]))
    rollup = build_rollup([folder, copy / "东山乡副本.toml"], AS_OF)
    assert [t.org for t in rollup.townships].count("东山乡") == 1
    assert any("同为东山乡的计划" in reason for _, reason in rollup.skipped)
