"""Many writers at once: real processes writing one plan lose nothing and refuse nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from plan_tui import store
from plan_tui.model import Plan, Task

PLAN_TUI = [sys.executable, "-m", "plan_tui"]


def many_tasks_plan(count: int = 8) -> Plan:
    """One area with ``count`` items, each a writer's own task."""
    area = Task(id="area", title="领域")
    area.children = [Task(id=f"w{n}", title=f"事项{n}") for n in range(count)]
    return Plan(year=2024, title="并发测试", areas=[area])


def _entries(path: Path) -> list[tuple[str, str]]:
    plan = store.load(path).plan
    return [(t.id, e.text) for t in plan.tasks() for e in t.log]


def test_eight_processes_of_25_logs_each_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, many_tasks_plan(8))
    script = (
        "import sys\n"
        "from plan_tui.cli import main\n"
        "plan, task = sys.argv[1], sys.argv[2]\n"
        "codes = [main(['log', plan, task, f'{task} 第{k}次进展']) for k in range(25)]\n"
        "sys.exit(max(codes))\n"
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path), f"w{n}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    errors = [(w.wait(timeout=300), w.stderr.read()) for w in writers]
    assert errors == [(0, "")] * 8
    entries = _entries(path)
    assert len(entries) == 200
    assert sorted(entries) == sorted(
        (f"w{n}", f"w{n} 第{k}次进展") for n in range(8) for k in range(25)
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024.toml.lock", "2024.toml"]


# A writer whose os.replace waits 0.3 s, so the other writer runs into the gap between
# the read and the replace; without the lock one of the two entries was lost every time.
SLOW_WRITER = """
import os, sys, time
from plan_tui.cli import main
from plan_tui.store import files
real_replace = os.replace
def slow_replace(a, b):
    time.sleep(0.3)
    real_replace(a, b)
files.os.replace = slow_replace
sys.exit(main(["log", sys.argv[1], sys.argv[2], "慢的一条"]))
"""


def test_a_delay_before_replace_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, many_tasks_plan(2))
    for _ in range(3):
        slow = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(path), "w0"])
        time.sleep(0.15)
        fast = subprocess.run(
            [*PLAN_TUI, "log", str(path), "w1", "快的一条"], capture_output=True, text=True
        )
        assert slow.wait(timeout=60) == 0
        assert fast.returncode == 0, fast.stderr
    texts = sorted(_entries(path))
    assert texts == [("w0", "慢的一条")] * 3 + [("w1", "快的一条")] * 3


def test_two_sets_of_one_field_the_later_wins_and_says_what_it_replaced(
    tmp_path: Path,
) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, many_tasks_plan(1))
    loaded_by_first = store.load(path)  # the second writer read the file before the first
    first = subprocess.run(
        [*PLAN_TUI, "set", str(path), "w0", "--owner", "张三"], capture_output=True, text=True
    )
    second = subprocess.run(
        [*PLAN_TUI, "set", str(path), "w0", "--owner", "李四"], capture_output=True, text=True
    )
    assert first.returncode == second.returncode == 0
    assert "责任人 （空） → “张三”" in first.stdout
    assert "责任人 “张三” → “李四”" in second.stdout
    assert store.load(path).plan.find("w0")[1].owner == "李四"
    assert loaded_by_first.plan.find("w0")[1].owner == ""


def test_save_with_an_old_fingerprint_is_refused_under_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, many_tasks_plan(2))
    old = store.load(path)
    store.update(path, lambda plan: plan.find("w0")[1].log.append(_entry("别人的")))
    mine = old.plan.model_copy(deep=True)
    mine.find("w1")[1].owner = "我"
    try:
        store.save(path, mine, expected=old.fingerprint)
    except store.ConflictError as exc:
        assert "其他程序或同事修改" in exc.one_line()
    else:
        raise AssertionError("a stale save was not refused")
    assert [text for _, text in _entries(path)] == ["别人的"]


def _entry(text: str):
    from datetime import date

    from plan_tui.model import LogEntry

    return LogEntry(date=date(2024, 6, 1), text=text)


KILLED_WRITER = """
import os, sys, time
from plan_tui import store
from plan_tui.store import files
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(0.2)
    real_fsync(fd)
files.os.fsync = slow_fsync
path = sys.argv[1]
from datetime import date
from plan_tui.model import LogEntry
while True:
    store.update(path, lambda p: p.areas[0].log.append(LogEntry(date=date(2024, 1, 1), text="x")))
"""


def test_twenty_kills_leave_only_the_plan_and_its_lock(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, many_tasks_plan(3))
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline() == "writing\n"  # killed while its temp file is open
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        store.load(path)  # the old plan or a new one, never a broken file
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # left by the kills
    store.update(path, lambda plan: None)  # the next writer cleans up
    store.update(path, lambda plan: plan.areas[0].log.append(_entry("清理")))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".2024.toml.lock", "2024.toml"]
