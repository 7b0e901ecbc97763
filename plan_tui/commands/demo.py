"""``plan-tui demo``: a real ledger to look at before importing one's own document.

The sample plan is imported from the sample document that ships inside the package
(the township's 《2023年工作回顾及2024年工作安排》) into the user's plans folder, never
over an existing file, and opened in the TUI.
"""

from __future__ import annotations

import argparse
from importlib import resources
from pathlib import Path

from .common import user_plans_dir

SAMPLE = "2023年工作回顾及2024年工作安排.txt"
"""The sample document, in ``plan_tui/samples/``."""


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan-tui demo``."""
    parser.description = (
        "把随附示例文档导入成示例台账（示例-2024.toml），放进计划文件夹并打开。"
        f"计划文件夹：{user_plans_dir()}"
    )
    parser.add_argument("--dir", type=Path, help="示例台账放在哪个文件夹（默认计划文件夹）")
    parser.add_argument("--no-open", action="store_true", help="只生成示例台账，不打开终端界面")


def run(name: str, args: argparse.Namespace) -> int:
    """Write the sample plan unless it exists, then open it."""
    from ..importer import import_document
    from ..model.work_items import work_items
    from ..store import save

    folder = args.dir or user_plans_dir()
    target = folder / "示例-2024.toml"
    if target.exists():
        print(f"示例台账已存在，直接打开：{target}")
    else:
        folder.mkdir(parents=True, exist_ok=True)
        with resources.as_file(resources.files("plan_tui.samples") / SAMPLE) as source:
            result = import_document(source)
        save(target, result.plan)
        items = len(work_items(result.plan))
        print(f"已生成示例台账：{target}（{len(result.plan.areas)}个方面，{items}项工作）")
    if args.no_open:
        return 0
    from ..cli import open_tui

    return open_tui(target)
