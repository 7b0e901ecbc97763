"""``plan-tui list``: aligned Chinese tables, JSON for scripts, filters, finding the plan."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_plans import ledger_plan, run_cli, write_plan_file

from plan_tui.cli import main
from plan_tui.commands.listing import render_table
from plan_tui.model import Plan, Task
from plan_tui.textwidth import width

KEYS = {
    "id",
    "path",
    "title",
    "lead",
    "unit",
    "owner",
    "deadline",
    "status",
    "progress",
    "health",
    "expected",
}
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path: Path) -> Path:
    write_plan_file(tmp_path)
    return tmp_path


def list_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    """Run ``list --json`` in this process (fast) and parse what it printed."""
    assert main(["list", "--json", "--today", "2024-06-01", *args]) == 0
    return json.loads(capsys.readouterr().out)


def column_starts(line: str, cells: list[str]) -> list[int]:
    """Display column at which each of ``cells`` starts, searching left to right."""
    starts, pos = [], 0
    for cell in cells:
        index = line.index(cell, pos)
        starts.append(width(line[:index]))
        pos = index + len(cell)
    return starts


def test_table_lines_up_chinese_text(home: Path) -> None:
    result = run_cli(home, "list", "--today", "2024-06-01")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe
    lines = result.stdout.splitlines()
    header, rows, summary = lines[0], lines[1:-1], lines[-1]
    # six rows: two area headings, three work items and a measure; only items are counted
    assert (
        summary == "共 3 项工作事项（另列出领域标题2个、具体措施1项），按 2024-06-01 计算序时进度"
    )
    records = {r["path"]: r for r in json.loads(run_cli(home, "list", "--json").stdout)}
    heads = ["状态", "序时", "进度", "牵头领导", "责任单位", "责任人", "完成时限"]
    expected = column_starts(header, heads)
    progress_end = expected[2] + width("进度")
    assert len(rows) == 6
    for row in rows:
        path = row.split()[0]
        task = ledger_plan().find(path)[1]
        # areas and the measure have no deadline: nothing to measure, never 正常
        health = {"1.1": "逾期", "1.2": "滞后"}.get(path, "-")
        cells = [
            task.status.label,
            health,
            f"{task.progress}%",
            task.lead or "-",
            task.unit or "-",
            task.owner or "-",
            records[path]["deadline"] or "-",
        ]
        starts = column_starts(row, cells)
        # every column starts at the same display column, progress is right-aligned
        assert starts[:2] + starts[3:] == expected[:2] + expected[3:], row
        assert starts[2] + width(cells[2]) == progress_end, row


def test_long_titles_are_cut_with_an_ellipsis(tmp_path: Path) -> None:
    plan = Plan(year=2024, areas=[Task(title="持续" * 80, owner="张三"), Task(title="短")])
    write_plan_file(tmp_path, plan=plan)
    lines = run_cli(tmp_path, "list").stdout.splitlines()
    assert "…" in lines[1]
    assert width(lines[1]) <= 120
    assert column_starts(lines[1], ["张三"]) == column_starts(lines[0], ["责任人"])


def test_json_has_the_documented_keys(home: Path) -> None:
    result = run_cli(home, "list", "plans/2024.toml", "--json", "--today", "2024-06-01")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["path"] for r in records] == ["1", "1.1", "1.1.1", "1.2", "2", "2.1"]
    assert all(set(r) == KEYS for r in records)
    item = records[1]
    assert item == {
        "id": "item11",
        "path": "1.1",
        "title": "瞄准目标，在项目落地上出实招",
        "lead": "王明",
        "unit": "经济发展办公室",
        "owner": "张三",
        "deadline": "2024-05-31",
        "status": "in_progress",
        "progress": 40,
        "health": "overdue",
        "expected": 100,
    }
    assert records[2]["deadline"] is None and records[2]["expected"] is None
    assert records[5]["health"] is None  # done: no colour


@pytest.mark.parametrize(
    ("args", "paths"),
    [
        (["--status", "推进中"], ["1.1"]),
        (["--status", "in_progress"], ["1.1"]),
        (["--status", "done,未启动"], ["1", "1.1.1", "1.2", "2", "2.1"]),
        (["--status", "done", "--status", "推进中"], ["1.1", "2.1"]),
        (["--owner", "张三"], ["1.1", "1.1.1"]),
        (["--owner", "lisa"], ["1.2"]),
        (["--unit", "党政办"], ["1.2"]),
        (["--lead", "王"], ["1.1"]),
        (["--overdue"], ["1.1"]),
        (["--due-before", "2024-06-10"], ["1.1", "1.2"]),
        (["--due-before", "5月底"], ["1.1"]),
        (["--due-within", "9"], ["1.2"]),
        (["--due-within", "8"], []),
        (["--search", "zsyz"], ["1"]),
        (["--search", "zhaoshang"], ["1", "1.1.1"]),
        (["--search", "人居"], ["2.1"]),
        (["--health", "逾期"], ["1.1"]),
        (["--health", "normal,behind"], ["1", "1.1.1", "1.2", "2"]),
        (["--owner", "张", "--status", "未启动"], ["1.1.1"]),
    ],
)
def test_filters(home: Path, capsys, monkeypatch, args: list[str], paths: list[str]) -> None:
    monkeypatch.chdir(home)
    assert [r["path"] for r in list_json(capsys, *args)] == paths


def test_filtered_table_says_what_was_filtered(home: Path) -> None:
    result = run_cli(home, "list", "--status", "推进中", "--owner", "张", "--overdue")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].startswith(
        "共 1 项工作事项（筛选：状态：推进中 · 责任人：张 · 逾期）"
    )
    empty = run_cli(home, "list", "--owner", "无此人")
    assert empty.returncode == 0
    assert "没有符合条件的任务（筛选：责任人：无此人）" in empty.stdout


def test_default_plan_is_the_newest_in_plans(tmp_path: Path) -> None:
    write_plan_file(tmp_path, "2023.toml", ledger_plan(2023))
    write_plan_file(tmp_path, "2024.toml", Plan(year=2024, areas=[Task(title="新一年")]))
    result = run_cli(tmp_path, "list", "--json")
    assert result.returncode == 0, result.stderr
    assert [r["title"] for r in json.loads(result.stdout)] == ["新一年"]


def test_no_plan_says_how_to_import_one(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "list")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("错误：")
    assert "plan-tui import" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--status", "完成了"], "无法识别的状态"),
        (["--today", "明天"], "--today"),
        (["--due-before", "下辈子"], "--due-before"),
        (["--due-within", "-3"], "不能为负数"),
        (["--health", "紫色"], "序时状态"),
    ],
)
def test_bad_options_exit_2(home: Path, capsys, monkeypatch, args, words) -> None:
    monkeypatch.chdir(home)
    assert main(["list", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and words in err
    assert len(err.strip().splitlines()) == 1


def _python(folder: Path, code: str) -> subprocess.CompletedProcess[str]:
    """``python -c CODE`` in ``folder``, as a script using plan-tui would run."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, timeout=120
    )


def test_list_runs_without_textual(home: Path) -> None:
    code = (
        "import sys; from plan_tui.cli import main; "
        "assert main(['list', '--json']) == 0; "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = _python(home, code)
    assert result.returncode == 0, result.stderr


def test_seed_plan_has_7_areas_and_22_items() -> None:
    result = run_cli(REPO, "list", "plans/2024.toml", "--json")
    assert result.returncode == 0, result.stderr
    paths = [r["path"] for r in json.loads(result.stdout)]
    assert len([p for p in paths if re.fullmatch(r"\d+", p)]) == 7
    assert len([p for p in paths if re.fullmatch(r"\d+\.\d+", p)]) == 22


def test_narrow_terminal_leaves_out_lead_and_unit() -> None:
    plan = ledger_plan()
    pairs = list(plan.walk())
    wide, dropped = render_table(pairs, plan, date(2024, 6, 1), 160, colour=False)
    assert dropped == [] and "牵头领导" in wide[0]
    narrow, dropped = render_table(pairs, plan, date(2024, 6, 1), 80, colour=False)
    assert dropped == ["牵头领导", "责任单位"]
    assert "牵头领导" not in narrow[0] and "经济发展办公室" not in "".join(narrow)
    assert max(width(line) for line in narrow) <= 80
    assert "瞄准目标，在项目落地上出实招" in narrow[2]  # the title stays whole


def _list_in_a_terminal(home: Path, today: str) -> str:
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "plan_tui", "list", "--today", today],
        cwd=home,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "NO_COLOR"},
    ) as child:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the child exits
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert child.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colour_only_in_a_terminal(home: Path) -> None:
    assert "\x1b[31m逾期" in _list_in_a_terminal(home, "2024-06-01")  # red for overdue
    assert "\x1b[32m正常" in _list_in_a_terminal(home, "2024-02-01")  # green on schedule


def test_list_loads_only_what_the_json_needs(home: Path) -> None:
    # the table's width rules, deadline phrases and work-item rules are not needed to
    # print JSON
    code = (
        "import json, sys; from plan_tui.cli import main; "
        "assert main(['list', '--json']) == 0; "
        "wanted = ('wcwidth', 'plan_tui.textwidth', "
        "'plan_tui.model.deadlines', 'plan_tui.model.work_items'); "
        "print(json.dumps([m for m in wanted if m in sys.modules]), file=sys.stderr)"
    )
    result = _python(home, code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stderr) == []


@pytest.mark.parametrize("batch", [500, 2])
def test_json_output_is_one_record_per_line_as_json_dumps_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch, batch: int
) -> None:
    from plan_tui.commands import listing

    monkeypatch.setattr(listing, "_BATCH", batch)  # written in one batch, or several
    from plan_tui import store
    from plan_tui.commands.listing import task_record
    from plan_tui.model.text_rule import json_escaped

    plan = ledger_plan()
    plan.areas[0].children[0].title = '引号"、反斜杠\\、😀、</script>、「全角」'
    path = tmp_path / "2024.toml"
    store.save(path, plan)
    assert main(["list", str(path), "--json", "--today", "2024-06-01"]) == 0
    out = capsys.readouterr().out
    day = date(2024, 6, 1)
    records = [task_record(p, t, plan, day) for p, t in plan.walk()]
    assert len(records) > 2 * batch or batch > len(records)
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    assert out == json_escaped("[\n" + ",\n".join(lines) + "\n]") + "\n"


def test_a_command_leaves_the_collector_on(home: Path, monkeypatch) -> None:
    import gc

    monkeypatch.chdir(home)
    assert gc.isenabled()
    assert main(["list", "--json"]) == 0
    assert gc.isenabled()


def test_a_work_item_without_a_deadline_reads_as_such_never_on_schedule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    from plan_tui import store

    plan = ledger_plan()
    plan.find("1.2")[1].deadline = None
    store.save(tmp_path / "2024.toml", plan)
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["list", str(tmp_path / "2024.toml"), "--today", "2024-06-01"]) == 0
    rows = {line.split()[0]: line.split() for line in capsys.readouterr().out.splitlines()[1:-1]}
    assert rows["1.2"][2:4] == ["未启动", "未设时限"]
    assert rows["1"][2:4] == ["未启动", "-"] and rows["1.1.1"][2:4] == ["未启动", "-"]
