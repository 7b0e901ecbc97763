"""The screens other parts plug into the TUI: weekly pass (w), dashboard (d), office
commands in the palette."""

from __future__ import annotations

from tui_plans import TODAY, make_app, write_plan

from plan_tui.query import TaskFilter
from plan_tui.weekly import WeekAnswer


async def test_weekly_pass_answers_are_one_undoable_change(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert type(app.screen).__name__ == "PickerScreen"  # the week, this week by default
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WeekPassScreen"
        app.screen.dismiss([WeekAnswer("i12", "note", text="完成调研"), WeekAnswer("i13", "keep")])
        await pilot.pause()
        entry = app.plan.find("i12")[1].log[-1]
        assert entry.text == "完成调研"
        assert entry.date.isocalendar()[:2] == TODAY.isocalendar()[:2]  # dated in this week
        assert app.plan.find("i13")[1].log
        await pilot.press("ctrl+z")
        assert not app.plan.find("i12")[1].log and not app.plan.find("i13")[1].log


async def test_dashboard_choice_becomes_the_filter(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
        app.screen.dismiss(TaskFilter(overdue=True))
        await pilot.pause()
        tree = app.main_screen.task_tree
        assert set(tree.shown_ids()) - tree.dimmed == {"i21"}


async def test_palette_lists_actions_and_office_commands(tmp_path):
    from plan_tui.tui.palette import PlanCommands

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = PlanCommands(app.screen)
        names = [name for name, _, _ in provider._actions()]
        for expected in ("加同级", "删除", "撤销", "搜索", "筛选", "周调度", "看板", "生成周报"):
            assert any(expected in name for name in names), expected
        hits = [hit async for hit in provider.search("zsyz")]
        assert any("保持招商引资" in str(hit.text) for hit in hits)
