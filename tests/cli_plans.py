"""Small plans and a runner for the command-line tests (``tests/test_cli*.py``)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from plan_tui.model import LogEntry, Plan, Status, Task
from plan_tui.store import save


def ledger_plan(year: int = 2024) -> Plan:
    """Two areas with items and a measure, people with Chinese names and a Latin one."""
    return Plan(
        year=year,
        org="XX乡",
        title=f"XX乡{year}年工作安排",
        areas=[
            Task(
                id="area1",
                title="保持招商引资良好态势，强化服务对接与要素保障",
                children=[
                    Task(
                        id="item11",
                        title="瞄准目标，在项目落地上出实招",
                        body="全年引进项目5个。",
                        lead="王明",
                        unit="经济发展办公室",
                        owner="张三",
                        deadline=date(year, 5, 31),
                        deadline_text="5月底前",
                        status=Status.IN_PROGRESS,
                        progress=40,
                        log=[
                            LogEntry(date=date(year, 3, 1), text="走访企业3家", progress=20),
                            LogEntry(
                                date=date(year, 4, 12),
                                text="签约1个项目",
                                progress=40,
                                author="李秘书",
                            ),
                        ],
                        children=[
                            Task(id="m111", title="外出招商每月一次", owner="张三丰"),
                        ],
                    ),
                    Task(
                        id="item12",
                        title="优化营商环境",
                        lead="李书记",
                        unit="党政办",
                        owner="Lisa",
                        deadline=date(year, 6, 10),
                        status=Status.NOT_STARTED,
                    ),
                ],
            ),
            Task(
                id="area2",
                title="推进乡村振兴",
                children=[
                    Task(
                        id="item21",
                        title="改善农村人居环境",
                        unit="农业农村办",
                        owner="赵六",
                        deadline=date(year, 12, 31),
                        status=Status.DONE,
                        progress=100,
                    ),
                ],
            ),
        ],
    )


def write_plan_file(folder: Path, name: str = "2024.toml", plan: Plan | None = None) -> Path:
    """Save ``plan`` (default :func:`ledger_plan`) as ``folder/plans/name``."""
    path = folder / "plans" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    save(path, plan or ledger_plan())
    return path


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``plan-tui ARGS`` in a child process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "plan_tui", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
