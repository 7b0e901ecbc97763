"""Pieces every command shares: a Chinese argument parser, finding the plan, saving it."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

from ..model import Plan, Task
from ..model.errors import PlanError
from ..store import Loaded, load, update

T = TypeVar("T")


class ChineseArgumentParser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, errors, help flag) are Chinese.

    Usage errors print one line and exit with code 2, as every bad input does.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def format_help(self) -> str:
        text = super().format_help()
        for en, zh in (
            ("usage:", "用法："),
            ("positional arguments:", "位置参数："),
            ("options:", "选项："),
        ):
            text = text.replace(en, zh)
        return text

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：")

    def error(self, message: str) -> NoReturn:
        message = re.sub(r"the following arguments are required: (.*)", r"缺少参数：\1", message)
        message = re.sub(r"unrecognized arguments: (.*)", r"不认识的参数：\1", message)
        message = re.sub(
            r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
            r"参数 \1 的取值 \2 无效（可选：\3）",
            message,
        )
        message = re.sub(r"argument (\S+): expected one argument", r"参数 \1 需要一个值", message)
        message = re.sub(
            r"argument (\S+): invalid (\w+) value: (.*)", r"参数 \1 的值 \3 无效", message
        )
        print(f"错误：{self.prog}：{message}（用 -h 查看用法）", file=sys.stderr)
        sys.exit(2)


def plan_candidates(folder: Path) -> list[Path]:
    """``*.toml`` files in ``folder``, newest plan year first, then newest file."""
    files = [p for p in folder.glob("*.toml") if p.is_file()]

    def key(p: Path) -> tuple[int, float]:
        digits = re.findall(r"\d{4}", p.stem)
        return (int(digits[-1]) if digits else 0, p.stat().st_mtime)

    return sorted(files, key=key, reverse=True)


def user_plans_dir() -> Path:
    """The plans folder of an installed user: ``plan-tui`` in the platform's documents folder."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "plan-tui"


def resolve_plan(arg: str | None) -> Path:
    """The plan file named on the command line, else the newest plan in ``plans/`` here,
    else the newest in the user's plans folder (:func:`user_plans_dir`)."""
    if arg:
        return Path(arg)
    candidates = plan_candidates(Path("plans"))
    if not candidates:
        candidates = plan_candidates(user_plans_dir())
    if not candidates:
        raise PlanError(
            "当前目录的 plans/ 和计划文件夹里都没有计划文件。可先运行 plan-tui demo 看示例台账，"
            "或导入一份工作安排，例如：plan-tui import 工作安排.txt -o plans/2024.toml",
            user_plans_dir(),
        )
    return candidates[0]


def split_plan(positionals: list[str], wanted: int) -> tuple[str | None, list[str]]:
    """Split ``[PLAN] A B…`` into the optional plan and the ``wanted`` other arguments."""
    if len(positionals) == wanted + 1:
        return positionals[0], positionals[1:]
    if len(positionals) == wanted:
        return None, positionals
    raise PlanError(f"参数个数不对：需要 [计划文件] 加 {wanted} 个参数，得到 {len(positionals)} 个")


def open_plan(arg: str | None) -> tuple[Path, Loaded]:
    """Resolve and load the plan named (or defaulted) on the command line."""
    path = resolve_plan(arg)
    return path, load(path)


def find_task(plan: Plan, ref: str, path: Path) -> tuple[str, Task]:
    """The task at a path (``3.2``) or with an id; a clear error when there is none."""
    found = plan.find(ref)
    if found is None:
        raise PlanError(f"找不到任务 {ref}（可用路径如 3.2，或任务 id）", path)
    return found


def change_plan(path: Path, change: Callable[[Plan], T]) -> T:
    """Apply ``change`` to the plan as it is on disk now, under the plan's lock, and save.

    A command is an operation (add this entry, set this field): it never fails because
    another writer changed something else a moment earlier. Returns what ``change``
    returned; when it raises, nothing is written.
    """
    return update(path, change).result
