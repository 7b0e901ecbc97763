"""``plan-tui weekly`` and ``plan-tui bulletin``: the weekly report and the bulletins.

Without ``-o`` the report is printed as Markdown; with ``-o`` it is written atomically
as .md, .txt or .docx, chosen by the suffix.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..docs.document import Document, to_markdown
from ..docs.output import SUFFIXES, refuse_existing, write_document
from ..model.errors import PlanError
from .common import change_plan, open_plan


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui weekly`` and ``plan-tui bulletin``."""
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
    if name == "weekly":
        parser.add_argument(
            "--week", help="ISO 周次，如 2024-W10（默认：本周；不在计划年度内时为计划的最后一周）"
        )
    else:
        # checked by build_bulletin, so that the message is Chinese
        parser.add_argument("--month", help="月份，如 2024-03（与 --quarter 二选一）")
        parser.add_argument("--quarter", help="季度，如 2024Q1（与 --month 二选一）")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="输出文件（.md/.txt/.docx；默认在屏幕上显示 Markdown）",
    )
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")


def _emit(doc: Document, output: str | None, force: bool) -> bool:
    """Print or write the report; whether it was written to a file (issued)."""
    if output is None:
        sys.stdout.write(to_markdown(doc))
        return False
    if not output.lower().endswith(SUFFIXES):
        raise PlanError(f"不支持的输出格式，可用：{'、'.join(SUFFIXES)}", output)
    notes: list[str] = []
    path = write_document(doc, output, force, notes)
    print(f"已写入 {path}")
    for note in notes:
        print(f"提示：{note}", file=sys.stderr)
    return True


def _keep_issue_number(plan_path, loaded, key: str) -> None:
    """Keep the 期号 of a report written to a file in the plan, so that it stays the same.

    Set under the plan's lock on the plan as it is on disk now; a number another writer
    kept for this report meanwhile stays.
    """
    from ..reports.common import issue_number

    if key in loaded.plan.settings.issues:
        return

    def change(plan) -> int:
        if key not in plan.settings.issues:
            plan.settings.issues = {**plan.settings.issues, key: issue_number(plan, key)}
        return plan.settings.issues[key]

    number = change_plan(plan_path, change)
    print(f"期号已记入计划：{key} 第{number}期")


def run(name: str, args: argparse.Namespace) -> int:
    """Build the report named by ``name`` and print or write it."""
    if args.output is not None:
        refuse_existing(args.output, args.force)
    plan_path, loaded = open_plan(args.plan)
    note = ""
    if name == "weekly":
        from ..reports.weekly import build_weekly, week_key
        from ..weekly import default_week, week_label

        week = args.week
        if not week:
            choice = default_week(loaded.plan, date.today())
            week = choice.week
            if choice.outside_year:
                note = (
                    f"注意：今天不在计划年度{loaded.plan.year}年内，"
                    f"生成{week_label(week)}的周报；可用 --week 指定周次"
                )
        doc = build_weekly(loaded.plan, week)
        key = week_key(week)
    else:
        from ..reports.bulletin import build_bulletin, bulletin_key

        doc = build_bulletin(loaded.plan, month=args.month, quarter=args.quarter)
        key = bulletin_key(args.month, args.quarter)
    if _emit(doc, args.output, args.force):
        _keep_issue_number(plan_path, loaded, key)
    if note:  # once the report is out, so that an error stays alone on stderr
        print(note, file=sys.stderr)
    return 0
