"""Pilot tests: open another plan, import a document, monthly and quarterly bulletins,
all from the command palette's office commands."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, Static
from tui_plans import make_app, settle, write_plan

from plan_tui import store
from plan_tui.model import Plan, Task
from plan_tui.tui.office_screens import FileNameScreen, PreviewScreen, open_bulletin
from plan_tui.tui.plan_files import open_import, open_plan
from plan_tui.tui.replace_screen import ReplaceScreen

SEED = Path(__file__).parent.parent / "plans" / "sources" / "2023年工作回顾及2024年工作安排.txt"


async def _until(pilot, check, tries: int = 200) -> None:
    for _ in range(tries):
        await pilot.pause(0.05)
        if check():
            await settle(pilot)
            return
    raise AssertionError("the app did not get there")


async def test_open_another_plan_saves_this_one_first(tmp_path):
    path = write_plan(tmp_path)
    other = tmp_path / "另一个.toml"
    store.save(other, Plan(year=2025, org="YY镇", areas=[Task(id="z1", title="新的一年")]))
    app = make_app(path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        app.select_task("i12")
        await pilot.press("s")  # unsaved change in this plan
        open_plan(app)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FileNameScreen)
        dialog.query_one(Input).value = str(tmp_path / "没有这个.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert "文件不存在" in str(dialog.query_one("#file-error", Static).content)
        dialog.query_one(Input).value = str(other)
        await pilot.press("enter")
        await _until(pilot, lambda: app.plan.year == 2025)
        assert app.plan_path == other and app.plan.areas[0].id == "z1"
        assert notices[-1] == f"已打开 {other}"
        await pilot.press("ctrl+z")  # the other plan's undo does not reach this one
        assert notices[-1] == "没有可撤销的操作"
    assert store.load(path).plan.find("i12")[1].status.value == "in_progress"


async def test_import_a_document_into_a_new_plan_and_open_it(tmp_path):
    source = tmp_path / "工作安排.txt"
    shutil.copy(SEED, source)
    app = make_app(write_plan(tmp_path))
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        open_import(app)
        await pilot.pause()
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")
        await pilot.pause()
        target = app.screen.query_one(Input)
        assert target.value == str(tmp_path / "工作安排.toml")
        # the open plan cannot be replaced by an import
        target.value = str(tmp_path / "2024.toml")
        await pilot.press("enter")
        await pilot.pause()
        assert notices[-1] == "这是当前打开的计划，不能用导入的文档覆盖，请换一个文件名"
        # another existing file: 覆盖 / 另存为 / 取消; 另存为 asks again
        other = tmp_path / "旧计划.toml"
        other.write_text("# 旧的\n", encoding="utf-8")
        app.screen.query_one(Input).value = str(other)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplaceScreen)
        await pilot.press("enter")  # 另存为 has the focus
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "工作安排.toml")
        await pilot.press("enter")
        await _until(pilot, lambda: app.plan_path.name == "工作安排.toml")
        assert other.read_text(encoding="utf-8") == "# 旧的\n"
    imported = store.load(tmp_path / "工作安排.toml").plan
    assert imported.year == 2024 and len(imported.areas) == 7
    count = sum(1 for _ in imported.tasks())
    assert any(n == f"已导入 {count} 项任务到 {tmp_path / '工作安排.toml'}" for n in notices)


async def test_import_of_a_file_without_a_plan_says_why_and_stays(tmp_path):
    source = tmp_path / "随笔.txt"
    source.write_text("今天天气很好。\n没有工作安排。\n", encoding="utf-8")
    path = write_plan(tmp_path)
    app = make_app(path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        open_import(app)
        await pilot.pause()
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await _until(pilot, lambda: bool(notices))
        assert app.plan_path == path
        assert "随笔.txt" in notices[0]
    assert not (tmp_path / "随笔.toml").exists()


async def test_monthly_and_quarterly_bulletins_for_the_chosen_period(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        open_bulletin(app, quarterly=False)
        await pilot.pause()
        assert "默认：当前所在的2024年5月" in str(
            app.screen.query_one("#pick-note", Static).content
        )
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert "2024年4月" in app.screen.doc.title
        await pilot.press("escape")
        await pilot.pause()
        open_bulletin(app, quarterly=True)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert "2024年第二季度" in app.screen.doc.title
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one(Input).value == str(tmp_path / "通报2024Q2.docx")
        await pilot.press("enter")
        await _until(pilot, lambda: (tmp_path / "通报2024Q2.docx").exists())


async def test_import_over_an_existing_file_replaces_it_only_when_asked_to(tmp_path):
    source = tmp_path / "工作安排.txt"
    shutil.copy(SEED, source)
    old = tmp_path / "工作安排.toml"
    old.write_text("# 旧的\n", encoding="utf-8")
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        open_import(app)
        await pilot.pause()
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the default name, which exists
        await pilot.pause()
        assert isinstance(app.screen, ReplaceScreen)
        app.screen.query_one("#replace").press()
        await _until(pilot, lambda: app.plan_path == old)
    assert len(store.load(old).plan.areas) == 7
