"""``plan-tui show``, ``set`` and ``log``: look at one task, change it, record progress.

``set`` and ``log`` check every value before touching the plan, save through the store
(atomic, refusing to overwrite another writer's change) and print one line saying
what changed.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from ..labels import t
from ..labels.fields import FIELD_LABELS
from ..model import LogEntry, Plan, Status, Task, parse_status
from ..model.deadlines import parse_deadline
from ..model.errors import PlanError
from ..model.text_rule import refusal
from ..reports.task_view import as_lines, describe_task
from ..session import AddLogEntry, Operation, Refused, SetFields
from ..session.author import chosen_author
from ..session.task_history import record_changes
from .common import change_plan, find_task, open_plan, resolve_plan, split_plan
from .values import parse_day, parse_progress, split_list, today_from

_PLAN_HELP = "计划文件（可省略，默认：plans/ 下最新的 .toml）"
_TASK_HELP = "任务路径（如 3.2）或任务 id"
_CLEAR = {"", "无", "-", "none"}
# argparse would print "[计划文件] 任务 [[计划文件] 任务 ...]" for the positionals
_USAGE = {
    "show": "%(prog)s [-h] [--today 日期] [计划文件] 任务",
    "set": "%(prog)s [-h] [计划文件] 任务 [--lead 牵头领导] [--unit 责任单位] [--owner 责任人]\n"
    "       [--partners 配合单位] [--deadline 时限] [--status 状态] [--progress 进度]\n"
    "       [--title 标题] [--body 正文] [--notes 备注] [--tags 标签] [--author 记录人]",
    "log": "%(prog)s [-h] [计划文件] 任务 内容 [--status 状态] [--progress 进度]\n"
    "       [--date 日期] [--author 记录人]",
}
# option -> (Task field, its name in the catalogue)
_TEXT_FIELDS = {
    name: (name, FIELD_LABELS[name]) for name in ("title", "body", "lead", "unit", "owner", "notes")
}
_LIST_FIELDS = {name: (name, FIELD_LABELS[name]) for name in ("partners", "tags")}


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``show``, ``set`` and ``log``."""
    parser.usage = _USAGE[name]
    if name == "show":
        parser.add_argument("args", nargs="+", metavar="[计划文件] 任务", help=_TASK_HELP)
        parser.add_argument("--today", metavar="日期", help="以此日期为“今天”计算序时进度")
    elif name == "set":
        parser.add_argument("args", nargs="+", metavar="[计划文件] 任务", help=_TASK_HELP)
        for option, (_, label) in _TEXT_FIELDS.items():
            parser.add_argument(f"--{option}", metavar=label, help=f"设置{label}")
        for option, (_, label) in _LIST_FIELDS.items():
            parser.add_argument(
                f"--{option}", metavar=label, help=f"设置{label}，多个用逗号或顿号分隔"
            )
        parser.add_argument(
            "--deadline",
            metavar="时限",
            help="完成时限：2024-06-30，或 6月底、6月30日、年底前、三季度末、每月 等；“无”表示清除",
        )
        parser.add_argument(
            "--status", metavar="状态", help="状态：代码或中文（如 done 或 已完成）"
        )
        parser.add_argument("--progress", metavar="进度", help="进度 0–100")
        _add_author(parser, "修改记录")
    else:
        parser.add_argument(
            "args", nargs="+", metavar="[计划文件] 任务 内容", help=f"{_TASK_HELP}，然后是进展内容"
        )
        parser.add_argument("--status", metavar="状态", help="同时把任务改为此状态")
        parser.add_argument("--progress", metavar="进度", help="同时把任务进度改为此值（0–100）")
        parser.add_argument("--date", metavar="日期", help="记录日期（默认今天），如 2024-03-08")
        _add_author(parser, "进展记录")


def _add_author(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--author",
        default="",
        metavar="记录人",
        help=f"{what}的记录人（默认为本机设置的记录人或系统用户名）",
    )


def run(name: str, args: argparse.Namespace) -> int:
    """Run ``show``, ``set`` or ``log``."""
    if name == "show":
        return show(args)
    if name == "set":
        return set_fields(args)
    return add_log(args)


def _positionals(name: str, values: list[str], wanted: int) -> tuple[str | None, list[str]]:
    """``[PLAN] TASK …`` from the command line, forgiving a plan file written last."""
    if (
        len(values) == wanted + 1
        and values[-1].endswith(".toml")
        and not values[0].endswith(".toml")
    ):
        values = [values[-1], *values[:-1]]
    plan_arg, rest = split_plan(values, wanted)
    if plan_arg is not None and not plan_arg.endswith(".toml") and not Path(plan_arg).exists():
        shape = "[计划文件] 任务 内容；内容含空格时请加引号" if name == "log" else "[计划文件] 任务"
        raise PlanError(f"找不到计划文件“{plan_arg}”（参数应为：{shape}）")
    return plan_arg, rest


# --- show ------------------------------------------------------------------------------


def show(args: argparse.Namespace) -> int:
    """Print one task."""
    plan_arg, (ref,) = _positionals("show", args.args, 1)
    today = today_from(args.today)
    path, loaded = open_plan(plan_arg)
    task_path, task = find_task(loaded.plan, ref, path)
    print("\n".join(as_lines(describe_task(task, loaded.plan, task_path, today))))
    return 0


# --- set -------------------------------------------------------------------------------


def _deadline_change(text: str, plan: Plan, file: Path, where: str) -> dict[str, object]:
    """The deadline fields a ``--deadline`` value sets."""
    if text.strip().lower() in _CLEAR:
        return {"deadline": None, "deadline_text": "", "recurrence": "none"}
    try:
        found = parse_deadline(text, plan.year)
    except ValueError as exc:
        raise PlanError(str(exc), file, where) from None
    iso = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", found.phrase)
    return {
        "deadline": found.date,
        "deadline_text": "" if iso else found.phrase,
        "recurrence": found.recurrence,
    }


def _shown(field: str, value: object) -> str:
    if field == "deadline":
        return value.isoformat() if isinstance(value, date) else "无"
    if field == "status":
        return Status(str(value)).label
    if field == "progress":
        return f"{value}%"
    if field == "recurrence":
        return t(f"recur.{value}")
    if isinstance(value, list):
        return "、".join(value) or "（空）"
    text = " ".join(str(value).split())
    text = text if len(text) <= 24 else text[:23] + "…"
    return f"“{text}”" if text else "（空）"


def _said(before: Task, after: Task, fields: list[str]) -> list[str]:
    """The ``字段 旧 → 新`` phrases of the ``fields`` that really changed."""
    said: list[str] = []
    for field in fields:
        old, value = getattr(before, field), getattr(after, field)
        if old == value:
            continue
        new = _shown(field, value)
        if field == "deadline" and after.deadline_text:
            new += f"（{after.deadline_text}）"
        if field == "deadline_text" and "deadline" in fields and before.deadline != after.deadline:
            continue  # already shown with the new date
        said.append(f"{FIELD_LABELS[field]} {_shown(field, old)} → {new}")
    return said


def _applied(
    operation: Operation,
    plan: Plan,
    task: Task,
    fields: list[str],
    place: tuple[Path, str],
    signed: tuple[date, str] | None = None,
) -> list[str]:
    """Apply ``operation`` (the edit as the TUI applies it) to ``plan``; the phrases of
    what it changed in ``task`` (``fields``, then status and progress). With ``signed``
    (day, author) the field changes go into the task's history, as the TUI records them.
    A refused value is a one-line error naming ``place`` (file, where)."""
    file, where = place
    before = task.model_copy(update={"log": list(task.log)})
    try:
        operation.apply(plan)
    except ValidationError as exc:
        raise _refused(exc, file, where) from None
    except Refused as exc:
        raise PlanError(str(exc), file, where) from None
    if signed is not None:
        record_changes(before, task, *signed)
    return _said(before, task, list(dict.fromkeys([*fields, "status", "progress"])))


def _refused(exc: ValidationError, file: Path, where: str) -> PlanError:
    """The model's refusal of a value as a one-line error naming the field."""
    err = exc.errors()[0]
    field = next((p for p in reversed(err["loc"]) if isinstance(p, str)), "")
    got = err.get("input")
    reason = refusal(got) if isinstance(got, str) else ""
    return PlanError(reason or "取值无效", file, f"{where} {FIELD_LABELS.get(field, field)}")


def _given(args: argparse.Namespace, file: Path, where: str) -> tuple[Status | None, int | None]:
    """The status and progress the options give (``None``: not given), checked."""
    status = None
    if args.status is not None:
        try:
            status = parse_status(args.status)
        except ValueError as exc:
            raise PlanError(str(exc), file, f"{where} 状态") from None
    progress = None
    if args.progress is not None:
        progress = parse_progress(args.progress, file, f"{where} 进度")
    return status, progress


def set_fields(args: argparse.Namespace) -> int:
    """Change fields of one task, on the plan as it is on disk when the change is made.

    When another writer set the same field a moment earlier, this one wins and the
    message says which value it replaced. The change is recorded in the task's history,
    signed by ``--author`` or the machine's author, as an edit in the TUI is.
    """
    plan_arg, (ref,) = _positionals("set", args.args, 1)
    path = resolve_plan(plan_arg)
    today, author = date.today(), chosen_author(args.author)

    def change(plan: Plan) -> tuple[str, str, list[str]]:
        task_path, task = find_task(plan, ref, path)
        where = f"任务 {task_path}"
        values = _set_values(args, plan, path, where)
        if refusal(author):  # the history's author, checked before anything changes
            raise PlanError(refusal(author), path, f"{where} {FIELD_LABELS['author']}")
        operation = SetFields(task.id, values, given=True)
        said = _applied(operation, plan, task, list(values), (path, where), (today, author))
        return task_path, task.title, said

    task_path, title, said = change_plan(path, change)
    if not said:
        print(f"{task_path}「{title}」没有变化，未写入文件。")
        return 0
    print(f"已修改 {task_path}「{title}」：{'；'.join(said)}")
    return 0


def _set_values(args: argparse.Namespace, plan: Plan, path: Path, where: str) -> dict[str, object]:
    """The field values ``set``'s options ask for, checked."""
    changes: dict[str, object] = {}
    for option, (field, label) in _TEXT_FIELDS.items():
        value = getattr(args, option)
        if value is not None:
            changes[field] = value.strip()
            if field == "title" and not changes[field]:
                raise PlanError("标题不能为空", path, f"{where} {label}")
    for option, (field, _) in _LIST_FIELDS.items():
        value = getattr(args, option)
        if value is not None:
            changes[field] = split_list(value)
    if args.deadline is not None:
        changes.update(_deadline_change(args.deadline, plan, path, f"{where} 完成时限"))
    status, progress = _given(args, path, where)
    if status is not None:
        changes["status"] = status
    if progress is not None:
        changes["progress"] = progress
    if not changes:
        raise PlanError(
            "没有要修改的字段：请给出 --lead、--unit、--owner、--deadline、--status、--progress 等选项"
        )
    return changes


# --- log -------------------------------------------------------------------------------


def add_log(args: argparse.Namespace) -> int:
    """Add a dated progress entry, also setting the task's status and progress if given."""
    plan_arg, (ref, text) = _positionals("log", args.args, 2)
    path = resolve_plan(plan_arg)
    day = parse_day(args.date, "--date") if args.date else date.today()
    text, author = text.strip(), chosen_author(args.author)

    def change(plan: Plan) -> tuple[str, str, list[str]]:
        task_path, task = find_task(plan, ref, path)
        where = f"任务 {task_path}"
        status, progress = _given(args, path, where)
        if not text and status is None and progress is None:
            raise PlanError("进展内容不能为空", path, f"{where} 进展记录")
        entry_where = f"{where} {FIELD_LABELS['log']}"
        try:
            entry = LogEntry(date=day, text=text, status=status, progress=progress, author=author)
        except ValidationError as exc:
            raise _refused(exc, path, entry_where) from None
        said = _applied(AddLogEntry(task.id, entry), plan, task, [], (path, entry_where))
        return task_path, task.title, said

    task_path, title, said = change_plan(path, change)
    tail = f"；{'；'.join(said)}" if said else ""
    print(f"已为 {task_path}「{title}」添加 {day.isoformat()} 的进展记录{tail}")
    return 0
