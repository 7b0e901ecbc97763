"""``plan-tui review``: the year-end review draft (工作回顾及下一年工作安排).

Without ``-o`` the draft is printed as Markdown; with ``-o`` it is written atomically as
.docx (official format), .md or .txt, chosen by the suffix.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..docs.document import to_markdown
from ..docs.output import SUFFIXES, refuse_existing, write_document
from ..model.errors import PlanError
from .common import open_plan


def parse_day(text: str | None, option: str) -> date | None:
    """An ISO date from the command line (``2024-12-31``), or ``None`` when not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanError(f"{option} 的日期“{text}”无效，应为 2024-12-31 这样的日期") from None


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui review``."""
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="输出文件（.docx/.md/.txt；默认在屏幕上显示 Markdown）",
    )
    parser.add_argument(
        "--as-of", metavar="DATE", help="按哪一天的情况回顾（默认：今天，最晚为计划年度的12月31日）"
    )
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")


def run(name: str, args: argparse.Namespace) -> int:
    """Build the review draft and print or write it."""
    as_of = parse_day(args.as_of, "--as-of")
    if args.output is not None and not args.output.lower().endswith(SUFFIXES):
        raise PlanError(f"不支持的输出格式，可用：{'、'.join(SUFFIXES)}", args.output)
    if args.output is not None:
        refuse_existing(args.output, args.force)
    _, loaded = open_plan(args.plan)
    from ..reports.review import build_review

    doc = build_review(loaded.plan, as_of)
    if args.output is None:
        sys.stdout.write(to_markdown(doc))
        return 0
    notes: list[str] = []
    path = write_document(doc, args.output, args.force, notes)
    print(f"已生成年度工作回顾草稿：{path}")
    for note in notes:
        print(f"提示：{note}", file=sys.stderr)
    return 0
