"""The TUI marks a task with a merge conflict and settles it in a dialog."""

from __future__ import annotations

from datetime import date

from tui_plans import make_app, sample_plan, settle, write_plan

from plan_tui import store
from plan_tui.model import Conflict
from plan_tui.tui.rows import row_pieces


def conflicted_plan():
    plan = sample_plan()
    plan.find("i11")[1].owner = "乙"
    plan.conflicts = [Conflict(task="i11", field="owner", base="李明", ours="乙", theirs="甲")]
    return plan


def test_a_conflicted_task_row_carries_the_marker():
    plan = conflicted_plan()
    rows = {
        tid: "".join(
            text for text, _ in row_pieces(plan.find(tid)[1], plan, date(2024, 5, 15), path, 60)
        )
        for tid, path in (("i11", "1.1"), ("a1", "1"))
    }
    assert "冲突" in rows["i11"] and "冲突" not in rows["a1"]


async def test_the_dialog_settles_the_conflict_and_saves(tmp_path):
    path = write_plan(tmp_path, plan=conflicted_plan())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        assert app.main_screen.task_tree.cursor_id == "i11"
        await pilot.press("c")
        await settle(pilot)
        from plan_tui.tui.conflict_dialog import ConflictScreen

        assert isinstance(app.screen, ConflictScreen)
        assert "冲突1处" in str(app.main_screen.query_one("#title-bar").render())
        await pilot.click("#take-0-theirs")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
        assert app.plan.find("i11")[1].owner == "甲" and app.plan.conflicts == []
        assert "冲突" not in str(app.main_screen.query_one("#title-bar").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = store.load(path).plan
    assert saved.conflicts == [] and saved.find("i11")[1].owner == "甲"


async def test_the_plans_own_conflicts_open_from_any_task_and_none_says_so(tmp_path):
    plan = sample_plan()
    plan.requirements = "甲写的"
    plan.conflicts = [Conflict(field="requirements", base="", ours="甲写的", theirs="乙写的")]
    app = make_app(write_plan(tmp_path, plan=plan))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await settle(pilot)
        await pilot.click("#take-0-theirs")
        await settle(pilot)
        assert app.plan.requirements == "乙写的" and app.plan.conflicts == []
        await pilot.press("c")
        await settle(pilot)
        from plan_tui.tui.conflict_dialog import ConflictScreen

        assert not isinstance(app.screen, ConflictScreen)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.plan.requirements == "甲写的" and len(app.plan.conflicts) == 1
