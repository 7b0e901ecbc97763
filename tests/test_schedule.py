"""序时进度 colours at their boundaries, with thresholds from the plan's settings."""

from __future__ import annotations

from datetime import date

import pytest

from plan_tui.model import LogEntry, Plan, Settings, Status, Task
from plan_tui.model.schedule import (
    Health,
    assess,
    classify,
    describe,
    missed_periods,
    period_of,
    periods_due,
)

# 1 January → 10 April 2024 is 100 days, so on 20 February (day 50) 序时 is exactly 50%.
DEADLINE = date(2024, 4, 10)
MID = date(2024, 2, 20)


def plan_with(task: Task, **settings) -> Plan:
    return Plan(year=2024, areas=[task], settings=Settings(**settings))


def task(progress: int = 0, deadline: date | None = DEADLINE, **kw) -> Task:
    return Task(title="任务", status=Status.IN_PROGRESS, progress=progress, deadline=deadline, **kw)


@pytest.mark.parametrize(
    ("progress", "health"),
    [
        (50, Health.NORMAL),
        (41, Health.NORMAL),  # 9 points behind
        (40, Health.WARNING),  # exactly 10 points behind
        (20, Health.WARNING),  # exactly 30 points behind
        (19, Health.BEHIND),  # 31 points behind
        (90, Health.NORMAL),  # ahead of schedule
    ],
)
def test_points_behind_boundaries(progress: int, health: Health) -> None:
    t = task(progress)
    state = assess(t, plan_with(t), MID)
    assert state.expected == 50
    assert state.behind == max(0, 50 - progress)
    assert state.health is health


def test_thresholds_come_from_settings() -> None:
    t = task(45)
    assert classify(t, plan_with(t), MID) is Health.NORMAL
    assert classify(t, plan_with(t, warn_behind=5), MID) is Health.WARNING
    assert classify(t, plan_with(t, warn_behind=2, red_behind=4), MID) is Health.BEHIND


def test_deadline_day_itself_is_not_overdue() -> None:
    nearly = task(80)
    state = assess(nearly, plan_with(nearly), DEADLINE)
    assert state.expected == 100
    assert state.health is Health.NEAR  # 20 behind, but due today: not yet overdue
    far_off = task(60)
    assert classify(far_off, plan_with(far_off), DEADLINE) is Health.BEHIND
    assert classify(nearly, plan_with(nearly), date(2024, 4, 11)) is Health.OVERDUE
    assert (
        describe(assess(nearly, plan_with(nearly), date(2024, 4, 21)), nearly, date(2024, 4, 21))
        == "逾期11天"
    )


def test_done_on_deadline_day_has_no_colour() -> None:
    t = task(100)
    t.status = Status.DONE
    assert classify(t, plan_with(t), date(2024, 5, 1)) is None


def test_no_deadline() -> None:
    t = task(0, deadline=None)
    state = assess(t, plan_with(t), date(2024, 11, 30))
    assert state.expected is None and state.behind == 0
    assert state.health is Health.NORMAL


def test_near_is_seven_days_by_default() -> None:
    t = task(100, deadline=date(2024, 3, 8))
    assert classify(t, plan_with(t), date(2024, 3, 1)) is Health.NEAR  # 7 days
    assert classify(t, plan_with(t), date(2024, 2, 29)) is Health.NORMAL  # 8 days
    assert classify(t, plan_with(t, near_days=8), date(2024, 2, 29)) is Health.NEAR


def test_near_yields_to_behind_but_beats_warning() -> None:
    t = task(0, deadline=date(2024, 3, 8))  # 序时 ~97% on 1 March
    assert classify(t, plan_with(t), date(2024, 3, 1)) is Health.BEHIND
    t2 = task(75, deadline=date(2024, 3, 8))  # ~22 behind → would be 预警
    assert classify(t2, plan_with(t2), date(2024, 3, 1)) is Health.NEAR


def monthly(*days: str, recurrence: str = "monthly", **kw) -> Task:
    log = [LogEntry(date=date.fromisoformat(d), text="报送") for d in days]
    return Task(title="每月调度", status=Status.IN_PROGRESS, recurrence=recurrence, log=log, **kw)


def test_monthly_task_misses_a_month_without_entry() -> None:
    t = monthly("2024-01-15", "2024-03-02")
    plan = plan_with(t)
    missed = missed_periods(t, plan, date(2024, 4, 15))
    assert [p.label for p in missed] == ["2024年2月"]
    state = assess(t, plan, date(2024, 4, 15))
    assert state.health is Health.BEHIND
    assert state.missed == tuple(missed)
    assert describe(state, t, date(2024, 4, 15)) == "漏报1期（2024年2月）"


def test_a_period_is_missed_only_after_its_last_day() -> None:
    t = monthly("2024-01-15")
    plan = plan_with(t)
    assert missed_periods(t, plan, date(2024, 2, 29)) == []
    # February is not reported yet and ends today: due soon, not missed
    assert classify(t, plan, date(2024, 2, 29)) is Health.NEAR
    assert classify(t, plan, date(2024, 2, 20)) is Health.NORMAL
    assert [p.label for p in missed_periods(t, plan, date(2024, 3, 1))] == ["2024年2月"]


def test_recurring_is_judged_by_periods_not_progress() -> None:
    t = monthly("2024-01-31", "2024-02-01", deadline=date(2024, 12, 31))
    state = assess(t, plan_with(t), date(2024, 3, 10))
    assert t.progress == 0
    assert state.health is Health.NORMAL and state.expected is None


def test_quarterly_periods_and_task_start() -> None:
    t = monthly("2024-05-20", recurrence="quarterly", start=date(2024, 4, 1))
    plan = plan_with(t)
    assert [p.label for p in missed_periods(t, plan, date(2024, 10, 1))] == ["2024年第3季度"]
    assert missed_periods(t, plan, date(2024, 9, 30)) == []
    due = periods_due(t, plan, date(2024, 12, 30), date(2025, 1, 5))
    assert [(p.start, p.end) for p in due] == [(date(2024, 10, 1), date(2024, 12, 31))]


def test_closed_recurring_task_has_no_colour() -> None:
    t = monthly()
    t.status = Status.SUSPENDED
    assert classify(t, plan_with(t), date(2024, 6, 1)) is None
    assert len(missed_periods(t, plan_with(t), date(2024, 6, 1))) == 5


def test_period_of() -> None:
    assert period_of("monthly", date(2024, 2, 10)).end == date(2024, 2, 29)
    q4 = period_of("quarterly", date(2024, 11, 5))
    assert (q4.start, q4.end, q4.label) == (date(2024, 10, 1), date(2024, 12, 31), "2024年第4季度")


def test_weekly_task_misses_a_week_without_entry() -> None:
    """2024-01-01 is a Monday: weeks run Monday to Sunday."""
    t = monthly("2024-01-03", "2024-01-17", recurrence="weekly")
    plan = plan_with(t)
    missed = missed_periods(t, plan, date(2024, 1, 22))
    assert [(p.start, p.end, p.label) for p in missed] == [
        (date(2024, 1, 8), date(2024, 1, 14), "2024年第2周")
    ]
    assert classify(t, plan, date(2024, 1, 22)) is Health.BEHIND


def test_half_yearly_periods() -> None:
    t = monthly("2024-03-01", recurrence="half_yearly")
    plan = plan_with(t)
    assert missed_periods(t, plan, date(2024, 12, 31)) == []
    assert [p.label for p in missed_periods(t, plan, date(2025, 1, 2))] == ["2024年下半年"]
    h1 = period_of("half_yearly", date(2024, 6, 30))
    assert (h1.start, h1.end, h1.label) == (date(2024, 1, 1), date(2024, 6, 30), "2024年上半年")


def test_missed_periods_are_said_as_ranges_with_the_year_once() -> None:
    from plan_tui.model.schedule import missed_labels, period_of

    months = [period_of("monthly", date(2024, m, 1)) for m in (1, 2, 3, 4, 6, 7, 8, 9, 11)]
    assert missed_labels(months) == "2024年1月至4月、6月至9月、11月"
    across = [period_of("monthly", date(2024, 12, 1)), period_of("monthly", date(2025, 1, 1))]
    assert missed_labels([*across, period_of("monthly", date(2025, 3, 1))]) == (
        "2024年12月至2025年1月、3月"
    )
    quarters = [period_of("quarterly", date(2024, m, 1)) for m in (1, 7)]
    assert missed_labels(quarters) == "2024年第1季度、第3季度"


def test_the_detail_pane_says_missed_periods_as_the_reports_do() -> None:
    from plan_tui.reports.task_view import schedule_text

    t = monthly("2024-02-10", "2024-06-05")
    text, _ = schedule_text(t, plan_with(t), date(2024, 10, 15))
    assert text.endswith("（7期未报进展：2024年1月、3月至5月、7月至9月）")


def test_a_task_without_a_deadline_is_never_shown_on_schedule() -> None:
    from plan_tui.reports.task_view import schedule_text

    t = task(0, deadline=None)
    assert schedule_text(t, plan_with(t), date(2024, 11, 30)) == ("未设时限", "")
    dated = task(0)
    assert schedule_text(dated, plan_with(dated), date(2024, 1, 2))[0] != "未设时限"


def test_periods_between_gives_a_list_of_its_own_each_time() -> None:
    from plan_tui.model.schedule import periods_between

    first = periods_between("monthly", date(2024, 1, 1), date(2024, 12, 31))
    assert len(first) == 12
    first.clear()  # the periods of a span are shared; the list handed out is not
    again = periods_between("monthly", date(2024, 1, 1), date(2024, 12, 31))
    assert [p.label for p in again[:2]] == ["2024年1月", "2024年2月"] and len(again) == 12
