"""``plan-tui rollover PLAN -o plans/2025.toml``: next year's plan from this year's."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..model.errors import PlanError
from ..store import save
from .common import open_plan


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui rollover``."""
    parser.add_argument("plan", help="本年度计划文件，如 plans/2024.toml")
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="下一年计划文件，如 plans/2025.toml"
    )
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")


def run(name: str, args: argparse.Namespace) -> int:
    """Roll the plan over and save the new plan, refusing to overwrite without ``--force``."""
    output = Path(args.output)
    if output.suffix.lower() != ".toml":
        raise PlanError("下一年计划应保存为 .toml 文件", output)
    if output.exists() and not args.force:
        raise PlanError("文件已存在，未覆盖；确需覆盖请加 --force", output)
    source, loaded = open_plan(args.plan)
    if output.resolve() == source.resolve():
        raise PlanError("输出文件不能是本年度计划文件本身", output)
    from ..rollover import rollover

    plan = rollover(loaded.plan)
    save(output, plan, force=True)
    carried = sum(1 for t in plan.tasks() if t.carried_from) - len(plan.areas)
    print(
        f"已生成{plan.year}年计划：{output}（{len(plan.areas)}个板块，延续未完成事项{carried}项）"
    )
    return 0
