"""Merging plans through real git: a bare remote and clones in a temporary folder."""

from __future__ import annotations

import http.server
import shutil
import tempfile
import threading
from datetime import date
from pathlib import Path

import pytest
from collab_plans import cli, git, git_env, small_plan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_tui.collab import resolve
from plan_tui.collab.sync import sync
from plan_tui.model import LogEntry, Task
from plan_tui.store import load, save

PLAN = "plans/2024.toml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is required")


def make_clones(top: Path, names=("a", "b")) -> list[Path]:
    """A bare remote holding a plan, and set-up clones of it."""
    git(top, "init", "-q", "--bare", "-b", "main", "remote.git")
    first = top / names[0]
    git(top, "clone", "-q", "remote.git", names[0])
    (first / "plans").mkdir()
    save(first / PLAN, small_plan())
    assert cli(first, "git-setup").returncode == 0
    git(first, "add", ".")
    git(first, "commit", "-q", "-m", "计划")
    git(first, "push", "-q", "origin", "main")
    clones = [first]
    for name in names[1:]:
        git(top, "clone", "-q", "remote.git", name)
        assert cli(top / name, "git-setup").returncode == 0
        clones.append(top / name)
    return clones


@pytest.fixture
def env(tmp_path, monkeypatch):
    for key, value in git_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    return tmp_path


@pytest.fixture
def clones(env):
    return make_clones(env)


def plan_of(clone: Path):
    return load(clone / PLAN).plan


def change(clone: Path, edit) -> None:
    loaded = load(clone / PLAN)
    edit(loaded.plan)
    save(clone / PLAN, loaded.plan, expected=loaded.fingerprint)


def commit(clone: Path, message: str = "改") -> None:
    git(clone, "commit", "-q", "-am", message)


def pull(clone: Path):
    return git(clone, "pull", "--no-rebase", "--no-edit", "-q", check=False)


def test_git_setup_is_idempotent_and_says_so(env):
    git(env, "init", "-q", "repo")
    repo = env / "repo"
    first = cli(repo, "git-setup")
    assert first.returncode == 0 and "已设置 git config merge.plan-tui.driver" in first.stdout
    second = cli(repo, "git-setup")
    assert second.returncode == 0 and "无需改动" in second.stdout
    assert (repo / ".gitattributes").read_text().splitlines() == ["plans/*.toml merge=plan-tui"]
    assert (repo / ".gitignore").read_text().splitlines() == ["plans/.*.lock", "plans/.*.tmp"]
    driver = git(repo, "config", "merge.plan-tui.driver").stdout
    assert "merge-driver %O %A %B %P" in driver


def test_done_when_two_clones_edit_one_task(clones):
    a, b = clones
    assert (
        cli(
            a, "log", PLAN, "1.1", "甲写的进展", "--date", "2024-03-04", "--author", "甲"
        ).returncode
        == 0
    )
    assert cli(a, "set", PLAN, "1.1", "--owner", "王五").returncode == 0
    commit(a)
    assert (
        cli(
            b, "log", PLAN, "1.1", "乙写的进展", "--date", "2024-03-05", "--author", "乙"
        ).returncode
        == 0
    )
    assert cli(b, "set", PLAN, "1.1", "--deadline", "2024-09-30").returncode == 0
    commit(b)
    git(a, "push", "-q")
    assert pull(b).returncode == 0
    git(b, "push", "-q")
    assert pull(a).returncode == 0
    for clone in (a, b):
        item = plan_of(clone).find("1.1")[1]
        assert {e.text for e in item.log} == {"甲写的进展", "乙写的进展"}
        assert (item.owner, item.deadline) == ("王五", date(2024, 9, 30))
        assert cli(clone, "check", PLAN).returncode == 0
    assert (a / PLAN).read_bytes() == (b / PLAN).read_bytes()


def test_same_field_both_sides_check_fails_until_resolved(clones):
    a, b = clones
    assert cli(a, "set", PLAN, "1.2", "--owner", "甲").returncode == 0
    commit(a)
    git(a, "push", "-q")
    assert cli(b, "set", PLAN, "1.2", "--owner", "乙").returncode == 0
    commit(b)
    merged = pull(b)
    assert merged.returncode != 0 and "CONFLICT" in merged.stdout
    text = (b / PLAN).read_text()
    assert "<<<<<<<" not in text and "[[conflicts]]" in text
    checked = cli(b, "check", PLAN)
    assert checked.returncode == 2 and "合并冲突" in checked.stderr
    listed = cli(b, "conflicts", PLAN)
    assert "责任人（本机：乙；对方：甲；原值：空）" in listed.stdout
    settled = cli(b, "resolve", PLAN, "1.2", "owner", "--take", "theirs")
    assert settled.returncode == 0 and "冲突已全部处理" in settled.stdout
    assert cli(b, "check", PLAN).returncode == 0
    assert plan_of(b).find("1.2")[1].owner == "甲"


def test_three_way_conflict_on_three_clones_settled_with_a_new_value(env):
    a, b, c = make_clones(env, ("a", "b", "c"))
    for clone, owner in ((a, "甲"), (b, "乙"), (c, "丙")):
        change(clone, lambda p, o=owner: setattr(p.find("1.1")[1], "owner", o))
        commit(clone)
    assert sync(a / PLAN).code == 0
    outcome = sync(b / PLAN)
    assert outcome.code == 1 and any(
        "本机：乙；对方：甲；原值：张三" in line for line in outcome.lines
    )
    assert cli(b, "resolve", PLAN, "1.1", "owner", "--value", "乙、甲").returncode == 0
    assert sync(b / PLAN).code == 0
    outcome = sync(c / PLAN)
    assert outcome.code == 1
    (conflict,) = plan_of(c).conflicts
    assert (conflict.base, conflict.ours, conflict.theirs) == ("张三", "丙", "乙、甲")
    assert cli(c, "resolve", PLAN, "1.1", "owner", "--take", "base").returncode == 0
    assert sync(c / PLAN).code == 0
    for clone in (a, b):
        assert sync(clone / PLAN).code == 0
    assert {plan_of(x).find("1.1")[1].owner for x in (a, b, c)} == {"张三"}


def test_added_deleted_moved_and_reordered_through_git(clones):
    a, b = clones

    def edit_a(plan):
        plan.find("a1")[1].children.append(Task(id="new_a", title="甲新增"))
        plan.areas = list(reversed(plan.areas))

    def edit_b(plan):
        area = plan.find("a1")[1]
        moved = area.children.pop(1)  # i12 moves under a2
        plan.find("a2")[1].children.append(moved)
        plan.find("a2")[1].children = [c for c in plan.find("a2")[1].children if c.id != "i21"]

    change(a, edit_a)
    commit(a)
    git(a, "push", "-q")
    change(b, edit_b)
    commit(b)
    assert pull(b).returncode == 0
    plan = plan_of(b)
    assert [a.id for a in plan.areas] == ["a2", "a1"]
    assert [c.id for c in plan.find("a2")[1].children] == ["i12"]
    assert [c.id for c in plan.find("a1")[1].children] == ["i11", "new_a"]


def test_delete_against_edit_through_git(clones):
    a, b = clones
    change(a, lambda p: setattr(p.find("a2")[1], "children", []))
    commit(a)
    git(a, "push", "-q")
    change(b, lambda p: p.find("i21")[1].log.append(LogEntry(date=date(2024, 3, 1), text="开班")))
    commit(b)
    assert pull(b).returncode != 0
    plan = plan_of(b)
    assert plan.find("i21")[1].log[0].text == "开班"
    assert [(c.task, c.field, c.ours, c.theirs) for c in plan.conflicts] == [
        ("i21", "deleted", "edited", "deleted")
    ]


def test_merge_driver_refuses_a_file_that_is_not_a_plan(tmp_path):
    good = tmp_path / "good.toml"
    save(good, small_plan())
    bad = tmp_path / "bad.toml"
    bad.write_text("这不是计划 = [", encoding="utf-8")
    before = good.read_bytes()
    done = cli(tmp_path, "merge-driver", str(good), str(good), str(bad), PLAN)
    assert done.returncode == 2
    assert (
        len(done.stderr.strip().splitlines()) == 1 and "对方版本不是有效的计划文件" in done.stderr
    )
    assert good.read_bytes() == before


def test_sync_explains_no_remote(env):
    git(env, "init", "-q", "-b", "main", "alone")
    (env / "alone" / "plans").mkdir()
    save(env / "alone" / PLAN, small_plan())
    done = cli(env / "alone", "sync", PLAN)
    assert done.returncode == 2 and "没有设置远程仓库" in done.stderr
    assert "已在本机提交" not in done.stderr
    assert git(env / "alone", "log", "--oneline").stdout.count("\n") == 1  # committed here


def test_sync_explains_no_network_and_a_missing_remote(clones):
    a, _ = clones
    git(a, "remote", "set-url", "origin", "http://127.0.0.1:9/county.git")
    done = cli(a, "sync", PLAN)
    assert done.returncode == 2 and "连不上远程仓库" in done.stderr
    git(a, "remote", "set-url", "origin", str(a.parent / "missing.git"))
    done = cli(a, "sync", PLAN)
    assert done.returncode == 2 and "找不到远程仓库" in done.stderr


class _AskForPassword(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="county"')
        self.end_headers()

    def log_message(self, *args):
        pass


def test_sync_explains_an_authentication_failure(clones):
    a, _ = clones
    server = http.server.HTTPServer(("127.0.0.1", 0), _AskForPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        git(a, "remote", "set-url", "origin", f"http://127.0.0.1:{server.server_port}/x.git")
        done = cli(a, "sync", PLAN)
    finally:
        server.shutdown()
    assert done.returncode == 2 and "拒绝了登录" in done.stderr


def test_sync_without_git_names_the_package(clones, monkeypatch, tmp_path):
    a, _ = clones
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    done = cli(a, "sync", PLAN)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "请先安装 git" in done.stderr


def test_lock_files_beside_the_plan_stay_out_of_git(clones):
    a, b = clones
    done = cli(b, "log", PLAN, "1.1", "乙的进展", "--date", "2024-03-01")
    assert done.returncode == 0, done.stderr
    assert list((b / "plans").glob(".*.lock"))  # the store left its lock file
    status = git(b, "status", "--porcelain", "--untracked-files=all").stdout.splitlines()
    assert status == [f" M {PLAN}"]
    assert ".gitignore" in git(a, "ls-files").stdout.split()


def test_sync_commit_message_names_what_changed(clones):
    a, _ = clones
    change(a, lambda p: p.find("1.1")[1].log.append(LogEntry(date=date(2024, 3, 1), text="进展")))
    change(a, lambda p: setattr(p.find("2.1")[1], "owner", "李四"))
    outcome = sync(a / PLAN)
    assert outcome.code == 0
    message = git(a, "log", "-1", "--format=%s").stdout.strip()
    assert message == "1.1 添加进展；2.1 修改责任人"


# --- random concurrent edits -----------------------------------------------------------

ROUNDS = 20
op = st.tuples(
    st.sampled_from(["log", "log", "owner", "progress", "add"]),
    st.integers(0, 50),
    st.sampled_from(["甲", "乙", "丙"]),
)
round_edits = st.tuples(st.lists(op, max_size=3), st.lists(op, max_size=3))


def _apply(plan, ops, side: str, round_no: int, written: set) -> None:
    tasks = [t for p, t in plan.walk() if "." in p]
    for n, (kind, pick, value) in enumerate(ops):
        task = tasks[pick % len(tasks)]
        if kind == "log":
            e = LogEntry(
                date=date(2024, 1 + pick % 12, 1 + n), text=f"{side}{round_no}-{n}", author=value
            )
            task.log.append(e)
            written.add((task.id, e.date, e.text, e.author))
        elif kind == "owner":
            task.owner = f"{value}{round_no}"
        elif kind == "progress":
            task.progress = pick * 2
        else:
            plan.areas[pick % len(plan.areas)].children.append(Task(title=f"{side}新增{round_no}"))


def _holds(clone: Path, written: set) -> None:
    have = {(t.id, e.date, e.text, e.author) for t in plan_of(clone).tasks() for e in t.log}
    assert written <= have


def _settle(clone: Path, side: str) -> None:
    loaded = load(clone / PLAN)
    for c in list(loaded.plan.conflicts):
        resolve(loaded.plan, c.task, c.field, take=side)
    save(clone / PLAN, loaded.plan, expected=loaded.fingerprint)


@given(st.lists(round_edits, min_size=ROUNDS, max_size=ROUNDS))
@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
def test_random_concurrent_edits_never_lose_a_log_entry(rounds):
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        top = Path(folder)
        for key, value in git_env(top).items():
            mp.setenv(key, value)
        a, b = make_clones(top)
        written: set = set()
        for round_no, (ops_a, ops_b) in enumerate(rounds):
            mine_a: set = set()
            change(a, lambda p, o=ops_a, r=round_no, w=mine_a: _apply(p, o, "甲", r, w))
            change(b, lambda p, o=ops_b, r=round_no, w=written: _apply(p, o, "乙", r, w))
            written |= mine_a
            if sync(a / PLAN).code == 1:  # same field on both sides: settle, sync again
                _settle(a, "ours")
                assert sync(a / PLAN).code == 0
            git(b, "commit", "-q", "-am", f"乙{round_no}", check=False)
            pull(b)
            _holds(b, written)
            if plan_of(b).conflicts:
                _settle(b, "theirs")
            assert cli(b, "check", PLAN).returncode == 0
            git(b, "commit", "-q", "-am", f"乙合并{round_no}", check=False)
            git(b, "push", "-q")
            assert sync(a / PLAN).code == 0
            _holds(a, written)
        assert (a / PLAN).read_bytes() == (b / PLAN).read_bytes()


def test_sync_refuses_a_broken_plan_from_a_colleague_and_keeps_its_own(clones):
    a, b = clones
    (a / PLAN).write_text((a / PLAN).read_text(encoding="utf-8") + "\n[[tasks]\n", encoding="utf-8")
    commit(a, "手工改坏了")
    git(a, "push", "-q")
    change(b, lambda p: setattr(p.find("1.1")[1], "owner", "乙"))
    before = (b / PLAN).read_bytes()
    done = cli(b, "sync", PLAN)
    assert done.returncode == 2 and "同事的计划无法合并，未合并" in done.stderr
    assert (b / PLAN).read_bytes() == before
    assert git(b, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode != 0


def test_an_unreadable_ancestor_still_merges_without_losing_either_side(tmp_path):
    ours, theirs, base = (tmp_path / n for n in ("ours.toml", "theirs.toml", "base.toml"))
    plan = small_plan()
    plan.find("i11")[1].owner = "甲"
    save(ours, plan)
    plan.find("i11")[1].owner = "乙"
    plan.find("i12")[1].notes = "乙的备注"
    save(theirs, plan)
    base.write_text("坏 = [", encoding="utf-8")
    done = cli(tmp_path, "merge-driver", str(base), str(ours), str(theirs), PLAN)
    assert done.returncode == 1
    merged = load(ours).plan  # without a base every difference is a conflict: none lost
    assert sorted((c.task, c.field, c.ours, c.theirs) for c in merged.conflicts) == [
        ("i11", "owner", "甲", "乙"),
        ("i12", "notes", "", "乙的备注"),
    ]


def test_an_unreadable_ancestor_is_named_even_when_both_sides_agree(tmp_path):
    ours, theirs, base = (tmp_path / n for n in ("ours.toml", "theirs.toml", "base.toml"))
    save(ours, small_plan())
    save(theirs, small_plan())
    base.write_text("坏 = [", encoding="utf-8")
    before = ours.read_bytes()
    done = cli(tmp_path, "merge-driver", str(base), str(ours), str(theirs), PLAN)
    assert done.returncode == 0
    assert len(done.stderr.strip().splitlines()) == 1
    assert "共同祖先版本不是有效的计划文件" in done.stderr and "按两边各自新增合并" in done.stderr
    assert load(ours).plan == load(theirs).plan and ours.read_bytes() == before


def test_git_setup_outside_a_repository_says_so(env):
    (env / "plain").mkdir()
    done = cli(env / "plain", "git-setup")
    assert done.returncode == 2 and "不是 git 仓库" in done.stderr
    assert not (env / "plain" / ".gitattributes").exists()


def test_first_sync_to_an_empty_remote_and_first_sync_of_an_empty_clone(env):
    git(env, "init", "-q", "--bare", "-b", "main", "county.git")
    git(env, "clone", "-q", "county.git", "first")
    git(env, "clone", "-q", "county.git", "second")  # cloned before anything was pushed
    first, second = env / "first", env / "second"
    assert cli(second, "git-setup").returncode == 0  # writes .gitattributes before the pull
    (first / "plans").mkdir()
    save(first / PLAN, small_plan())
    done = cli(first, "sync", PLAN)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == [
        "已在本机提交：新增计划 XX乡2024年（5项任务）",
        "已推送到 origin（main）",
    ]
    done = cli(second, "sync", PLAN)
    assert done.returncode == 0, done.stderr
    assert "已取得同事的计划：plans/2024.toml" in done.stdout
    assert (second / PLAN).read_bytes() == (first / PLAN).read_bytes()
    assert git(second, "status", "--porcelain").stdout == ""


def test_sync_does_not_push_while_conflicts_remain(clones):
    a, b = clones
    for clone, owner in ((a, "甲"), (b, "乙")):
        change(clone, lambda p, o=owner: setattr(p.find("i11")[1], "owner", o))
    assert sync(a / PLAN).code == 0
    assert sync(b / PLAN).code == 1
    pushed = git(b, "rev-parse", "origin/main").stdout
    again = sync(b / PLAN)
    assert again.code == 1 and git(b, "rev-parse", "origin/main").stdout == pushed
    assert cli(b, "resolve", PLAN, "i11", "owner", "--take", "ours").returncode == 0
    assert sync(b / PLAN).code == 0 and sync(a / PLAN).code == 0
    assert plan_of(a).find("i11")[1].owner == "乙"


def test_resolve_refuses_a_value_with_control_characters(clones):
    a, b = clones
    for clone, owner in ((a, "甲"), (b, "乙")):
        change(clone, lambda p, o=owner: setattr(p.find("i11")[1], "owner", o))
    assert sync(a / PLAN).code == 0 and sync(b / PLAN).code == 1
    before = (b / PLAN).read_bytes()
    done = cli(b, "resolve", PLAN, "1.1", "owner", "--value", "丙\x1b[2J")
    assert done.returncode == 2 and "\\x1b" in done.stderr and "\x1b" not in done.stderr
    assert (b / PLAN).read_bytes() == before
