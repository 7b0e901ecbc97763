"""The ``plan-tui`` command line.

``plan-tui [PLAN]`` opens the TUI; ``plan-tui COMMAND …`` runs one command. Each
command lives in its own module under :mod:`plan_tui.commands` and is imported only
when it runs, so commands start without importing textual or each other.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .model.errors import PlanError

if TYPE_CHECKING:
    from .commands.common import ChineseArgumentParser

# name -> (module under plan_tui.commands, one-line Chinese help)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("importing", "从工作安排文档（.txt/.md/.docx/.json）导入计划"),
    "list": ("listing", "列出任务（可按状态、责任人、单位、逾期等筛选）"),
    "show": ("tasks", "显示一项任务的全部字段和进展记录"),
    "set": ("tasks", "修改任务的牵头领导、责任单位、责任人、时限、状态、进度、标题"),
    "log": ("tasks", "为任务添加一条带日期的进展记录"),
    "check": ("check", "校验计划文件"),
    "week": ("week", "逐项录入本周进展（周调度）"),
    "weekly": ("reports", "生成重点工作推进情况周报"),
    "bulletin": ("reports", "生成月度或季度通报"),
    "review": ("review", "生成年度工作回顾及下一年工作安排草稿"),
    "rollover": ("rollover", "滚动生成下一年计划"),
    "export": ("export", "导出台账（.xlsx/.csv/.ics/.json）"),
    "sync": ("sync", "与同事同步计划：提交、拉取（按任务合并）、推送"),
    "conflicts": ("conflicts", "列出合并后待处理的冲突"),
    "resolve": ("conflicts", "处理一处冲突：取本机、对方或原来的值"),
    "git-setup": ("git_setup", "让 git 按任务合并本仓库的计划文件"),
    "merge-driver": ("merge_driver", "git 合并驱动（由 git 调用）"),
    "rollup": ("rollup", "汇总多个乡镇的计划，生成全县推进情况"),
    "dispatch": ("units", "给每个责任单位生成进展反馈表（.xlsx）"),
    "collect": ("units", "把各单位填好的反馈表登记为进展记录"),
    "remind": ("units", "生成催办提醒和督办通知单"),
    "demo": ("demo", "生成并打开示例台账（第一次使用时）"),
}


def _tui_parser() -> ChineseArgumentParser:
    from .commands.common import ChineseArgumentParser

    width = max(map(len, COMMANDS)) + 2
    lines = "\n".join(f"  {name:<{width}}{text}" for name, (_, text) in COMMANDS.items())
    from .commands.common import user_plans_dir

    parser = ChineseArgumentParser(
        prog="plan-tui",
        description="乡镇重点工作台账助手。不带子命令时打开终端界面。",
        epilog=(
            f"子命令：\n{lines}\n\n用 plan-tui 子命令 -h 查看各子命令的用法。\n"
            f"不指定计划文件时，打开当前目录 plans/ 下最新的计划；没有时用计划文件夹 "
            f"{user_plans_dir()}"
        ),
    )
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")
    parser.add_argument("--lang", choices=["zh", "en"], help="界面语言（默认中文，或按系统语言）")
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"plan-tui {__version__}",
        help="显示版本号并退出",
    )
    return parser


def _without_pydantic_plugins() -> None:
    """Tell pydantic, through its documented switch, that no plugin is used, so that it
    does not scan every installed package for one; a user's own setting is kept."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _run_command(name: str, args: list[str]) -> int:
    from .commands.common import ChineseArgumentParser

    module = importlib.import_module(f"plan_tui.commands.{COMMANDS[name][0]}")
    parser = ChineseArgumentParser(prog=f"plan-tui {name}", description=COMMANDS[name][1])
    module.configure(name, parser)
    return int(module.run(name, parser.parse_args(args)) or 0)


def open_tui(path: Path, lang: str | None = None) -> int:
    """Open the TUI on ``path`` (the one place the command line starts it)."""
    from .tui.app import run_app  # textual is imported only here

    return run_app(path, lang=lang)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args in (["--version"], ["-V"]):
            print(f"plan-tui {__version__}")
            return 0
        if args and args[0] in COMMANDS:
            from .commands.terminal import visible_output

            _without_pydantic_plugins()
            # A command runs once and exits. Reading a plan creates some 100,000 objects
            # and no reference cycles, which the collector would only scan again and
            # again (a tenth of ``list``'s time at 10,000 tasks).
            gc.disable()
            try:
                with visible_output():
                    return _run_command(args[0], args[1:])
            finally:
                gc.enable()
        # Start-up creates some 100,000 long-lived objects (Textual, pydantic, the plan);
        # the collector would scan them again and again for nothing. It is switched back
        # on, with those objects frozen, once the first frame is shown (PlanApp).
        gc.disable()
        _without_pydantic_plugins()
        try:
            if len(args) == 1 and not args[0].startswith("-"):
                # ``plan-tui FILE``, the usual start: argparse would only cost time.
                path, lang = Path(args[0]), None
            else:
                options = _tui_parser().parse_args(args)
                from .commands.common import resolve_plan

                path, lang = resolve_plan(options.plan), options.lang
            return open_tui(path, lang)
        finally:
            gc.enable()
    except PlanError as exc:
        print(f"错误：{exc.one_line()}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. ``head``) closed the pipe: stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
