"""The bad-file corpus: every kind of broken plan gives one Chinese line and exit code 2.

Each file under ``tests/data/bad/`` (plus a folder and a missing file made here) is run
through ``plan-tui check`` and ``plan-tui list`` in a subprocess. The message must be one
line on stderr, in Chinese, naming the file and the place; the file must stay unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
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
    "title_empty.toml": ("第105行", "任务 2.1", "title（标题）", "不能为空"),
    "title_blank.toml": ("第105行", "任务 2.1", "title（标题）", "不能为空"),
    "id_missing.toml": ("第102行", "任务 2.1", "缺少字段 id（编号）"),
    "id_with_newline.toml": ("第103行", "任务 2.1", "id（编号）", "控制字符"),
    "id_with_space.toml": ("第103行", "任务 2.1", "id（编号）", "不能有空格"),
    "id_empty.toml": ("第103行", "任务 2.1", "id（编号）", "应以英文字母或 _ 开头"),
    "id_like_a_path.toml": ("第103行", "任务 2.1", "id（编号）", "“3.2”"),
    "id_chinese.toml": ("第103行", "任务 2.1", "id（编号）", "“民生”"),
    "id_too_long.toml": ("第103行", "任务 2.1", "id（编号）", "至多 64 个字符"),
    "id_not_text.toml": ("第103行", "任务 2.1", "id（编号）", "应为文字"),
    "id_with_escape.toml": ("第103行", "任务 2.1", "id（编号）", "控制字符 \\x1b"),
    "progress_as_text.toml": ("第114行", "任务 2.1", "progress（进度）", "应为整数", "“50”"),
    "progress_true.toml": ("第114行", "任务 2.1", "progress（进度）", "应为整数", "True"),
    "progress_float.toml": ("第114行", "任务 2.1", "progress（进度）", "应为整数", "50.0"),
    "log_progress_text.toml": ("第122行", "第1条进展记录", "progress（进度）", "应为整数"),
    "log_date_text.toml": ("第120行", "第1条进展记录", "date（日期）", "3月1日"),
    "log_unknown_key.toml": ("第121行", "第1条进展记录", "不认识的字段 txt", "text"),
    "target_nan.toml": ("第19行", "主要目标第1项", "target_value（目标值）", "有限的数字", "nan"),
    "target_inf.toml": ("第19行", "主要目标第1项", "有限的数字", "inf"),
    "target_value_text.toml": ("第19行", "主要目标第1项", "应为数字", "“6”"),
    "target_value_bool.toml": ("第19行", "主要目标第1项", "应为数字", "True"),
    "red_below_warn.toml": ("第12行", "warn_behind（10）应小于滞后差距 red_behind（5）"),
    "red_equals_warn.toml": ("第12行", "warn_behind（10）应小于滞后差距 red_behind（10）"),
    "warn_behind_text.toml": ("第13行", "[settings]", "warn_behind", "应为整数", "“10”"),
    "near_days_over.toml": ("第15行", "[settings]", "near_days", "不能大于 365"),
    "year_as_text.toml": ("第6行", "year（年度）", "应为整数", "“2024”"),
    "year_bool.toml": ("第6行", "year（年度）", "应为整数", "True"),
    "year_out_of_range.toml": ("第6行", "year（年度）", "不能小于 1900", "1024"),
    "schema_version_text.toml": ("第4行", "不支持的 schema_version", "只能读取 1"),
    "schema_version_bool.toml": ("第4行", "不支持的 schema_version = True"),
    "deep_arrays.toml": ("嵌套太深",),
    "deep_inline_tables.toml": ("嵌套太深",),
    "deep_unknown_key.toml": ("嵌套太深",),
    "huge_unknown_key.toml": ("第9行", "不认识的字段 键键键", "…"),
    "huge_bad_value.toml": ("第109行第9列", "值无效"),
    "tasks_inline.toml": ("第1个任务", "parent（上级任务）应为文字 id"),
    "parent_not_text.toml": ("第104行", "第5个任务", "parent（上级任务）应为文字 id"),
    "parent_after_child.toml": ("第104行", "i9", "上级任务要写在前面"),
    "parent_self.toml": ("第104行", "“i3” 不存在"),
    "status_wrong_case.toml": ("第113行", "任务 2.1", "status（状态）", "not_started（未启动）"),
    "status_number.toml": ("第113行", "任务 2.1", "status（状态）", "应为以下之一"),
    "tags_not_text.toml": ("第115行", "任务 2.1", "tags（标签）", "应为文字"),
    "settings_unknown_key.toml": ("第16行", "[settings]", "不认识的字段 warn_days"),
    "settings_as_value.toml": ("第9行", "settings（设置）", "应为表"),
    "roster_not_list.toml": ("第9行", "名册 [roster] 的 lead", "应为列表"),
    "start_after_text.toml": ("第112行", "任务 2.1", "start（开始日期）", "年初"),
    "invalid_escape.toml": ("第109行第13列", "反斜杠"),
    "control_char_raw.toml": ("第109行第11列", "不允许的字符"),
    "table_header_unclosed.toml": ("第12行第10列", "表头缺少结尾的 ]"),
    "key_without_value.toml": ("第109行第8列", "值无效"),
    "duplicate_table.toml": ("第15行第10列", "同一个表声明了两次"),
    "utf16_encoded.toml": ("第1行", "不是 UTF-8"),
    "only_comments.toml": ("缺少 schema_version",),
    "not_a_plan.toml": ("缺少 schema_version",),
    "fifo.toml": ("命名管道",),
    "socket.toml": ("套接字",),
    "folder.toml": ("文件夹",),
    "missing.toml": ("文件不存在",),
}
MADE_HERE = {"folder.toml", "missing.toml", "fifo.toml", "socket.toml"}
COMMANDS = (["check"], ["list"])
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_corpus_has_every_kind_and_only_those() -> None:
    on_disk = {p.name for p in BAD.iterdir()}
    assert on_disk == set(EXPECTED) - MADE_HERE
    assert len(EXPECTED) >= 80


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple]:
    """Run every command on every case at once (in parallel: each is a fresh python)."""
    folder = tmp_path_factory.mktemp("bad")
    for path in BAD.iterdir():
        shutil.copyfile(path, folder / path.name)
    (folder / "folder.toml").mkdir()
    os.mkfifo(folder / "fifo.toml")  # reading it would wait for ever
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.toml"))

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
    elif name == "folder.toml":
        assert list((folder / name).iterdir()) == []
    assert len(line) <= 200 + len("错误：")
    assert not list(folder.glob(".*.tmp"))
