"""``plan-tui check``: a short Chinese summary for a good plan, reminders, exit codes."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from plan_tui import store
from plan_tui.cli import main
from plan_tui.commands.check import gaps
from plan_tui.model import LogEntry, Plan, Status, Task


def ledger() -> Plan:
    """Two areas; some items filled in, some missing an owner, unit or deadline."""
    plan = Plan(year=2024, title="XX乡2024年工作安排")
    first = Task(id="a1", title="瞄准目标，在项目落地上出实招", unit="经发办")
    first.children = [
        Task(
            id="i1",
            title="抓招商",
            lead="李乡长",
            owner="王五",
            deadline=date(2024, 6, 30),
            status=Status.DONE,
            progress=100,
            log=[LogEntry(date=date(2024, 3, 1), text="签约")],
        ),
        # the measure inherits lead, unit, owner and deadline from its item
        Task(id="i2", title="抓项目", lead="李乡长", owner="赵六", recurrence="monthly"),
    ]
    first.children[0].children = [Task(id="m1", title="走访企业")]
    second = Task(id="a2", title="坚持民生为本")
    second.children = [
        Task(id="i3", title="办实事", status=Status.IN_PROGRESS, progress=100),
        Task(id="i4", title="暂缓的事", status=Status.SUSPENDED, lead="钱七", owner="孙八"),
    ]
    plan.areas = [first, second]
    return plan


def test_gaps_count_items_and_measures_with_inheritance() -> None:
    found = gaps(ledger())
    assert found == {
        "缺牵头领导": ["2.1"],
        "缺责任单位": ["2.1", "2.2"],
        "缺责任人": ["2.1"],
        "缺完成时限": ["2.1", "2.2"],
        "进度与状态不一致": ["2.1"],
    }


def test_good_plan_prints_a_short_summary(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, ledger())
    before = path.read_bytes()
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    lines = out.out.splitlines()
    assert lines[0] == f"{path}：校验通过。"
    assert "任务数 7：领域 2 个，工作 4 项，措施 1 条；进展记录 1 条" in out.out
    # work items only (i1–i4), never the two area headings
    assert "4 项工作事项的状态：未启动 1 项，推进中 1 项，已完成 1 项，暂缓 1 项" in out.out
    assert any(line.startswith("  1. 瞄准目标") and line.endswith("3 项") for line in lines)
    assert any(line.startswith("  2. 坚持民生为本") and line.endswith("2 项") for line in lines)
    assert (
        "提醒：缺牵头领导 1 项，缺责任单位 2 项，缺责任人 1 项，缺完成时限 2 项，"
        "进度与状态不一致 1 项" in out.out
    )
    assert "2.1" not in out.out  # only counts without -v
    assert len(lines) <= 10
    assert path.read_bytes() == before


def test_verbose_lists_the_paths(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, ledger())
    assert main(["check", "-v", str(path)]) == 0
    out = capsys.readouterr().out
    assert "    缺责任单位：2.1 2.2" in out
    assert "    进度与状态不一致：2.1" in out


def test_complete_plan_has_no_reminders(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    plan = Plan(year=2024, title="完整的计划")
    plan.areas = [
        Task(
            title="领域",
            children=[
                Task(title="工作", lead="甲", unit="乙", owner="丙", deadline=date(2024, 9, 1))
            ],
        )
    ]
    path = tmp_path / "2024.toml"
    store.save(path, plan)
    assert main(["check", str(path)]) == 0
    assert "提醒" not in capsys.readouterr().out


def test_check_defaults_to_the_newest_plan_and_is_chinese(tmp_path: Path) -> None:
    store.save(tmp_path / "plans" / "2023.toml", Plan(year=2023, title="去年"))
    store.save(tmp_path / "plans" / "2024.toml", ledger())
    done = subprocess.run(
        [sys.executable, "-m", "plan_tui", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{Path('plans') / '2024.toml'}：校验通过。")


def test_check_without_any_plan_says_how_to_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "plan-tui import" in err


def test_help_is_chinese(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", "-h"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "用法：" in out and "计划文件" in out and "-v, --verbose" in out
