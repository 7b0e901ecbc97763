"""The git merge driver: ``plan-tui merge-driver %O %A %B %P``.

Git calls it with the common ancestor, our version (where the result goes) and their
version of a ``plans/*.toml`` file (see ``git help attributes``, "Defining a custom
merge driver"). The result is written atomically over ``ours``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Plan
from ..model.errors import PlanError
from ..store import load, loads, save
from ..store.lock import lock_path
from .merge import merge_plans

CLEAN, CONFLICTS, INVALID = 0, 1, 2
"""Exit codes: merged cleanly, conflicts remain (git's convention), an input is not a plan."""


@dataclass
class DriverOutcome:
    """What the driver did: its exit code and one line to print (may be empty)."""

    code: int
    message: str


def _read(path: Path, label: str, year: int | None = None) -> Plan:
    """A plan file; an empty base (a file added on both sides) is an empty plan."""
    if label == "base" and path.exists() and not path.read_bytes().strip():
        return Plan(year=year or 2000)
    try:
        return load(path).plan
    except PlanError as exc:
        place = f"{exc.where}：" if exc.where else ""  # git's temp file name means nothing
        raise PlanError(f"合并时{_LABELS[label]}不是有效的计划文件：{place}{exc.message}") from None


_LABELS = {"base": "共同祖先版本", "ours": "本机版本", "theirs": "对方版本"}


def merge_files(base: Path, ours: Path, theirs: Path, name: str = "") -> DriverOutcome:
    """Merge ``theirs`` into ``ours`` (written in place); never raises for bad input."""
    shown = name or str(ours)
    try:
        our_plan = _read(ours, "ours")
        their_plan = _read(theirs, "theirs")
    except PlanError as exc:
        return DriverOutcome(INVALID, f"错误：{shown}：{exc.one_line()}")
    said = ""
    try:
        base_plan = _read(base, "base", our_plan.year)
    except PlanError as exc:
        # An ancestor that does not read (e.g. committed broken by hand): merge as if
        # both sides had added everything; whatever differs becomes a conflict.
        base_plan = Plan(year=our_plan.year)
        said = f"提示：{shown}：{exc.one_line()}；已按两边各自新增合并，不同之处记为冲突\n"
    try:
        result = merge_plans(base_plan, our_plan, their_plan)
    except ValueError as exc:  # a merged plan the model refuses: leave ours, say why
        reason = " ".join(str(exc).split())[:200]
        return DriverOutcome(INVALID, f"错误：{shown}：无法按任务合并（{reason}），未改动本机版本")
    try:
        save(ours, result.plan)
        loads(ours.read_text(encoding="utf-8"), ours)
    except PlanError as exc:
        return DriverOutcome(INVALID, f"错误：{shown}：合并结果无法保存：{exc.one_line()}")
    finally:  # git's temporary file is no one else's to lock: no lock file left behind
        lock_path(ours).unlink(missing_ok=True)
    count = len(result.plan.conflicts)
    if count:
        return DriverOutcome(
            CONFLICTS,
            f"{said}{shown}：按任务合并完成，有 {count} 处冲突待处理"
            "（plan-tui conflicts 查看，plan-tui resolve 处理）",
        )
    return DriverOutcome(CLEAN, said.rstrip("\n"))
