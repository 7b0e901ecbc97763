"""The loop with the responsible units from the TUI's palette: sheets out, a sheet back in."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from test_units import fill, unit_plan

from plan_tui.store import load, save
from plan_tui.tui.app import PlanApp
from plan_tui.tui.dialogs import ConfirmScreen
from plan_tui.tui.office_screens import FileNameScreen
from plan_tui.tui.pickers import PickerScreen
from plan_tui.tui.units_screens import open_collect, open_dispatch


async def _until(pilot, check) -> None:
    for _ in range(200):
        await pilot.pause(0.05)
        if check():
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return
    raise AssertionError("the app did not get there")


async def test_dispatch_then_collect_from_the_palette(tmp_path):
    path = tmp_path / "2024.toml"
    save(path, unit_plan())
    app = PlanApp(path, lang="zh", today=date(2024, 3, 6))
    folder = tmp_path / "反馈表-2024年第10周"
    async with app.run_test() as pilot:
        open_dispatch(app)
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press("enter")  # this week, 2024-W10
        await _until(pilot, lambda: folder.exists() and len(list(folder.iterdir())) == 3)
        sheet = folder / "经发办-2024年第10周.xlsx"
        assert load_workbook(sheet)["反馈表"]["A3"].value == "任务编号"
        fill(sheet, {"t11": {"本期进展": "对接客商3家", "完成进度": 40}})

        open_collect(app)
        await pilot.pause()
        assert isinstance(app.screen, FileNameScreen)
        app.screen.dismiss(str(sheet))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "将登记1行" in app.screen.detail and "对接客商3家" in app.screen.detail
        app.screen.dismiss(True)
        await _until(pilot, lambda: any(t.log for t in load(path).plan.tasks() if t.id == "t11"))
    task = next(t for t in load(path).plan.tasks() if t.id == "t11")
    assert [(e.text, e.unit, e.date) for e in task.log] == [
        ("对接客商3家", "经发办", date(2024, 3, 10))
    ]
