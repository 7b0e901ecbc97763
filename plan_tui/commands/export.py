"""``plan-tui export [PLAN] -o FILE``: the ledger as .xlsx, .csv, .ics or .json."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..docs.output import refuse_existing
from ..model.errors import PlanError
from .common import open_plan
from .review import parse_day

FORMATS = {
    ".xlsx": "重点工作任务分解表（Excel）",
    ".csv": "台账（CSV）",
    ".ics": "日历待办（iCalendar）",
    ".json": "完整计划（JSON）",
}


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui export``."""
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="输出文件：.xlsx、.csv、.ics 或 .json"
    )
    parser.add_argument("--as-of", metavar="DATE", help="序时进度按哪一天计算（默认：今天）")
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")


def run(name: str, args: argparse.Namespace) -> int:
    """Export the plan in the format named by the output file's suffix."""
    output = Path(args.output)
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise PlanError(f"不支持的导出格式，可用：{'、'.join(FORMATS)}", output)
    today = parse_day(args.as_of, "--as-of")
    refuse_existing(output, args.force)
    _, loaded = open_plan(args.plan)
    from ..exports import export_plan

    notes: list[str] = []
    path = export_plan(loaded.plan, output, today, force=args.force, notes=notes)
    print(f"已导出{FORMATS[suffix]}：{path}")
    for note in notes:
        print(f"提示：{note}", file=sys.stderr)
    if suffix == ".ics":
        from ..exports.ics import left_out

        missing = left_out(loaded.plan)
        if missing:
            print(f"另有{missing}项未设时限（无完成时限，也不是每月/每季度），未导出到日历")
    return 0
