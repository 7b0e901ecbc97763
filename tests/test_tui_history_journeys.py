"""Pilot tests: Enter saves the form, a task's history, 本周变化, move to another area,
copy a task, and the author setting."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static
from tui_plans import detail_text, make_app, settle, write_plan

from plan_tui import store
from plan_tui.session import author as author_setting
from plan_tui.tui.history_screens import TaskHistoryScreen, WeekChangesScreen
from plan_tui.tui.task_form import TaskForm


def task(app, ref: str):
    found = app.plan.find(ref)
    assert found is not None, ref
    return found[1]


def app_for(tmp_path, name: str = "张秘书"):
    app = make_app(write_plan(tmp_path))
    app.author = name
    return app


async def test_enter_in_a_field_saves_the_form_and_the_form_says_so(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i11")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TaskForm)
        assert "回车或 Ctrl+S 保存" in str(form.query_one("#form-keys", Static).content)
        form.query_one("#owner", Input).value = "王芳"
        form.query_one("#owner", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TaskForm)
        assert task(app, "i11").owner == "王芳"
        # ctrl+s saves as well, from any field
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#notes", Input).value = "已对接"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert task(app, "i11").notes == "已对接"
        # an invalid form is not closed by Enter
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#progress", Input).value = "150"
        app.screen.query_one("#progress", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TaskForm)
        await pilot.press("escape")
        await pilot.pause()
        assert task(app, "i11").progress == 40


async def test_edits_are_recorded_with_date_and_author_and_shown_in_the_history(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    app.author = "张秘书"
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i11")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#owner", Input).value = "王芳"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("3")  # 已完成 (progress 100 by the same change)
        await pilot.pause()
        assert "2024-05-15 张秘书 修改 状态：推进中 → 已完成" in detail_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, TaskHistoryScreen)
        lines = str(app.screen.query_one("#history-text", Static).content).splitlines()
        assert lines == [
            "2024-05-15 张秘书 修改 进度：40% → 100%",
            "2024-05-15 张秘书 修改 状态：推进中 → 已完成",
            "2024-05-15 张秘书 修改 责任人：李明 → 王芳",
            "2024-05-08 （未署名） 进展 [40%] 签约一个农业项目",
            "2024-04-10 （未署名） 进展 [30%] 走访两家企业",
        ]
        await pilot.press("escape")
        app.save_now()
        await settle(pilot)
    saved = store.load(path).plan.find("i11")[1]
    assert [(c.field, c.old, c.new, c.author) for c in saved.changes] == [
        ("owner", "李明", "王芳", "张秘书"),
        ("status", "推进中", "已完成", "张秘书"),
        ("progress", "40%", "100%", "张秘书"),
    ]


async def test_undo_takes_back_the_change_and_its_record(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("s")
        assert task(app, "i12").changes
        await pilot.press("ctrl+z")
        assert not task(app, "i12").changes


async def test_week_changes_lists_what_changed_and_jumps_to_a_task(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i13")
        await pilot.press("s")  # a change this week (2024-W20)
        await pilot.press("W")
        await pilot.pause()
        await pilot.press("enter")  # this week
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WeekChangesScreen)
        summary = str(screen.query_one("#changes-summary", Static).content)
        assert summary == "1项任务有变化：进展记录0条，修改1处"
        await pilot.press("enter")
        await pilot.pause()
        assert app.main_screen.task_tree.cursor_id == "i13"
        # an earlier week: the log entry of 2024-05-08
        await pilot.press("W")
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        summary = str(app.screen.query_one("#changes-summary", Static).content)
        assert summary == "1项任务有变化：进展记录1条，修改0处"
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(0).id == "i11"


async def test_move_to_another_area_with_the_picker(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i22")
        await pilot.press("m")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts == [
            "1 保持招商引资良好态势，强化服务对接与要素保障",
            "3 始终坚持以乡村振兴为使命，不断激活农业发展原动力",
        ]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.plan.find("i22")[0] == "3.3"
        assert [c.id for c in task(app, "i22").children] == ["m221", "m222"]
        assert app.main_screen.task_tree.cursor_id == "i22"
        assert task(app, "i22").changes[-1].field == "parent"
        await pilot.press("ctrl+z")
        assert app.plan.find("i22")[0] == "2.2"


async def test_copy_a_task_puts_the_copy_after_it_and_selects_it(tmp_path):
    app = app_for(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i11")
        await pilot.press("C")
        await pilot.pause()
        copy = app.plan.find("1.2")[1]
        assert copy.id != "i11" and copy.title == task(app, "i11").title
        assert not copy.log
        assert app.main_screen.task_tree.cursor_id == copy.id
        assert "复制自 1.1 瞄准目标，在项目落地上出实招" in detail_text(app)


async def test_author_setting_from_the_palette_signs_new_entries(tmp_path, monkeypatch):
    monkeypatch.setenv(author_setting.CONFIG_ENV, str(tmp_path / "config"))
    app = app_for(tmp_path, "root")
    async with app.run_test(size=(120, 40)) as pilot:
        app.main_screen.action_set_author()
        await pilot.pause()
        field = app.screen.query_one("#author", Input)
        assert field.value == "root"
        field.value = "李秘书"
        await pilot.press("enter")
        await settle(pilot)
        assert app.author == "李秘书"
        assert author_setting.default_author() == "李秘书"
        app.select_task("i12")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#text", Input).value = "完成调研"
        await pilot.press("enter")
        await pilot.pause()
        assert task(app, "i12").log[-1].author == "李秘书"


async def test_an_area_has_nowhere_to_move_and_says_so(tmp_path):
    app = app_for(tmp_path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.notify = lambda message, **kw: notices.append(message)
        app.select_task("a2")
        await pilot.press("m")
        await pilot.pause()
        assert notices == ["板块是最高一级，没有可移到的上级；可用 K/J 调整板块顺序"]
        assert app.plan.find("a2")[0] == "2"


async def test_change_records_survive_a_merge_with_another_writer(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    app.author = "张秘书"
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("2")  # unsaved: i12 推进中, recorded
        loaded = store.load(path)  # a colleague changes another task meanwhile
        loaded.plan.find("i31")[1].notes = "县里已验收"
        store.save(path, loaded.plan, expected=loaded.fingerprint)
        app.save_now()  # the save notices the other writer and replays the change
        await settle(pilot)
        await settle(pilot)
        assert not app.dirty
    saved = store.load(path).plan
    assert saved.find("i31")[1].notes == "县里已验收"
    changes = saved.find("i12")[1].changes
    assert [(c.field, c.old, c.new, c.author) for c in changes] == [
        ("status", "未启动", "推进中", "张秘书")
    ]
