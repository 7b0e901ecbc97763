"""Plans and git clones for the collaboration tests."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from plan_tui.model import LogEntry, Plan, Task

ROOT = Path(__file__).resolve().parent.parent


def small_plan(org: str = "XX乡", year: int = 2024) -> Plan:
    """Two areas with three items, fixed ids so copies can be compared."""
    areas = [
        Task(
            id="a1",
            title="抓项目促发展",
            children=[
                Task(id="i11", title="招商引资", owner="张三", deadline=date(year, 6, 30)),
                Task(id="i12", title="项目建设", unit="经发办"),
            ],
        ),
        Task(id="a2", title="惠民生", children=[Task(id="i21", title="就业培训")]),
    ]
    return Plan(org=org, year=year, title=f"{org}{year}年工作安排", areas=areas)


def entry(day: int, text: str, author: str = "") -> LogEntry:
    return LogEntry(date=date(2024, 3, day), text=text, author=author)


def git_env(home: Path) -> dict[str, str]:
    """An environment with no user or system git config, and a committer name."""
    config = home / "gitconfig"
    config.touch()
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "文秘",
        "GIT_AUTHOR_EMAIL": "wenmi@example.org",
        "GIT_COMMITTER_NAME": "文秘",
        "GIT_COMMITTER_EMAIL": "wenmi@example.org",
    }


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``git -c user.name=… -c user.email=… -C folder args…``."""
    return subprocess.run(
        [
            "git",
            "-c",
            "user.name=文秘",
            "-c",
            "user.email=wenmi@example.org",
            "-C",
            str(folder),
            *args,
        ],
        capture_output=True,
        text=True,
        check=check,
    )


def cli(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """``plan-tui args…`` run in ``folder``."""
    return subprocess.run(
        [sys.executable, "-m", "plan_tui", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
