"""A writer killed at any moment leaves the old plan or the new one, never a broken file."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from plan_tui import store
from plan_tui.commands.common import plan_candidates
from plan_tui.model import LogEntry, Plan, Task

# The child alternates saving two big plans over the same file for ever, saying when
# each save starts, so the parent can kill it at a random moment inside a save. Its
# fsync is slowed down like a slow disk's, so that many kills land while the temp file
# is being written rather than while the text is being built.
WRITER = """
import os, sys, time
from pathlib import Path
from plan_tui import store
real_fsync = os.fsync
def slow_fsync(fd):
    time.sleep(0.05)
    real_fsync(fd)
store.files.os.fsync = slow_fsync
target, old, new = (Path(p) for p in sys.argv[1:4])
plans = [store.load(old).plan, store.load(new).plan]
n = 0
while True:
    print("saving", flush=True)
    store.save(target, plans[n % 2], force=True)
    n += 1
"""

# The child kills itself at an exact step of the save: after the temp file is written
# but before fsync, after fsync before os.replace, or right after os.replace.
STEP_KILLER = """
import os, signal, sys
from pathlib import Path
from plan_tui import store
target, new, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
plan = store.load(new).plan
real_fsync, real_replace = os.fsync, os.replace
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def fsync(fd):
    if step == "before-fsync":
        die()
    real_fsync(fd)
    if step == "before-replace":
        die()
def replace(a, b):
    real_replace(a, b)
    if step == "after-replace":
        die()
store.files.os.fsync, store.files.os.replace = fsync, replace
store.save(target, plan, force=True)
"""


def big_plan(marker: str) -> Plan:
    """A plan of about 200 tasks (~60 KB), so a save takes long enough to hit."""
    plan = Plan(year=2024, title=f"XX乡2024年工作安排（{marker}）")
    for a in range(3):
        area = Task(id=f"a{a}", title=f"第{a + 1}个领域{marker}")
        for i in range(15):
            item = Task(
                id=f"a{a}i{i}",
                title=f"工作{a}.{i}{marker}",
                body="推进乡村振兴，抓好项目落地。" * 8,
                owner="王五",
                log=[LogEntry(date=date(2024, 3, d), text=f"第{d}周进展{marker}") for d in (1, 8)],
            )
            item.children = [Task(id=f"a{a}i{i}m{m}", title=f"措施{m}") for m in range(3)]
            area.children.append(item)
        plan.areas.append(area)
    return plan


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Plan, Plan]:
    folder = tmp_path_factory.mktemp("plans")
    old, new = big_plan("旧"), big_plan("新")
    store.save(folder / "old.toml", old)
    store.save(folder / "new.toml", new)
    return folder / "old.toml", folder / "new.toml", old, new


def assert_whole(target: Path, old: Plan, new: Plan) -> None:
    loaded = store.load(target).plan
    assert loaded in (old, new)
    # stale temp files are never taken for the plan
    assert plan_candidates(target.parent) == [target]


def test_writer_killed_at_random_moments(tmp_path: Path, plans) -> None:
    old_file, new_file, old, new = plans
    target = tmp_path / "2024.toml"
    target.write_bytes(old_file.read_bytes())
    rng = random.Random(20240630)
    for _ in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(old_file), str(new_file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        # let it finish a random number of saves, then kill it part-way into the next
        for _ in range(rng.randint(1, 2)):
            assert child.stdout.readline() == "saving\n"
        time.sleep(rng.uniform(0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL
        assert_whole(target, old, new)


@pytest.mark.parametrize("step", ["before-fsync", "before-replace", "after-replace"])
def test_writer_killed_at_each_step_of_a_save(tmp_path: Path, plans, step: str) -> None:
    old_file, new_file, old, new = plans
    target = tmp_path / "2024.toml"
    target.write_bytes(old_file.read_bytes())
    result = subprocess.run(
        [sys.executable, "-c", STEP_KILLER, str(target), str(new_file), step], check=False
    )
    assert result.returncode == -signal.SIGKILL
    assert store.load(target).plan == (new if step == "after-replace" else old)
    assert_whole(target, old, new)
    if step != "after-replace":
        assert len(list(tmp_path.glob(".2024.toml.*.tmp"))) == 1  # the killed writer's
    # the next writer is not disturbed by the stale temp file
    loaded = store.load(target)
    fp = store.save(target, new, expected=loaded.fingerprint)
    assert store.load(target).fingerprint == fp
    assert store.load(target).plan == new
