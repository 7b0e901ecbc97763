"""``plan-tui git-setup [DIR]``: let git merge plan files task by task in this clone."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``git-setup``."""
    parser.add_argument(
        "dir", nargs="?", default=".", help="git 仓库所在文件夹（默认：当前文件夹）"
    )


def run(name: str, args: argparse.Namespace) -> int:
    """Register the driver; say what was done, or that nothing was needed."""
    from ..collab.gitrepo import ATTRIBUTE_LINE, repo_root, setup

    done = setup(Path(args.dir))
    root = repo_root(Path(args.dir))
    for line in done:
        print(line)
    if done:
        print(
            f"{root}：git 合并 plans/*.toml 时将按任务合并，冲突记在计划文件的 [[conflicts]] 中。"
        )
        print(
            "请把 .gitattributes 和 .gitignore 提交到仓库（plan-tui sync 会一并提交）；"
            "每台电脑的克隆都要运行一次本命令。"
        )
    else:
        print(f"{root}：已设置过按任务合并（{ATTRIBUTE_LINE}），无需改动。")
    return 0
