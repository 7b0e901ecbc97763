"""The weekly pass and the dashboard screens, mounted in a tiny host app."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from textual.app import App
from textual.widgets import Static

from plan_tui.model import Status
from plan_tui.model.schedule import Health
from plan_tui.query import TaskFilter
from plan_tui.tui.dashboard import DashboardScreen, area_progress, health_counts
from plan_tui.tui.week_pass import WeekPassScreen
from plan_tui.weekly import NO_PROGRESS, apply_answers

DATA = Path(__file__).parent / "data" / "weekly"
TODAY = date(2024, 3, 6)


def _script():
    spec = importlib.util.spec_from_file_location("scripted_year", DATA / "scripted_year.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Host(App):
    """Pushes one screen and keeps what it dismisses with."""

    def __init__(self, screen) -> None:
        super().__init__()
        self.modal = screen
        self.result: object = "not dismissed"

    def on_mount(self) -> None:
        self.push_screen(self.modal, self._done)

    def _done(self, value) -> None:
        self.result = value


def plan_until(week: str):
    """The scripted plan as it stood after ``week`` (as the week's report sees it)."""
    script = _script()
    plan = script.base_plan()
    for name, answers in sorted(script.SCRIPT.items()):
        if name <= week:
            apply_answers(plan, answers, week=name, today=date(2025, 1, 1))
    return plan


def week_pass() -> tuple[Host, WeekPassScreen]:
    plan = _script().base_plan()
    screen = WeekPassScreen(plan, "2024-W10", TODAY)
    return Host(screen), screen


async def test_week_pass_keep_note_status_skip_back() -> None:
    app, screen = week_pass()
    async with app.run_test(size=(120, 40)) as pilot:
        task_text = str(screen.query_one("#wp-task", Static).content)
        assert "1 抓项目促发展" in task_text and "牵头领导：王建国" in task_text
        await pilot.press("enter")  # 1: 本周无新进展
        assert "1.1 招商引资" in str(screen.query_one("#wp-task", Static).content)
        assert "完成时限：2024-06-30（6月底前）" in str(
            screen.query_one("#wp-task", Static).content
        )
        await pilot.press("n", *"召开部署会", "enter")  # 1.1: a note
        await pilot.press("space")  # 1.2: skip
        await pilot.press("s", *"推进中", "tab", *"60", "tab", *"摸底完成", "enter")  # 1.2.1
        await pilot.press("b")  # back to 1.2.1 …
        assert "1.2.1 征地拆迁" in str(screen.query_one("#wp-task", Static).content)
        assert "已答：设置状态和进度" in str(screen.query_one("#wp-answer").render())
        await pilot.press("s", "tab", *"70", "enter")  # … and answer it again
        await pilot.press("j")  # 1.2.2: skip
        await pilot.press("q")  # end: the summary
        summary = str(screen.query_one("#wp-task", Static).content)
        assert "本次周调度小结" in summary
        assert "1.2.1 征地拆迁：未启动 0% → 推进中 70%" in summary
        await pilot.press("enter")  # confirm
    answers = app.result
    assert [(a.task_id, a.kind) for a in answers] == [
        ("a1", "keep"),
        ("t11", "note"),
        ("t12", "skip"),
        ("t121", "status"),
        ("t122", "skip"),
    ]
    assert answers[1].text == "召开部署会"
    assert (answers[3].status, answers[3].progress) == (None, 70)
    assert all(a.date == TODAY for a in answers)
    # the screen never touches the plan; the app applies the answers
    assert all(not t.log for t in screen.plan.tasks())
    plan = screen.plan
    apply_answers(plan, answers)
    assert plan.find("1")[1].log[0].text == NO_PROGRESS
    assert (plan.find("1.2.1")[1].status, plan.find("1.2.1")[1].progress) == (
        Status.IN_PROGRESS,
        70,
    )


async def test_week_pass_rejects_bad_input_and_can_be_discarded() -> None:
    app, screen = week_pass()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        assert "已是第一项" in str(screen.query_one("#wp-error").render())
        await pilot.press("n", "enter")  # empty note
        assert "进展为空" in str(screen.query_one("#wp-error").render())
        await pilot.press("escape", "s", *"好了", "enter")
        assert "无法识别的状态“好了”" in str(screen.query_one("#wp-error").render())
        await pilot.press("escape")  # back to choosing on the same task
        assert "[1/" not in str(screen.query_one("#wp-task", Static).content)
        assert screen.index == 0 and screen.mode == "choose"
        await pilot.press("escape")  # end the pass → summary
        assert screen.mode == "summary"
        await pilot.press("escape")  # discard
    assert app.result is None


async def test_dashboard_count_becomes_a_filter() -> None:
    # the 2024-W33 report counts 4 work items 滞后 on 18 August
    app = Host(DashboardScreen(plan_until("2024-W33"), date(2024, 8, 18)))
    async with app.run_test(size=(120, 40)) as pilot:
        button = app.screen.query_one("#dash-behind")
        assert str(button.label) == "滞后 4项"
        await pilot.click("#dash-behind")
    assert app.result == TaskFilter(healths=frozenset({Health.BEHIND}))


def test_area_progress_and_counts() -> None:
    plan = _script().build_year()
    first = area_progress(plan.areas[0])  # work items 1.1 (done), 1.2 (80%), 1.3 (0%)
    assert (first.done, first.total, first.progress) == (1, 3, round((100 + 80 + 0) / 3))
    counts = health_counts(plan_until("2024-W33"), date(2024, 8, 18))
    assert counts == {  # the same figures as the 2024-W33 weekly report
        Health.NORMAL: 1,
        Health.WARNING: 0,
        Health.BEHIND: 4,
        Health.OVERDUE: 0,
        Health.NEAR: 0,
    }


def test_dashboard_snapshot(snap_compare) -> None:
    screen = DashboardScreen(plan_until("2024-W33"), date(2024, 8, 18))
    assert snap_compare(Host(screen), terminal_size=(120, 40))
