"""The bad-file corpus: every kind of broken plan gives one Chinese line and exit code 2.

Each file under ``tests/data/bad/`` (plus a folder and a missing file made here) is run
through ``plan-tui check`` and ``plan-tui list`` in a subprocess. The message must be one
line on stderr, in Chinese, naming the file and the place; the file must stay unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "data" / "bad"

# file -> fragments the message must contain (besides the file name)
EXPECTED: dict[str, tuple[str, ...]] = {
    "malformed_value.toml": ("第6行第12列", "TOML 格式错误", "多余的内容"),
    "unterminated_string.toml": ("第44行", "缺少结尾的引号"),
    "duplicate_key.toml": ("第45行", "键 title 写了两次"),
    "unclosed_array.toml": ("第51行", "列表缺少结尾的 ]"),
    "schema_version_unknown.toml": ("第4行", "schema_version = 9", "只能读取 1"),
    "schema_version_missing.toml": ("缺少 schema_version",),
    "progress_over_100.toml": ("第56行", "任务 1.1", "progress（进度）", "不能大于 100", "150"),
    "progress_negative.toml": ("第80行", "任务 1.2", "progress（进度）", "不能小于 0", "-5"),
    "status_unknown.toml": (
        "第55行",
        "任务 1.1",
        "status（状态）",
        "not_started（未启动）",
        "suspended（暂缓）",
        "finished",
    ),
    "date_impossible.toml": ("第76行", "日期无效"),
    "date_as_phrase.toml": ("第76行", "任务 1.2", "deadline（完成时限）", "应为日期", "6月底前"),
    "fullwidth_quotes.toml": ("第109行第9列", "英文双引号", "不能用中文引号"),
    "text_without_quotes.toml": ("第109行第9列", "值无效", "英文双引号"),
    "date_not_padded.toml": ("第76行", "日期要写成 2024-06-30"),
    "unknown_table.toml": ("第61行", "不认识的字段 task", "tasks"),
    "deadline_with_time.toml": ("第76行", "任务 1.2", "deadline（完成时限）", "不带时间"),
    "unknown_key.toml": ("第110行", "任务 2.1", "不认识的字段 progres", "progress"),
    "duplicate_task_id.toml": ("第86行", "任务 2", "i1", "与任务 1.1 重复"),
    "parent_missing.toml": ("第104行", "parent", "a9", "不存在"),
    "partners_not_list.toml": ("第75行", "任务 1.2", "partners（配合单位）", "应为列表"),
    "log_without_date.toml": ("第61行", "任务 1.1", "第1条进展记录", "缺少字段 date（日期）"),
    "log_not_table.toml": ("第110行", "任务 2.1", "[[tasks.log]]"),
    "children_key.toml": ("第110行", "任务 2.1", "children"),
    "year_missing.toml": ("缺少字段 year（年度）",),
    "year_not_number.toml": ("第6行", "year（年度）", "应为整数", "明年"),
    "recurrence_unknown.toml": ("第112行", "任务 2.1", "monthly（每月）", "daily"),
    "settings_out_of_range.toml": ("第13行", "[settings]", "warn_behind", "不能大于 100"),
    "target_without_name.toml": ("第17行", "主要目标第1项", "缺少字段 name"),
    "tasks_as_table.toml": ("第23行", "[[tasks]]"),
    "empty.toml": ("文件是空的",),
    "gbk_encoded.toml": ("第1行", "不是 UTF-8", "GBK"),
    "binary_png.toml": ("不是 UTF-8",),
    "bom_then_bad_progress.toml": ("第114行", "任务 2.1", "不能大于 100", "101"),
    "folder.toml": ("文件夹",),
    "missing.toml": ("文件不存在",),
}
COMMANDS = (["check"], ["list"])
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_corpus_has_every_kind_and_only_those() -> None:
    on_disk = {p.name for p in BAD.iterdir()}
    made_here = {"folder.toml", "missing.toml"}
    assert on_disk == set(EXPECTED) - made_here
    assert len(EXPECTED) >= 15


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple]:
    """Run every command on every case at once (in parallel: each is a fresh python)."""
    folder = tmp_path_factory.mktemp("bad")
    for path in BAD.iterdir():
        shutil.copyfile(path, folder / path.name)
    (folder / "folder.toml").mkdir()

    def run(name: str, command: list[str]) -> tuple:
        done = subprocess.run(
            [sys.executable, "-m", "plan_tui", *command, name],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return done.returncode, done.stdout, done.stderr

    jobs = [(name, command) for name in EXPECTED for command in COMMANDS]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        outcomes = list(pool.map(lambda job: run(*job), jobs))
    found = {
        (name, " ".join(command)): out for (name, command), out in zip(jobs, outcomes, strict=True)
    }
    found["__folder__"] = folder  # type: ignore[assignment]
    return found


@pytest.mark.parametrize("command", [" ".join(c) for c in COMMANDS])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_one_chinese_line_and_exit_2(results, name: str, command: str) -> None:
    code, stdout, stderr = results[(name, command)]
    assert code == 2, stderr
    assert stdout == ""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and stderr.endswith("\n"), stderr
    line = lines[0]
    assert line.startswith("错误：")
    assert CJK.search(line.removeprefix("错误："))
    assert name in line
    for fragment in EXPECTED[name]:
        assert fragment in line, f"{fragment!r} not in {line!r}"
    folder: Path = results["__folder__"]
    if (BAD / name).exists():
        assert (folder / name).read_bytes() == (BAD / name).read_bytes()
    elif name == "missing.toml":
        assert not (folder / name).exists()
    else:
        assert list((folder / name).iterdir()) == []
    assert not list(folder.glob(".*.tmp"))
