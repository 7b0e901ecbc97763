"""Calling the ``git`` program, and registering the plan merge driver in a clone.

Everything here runs ``git`` as a separate program (no library): it is what every
office already has, and what the county's remote speaks.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import PlanError
from ..store.files import os_reason

DRIVER = "plan-tui"
"""Name of the merge driver in ``git config`` and ``.gitattributes``."""
ATTRIBUTE_LINE = f"plans/*.toml merge={DRIVER}"
"""The ``.gitattributes`` line that sends plan files to the driver."""
IGNORED = ("plans/.*.lock", "plans/.*.tmp")
"""``.gitignore`` lines for the store's lock files and unfinished saves beside each plan."""
SETUP_FILES = (".gitattributes", ".gitignore")
"""The files git-setup writes into the clone, committed with the plan."""
NO_GIT = (
    "未找到 git 程序：请先安装 git（Windows 安装 Git for Windows，"
    "Debian/Ubuntu 运行 sudo apt install git），再重试"
)


@dataclass(frozen=True)
class GitResult:
    """The outcome of one ``git`` run."""

    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        """Whether git exited with 0."""
        return self.code == 0


def git_program() -> str:
    """The path of ``git``; :class:`PlanError` naming the package when it is missing."""
    found = shutil.which("git")
    if found is None:
        raise PlanError(NO_GIT)
    return found


def run_git(folder: Path, *args: str) -> GitResult:
    """Run ``git -C folder args…`` without prompts (no password questions) and with
    English messages, which :mod:`plan_tui.collab.sync` reads to explain failures."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANGUAGE": "C"}
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o ConnectTimeout=15")
    done = subprocess.run(
        [git_program(), "-C", str(folder), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        check=False,
    )
    return GitResult(done.returncode, done.stdout, done.stderr)


def repo_root(folder: Path) -> Path:
    """The top folder of the git clone holding ``folder``."""
    result = run_git(folder, "rev-parse", "--show-toplevel")
    if not result.ok:
        raise PlanError(
            "这里不是 git 仓库（版本库）：请先从县里的远程仓库克隆（git clone 地址），"
            "或在此运行 git init",
            folder,
        )
    return Path(result.out.strip())


def driver_command() -> str:
    """The command git runs for a merge: this Python running ``plan_tui merge-driver``."""
    python = sys.executable
    program = f'"{python}"' if os.name == "nt" else shlex.quote(python)
    return f"{program} -m plan_tui merge-driver %O %A %B %P"


def setup(folder: Path) -> list[str]:
    """Register the driver in the clone holding ``folder``; returns what was done
    (empty when everything was already in place)."""
    root = repo_root(folder)
    done: list[str] = []
    wanted = {
        f"merge.{DRIVER}.name": "plan-tui 按任务合并计划文件",
        f"merge.{DRIVER}.driver": driver_command(),
    }
    for key, value in wanted.items():
        current = run_git(root, "config", "--local", "--get", key)
        if current.out.rstrip("\n") != value:
            result = run_git(root, "config", "--local", key, value)
            if not result.ok:
                raise PlanError(f"无法写入 git 设置 {key}：{result.err.strip()}", root)
            done.append(f"已设置 git config {key} = {value}")
    attributes, ignore = SETUP_FILES
    for name, line in ((attributes, ATTRIBUTE_LINE), *((ignore, i) for i in IGNORED)):
        if _add_line(root / name, line):
            done.append(f"已在 {root / name} 中加入：{line}")
    return done


def _add_line(path: Path, line: str) -> bool:
    """Append ``line`` to the text file ``path`` unless it holds it; whether it was added."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if line in [kept.strip() for kept in text.splitlines()]:
            return False
        joined = text if not text or text.endswith("\n") else text + "\n"
        path.write_text(joined + line + "\n", encoding="utf-8")
    except OSError as exc:
        raise PlanError(f"无法更新 {path.name}（{os_reason(exc)}）", path) from None
    except UnicodeDecodeError:
        raise PlanError(f"无法读取 {path.name}：不是 UTF-8 文本", path) from None
    return True


def is_set_up(folder: Path) -> bool:
    """Whether the clone's config and ``.gitattributes`` already name the driver."""
    root = repo_root(folder)
    configured = run_git(root, "config", "--local", "--get", f"merge.{DRIVER}.driver")
    attributes = root / ".gitattributes"
    has_line = attributes.exists() and ATTRIBUTE_LINE in [
        line.strip() for line in attributes.read_text(encoding="utf-8").splitlines()
    ]
    return configured.out.rstrip("\n") == driver_command() and has_line
