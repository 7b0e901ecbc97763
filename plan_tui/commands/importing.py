"""``plan-tui import SOURCE [-o OUT.toml]``: turn a plan document into a plan file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..model import Plan
from ..model.errors import PlanError
from ..model.numerals import to_cn
from ..model.schedule import RECURRENCE_LABELS
from ..model.text_rule import refusal
from ..model.work_items import work_items

MAX_JSON_BYTES = 256 * 1024 * 1024


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui import``."""
    parser.description = (
        "从工作安排文档导入计划：计划部分按标题行（如“2025年工作安排”）、以计划为题的文档"
        "（如“XX镇2025年工作要点”）或引导语（如“今年要重点抓好以下几项工作：”）识别，"
        "一、（一）1.（1）一是 等编号成为任务树，总体要求和主要目标写入计划信息。\n"
        "支持 .txt/.md（UTF-8 或 GBK）、.docx、带文字层的 .pdf、.doc/.wps/.rtf/.odt"
        "（需安装 LibreOffice），以及 plan-tui export 导出的 .json。"
    )
    parser.epilog = "例：plan-tui import 2023年工作回顾及2024年工作安排.txt -o plans/2024.toml"
    parser.add_argument(
        "source", help="工作安排文档（.txt/.md/.docx/.pdf/.doc/.wps/.rtf/.odt/.json）"
    )
    parser.add_argument("-o", "--output", help="输出的计划文件（.toml，默认 plans/计划年度.toml）")
    parser.add_argument("--year", type=int, help="计划年度（默认从文档标题识别）")
    parser.add_argument("--org", help="单位名称，如 XX乡（默认从文档标题识别）")
    parser.add_argument(
        "--split-sentences",
        action="store_true",
        help="把没有分项编号的工作事项按句拆成具体措施",
    )
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")


def _load_json(path: Path) -> Plan:
    """A plan exported as JSON (the store's document layout with ISO dates)."""
    from ..store import from_document, read_file

    if path.is_file() and path.stat().st_size > MAX_JSON_BYTES:
        raise PlanError("文件过大（超过 256 MB），不是 plan-tui 导出的计划", path)
    try:
        text = read_file(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError("不是 UTF-8 编码的 JSON 文件", path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanError(
            f"JSON 格式错误：{exc.msg}", path, f"第{exc.lineno}行第{exc.colno}列"
        ) from None
    except RecursionError:
        raise PlanError("JSON 嵌套过深，不是 plan-tui 导出的计划", path) from None
    if not isinstance(data, dict):
        raise PlanError("JSON 顶层应为对象（plan-tui export 导出的计划）", path)
    return from_document(data, path)


def summary(plan: Plan, warnings: list[str], out: Path, basis: str = "") -> str:
    """The Chinese summary printed after an import."""
    items = len(work_items(plan))  # an area written without items is one item
    measures = sum(len(i.children) for a in plan.areas for i in a.children)
    lines = [f"已导入：{plan.title}（{plan.year}年，来源：{plan.source or '—'}）"]
    if basis:
        lines.append(f"识别依据：{basis}")
    lines.append(
        f"总体要求：{'已识别，' + str(len(plan.requirements)) + '字' if plan.requirements else '未找到'}"
    )
    if plan.targets:
        shown = "；".join(f"{t.name} {t.target_text}".strip() for t in plan.targets)
        lines.append(f"主要目标：{len(plan.targets)}项指标（{shown}）")
    else:
        lines.append(f"主要目标：{'已识别原文，未解析出指标' if plan.targets_text else '未找到'}")
    count = f"{len(plan.areas)}个方面，{items}项工作"
    if measures:
        count += f"，{measures}项具体措施"
    lines.append(f"任务：{count}")
    for n, area in enumerate(plan.areas, 1):
        tail = f"（{len(area.children)}项）" if area.children else ""
        lines.append(f"  {to_cn(n)}、{area.title}{tail}")
        for m, item in enumerate(area.children, 1):
            extra = f"（{len(item.children)}项措施）" if item.children else ""
            lines.append(f"      （{to_cn(m)}）{item.title}{extra}")
    dated = [(path, t) for path, t in plan.walk() if t.deadline_text]
    lines.append(f"识别到的完成时限：{len(dated)}处")
    for path, task in dated:
        cadence = RECURRENCE_LABELS[task.recurrence]
        when = task.deadline.isoformat() if task.deadline else "未定日期（保留原文）"
        if cadence:
            when = f"{cadence}一次，全年至{when}"
        lines.append(f"  {path} {task.title}：“{task.deadline_text}” → {when}")
    lines.append(f"提示：{len(warnings)}条" if warnings else "提示：无")
    lines.extend(f"  ! {w}" for w in warnings)
    lines.append(f"已写入：{out}")
    return "\n".join(lines)


def run(name: str, args: argparse.Namespace) -> int:
    """Import the document, refuse to overwrite unless ``--force``, save atomically."""
    from ..store import save

    source = Path(args.source)
    if args.year is not None and not 1900 <= args.year <= 2200:
        raise PlanError(f"--year {args.year} 不是合理的年份（应如 2024）")
    if args.org and refusal(args.org):
        raise PlanError(f"--org {refusal(args.org)}")
    warnings: list[str] = []
    basis = ""
    if source.suffix.lower() == ".json":
        plan = _load_json(source)
        if args.year is not None:
            plan.year = args.year
        if args.org:
            plan.org = args.org
    else:
        from ..importing import import_document

        result = import_document(
            source, year=args.year, org=args.org, split_sentences=args.split_sentences
        )
        plan, warnings, basis = result.plan, result.warnings, result.basis
    out = Path(args.output) if args.output else Path("plans") / f"{plan.year}.toml"
    if out.suffix.lower() != ".toml":
        raise PlanError("输出文件应以 .toml 结尾", out)
    if out.is_dir():
        raise PlanError("这是一个文件夹，请给出输出文件名，如 plans/2024.toml", out)
    if out.exists() and not args.force:
        raise PlanError("输出文件已存在，为免覆盖未导入；确认覆盖请加 --force", out)
    save(out, plan, force=True)
    print(summary(plan, warnings, out, basis))
    return 0
