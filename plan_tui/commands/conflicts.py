"""``plan-tui conflicts [PLAN]`` lists merge conflicts; ``resolve`` settles one."""

from __future__ import annotations

import argparse

from ..model import Plan
from .common import change_plan, find_task, open_plan, resolve_plan, split_plan

_SIDES = ("ours", "theirs", "base")


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``conflicts`` and ``resolve``."""
    if name == "conflicts":
        parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
        return
    parser.usage = "%(prog)s [-h] [计划文件] 任务 字段 (--take ours|theirs|base | --value 值)"
    parser.add_argument(
        "args",
        nargs="+",
        metavar="[计划文件] 任务 字段",
        help="任务路径（如 3.2）或 id（计划本身的字段写 -）；字段如 owner、deadline、deleted",
    )
    choice = parser.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--take", choices=_SIDES, help="取本机（ours）、对方（theirs）或原来（base）的值"
    )
    choice.add_argument("--value", metavar="值", help="改用一个新值")


def run(name: str, args: argparse.Namespace) -> int:
    """List, or settle one conflict and save."""
    from ..collab.sync import conflict_lines

    if name == "conflicts":
        path, loaded = open_plan(args.plan)
        plan = loaded.plan
        if not plan.conflicts:
            print(f"{path}：没有待处理的冲突。")
            return 0
        print(f"{path}：有 {len(plan.conflicts)} 处冲突待处理：")
        for line, c in zip(conflict_lines(plan), plan.conflicts, strict=True):
            print(f"{line}  [{_ref(plan, c.task)} {c.field}]")
        print("处理：plan-tui resolve 任务 字段 --take ours|theirs|base，或 --value 新值")
        return 0
    return _resolve(args)


def _ref(plan, task_id: str) -> str:
    if not task_id:
        return "-"
    found = plan.find(task_id)
    return found[0] if found else task_id


def _resolve(args: argparse.Namespace) -> int:
    """Settle one conflict on the plan as it is on disk now, under the plan's lock."""
    from ..collab import field_label, parse_value, resolve

    plan_arg, (task_ref, field) = split_plan(args.args, 2)
    path = resolve_plan(plan_arg)

    def change(plan: Plan) -> tuple[str, object, int]:
        if task_ref in ("-", "计划"):
            task_id, shown = "", "计划"
        else:
            known = {c.task for c in plan.conflicts}
            if task_ref in known:
                task_id, shown = task_ref, task_ref
            else:
                shown, task = find_task(plan, task_ref, path)
                task_id = task.id
        value = None
        if args.value is not None:
            value = parse_value(field, args.value, plan.year)
        settled = resolve(plan, task_id, field, take=args.take, value=value)
        chosen = getattr(settled, args.take) if args.take else value
        return shown, chosen, len(plan.conflicts)

    shown, chosen, left = change_plan(path, change)
    how = {"ours": "本机的值", "theirs": "对方的值", "base": "原来的值"}.get(
        args.take or "", "新值"
    )
    print(f"已处理：{shown} 的{field_label(field)}取{how}（{_plain(chosen)}）。", end="")
    print(f"还有 {left} 处冲突。" if left else "冲突已全部处理。")
    return 0


def _plain(value: object) -> str:
    if value is None or value == "":
        return "空"
    if isinstance(value, list):
        return "、".join(map(str, value)) or "空"
    return {"edited": "保留任务", "deleted": "删除任务"}.get(str(value), str(value))
