"""``plan-tui sync [PLAN]``: commit the plan, merge colleagues' changes by task, push."""

from __future__ import annotations

import argparse
import sys

from .common import resolve_plan


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments of ``sync``."""
    parser.add_argument("plan", nargs="?", help="计划文件（默认：plans/ 下最新的 .toml）")


def run(name: str, args: argparse.Namespace) -> int:
    """Print each step; exit 0 synced, 1 conflicts left to settle, 2 failed."""
    from ..collab.sync import SyncFailed, sync

    path = resolve_plan(args.plan)
    try:
        outcome = sync(path)
    except SyncFailed as exc:
        print(f"错误：{exc.one_line()}", file=sys.stderr)
        return 2
    for line in outcome.lines:
        print(line)
    return outcome.code
