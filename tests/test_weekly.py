"""The weekly pass in the domain: ISO weeks, open tasks, answers and the answer file."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from plan_tui.model import Plan, Status, Task
from plan_tui.model.errors import PlanError
from plan_tui.reports.common import plan_as_of, state_on
from plan_tui.weekly import (
    NO_PROGRESS,
    WeekAnswer,
    apply_answers,
    current_week,
    entry_date,
    last_note,
    open_tasks_in_order,
    parse_answer_file,
    parse_week,
    week_label,
)

DATA = Path(__file__).parent / "data" / "weekly"


def load_script():
    spec = importlib.util.spec_from_file_location("scripted_year", DATA / "scripted_year.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def small_plan() -> Plan:
    return Plan(
        year=2024,
        areas=[
            Task(
                id="a1",
                title="领域一",
                children=[
                    Task(id="t1", title="甲", status=Status.IN_PROGRESS, progress=20),
                    Task(id="t2", title="乙", status=Status.DONE, progress=100),
                    Task(id="t3", title="丙", children=[Task(id="t31", title="丙一")]),
                ],
            ),
            Task(id="a2", title="领域二", status=Status.SUSPENDED),
        ],
    )


def test_parse_week() -> None:
    assert parse_week("2024-W10") == (date(2024, 3, 4), date(2024, 3, 10))
    assert parse_week("2024w1") == (date(2024, 1, 1), date(2024, 1, 7))
    assert parse_week("2020-W53") == (date(2020, 12, 28), date(2021, 1, 3))
    assert week_label("2024-W01") == "2024年第1周"
    assert current_week(date(2024, 12, 30)) == "2025-W01"
    for bad in ("2024-10", "2024-W54", "2024-W00", ""):
        with pytest.raises(PlanError):
            parse_week(bad)


def test_entry_date_is_today_inside_the_week_else_friday() -> None:
    assert entry_date("2024-W10", date(2024, 3, 5)) == date(2024, 3, 5)
    assert entry_date("2024-W10", date(2024, 3, 11)) == date(2024, 3, 8)
    assert entry_date("2024-W10", date(2024, 3, 3)) == date(2024, 3, 8)


def test_open_tasks_in_tree_order() -> None:
    paths = [p for p, _ in open_tasks_in_order(small_plan())]
    assert paths == ["1", "1.1", "1.3", "1.3.1"]


def test_apply_each_kind_of_answer() -> None:
    plan = small_plan()
    answers = [
        WeekAnswer("1.1", "keep"),
        WeekAnswer("t31", "note", "召开推进会"),
        WeekAnswer("1.3", "status", "开工", Status.DELAYED, 35),
        WeekAnswer("a1", "skip"),
    ]
    summary = apply_answers(plan, answers, author="小王", week="2024-W10", today=date(2024, 3, 6))
    t1, t3, t31, a1 = (plan.find(r)[1] for r in ("t1", "t3", "t31", "a1"))
    assert (t1.status, t1.progress) == (Status.IN_PROGRESS, 20)
    assert [(e.date, e.text, e.status, e.author) for e in t1.log] == [
        (date(2024, 3, 6), NO_PROGRESS, None, "小王")
    ]
    # a real note starts a task not started (the status rule), and the entry says so
    assert t31.log[0].text == "召开推进会" and t31.status is Status.IN_PROGRESS
    assert t31.log[0].status is Status.IN_PROGRESS
    assert (t3.status, t3.progress) == (Status.DELAYED, 35)
    assert (t3.log[0].status, t3.log[0].progress, t3.log[0].text) == (Status.DELAYED, 35, "开工")
    assert a1.log == []
    assert (len(summary.kept), len(summary.noted), len(summary.updated), summary.skipped) == (
        1,
        1,
        1,
        1,
    )
    lines = summary.lines()
    assert (
        lines[0] == "共记录 3 项：本周无新进展 1 项，新进展 1 项，更新状态或进度 1 项；跳过 1 项。"
    )
    assert "  1.3 丙：未启动 0% → 滞后 35%；开工" in lines


def test_status_answer_defaults() -> None:
    plan = small_plan()
    apply_answers(plan, [WeekAnswer("1.1", "status", status=Status.DONE)], week="2024-W10")
    apply_answers(plan, [WeekAnswer("1.3", "status", progress=10)], week="2024-W10")
    assert plan.find("1.1")[1].progress == 100
    assert plan.find("1.3")[1].status is Status.IN_PROGRESS


def test_two_updates_in_one_week_keep_both_entries() -> None:
    plan = small_plan()
    apply_answers(
        plan, [WeekAnswer("1.1", "note", "周二")], week="2024-W10", today=date(2024, 3, 5)
    )
    apply_answers(
        plan, [WeekAnswer("1.1", "note", "周四")], week="2024-W10", today=date(2024, 3, 7)
    )
    assert [(e.date.day, e.text) for e in plan.find("1.1")[1].log] == [(5, "周二"), (7, "周四")]


def test_bad_answers_change_nothing() -> None:
    plan = small_plan()
    before = plan.model_copy(deep=True)
    bad = [
        [WeekAnswer("1.1", "keep"), WeekAnswer("9.9", "keep")],
        [WeekAnswer("1.1", "note", "  ")],
        [WeekAnswer("1.1", "status")],
        [WeekAnswer("1.1", "note", "x", date=date(2024, 3, 11))],
    ]
    for answers in bad:
        with pytest.raises(PlanError):
            apply_answers(plan, answers, week="2024-W10")
    assert plan == before


def test_last_note_is_the_newest_before_the_week() -> None:
    plan = small_plan()
    for week, text in (("2024-W08", "八"), ("2024-W09", "九"), ("2024-W10", "十")):
        apply_answers(plan, [WeekAnswer("1.1", "note", text)], week=week)
    monday, _ = parse_week("2024-W10")
    assert last_note(plan.find("1.1")[1], monday).text == "九"


def test_answer_file() -> None:
    plan = small_plan()
    text = (
        "\ufeff# 注释\n\n1.1 | 本周无新进展\nt31｜召开推进会\n"
        "1.3 | 开工 | 推进中 | 40% | 2024-03-05\n1 | | 已完成\n"
    )
    answers = parse_answer_file(text, plan, "2024-W10", "答复.txt")
    assert [(a.task_id, a.kind) for a in answers] == [
        ("t1", "keep"),
        ("t31", "note"),
        ("t3", "status"),
        ("a1", "status"),
    ]
    assert (answers[2].status, answers[2].progress, answers[2].date) == (
        Status.IN_PROGRESS,
        40,
        date(2024, 3, 5),
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("9.9 | x", "找不到任务“9.9”"),
        ("1.1 |", "没有进展说明、状态或进度"),
        ("1.1 | x | 好了", "无法识别的状态“好了”"),
        ("1.1 | x | | 120", "进度“120”应为 0–100 的整数"),
        ("1.1 | x | | | 3月5日", "日期“3月5日”应为 2024-03-08 的形式"),
        ("1.1 | x | | | 2024-03-11", "不在2024年第10周"),
        ("1.1 | a | | | | 多", "字段太多"),
    ],
)
def test_answer_file_errors_name_file_and_line(line: str, message: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_answer_file(f"# 头\n1.1 | 好\n{line}\n", small_plan(), "2024-W10", "答复.txt")
    assert caught.value.one_line().startswith("答复.txt 第3行：")
    assert message in caught.value.one_line()


def test_state_on_rebuilds_status_and_progress_from_the_log() -> None:
    plan = load_script().build_year()
    zhengdi = plan.find("1.2.1")[1]
    assert (zhengdi.status, zhengdi.progress) == (Status.DONE, 100)
    assert state_on(zhengdi, date(2024, 1, 1)) == (Status.NOT_STARTED, 0)
    assert state_on(zhengdi, date(2024, 3, 8)) == (Status.IN_PROGRESS, 70)
    # a task whose status was set without a log entry keeps it
    assert state_on(plan.find("2.3")[1], date(2024, 1, 1)) == (Status.IN_PROGRESS, 40)
    snapshot = plan_as_of(plan, date(2024, 3, 10))
    assert all(e.date <= date(2024, 3, 10) for t in snapshot.tasks() for e in t.log)
    assert plan.find("1.2.1")[1].status is Status.DONE  # the original is untouched


def test_weekly_modules_do_not_import_textual() -> None:
    code = (
        "import sys, plan_tui.weekly, plan_tui.model.schedule, plan_tui.reports.weekly, "
        "plan_tui.reports.bulletin, plan_tui.commands.week, plan_tui.commands.reports; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
