"""``plan-tui sync``: commit the plan, pull colleagues' changes (merged by task), push.

For secretaries who do not know git: every git failure is turned into one Chinese
sentence that says what to do (no remote, no network, wrong password, conflicts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Plan
from ..model.errors import PlanError
from ..model.text_rule import visible
from ..store import load, loads
from .changes import describe_changes, summary
from .gitrepo import SETUP_FILES, GitResult, is_set_up, repo_root, run_git, setup
from .resolve import field_label

_NETWORK = (
    "could not resolve host",
    "could not resolve hostname",
    "network is unreachable",
    "connection refused",
    "connection timed out",
    "operation timed out",
    "failed to connect",
    "no route to host",
    "temporary failure in name resolution",
)
_AUTH = (
    "authentication failed",
    "could not read username",
    "could not read password",
    "permission denied (publickey",
    "terminal prompts disabled",
    "error: 401",
    "error: 403",
    "the requested url returned error: 403",
    "the requested url returned error: 401",
    "invalid username or password",
)
_NO_REPO = ("does not appear to be a git repository", "repository not found", "no such file")
_IDENTITY = ("please tell me who you are", "empty ident name", "unable to auto-detect email")
_REJECTED = ("[rejected]", "fetch first", "non-fast-forward", "failed to push some refs")
_PUSH_TRIES = 3
_DRIVER_REFUSED = ("不是有效的计划文件", "无法按任务合并", "合并结果无法保存")
"""Words of the merge driver's one line when it left our version as it was."""


@dataclass
class SyncOutcome:
    """Exit code (0 synced, 1 conflicts left to settle, 2 failed) and lines to print."""

    code: int = 0
    lines: list[str] = field(default_factory=list)


class SyncFailed(PlanError):
    """A git step failed in a way the user must deal with; the message says how."""


def explain(result: GitResult, step: str, remote: str = "") -> str:
    """One Chinese sentence for a failed git run."""
    text = result.err.lower() + result.out.lower()
    where = f"远程仓库 {remote}" if remote else "远程仓库"
    if any(k in text for k in _AUTH):
        return f"{step}失败：{where}拒绝了登录（用户名、密码或密钥不对，或没有权限），请向县里管理员确认账号"
    if any(k in text for k in _NETWORK):
        return f"{step}失败：连不上{where}（没有网络，或服务器没开），本机的修改已保存，联网后再运行 plan-tui sync"
    if any(k in text for k in _NO_REPO):
        return f"{step}失败：找不到{where}（地址不对，或共享盘没有连上），请检查 git remote -v"
    if any(k in text for k in _IDENTITY):
        return (
            f'{step}失败：git 还不知道你是谁，请先运行 git config --global user.name "你的名字" '
            '和 git config --global user.email "邮箱"'
        )
    if "would be overwritten" in text:
        return f"{step}失败：本机有未提交的其他文件修改会被覆盖，请先提交或撤销这些文件的修改"
    if "unrelated histories" in text:
        return f"{step}失败：本机仓库和{where}没有共同的历史，请向懂 git 的同事求助"
    first = next((line for line in result.err.splitlines() if line.strip()), "未知原因")
    return f"{step}失败：{first.strip()}"


def _plan_at(root: Path, rev: str, rel: str) -> Plan | None:
    shown = run_git(root, "show", f"{rev}:{rel}")
    if not shown.ok:
        return None
    try:
        return loads(shown.out, rel)
    except PlanError:
        return None


def conflict_lines(plan: Plan) -> list[str]:
    """Each open conflict on one line: task path, field, this copy's and the other's value."""
    paths = {t.id: (p, t) for p, t in plan.walk()}
    lines = []
    for c in plan.conflicts:
        path, task = paths.get(c.task, ("", None))
        where = f"{path} {task.title[:16]}" if task is not None else (c.task or "计划")
        line = (
            f"  {where}：{field_label(c.field)}（本机：{_shown(c.ours)}；对方：{_shown(c.theirs)}；"
            f"原值：{_shown(c.base)}）"
        )
        lines.append(visible(" ".join(line.split("\n"))))
    return lines


def _shown(value: object) -> str:
    if value is None or value == "":
        return "空"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "空"
    return {"edited": "修改了", "deleted": "删除了"}.get(str(value), str(value))


class _Sync:
    def __init__(self, plan_path: Path) -> None:
        self.path = plan_path.resolve()
        folder = self.path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # a fresh clone may not have plans/ yet
        self.root = repo_root(folder)
        self.rel = self.path.relative_to(self.root.resolve()).as_posix()
        self.out = SyncOutcome()

    def git(self, *args: str) -> GitResult:
        return run_git(self.root, *args)

    def say(self, line: str) -> None:
        self.out.lines.append(line)

    def commit_local(self) -> None:
        """Commit the plan (and git-setup's .gitattributes and .gitignore) with a message
        naming the changes."""
        if not self.path.exists():
            return  # nothing here yet: the pull brings the plan
        load(self.path)  # a broken file is reported, never committed
        paths = [self.rel]
        paths += [name for name in SETUP_FILES if (self.root / name).exists()]
        status = self.git("status", "--porcelain", "--", *paths)
        if not status.out.strip():
            return
        before = _plan_at(self.root, "HEAD", self.rel)
        plan = load(self.path).plan
        if before is None:
            message = f"新增计划 {plan.org}{plan.year}年（{sum(1 for _ in plan.tasks())}项任务）"
        else:
            message = summary(describe_changes(before, plan)) or "更新计划设置"
        added = self.git("add", "--", *paths)
        if not added.ok:
            raise SyncFailed(explain(added, "登记修改"))
        done = self.git("commit", "-m", message, "--", *paths)
        if not done.ok:
            raise SyncFailed(explain(done, "提交"))
        self.say(f"已在本机提交：{message}")

    def finish_merge(self) -> None:
        """Conclude a merge git left open: plan files hold their conflicts as valid TOML."""
        unmerged = [
            p for p in self.git("diff", "--name-only", "--diff-filter=U").out.splitlines() if p
        ]
        others = [p for p in unmerged if not (p.startswith("plans/") and p.endswith(".toml"))]
        if others:
            raise SyncFailed(
                "合并时这些文件有冲突，plan-tui 只能合并计划文件，请找懂 git 的同事处理："
                + "、".join(others)
            )
        for rel in unmerged:
            load(self.root / rel)  # the driver always leaves a valid plan; check anyway
        if unmerged:
            self.git("add", "--", *unmerged)
        if self.git("rev-parse", "-q", "--verify", "MERGE_HEAD").ok:
            done = self.git("commit", "--no-edit")
            if not done.ok:
                raise SyncFailed(explain(done, "提交合并"))

    def remote_and_branch(self) -> tuple[str, str]:
        remotes = [r for r in self.git("remote").out.split() if r]
        if not remotes:
            raise SyncFailed(
                "没有设置远程仓库，修改只保存在本机。请运行 git remote add origin 地址"
                "（县里的服务器或共享盘上的仓库）后再 sync"
            )
        remote = "origin" if "origin" in remotes else remotes[0]
        branch = self.git("symbolic-ref", "--short", "HEAD").out.strip() or "main"
        return remote, branch

    def pull(self, remote: str, branch: str) -> bool:
        """Fetch and merge; False when the remote has no such branch yet."""
        fetched = self.git("fetch", remote)
        if not fetched.ok:
            raise SyncFailed(explain(fetched, "获取同事的修改", remote))
        tracking = f"refs/remotes/{remote}/{branch}"
        if not self.git("rev-parse", "-q", "--verify", tracking).ok:
            return False
        self.drop_untracked_setup_files(tracking)
        if not self.git("rev-parse", "-q", "--verify", "HEAD").ok:
            checked = self.git("checkout", "-B", branch, tracking)  # a clone of an empty remote
            if not checked.ok:
                raise SyncFailed(explain(checked, "取出同事的计划", remote))
            return True
        message = f"合并同事的修改（{remote}/{branch}）"
        merged = self.git("merge", "--no-edit", "-m", message, f"{remote}/{branch}")
        if not merged.ok:
            said = (merged.err + merged.out).splitlines()
            refused = [line for line in said if any(w in line for w in _DRIVER_REFUSED)]
            if refused:  # the driver left our version: never commit that as the merge
                self.git("merge", "--abort")
                raise SyncFailed(f"同事的计划无法合并，未合并：{refused[0].removeprefix('错误：')}")
            unmerged = self.git("diff", "--name-only", "--diff-filter=U").out.strip()
            if not unmerged:
                raise SyncFailed(explain(merged, "合并同事的修改", remote))
            self.finish_merge()
        return True

    def drop_untracked_setup_files(self, tracking: str) -> None:
        """A ``.gitattributes`` or ``.gitignore`` written here by git-setup before the first
        pull would block the merge that brings the same file: drop it when the remote's
        covers it."""
        for name in SETUP_FILES:
            local = self.root / name
            if not local.exists() or self.git("ls-files", "--", name).out.strip():
                continue
            remote = self.git("show", f"{tracking}:{name}")
            if not remote.ok:
                continue
            wanted = {line.strip() for line in remote.out.splitlines()}
            mine = {line.strip() for line in local.read_text(encoding="utf-8").splitlines()}
            if mine - {""} <= wanted:
                local.unlink()

    def push(self, remote: str, branch: str) -> GitResult:
        return self.git("push", "-u", remote, f"HEAD:refs/heads/{branch}")

    def run(self) -> SyncOutcome:
        if self.git("rev-parse", "-q", "--verify", "MERGE_HEAD").ok:
            self.finish_merge()
        if not is_set_up(self.root):
            setup(self.root)
            self.say("已为本仓库设置按任务合并（plan-tui git-setup）")
        self.commit_local()
        remote, branch = self.remote_and_branch()
        if not self.path.exists():
            self.pull(remote, branch)
            if not self.path.exists():
                raise SyncFailed(f"本机和远程仓库都没有这份计划：{self.rel}")
            self.say(f"已取得同事的计划：{self.rel}")
        before = self.git("rev-parse", "HEAD").out.strip()
        mine = _plan_at(self.root, "HEAD", self.rel)
        for _ in range(_PUSH_TRIES):
            self.pull(remote, branch)
            plan = load(self.path).plan
            if plan.conflicts:
                self.report_incoming(mine, plan, before)
                self.out.code = 1
                self.say(f"合并后有 {len(plan.conflicts)} 处冲突待处理（尚未推送）：")
                self.out.lines.extend(conflict_lines(plan))
                self.say(
                    "请用 plan-tui resolve 任务 字段 --take ours|theirs 逐一处理"
                    "（或在界面中按 c），然后再运行 plan-tui sync"
                )
                return self.out
            pushed = self.push(remote, branch)
            if pushed.ok:
                break
            text = (pushed.err + pushed.out).lower()
            if not any(k in text for k in _REJECTED) or any(k in text for k in _AUTH):
                raise SyncFailed(explain(pushed, "推送", remote))
        else:
            raise SyncFailed("推送失败：同事一直在同时推送，请稍后再运行 plan-tui sync")
        self.report_incoming(mine, load(self.path).plan, before)
        after = self.git("rev-parse", "HEAD").out.strip()
        if "everything up-to-date" in (pushed.err + pushed.out).lower():
            self.say("已是最新：本机和远程仓库一致" if after == before else "本机已与远程仓库一致")
        else:
            self.say(f"已推送到 {remote}（{branch}）")
        return self.out

    def report_incoming(self, mine: Plan | None, merged: Plan, before: str) -> None:
        if self.git("rev-parse", "HEAD").out.strip() == before or mine is None:
            return
        incoming = describe_changes(mine, merged)
        if incoming:
            self.say(f"已合并同事的修改：{summary(incoming)}")


def sync(plan_path: Path) -> SyncOutcome:
    """Commit, pull (merging by task), push; a :class:`PlanError` explains a failure."""
    return _Sync(plan_path).run()
