"""``plan-tui rollup PLAN_OR_DIR… [-o FILE] [--as-of DATE]``: the county's summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model.errors import PlanError
from ..model.text_rule import visible
from ..store.files import os_reason
from .values import parse_day

SUFFIXES = (".md", ".txt", ".docx", ".xlsx")


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``rollup``."""
    parser.add_argument(
        "targets",
        nargs="+",
        metavar="计划或文件夹",
        help="乡镇的计划文件，或放计划文件的文件夹（也可以是各乡镇克隆仓库所在的文件夹）",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="输出文件（.md/.txt/.docx/.xlsx；默认显示 Markdown）"
    )
    parser.add_argument("--as-of", metavar="日期", help="汇总截至的日期（默认今天），如 2024-06-30")
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")


def run(name: str, args: argparse.Namespace) -> int:
    """Sum up the plans; report skipped files on stderr."""
    from ..collab.rollup import build_rollup
    from ..collab.rollup_report import build_document, xlsx_bytes
    from ..docs.document import to_markdown
    from ..docs.output import atomic_write_bytes, render

    as_of = parse_day(args.as_of, "--as-of") if args.as_of else None
    output = Path(args.output) if args.output else None
    if output is not None:
        if output.suffix.lower() not in SUFFIXES:
            raise PlanError(f"不支持的输出格式，可用：{'、'.join(SUFFIXES)}", output)
        if output.exists() and not args.force:
            raise PlanError("文件已存在，未覆盖（确需覆盖请加 --force）", output)
    for target in args.targets:
        if not Path(target).exists():
            raise PlanError("文件或文件夹不存在", target)
    rollup = build_rollup([Path(t) for t in args.targets], as_of)
    for path, reason in rollup.skipped:
        print(visible(f"已跳过 {path}：{reason}"), file=sys.stderr)
    if not rollup.townships:
        raise PlanError("没有可汇总的计划文件", " ".join(args.targets))
    if output is None:
        sys.stdout.write(visible(to_markdown(build_document(rollup))))
        return 0
    if output.suffix.lower() == ".xlsx":
        data = xlsx_bytes(rollup)
    else:
        data = render(build_document(rollup), output.suffix)
    try:
        atomic_write_bytes(output, data)
    except OSError as exc:
        raise PlanError(f"无法写入（{os_reason(exc)}）", output) from None
    print(f"已写入 {output}：{len(rollup.townships)}个乡镇，{rollup.total.items}项工作")
    return 0
