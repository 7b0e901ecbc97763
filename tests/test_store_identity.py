"""A saved plan keeps its identity: mode, owner, link, line endings and BOM; a write
changes only the changed tasks' text, byte for byte what a full ``dumps`` gives."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_tui import store
from plan_tui.model import LogEntry, Plan, Status, Task
from plan_tui.model.errors import PlanError
from plan_tui.store import files

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes and FIFOs")


def sample_plan() -> Plan:
    area = Task(id="a1", title="领域一", children=[Task(id="i1", title="事项一")])
    return Plan(year=2024, title="计划", areas=[area, Task(id="a2", title="领域二")])


def add_entry(text: str):
    def change(plan: Plan) -> None:
        plan.find("i1")[1].log.append(LogEntry(date=date(2024, 6, 1), text=text))

    return change


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    text = store.dumps(sample_plan()).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    store.update(path, add_entry("第一条\n第二行"))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    plan = store.load(path).plan
    assert plan.find("i1")[1].log[0].text == "第一条\n第二行"
    store.save(path, plan, expected=store.disk_fingerprint(path))
    assert path.read_bytes() == data


def test_lf_without_bom_stays_so(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    store.update(path, add_entry("一条"))
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data


@POSIX
def test_mode_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 1234, 5678)
    store.update(path, add_entry("一条"))
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (1234, 5678)


@POSIX
def test_symlinked_plan_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "data" / "2024.toml"
    store.save(real, sample_plan())
    link = tmp_path / "2024.toml"
    link.symlink_to(real)
    store.update(link, add_entry("经链接"))
    assert link.is_symlink()
    assert store.load(real).plan.find("i1")[1].log[0].text == "经链接"
    assert not (tmp_path / ".2024.toml.lock").exists()  # locked beside the real file
    assert (real.parent / ".2024.toml.lock").exists()


def test_read_only_plan_is_refused_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    os.chmod(path, 0o444)
    before = path.read_bytes()
    with pytest.raises(PlanError) as info:
        store.update(path, add_entry("一条"))
    assert info.value.one_line().startswith(f"计划文件为只读：{path}")
    with pytest.raises(PlanError, match="计划文件为只读"):
        store.save(path, sample_plan(), force=True)
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_read_only_plan_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    os.chmod(path, 0o444)
    done = subprocess.run(
        [sys.executable, "-m", "plan_tui", "log", str(path), "1.1", "进展"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == f"错误：计划文件为只读：{path}（请先取消只读再保存），本次没有保存\n"


@POSIX
def test_hard_linked_plan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    other = tmp_path / "备份.toml"
    os.link(path, other)
    with pytest.raises(PlanError, match="2 个硬链接"):
        store.update(path, add_entry("一条"))
    assert path.read_bytes() == other.read_bytes() == store.dumps(sample_plan()).encode()
    other.unlink()
    store.update(path, add_entry("一条"))  # a single link again: saved


@POSIX
@pytest.mark.parametrize("kind", ["fifo", "socket", "device", "folder"])
def test_non_regular_plans_are_refused_before_opening(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "2024.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
    elif kind == "device":
        path = Path("/dev/null")
    else:
        path.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "plan_tui", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    words = {"fifo": "命名管道", "socket": "套接字", "device": "设备", "folder": "文件夹"}
    assert done.stderr.startswith(f"错误：{path}：") and words[kind] in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_temp_files_of_live_processes_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], stdout=-1)
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".2024.toml.{dead_pid}.0badf00d.tmp"
    live = tmp_path / f".2024.toml.{os.getppid()}.0badf00d.tmp"
    unrelated = tmp_path / ".other.toml.1.0badf00d.tmp"
    for p in (stale, live, unrelated):
        p.write_text("半截")
    assert not files.process_alive(dead_pid) and files.process_alive(os.getppid())
    store.update(path, add_entry("一条"))
    assert not stale.exists() and live.exists() and unrelated.exists()


def test_another_writer_is_never_blamed_on_the_disk(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    real_replace = os.replace

    def replace_then_someone_writes(a, b):
        real_replace(a, b)
        Path(b).write_text(store.dumps(sample_plan()), encoding="utf-8")  # no lock taken

    monkeypatch.setattr(files.os, "replace", replace_then_someone_writes)
    with pytest.raises(PlanError) as info:
        store.update(path, add_entry("一条"))
    assert "不经本程序加锁的程序" in info.value.one_line()
    assert "磁盘" not in info.value.one_line()


def test_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, sample_plan())
    before = path.stat().st_mtime_ns
    loaded = store.update(path, lambda plan: "结果")
    assert loaded.result == "结果" and path.stat().st_mtime_ns == before


# --- splicing ------------------------------------------------------------------------

pieces = [*'推进项目 \n"\\[]#\t', "[[tasks]]", "\n[", "\n\n[[tasks]]\n"]
texts = st.lists(st.sampled_from(pieces), max_size=8).map("".join)


def _grown(count: int) -> Plan:
    areas = []
    for a in range(3):
        area = Task(id=f"a{a}", title=f"领域{a}")
        area.children = [Task(id=f"a{a}i{n}", title=f"事项{n}") for n in range(count)]
        areas.append(area)
    return Plan(year=2024, title="计划", areas=areas)


changes = st.lists(
    st.tuples(
        st.sampled_from(["log", "owner", "title", "status", "add", "remove", "move", "plan"]),
        st.integers(0, 1000),
        texts,
    ),
    min_size=1,
    max_size=4,
)


def _apply(plan: Plan, steps: list[tuple[str, int, str]]) -> None:
    for kind, n, text in steps:
        tasks = list(plan.tasks())
        task = tasks[n % len(tasks)]
        if kind == "log":
            task.log.append(LogEntry(date=date(2024, 1, 1 + n % 28), text=text))
        elif kind == "owner":
            task.owner = text
        elif kind == "title":
            task.title = text if text.strip() else "新标题"
        elif kind == "status":
            task.status = list(Status)[n % 5]
        elif kind == "add":
            task.children.append(Task(id=f"new{n}_{len(tasks)}", title=text.strip() or "新"))
        elif kind == "remove" and len(plan.areas[0].children) > 1:
            plan.areas[0].children.pop(n % len(plan.areas[0].children))
        elif kind == "move" and plan.areas[1].children:
            plan.areas[2].children.append(plan.areas[1].children.pop(0))
        elif kind == "plan":
            plan.requirements = text


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(count=st.integers(0, 4), first=changes, second=changes)
def test_update_writes_exactly_what_dumps_would(tmp_path: Path, count, first, second) -> None:
    path = tmp_path / "2024.toml"
    store.save(path, _grown(count), force=True)
    for steps in (first, second):
        try:
            loaded = store.update(path, lambda plan, steps=steps: _apply(plan, steps))
        except PlanError as exc:  # only a duplicate id made by the random steps
            assert "重复" in exc.one_line()
            continue
        text = path.read_text(encoding="utf-8")
        assert text == store.dumps(loaded.plan)
        assert store.load(path).plan == loaded.plan


def test_update_splices_a_hand_edited_file_and_keeps_its_other_tasks(tmp_path: Path) -> None:
    path = tmp_path / "2024.toml"
    text = store.dumps(sample_plan()).replace('title = "领域二"', 'title="领域二"   # 手写')
    path.write_text(text, encoding="utf-8")
    store.update(path, add_entry("一条"))
    after = path.read_text(encoding="utf-8")
    assert 'title="领域二"   # 手写' in after  # an untouched task keeps its own text
    assert store.load(path).plan.find("i1")[1].log[0].text == "一条"


def test_a_file_written_by_dumps_is_spliced_not_rewritten() -> None:
    from plan_tui.store import splice

    plan = _grown(3)
    text = store.dumps(plan)
    before = splice.snapshot(plan)
    plan.find("a1i2")[1].owner = "张三"
    spliced = splice.splice(text, before, plan, "x.toml")
    assert spliced == store.dumps(plan)
    hand_made = text.replace("\n\n[[tasks]]\n", "\n\n[settings]\n[[tasks]]\n", 1)
    assert splice.splice(hand_made, before, plan, "x.toml") is None  # not the shape: dumps
