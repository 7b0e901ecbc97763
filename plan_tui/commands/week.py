"""``plan-tui week``: the weekly update pass (周调度) on the command line.

Interactive by default: one open task after another, one key per common answer
(回车/k 本周无新进展, n 输入进展, s 设置状态和进度, 空格/j 跳过, b 上一项, q 结束并保存).
End of input (Ctrl-D, or the end of a here-doc) ends the pass like ``q``; Ctrl-C cancels
it without saving. ``--from FILE`` reads the answers from a file instead, one line per
task: ``任务 | 进展说明 | 状态 | 进度 | 日期`` (see :func:`plan_tui.weekly.parse_answer_file`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..model import Plan, Status, Task, parse_status
from ..model.errors import PlanError
from ..model.schedule import assess, describe
from ..session import WeekPass
from ..session.author import chosen_author
from ..weekly import (
    NO_PROGRESS,
    WeekAnswer,
    default_week,
    entries_in,
    last_note,
    open_tasks_in_order,
    parse_answer_file,
    parse_week,
    plan_entry_date,
    week_label,
)
from .common import change_plan, open_plan

KEYS_HELP = "回车/k 本周无新进展　n 输入进展　s 设置状态和进度　空格/j 跳过　b 上一项　q 结束并保存"
STATUS_CHOICES = "/".join(s.label for s in Status)


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui week``."""
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
    parser.add_argument(
        "--week",
        help="ISO 周次，如 2024-W10（默认：本周；今天不在计划年度内时为计划的最后一周）；"
        "记录日期为当天（在该周内时）或该周周五",
    )
    parser.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="从文件读取答复（每行：任务 | 进展说明 | 状态 | 进度 | 日期），不再逐项询问",
    )
    parser.add_argument(
        "--author",
        default="",
        help="记录人（写入每条进展记录；默认为本机设置的记录人或系统用户名）",
    )


class _EndOfInput(Exception):
    """Standard input ran out."""


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        raise _EndOfInput from None


def _show(index: int, total: int, path: str, task: Task, plan: Plan, week: str, day: date) -> None:
    monday, sunday = parse_week(week)
    state = assess(task, plan, day)
    deadline = task.deadline.isoformat() if task.deadline else "未定"
    if task.deadline_text:
        deadline += f"（{task.deadline_text}）"
    colour = state.health.label if state.health else ""
    detail = describe(state, task, day)
    if state.health and detail != colour:
        colour += f"，{detail}"
    print("─" * 40)
    print(f"[{index + 1}/{total}] {path} {task.title}")
    print(
        f"  牵头领导：{task.lead or '—'}　责任单位：{task.unit or '—'}　责任人：{task.owner or '—'}"
    )
    print(f"  完成时限：{deadline}　状态：{task.status.label} {task.progress}%　序时：{colour}")
    last = last_note(task, monday)
    print(f"  上次记录：{f'{last.date.isoformat()} {last.text}' if last else '无'}")
    for entry in entries_in(task, monday, sunday):
        print(f"  本周已记：{entry.date.isoformat()} {entry.text}")


def _ask_status(task_id: str, day: date) -> WeekAnswer | None:
    while True:
        text = _ask(f"  状态（{STATUS_CHOICES}，回车不变）：").strip()
        try:
            status = parse_status(text) if text else None
            break
        except ValueError as exc:
            print(f"  {exc}")
    while True:
        text = _ask("  进度（0-100，回车不变）：").strip().rstrip("%％")
        if not text:
            progress = None
            break
        if text.isdigit() and 0 <= int(text) <= 100:
            progress = int(text)
            break
        print("  进度应为 0-100 的整数")
    if status is None and progress is None:
        print("  状态和进度都未修改。")
        return None
    note = _ask("  说明（可空）：").strip()
    return WeekAnswer(task_id, "status", note, status, progress, day)


def _answer_for(key: str, task: Task, day: date) -> WeekAnswer | str | None:
    """The answer for one key; a string for navigation (``back``/``quit``); ``None`` to ask again."""
    if key.strip() == "" and key != "":
        return WeekAnswer(task.id, "skip", date=day)
    key = key.strip().lower()
    if key in ("", "k"):
        return WeekAnswer(task.id, "keep", date=day)
    if key == "j":
        return WeekAnswer(task.id, "skip", date=day)
    if key == "n":
        note = _ask("  进展：").strip()
        if not note:
            print("  进展为空，未记录。")
            return None
        return WeekAnswer(task.id, "note", note, date=day)
    if key == "s":
        return _ask_status(task.id, day)
    if key == "b":
        return "back"
    if key == "q":
        return "quit"
    print(f"  无效输入“{key}”。{KEYS_HELP}")
    return None


def interactive_pass(plan: Plan, week: str, day: date) -> list[WeekAnswer]:
    """Ask for every open task in turn; return the answers given (last answer per task)."""
    tasks = open_tasks_in_order(plan)
    if not tasks:
        print("没有未完成的任务。")
        return []
    answers: list[WeekAnswer | None] = [None] * len(tasks)
    print(f"{KEYS_HELP}")
    index = 0
    try:
        while index < len(tasks):
            path, task = tasks[index]
            _show(index, len(tasks), path, task, plan, week, day)
            if answers[index] is not None:
                print(f"  （已答：{_answer_word(answers[index])}，重新选择）")
            result = _answer_for(_ask("> "), task, day)
            if result == "back":
                if index == 0:
                    print("  已是第一项。")
                index = max(0, index - 1)
            elif result == "quit":
                break
            elif isinstance(result, WeekAnswer):
                answers[index] = result
                index += 1
    except _EndOfInput:
        print("\n（输入结束）")
    return [a for a in answers if a is not None]


def _answer_word(answer: WeekAnswer | None) -> str:
    words = {"keep": NO_PROGRESS, "note": "输入进展", "status": "设置状态和进度", "skip": "跳过"}
    return words[answer.kind] if answer else ""


def run(name: str, args: argparse.Namespace) -> int:
    """Run the pass, apply the answers, save atomically and print the summary."""
    path, loaded = open_plan(args.plan)
    plan = loaded.plan
    today = date.today()
    choice = default_week(plan, today)
    if not args.week and choice.outside_year:
        print(
            f"注意：今天（{today.isoformat()}）不在计划年度{plan.year}年内，"
            f"记到{week_label(choice.week)}；可用 --week 指定周次",
            file=sys.stderr,
        )
    week = args.week or choice.week
    monday, sunday = parse_week(week)
    day = plan_entry_date(plan, week, today)
    author = chosen_author(args.author)
    if args.source:
        source = Path(args.source)
        try:
            text = source.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PlanError("答复文件不存在", source) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise PlanError(f"无法读取答复文件（{exc}）", source) from None
        answers = parse_answer_file(text, plan, week, str(source))
    else:
        print(
            f"周调度：{week_label(week)}（{monday.isoformat()} 至 {sunday.isoformat()}），"
            f"记录日期 {day.isoformat()}，计划 {path}"
        )
        answers = interactive_pass(plan, week, day)
    edit = WeekPass(tuple(answers), week, day, author)  # as the TUI's weekly pass applies it
    # applied to the plan as it is on disk now, under the plan's lock
    summary = change_plan(path, edit.run) if answers else edit.run(plan)
    print("本次周调度小结：")
    for line in summary.lines():
        print(line)
    if not summary.changes:
        print("没有改动，未保存。")
        return 0
    print(f"已保存到 {path}")
    return 0
