"""The office commands in the TUI: preview the review, save it, export, roll over."""

from __future__ import annotations

from datetime import date

import docx
import openpyxl
from review_year import year_plan

from plan_tui.store import load, save
from plan_tui.tui.app import PlanApp
from plan_tui.tui.office_screens import (
    FileNameScreen,
    PreviewScreen,
    office_commands,
    open_export,
    open_review,
    open_rollover,
)

TODAY = date(2024, 11, 30)


def _app(tmp_path):
    path = tmp_path / "plans" / "2024.toml"
    save(path, year_plan())
    return PlanApp(path, lang="zh", today=TODAY), path


async def _wait_for_file(pilot, path) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if path.exists():
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return
    raise AssertionError(f"{path} was not written")


async def test_palette_lists_the_office_commands(tmp_path):
    app, _ = _app(tmp_path)
    async with app.run_test():
        names = [name for name, _, _ in office_commands(app)]
        assert names == [
            "生成年度工作回顾",
            "生成周报",
            "生成月度通报",
            "生成季度通报",
            "打开其他计划文件",
            "导入工作安排文档",
            "设置记录人",
            "导出台账",
            "滚动生成下一年计划",
            "下发反馈表",
            "导入反馈表",
            "生成催办提醒",
        ]


async def test_review_preview_then_save_as_docx(tmp_path):
    app, path = _app(tmp_path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        open_review(app)
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert app.screen.doc.title == "XX乡2024年工作回顾及2025年工作安排"
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FileNameScreen)
        assert dialog.query_one("Input").value == str(path.with_name("2024年工作回顾.docx"))
        await pilot.press("enter")
        target = path.with_name("2024年工作回顾.docx")
        await _wait_for_file(pilot, target)
    assert notices == [f"已生成年度工作回顾草稿：{target}"]
    assert docx.Document(str(target)).paragraphs[0].text == "XX乡2024年工作回顾及2025年工作安排"


async def test_export_refuses_a_bad_suffix_in_the_dialog_then_writes_xlsx(tmp_path):
    app, _path = _app(tmp_path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        open_export(app)
        await pilot.pause()
        field = app.screen.query_one("Input")
        field.value = str(tmp_path / "台账.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FileNameScreen)
        assert "扩展名应为" in str(app.screen.query_one("#file-error").render())
        field.value = str(tmp_path / "台账.xlsx")
        await pilot.press("enter")
        await _wait_for_file(pilot, tmp_path / "台账.xlsx")
    assert notices == [f"已导出台账：{tmp_path / '台账.xlsx'}"]
    sheet = openpyxl.load_workbook(tmp_path / "台账.xlsx").active
    assert sheet.max_row == 12  # title, 填报单位/截至 line, legend, header, 8 rows
    assert not (tmp_path / "台账.pdf").exists()


async def test_rollover_writes_next_year_and_cancel_writes_nothing(tmp_path):
    app, path = _app(tmp_path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        open_rollover(app)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not path.with_name("2025.toml").exists()
        open_rollover(app)
        await pilot.pause()
        await pilot.press("enter")
        await _wait_for_file(pilot, path.with_name("2025.toml"))
    assert notices == [f"已生成2025年计划：{path.with_name('2025.toml')}"]
    assert load(path.with_name("2025.toml")).plan.year == 2025
