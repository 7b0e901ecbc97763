"""``plan-tui check [PLAN]``: validate a plan file and point out gaps in the ledger.

A bad file raises :class:`~plan_tui.model.errors.PlanError` (one line, exit code 2). A good
file prints a short summary, plus counts of items still missing a lead official, unit,
owner or deadline, and of status/progress that disagree; those are reminders, exit 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from ..model import Plan, Status, Task
from .common import open_plan

_ROLES = (("lead", "牵头领导"), ("unit", "责任单位"), ("owner", "责任人"))


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui check``."""
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="逐项列出缺项任务的路径，而不只是数量"
    )


def _with_ancestors(plan: Plan) -> Iterator[tuple[str, Task, list[Task]]]:
    """Every task below the areas, with its ancestors (nearest first)."""
    chain: dict[str, list[Task]] = {}
    for path, task in plan.walk():
        parent_path = path.rpartition(".")[0]
        ancestors = chain.get(parent_path, [])
        chain[path] = [task, *ancestors]
        if parent_path:
            yield path, task, ancestors


def gaps(plan: Plan) -> dict[str, list[str]]:
    """Paths of items and measures missing something, by reminder (``缺责任人`` …).

    A value set on an ancestor covers its descendants, and a recurring task (每月/每季度)
    needs no single deadline.
    """
    found: dict[str, list[str]] = {f"缺{label}": [] for _, label in _ROLES}
    found["缺完成时限"] = []
    found["进度与状态不一致"] = []
    for path, task, ancestors in _with_ancestors(plan):
        line = [task, *ancestors]
        for role, label in _ROLES:
            if not any(getattr(t, role) for t in line):
                found[f"缺{label}"].append(path)
        if not any(t.deadline or t.recurrence != "none" for t in line):
            found["缺完成时限"].append(path)
        done = task.status == Status.DONE
        if done != (task.progress == 100) and task.status != Status.SUSPENDED:
            found["进度与状态不一致"].append(path)
    return {k: v for k, v in found.items() if v}


def run(name: str, args: argparse.Namespace) -> int:
    """Validate the plan and print the summary; errors propagate as PlanError."""
    path, loaded = open_plan(args.plan)
    from ..textwidth import pad, truncate  # only needed for a good file

    plan = loaded.plan
    counts = [0, 0, 0]
    for task_path, _ in plan.walk():
        counts[min(task_path.count("."), 2)] += 1
    logs = sum(len(t.log) for t in plan.tasks())
    print(f"{path}：校验通过。")
    print(f"  {plan.org} {plan.year} 年《{plan.title or '（无标题）'}》")
    print(
        f"  任务数 {sum(counts)}：领域 {counts[0]} 个，工作 {counts[1]} 项，"
        f"措施 {counts[2]} 条；进展记录 {logs} 条"
    )
    from ..model.work_items import status_counts

    statuses = status_counts(plan)  # work items only: areas are headings, never counted
    shown = "，".join(f"{s.label} {statuses[s]} 项" for s in Status if statuses[s])
    print(f"  {sum(statuses.values())} 项工作事项的状态：{shown}")
    for n, area in enumerate(plan.areas, 1):
        print(f"  {n}. {pad(truncate(area.title, 40), 40)} {area.count_descendants():>3} 项")
    found = gaps(plan)
    if found:
        print("  提醒：" + "，".join(f"{k} {len(v)} 项" for k, v in found.items()))
        if args.verbose:
            for key, paths in found.items():
                print(f"    {key}：{' '.join(paths)}")
        else:
            print("  （用 plan-tui check -v 列出具体任务）")
    if plan.conflicts:
        from ..collab.sync import conflict_lines

        print("\n".join(conflict_lines(plan)))
        print(
            f"错误：{path}：有 {len(plan.conflicts)} 处合并冲突待处理"
            "（plan-tui conflicts 查看，plan-tui resolve 处理）",
            file=sys.stderr,
        )
        return 2
    return 0
