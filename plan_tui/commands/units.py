"""``plan-tui dispatch``, ``collect`` and ``remind``: the loop with the responsible units.

交办 → 反馈 → 督促: one feedback sheet per unit out, the filled sheets back into the
plan (through the store's lock, one operation per sheet), and reminders per unit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..model import Plan
from ..model.errors import PlanError
from .common import open_plan, resolve_plan
from .values import parse_day, today_from

_PLAN_HELP = "计划文件（默认：plans/ 下最新的 .toml）"


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of the three commands."""
    if name == "dispatch":
        parser.add_argument("plan", nargs="?", help=_PLAN_HELP)
        parser.add_argument(
            "--unit", action="append", metavar="单位", help="只给这个单位（可重复）"
        )
        parser.add_argument("--week", metavar="周次", help="周期，如 2024-W10（默认本周）")
        parser.add_argument("--date", metavar="日期", help="周期内的某一天（代替 --week）")
        parser.add_argument(
            "--out-dir", metavar="目录", default=".", help="输出目录（默认当前目录）"
        )
        parser.add_argument("--force", action="store_true", help="文件已存在时覆盖它")
    elif name == "collect":
        parser.add_argument("args", nargs="+", metavar="[计划文件] 反馈表", help="填好的反馈表")
        parser.add_argument("--week", metavar="周次", help="反馈表未注明周期时（如 .csv）用此周期")
        parser.add_argument(
            "--dry-run", action="store_true", help="只显示将要登记的内容，不修改计划"
        )
    else:
        parser.add_argument("plan", nargs="?", help=_PLAN_HELP)
        parser.add_argument("--as-of", metavar="日期", help="以此日期为“今天”（默认今天）")
        parser.add_argument("--days", type=int, default=7, metavar="天数", help="几天内到期算临近")
        parser.add_argument("-o", "--output", metavar="文件", help="提醒写入 .txt/.md 文件")
        parser.add_argument("--docx-dir", metavar="目录", help="每个单位一份督办通知单 .docx")
        parser.add_argument("--force", action="store_true", help="文件已存在时覆盖它")


def run(name: str, args: argparse.Namespace) -> int:
    """Run ``dispatch``, ``collect`` or ``remind``."""
    if name == "dispatch":
        return _dispatch(args)
    if name == "collect":
        return _collect(args)
    return _remind(args)


def _write_new(path: Path, data: bytes, force: bool) -> None:
    from ..docs.output import write_output

    write_output(path, data, force)


def _dispatch(args: argparse.Namespace) -> int:
    from ..units.dispatch import dispatch_workbook
    from ..units.period import Period
    from ..units.roster import tasks_of, units_in
    from ..units.sheet import file_name

    _, loaded = open_plan(args.plan)
    plan = loaded.plan
    if args.week and args.date:
        raise PlanError("--week 和 --date 只能用一个")
    period = Period.of_week(args.week) if args.week else Period.of_day(today_from(args.date))
    period.check_in_year(plan.year)
    units = args.unit or units_in(plan)
    if not units:
        raise PlanError("计划中没有填写责任单位的未完成任务，无表可发", resolve_plan(args.plan))
    out = Path(args.out_dir)
    planned = [(unit, out / file_name(unit, period.label)) for unit in units]
    from ..docs.output import refuse_existing

    for _, path in planned:
        refuse_existing(path, args.force)
    for unit, path in planned:
        leads, supports = tasks_of(plan, unit)
        if not leads and not supports:
            raise PlanError(f"单位“{unit}”没有未完成的任务", resolve_plan(args.plan))
        _write_new(path, dispatch_workbook(plan, unit, period), force=True)
        print(f"已生成 {path}（牵头{len(leads)}项，配合{len(supports)}项）")
    print(f"共{len(planned)}个单位，请于{period.reply_by.month}月{period.reply_by.day}日前收回。")
    return 0


def _collect(args: argparse.Namespace) -> int:
    from .. import store
    from ..units.collect import Sheet, SheetResult, apply_rows, check_sheet, read_sheet
    from ..units.remind import returned
    from ..units.roster import units_in

    positionals = list(args.args)
    plan_arg = positionals.pop(0) if positionals[0].lower().endswith(".toml") else None
    if not positionals:
        raise PlanError("请给出至少一份反馈表")
    path = resolve_plan(plan_arg)
    sheets = [read_sheet(Path(p)) for p in positionals]
    results: list[SheetResult] = []
    if args.dry_run:
        plan = store.load(path).plan
        results = [check_sheet(plan, sheet, args.week) for sheet in sheets]
    for sheet in sheets if not args.dry_run else []:
        # one operation per sheet, under the plan's lock, on the plan as it is on disk now
        checked: list[SheetResult] = []

        def change(plan: Plan, sheet: Sheet = sheet, checked: list[SheetResult] = checked) -> None:
            checked[:] = [check_sheet(plan, sheet, args.week)]
            apply_rows(plan, checked[0])

        plan = store.update(path, change).plan
        results.extend(checked)
    refused = 0
    for result in results:
        label = result.unit or result.sheet.file
        if result.refused:
            print(f"{result.sheet.file}：{result.refused}，整表未登记", file=sys.stderr)
            refused += 1
            continue
        for row in result.rows:
            if row.outcome == "refused":
                print(
                    f"{result.sheet.file} 第{row.row.number}行：{row.reason}，该行未登记",
                    file=sys.stderr,
                )
                refused += 1
            elif row.outcome == "applied" and args.dry_run:
                entry = row.entry
                assert entry is not None
                print(f"将登记 {row.row.values['工作任务']}：{entry.text or '（仅更新状态/进度）'}")
        verb = "将登记" if args.dry_run else "已登记"
        print(
            f"{label}：{verb}{result.count('applied')}行，已登记过{result.count('unchanged')}行，"
            f"未登记{result.count('refused')}行"
        )
        if result.count("unchanged") and not result.count("applied"):
            print(f"{result.sheet.file} 已经收录过，本次没有新增内容。")
    periods = {r.period for r in results if r.period is not None}
    for period in sorted(periods, key=lambda p: p.first):
        if args.dry_run:
            break
        missing = [u for u in units_in(plan) if not returned(plan, u, period)]
        if missing:
            print(f"{period.label}尚未报送反馈表的单位：{'、'.join(missing)}")
        else:
            print(f"{period.label}各单位均已报送反馈表。")
    return 2 if refused else 0


def _remind(args: argparse.Namespace) -> int:
    from ..docs.output import render
    from ..units.remind import message, notice, reminders

    _, loaded = open_plan(args.plan)
    plan = loaded.plan
    as_of = parse_day(args.as_of, "--as-of") if args.as_of else today_from(None)
    found = reminders(plan, as_of, args.days)
    if not found:
        print(f"截至{as_of.isoformat()}，没有需要催办的事项。")
        return 0
    text = "\n\n".join(message(plan, r, as_of, args.days) for r in found) + "\n"
    if args.output:
        output = Path(args.output)
        if output.suffix.lower() not in (".txt", ".md"):
            raise PlanError("提醒只能写入 .txt 或 .md 文件", output)
        _write_new(output, text.encode("utf-8"), args.force)
        print(f"已写入 {output}（{len(found)}个单位）")
    else:
        sys.stdout.write(text)
    if args.docx_dir:
        folder = Path(args.docx_dir)
        for reminder in found:
            path = folder / f"督办通知单-{reminder.unit}.docx"
            _write_new(path, render(notice(plan, reminder, as_of, args.days), ".docx"), args.force)
            print(f"已写入 {path}")
    return 0
