"""``plan-tui show``, ``set`` and ``log``: one task looked at, changed and logged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_plans import run_cli, write_plan_file

from plan_tui.cli import main
from plan_tui.model import Status
from plan_tui.store import load


@pytest.fixture
def home(tmp_path: Path) -> Path:
    write_plan_file(tmp_path)
    return tmp_path


def task_in(home: Path, ref: str):
    return load(home / "plans" / "2024.toml").plan.find(ref)[1]


def test_show_prints_fields_and_log_newest_first(home: Path) -> None:
    result = run_cli(home, "show", "1.1", "--today", "2024-06-01")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for line in (
        "1.1  瞄准目标，在项目落地上出实招",
        "  编号：1.1  （一）",
        "  任务编号：item11",
        "  状态：推进中",
        "  进度：40%",
        "  序时进度：应达100%，逾期，落后60个百分点",
        "  牵头领导：王明",
        "  责任单位：经济发展办公室",
        "  责任人：张三",
        "  完成时限：2024-05-31（5月底前）",
        "  下级任务：1项（已完成0项）",
        "  内容：全年引进项目5个。",
        "    1.1.1  外出招商每月一次（未启动，0%）",
        "  进展记录（新的在前）：",
    ):
        assert line in out.splitlines(), line
    assert out.index("2024-04-12  签约1个项目（40%，李秘书）") < out.index(
        "2024-03-01  走访企业3家（20%）"
    )


def test_show_by_id_with_explicit_plan(home: Path) -> None:
    result = run_cli(home, "show", "plans/2024.toml", "item21")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2.1  改善农村人居环境")
    assert "进展记录（新的在前）：暂无进展记录" in result.stdout


def test_plan_file_may_come_after_the_task(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(home)
    assert main(["show", "1.2", "plans/2024.toml"]) == 0
    assert capsys.readouterr().out.startswith("1.2  优化营商环境")


def test_set_people_and_chinese_deadline(home: Path) -> None:
    result = run_cli(
        home,
        "set",
        "1.2",
        "--lead",
        "周乡长",
        "--unit",
        "党政办",
        "--owner",
        "钱七",
        "--partners",
        "司法所、派出所",
        "--deadline",
        "三季度末",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines() == [
        "已修改 1.2「优化营商环境」：牵头领导 “李书记” → “周乡长”；责任人 “Lisa” → “钱七”；"
        "配合单位 （空） → 司法所、派出所；完成时限 2024-06-10 → 2024-09-30（三季度末）"
    ]
    task = task_in(home, "1.2")
    assert (task.lead, task.unit, task.owner) == ("周乡长", "党政办", "钱七")
    assert task.partners == ["司法所", "派出所"]
    assert (task.deadline, task.deadline_text) == (date(2024, 9, 30), "三季度末")


@pytest.mark.parametrize(
    ("phrase", "day", "kept"),
    [
        ("6月底", date(2024, 6, 30), "6月底"),
        ("6月30日", date(2024, 6, 30), "6月30日"),
        ("年底前", date(2024, 12, 31), "年底前"),
        ("三季度末", date(2024, 9, 30), "三季度末"),
        ("2024-07-15", date(2024, 7, 15), ""),
    ],
)
def test_set_deadline_phrases(home: Path, monkeypatch, capsys, phrase, day, kept) -> None:
    monkeypatch.chdir(home)
    assert main(["set", "1.2", "--deadline", phrase]) == 0
    assert capsys.readouterr().out.startswith("已修改 1.2「优化营商环境」：完成时限 2024-06-10 → ")
    task = task_in(home, "1.2")
    assert (task.deadline, task.deadline_text) == (day, kept)


def test_set_recurring_then_clear(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(home)
    assert main(["set", "2.1", "--deadline", "每季度"]) == 0
    assert task_in(home, "2.1").recurrence == "quarterly"
    assert main(["set", "2.1", "--deadline", "无"]) == 0
    task = task_in(home, "2.1")
    assert (task.deadline, task.deadline_text, task.recurrence) == (None, "", "none")


def test_set_status_label_done_completes_progress(home: Path) -> None:
    result = run_cli(home, "set", "item12", "--status", "已完成", "--title", "优化营商环境行动")
    assert result.returncode == 0, result.stderr
    assert "状态 未启动 → 已完成；进度 0% → 100%" in result.stdout
    task = task_in(home, "1.2")
    assert (task.status, task.progress, task.title) == (Status.DONE, 100, "优化营商环境行动")


def test_set_text_fields(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(home)
    args = ["set", "1.1", "--body", "新正文", "--notes", "需县里支持", "--tags", "重点,招商"]
    assert main([*args, "--progress", "55%", "--status", "in_progress"]) == 0
    task = task_in(home, "1.1")
    assert (task.body, task.notes, task.tags, task.progress) == (
        "新正文",
        "需县里支持",
        ["重点", "招商"],
        55,
    )
    assert main(args) == 0  # the same values again
    assert "没有变化" in capsys.readouterr().out


def test_log_adds_entry_and_updates_task(home: Path) -> None:
    result = run_cli(
        home,
        "log",
        "1.1",
        "签约第2个项目",
        "--progress",
        "70",
        "--status",
        "推进中",
        "--date",
        "2024-05-20",
        "--author",
        "李秘书",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "已为 1.1「瞄准目标，在项目落地上出实招」添加 2024-05-20 的进展记录；进度 40% → 70%"
    )
    task = task_in(home, "1.1")
    assert task.progress == 70 and task.status == Status.IN_PROGRESS
    entry = task.log[-1]
    assert (entry.date, entry.text, entry.progress, entry.author, entry.status) == (
        date(2024, 5, 20),
        "签约第2个项目",
        70,
        "李秘书",
        Status.IN_PROGRESS,
    )
    shown = run_cli(home, "show", "1.1").stdout
    assert shown.index("2024-05-20  签约第2个项目") < shown.index("2024-04-12  签约1个项目")


def test_log_defaults_to_today_with_explicit_plan(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(home)
    assert main(["log", "plans/2024.toml", "2.1", "验收通过"]) == 0
    entry = task_in(home, "2.1").log[-1]
    assert (entry.date, entry.text, entry.status, entry.progress) == (
        date.today(),
        "验收通过",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["set", "1.1", "--progress", "150"], "任务 1.1 进度：进度必须是 0 到 100 之间的整数"),
        (["set", "1.1", "--progress", "abc"], "进度必须是 0 到 100"),
        (["set", "1.1", "--status", "完成了"], "任务 1.1 状态：无法识别的状态“完成了”"),
        (["set", "1.1", "--deadline", "下辈子"], "任务 1.1 完成时限：无法识别的时限“下辈子”"),
        (["set", "1.1", "--deadline", "2月30日"], "不是有效的日期"),
        (["set", "1.1", "--title", " "], "标题不能为空"),
        (["set", "1.1"], "没有要修改的字段"),
        (["set", "9.9", "--owner", "某人"], "找不到任务 9.9"),
        (["show", "nosuchid"], "找不到任务 nosuchid"),
        (["log", "1.1", "进展", "--date", "2024-13-01"], "--date 的值“2024-13-01”不是日期"),
        (["log", "1.1", "进展", "--progress", "-5"], "进度必须是 0 到 100"),
        (["log", "1.1", ""], "进展内容不能为空"),
        (["log", "1.1"], "参数个数不对"),
        (["log", "1.1", "签约", "完成"], "找不到计划文件“1.1”（参数应为：[计划文件] 任务 内容"),
        (["set", "1.1", "1.2", "--owner", "某人"], "找不到计划文件“1.1”"),
    ],
)
def test_bad_values_change_nothing(home: Path, monkeypatch, capsys, args, words) -> None:
    monkeypatch.chdir(home)
    plan_file = home / "plans" / "2024.toml"
    before = plan_file.read_bytes()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and words in err, err
    assert len(err.strip().splitlines()) == 1
    assert plan_file.read_bytes() == before
    assert sorted(p.name for p in plan_file.parent.iterdir()) == [".2024.toml.lock", "2024.toml"]


def test_bad_value_in_a_child_process(home: Path) -> None:
    before = (home / "plans" / "2024.toml").read_bytes()
    result = run_cli(home, "set", "1.1", "--progress", "150")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "错误：plans/2024.toml 任务 1.1 进度：进度必须是 0 到 100 之间的整数，得到“150”"
    )
    assert (home / "plans" / "2024.toml").read_bytes() == before


def test_progress_on_a_task_not_started_starts_it(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(home)
    assert main(["log", "1.2", "本周无新进展", "--date", "2024-03-01"]) == 0
    assert task_in(home, "1.2").status == Status.NOT_STARTED  # "no progress" starts nothing
    assert main(["log", "1.2", "召开座谈会", "--date", "2024-03-08"]) == 0
    assert task_in(home, "1.2").status == Status.IN_PROGRESS  # a real note starts the task
    assert capsys.readouterr().out.strip().endswith("；状态 未启动 → 推进中")
    assert main(["log", "1.2", "出台优化措施", "--progress", "30", "--date", "2024-03-15"]) == 0
    assert capsys.readouterr().out.strip().endswith("；进度 0% → 30%")
    task = task_in(home, "1.2")
    assert (task.status, task.progress) == (Status.IN_PROGRESS, 30)
    assert main(["set", "1.1.1", "--progress", "10"]) == 0
    assert task_in(home, "1.1.1").status == Status.IN_PROGRESS


def test_set_records_the_change_in_the_tasks_history(home: Path, monkeypatch, capsys) -> None:
    """``set`` is the TUI's edit: the task's history gains the change, signed."""
    monkeypatch.chdir(home)
    monkeypatch.setenv("PLAN_TUI_CONFIG_DIR", str(home))
    (home / "settings.toml").write_text('author = "张秘书"\n', encoding="utf-8")
    assert main(["set", "1.2", "--owner", "钱七", "--progress", "30"]) == 0
    changes = task_in(home, "1.2").changes
    assert [(c.field, c.old, c.new, c.author, c.date) for c in changes] == [
        ("owner", "Lisa", "钱七", "张秘书", date.today()),
        ("status", "未启动", "推进中", "张秘书", date.today()),
        ("progress", "0%", "30%", "张秘书", date.today()),
    ]
    capsys.readouterr()


def test_set_and_log_sign_with_the_author_given_else_the_machines(
    home: Path, monkeypatch, capsys
) -> None:
    """The CLI signs as the TUI does: ``--author`` when given, else the setting."""
    monkeypatch.chdir(home)
    monkeypatch.setenv("PLAN_TUI_CONFIG_DIR", str(home))
    (home / "settings.toml").write_text('author = "张秘书"\n', encoding="utf-8")
    assert main(["set", "1.2", "--owner", "钱七", "--author", "李秘书"]) == 0
    assert main(["log", "1.2", "走访企业"]) == 0
    assert main(["log", "1.2", "召开专题会", "--author", "王秘书"]) == 0
    task = task_in(home, "1.2")
    assert [(c.field, c.author) for c in task.changes] == [("owner", "李秘书")]
    assert [(e.text, e.author) for e in task.log] == [
        ("走访企业", "张秘书"),
        ("召开专题会", "王秘书"),
    ]
    capsys.readouterr()


def test_a_status_given_wins_even_when_it_is_the_tasks_own(home: Path, monkeypatch, capsys):
    """``--status 推进中 --progress 100`` on a task 推进中: the user said 推进中."""
    monkeypatch.chdir(home)
    assert main(["set", "1.1", "--status", "推进中", "--progress", "100"]) == 0
    assert capsys.readouterr().out.strip().endswith("：进度 40% → 100%")
    task = task_in(home, "1.1")
    assert (task.status, task.progress) == (Status.IN_PROGRESS, 100)
    assert main(["set", "1.1", "--progress", "100"]) == 0  # the figure alone: 100 is done
    assert capsys.readouterr().out.strip().endswith("：状态 推进中 → 已完成")


def test_set_names_the_cadence_as_show_does(home: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(home)
    assert main(["set", "2.1", "--deadline", "每季度"]) == 0
    out = capsys.readouterr().out
    assert "周期 不重复 → 每季度" in out, out
    assert main(["show", "2.1"]) == 0
    assert "  周期：每季度" in capsys.readouterr().out.splitlines()


def test_log_records_that_a_note_started_the_task(home: Path, monkeypatch, capsys) -> None:
    """The entry says the task was started by it, in the CLI as in the TUI."""
    monkeypatch.chdir(home)
    assert main(["log", "1.2", "召开座谈会", "--date", "2024-03-08"]) == 0
    entry = task_in(home, "1.2").log[-1]
    assert (entry.status, entry.progress) == (Status.IN_PROGRESS, None)
    capsys.readouterr()
