"""The defects seen when reports were read as a county office reads them, one test each:
contradictions between notes and status, and filtering that differed between reports."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from cli_plans import run_cli, write_plan_file

from plan_tui.docs.document import to_markdown
from plan_tui.model import LogEntry, Plan, Status, Task
from plan_tui.reports.bulletin import build_bulletin
from plan_tui.reports.review import build_review, problems_paragraph
from plan_tui.reports.weekly import build_weekly
from plan_tui.store import load
from plan_tui.weekly import WeekAnswer, apply_answers

sys.path.insert(0, str(Path(__file__).parent))


def _plan(*items: Task) -> Plan:
    return Plan(
        org="XX乡", year=2024, areas=[Task(id="a1", title="依法治乡", children=list(items))]
    )


def _entry(day: str, text: str, **kw) -> LogEntry:
    return LogEntry(date=date.fromisoformat(day), text=text, **kw)


def test_review_never_calls_a_task_with_notes_not_started() -> None:
    item = Task(
        id="i1",
        title="开展法治宣传",
        deadline=date(2024, 12, 31),
        log=[_entry("2024-05-10", "开展法治培训2场")],
    )
    text = to_markdown(build_review(_plan(item), date(2024, 12, 31)))
    assert "开展法治培训2场。" in text
    assert "尚未启动" not in text
    assert "2024年未启动" not in text


def test_problems_leave_out_an_item_on_schedule() -> None:
    on_time = Task(
        id="i1",
        title="完成年度普法任务",
        deadline=date(2024, 12, 31),
        deadline_text="年底前",
        status=Status.IN_PROGRESS,
        progress=95,
        log=[_entry("2024-12-20", "完成普法讲座19场", progress=95)],
    )
    late = Task(
        id="i2",
        title="建设法治文化广场",
        deadline=date(2024, 6, 30),
        status=Status.IN_PROGRESS,
        progress=30,
    )
    text = problems_paragraph(_plan(on_time, late), date(2024, 12, 20))
    assert "完成年度普法任务" not in text
    assert "建设法治文化广场" in text


def test_part_two_says_a_never_started_item_was_not_started() -> None:
    item = Task(id="i1", title="建设法治文化广场", deadline=date(2024, 6, 30))
    text = to_markdown(build_review(_plan(item), date(2024, 12, 31)))
    assert "2024年未完成（滞后）" not in text
    assert "2024年未启动（已超过完成时限）。" in text


def test_weekly_pass_note_starts_a_task(tmp_path: Path) -> None:
    plan = _plan(Task(id="i1", title="开展法治宣传", deadline=date(2024, 12, 31)))
    apply_answers(plan, [WeekAnswer("i1", "note", "开展法治培训2场")], week="2024-W10")
    assert plan.find("i1")[1].status is Status.IN_PROGRESS
    kept = _plan(Task(id="i1", title="开展法治宣传"))
    apply_answers(kept, [WeekAnswer("i1", "keep")], week="2024-W10")
    assert kept.find("i1")[1].status is Status.NOT_STARTED


def test_cli_log_note_and_progress_follow_the_status_rule(tmp_path: Path) -> None:
    write_plan_file(tmp_path)
    result = run_cli(tmp_path, "log", "1.2", "召开营商环境座谈会", "--date", "2024-03-08")
    assert result.returncode == 0, result.stderr
    task = load(tmp_path / "plans" / "2024.toml").plan.find("1.2")[1]
    assert task.status is Status.IN_PROGRESS
    assert "未启动 → 推进中" in result.stdout
    result = run_cli(tmp_path, "set", "2.1", "--progress", "60")
    task = load(tmp_path / "plans" / "2024.toml").plan.find("2.1")[1]
    assert (task.status, task.progress) == (Status.IN_PROGRESS, 60)


def test_a_same_day_duplicate_is_printed_once() -> None:
    item = Task(
        id="i1",
        title="开展法治宣传",
        deadline=date(2024, 12, 31),
        log=[
            _entry("2024-05-10", "开展法治培训2场"),
            _entry("2024-05-10", "开展法治培训2场。"),
        ],
    )
    text = to_markdown(build_bulletin(_plan(item), quarter="2024Q2"))
    progress = text.split("## 三、本季度进展")[1].split("## 四")[0]
    assert progress.count("开展法治培训2场") == 1


def test_no_progress_variants_never_read_as_progress() -> None:
    item = Task(
        id="i1",
        title="开展法治宣传",
        deadline=date(2024, 12, 31),
        log=[_entry("2024-03-08", "本周无进展"), _entry("2024-03-08", "暂无进展。")],
    )
    text = to_markdown(build_weekly(_plan(item), "2024-W10"))
    assert (
        "3月8日：本周无进展" not in text
        and "暂无进展" not in text.split("## 四")[0].split("以下")[0]
    )
    assert "以下1项本周无新进展：1.1 开展法治宣传。" in text


def test_notes_end_cleanly_in_the_weekly() -> None:
    item = Task(
        id="i1",
        title="整治违法建设",
        deadline=date(2024, 12, 31),
        log=[
            _entry("2024-03-05", "查处违法建设15宗!"),
            _entry("2024-03-06", "约谈当事人1名."),
            _entry("2024-03-07", "拆除3处…"),
            _entry("2024-03-08", "复查完成\n建立台账", progress=45),
        ],
    )
    text = to_markdown(build_weekly(_plan(item), "2024-W10"))
    assert (
        "3月5日：查处违法建设15宗。3月6日：约谈当事人1名。3月7日：拆除3处。"
        "3月8日：复查完成，建立台账（进度45%）。"
    ) in text
