"""``plan-tui merge-driver BASE OURS THEIRS [PATHNAME]``: the merge driver git calls."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Arguments git passes (``%O %A %B %P``)."""
    parser.add_argument("base", help="共同祖先版本（git 的 %%O）")
    parser.add_argument("ours", help="本机版本，合并结果写回这里（git 的 %%A）")
    parser.add_argument("theirs", help="对方版本（git 的 %%B）")
    parser.add_argument("pathname", nargs="?", default="", help="文件在仓库中的路径（git 的 %%P）")


def run(name: str, args: argparse.Namespace) -> int:
    """Merge and exit 0 (clean), 1 (conflicts recorded in the file) or 2 (bad input)."""
    from ..collab.driver import merge_files

    outcome = merge_files(Path(args.base), Path(args.ours), Path(args.theirs), args.pathname)
    if outcome.message:
        print(outcome.message, file=sys.stderr)
    return outcome.code
