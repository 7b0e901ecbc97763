"""Pilot tests of saving: autosave, save on quit, other writers, and unreadable files."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Static
from tui_plans import TODAY, detail_text, make_app, sample_plan, settle, write_plan

from plan_tui import store
from plan_tui.model import LogEntry, Status


def header(app) -> str:
    return str(app.main_screen.query_one("#title-bar", Static).content)


def edit_on_disk(path, task_id: str, **fields) -> None:
    """What the CLI or a colleague does: load, change a task, save."""
    loaded = store.load(path)
    task = loaded.plan.find(task_id)[1]
    for key, value in fields.items():
        setattr(task, key, value)
    store.save(path, loaded.plan, expected=loaded.fingerprint)


async def test_autosave_after_a_pause_and_marker(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    app.autosave_delay = 0.05
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        app.autosave_delay = 30
        await pilot.press("s")
        assert "未保存" in header(app)
        assert store.load(path).plan.find("i12")[1].status == Status.NOT_STARTED
        app.autosave_delay = 0.05
        await pilot.press("s")
        for _ in range(50):
            await asyncio.sleep(0.05)
            await settle(pilot)
            if not app.dirty:
                break
        assert "已保存" in header(app)
    assert store.load(path).plan.find("i12")[1].status == Status.DONE


async def test_quit_saves_unsaved_changes(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i21")
        await pilot.press("4", "q")
        await pilot.pause()
    assert store.load(path).plan.find("i21")[1].status == Status.DELAYED
    assert app.save_on_exit() is None  # what run_app does after the app has ended
    assert not list(tmp_path.glob("*我的版本*"))  # our own save is not "another writer"


async def test_change_on_disk_is_loaded_when_nothing_is_unsaved(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i13")
        edit_on_disk(path, "i13", owner="孙丽")
        app.poll()
        await settle(pilot)
        assert app.plan.find("i13")[1].owner == "孙丽"
        assert "孙丽" in detail_text(app)
        assert not app.dirty


async def test_unsaved_edit_on_another_task_is_kept_on_reload(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("2")  # unsaved: i12 推进中
        edit_on_disk(path, "i13", owner="孙丽")  # someone else: i13
        app.poll()
        await settle(pilot)
        assert app.plan.find("i13")[1].owner == "孙丽"
        assert app.plan.find("i12")[1].status == Status.IN_PROGRESS
        app.save_now()
        await settle(pilot)
    saved = store.load(path).plan
    assert saved.find("i13")[1].owner == "孙丽"
    assert saved.find("i12")[1].status == Status.IN_PROGRESS


async def test_autosave_conflict_merges_instead_of_overwriting(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("2")
        edit_on_disk(path, "i31", notes="县里已验收")
        app.save_now()  # the save notices the other writer
        await settle(pilot)
        await settle(pilot)
        assert not app.dirty
    saved = store.load(path).plan
    assert saved.find("i31")[1].notes == "县里已验收"
    assert saved.find("i12")[1].status == Status.IN_PROGRESS


async def test_the_same_field_changed_on_both_sides_asks_and_keeps_a_copy(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("2")  # ours: i12 推进中
        edit_on_disk(path, "i12", status=Status.DELAYED, owner="孙丽")  # theirs: 滞后
        app.poll()
        await settle(pilot)
        assert type(app.screen).__name__ == "ConflictScreen"
        details = str(app.screen.query_one("#conflict-details", Static).content)
        assert "压实责任" in details and "状态" in details
        assert store.load(path).plan.find("i12")[1].status == Status.DELAYED  # not overwritten
        await pilot.click("#reload")
        await settle(pilot)
        assert app.plan.find("i12")[1].owner == "孙丽"
        assert app.plan.find("i12")[1].status == Status.DELAYED
    copies = list(tmp_path.glob("2024.我的版本-*.toml"))
    assert len(copies) == 1
    assert store.load(copies[0]).plan.find("i12")[1].status == Status.IN_PROGRESS


async def test_the_same_field_can_be_kept_ours_on_request(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("2")
        edit_on_disk(path, "i12", status=Status.DELAYED, owner="孙丽")
        app.poll()
        await settle(pilot)
        await pilot.click("#overwrite")
        await settle(pilot)
        await settle(pilot)
    saved = store.load(path).plan.find("i12")[1]
    assert saved.status == Status.IN_PROGRESS and saved.owner == "孙丽"  # their other field stays


async def test_undo_after_a_colleagues_log_entry_keeps_the_entry(tmp_path):
    """Our edit is saved, a colleague logs an entry on the same task, the app reloads,
    and ctrl+z undoes our edit only: the colleague's entry stays in the file."""
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("3")  # ours: i12 已完成
        app.save_now()
        await settle(pilot)
        loaded = store.load(path)
        loaded.plan.find("i12")[1].log.append(
            LogEntry(date=TODAY, text="同事补记的进展", author="王同事")
        )
        store.save(path, loaded.plan, expected=loaded.fingerprint)
        app.poll()
        await settle(pilot)
        assert "同事补记的进展" in detail_text(app)
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+z")  # the reload itself is not a step: nothing more to undo
        app.save_now()
        await settle(pilot)
        assert "同事补记的进展" in detail_text(app)
        assert app.plan.find("i12")[1].status == Status.NOT_STARTED
        assert app.session.undo_stack == []
    saved = store.load(path).plan.find("i12")[1]
    assert [e.text for e in saved.log] == ["同事补记的进展"]
    assert saved.status == Status.NOT_STARTED


async def test_undo_of_a_field_someone_else_changed_is_refused(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    notices: list[str] = []
    app.notify = lambda message, **_: notices.append(message)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("3")
        app.save_now()
        await settle(pilot)
        edit_on_disk(path, "i12", status=Status.DELAYED)
        app.poll()
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.plan.find("i12")[1].status == Status.DELAYED
        assert any("不能撤销“修改状态”" in n and "状态" in n for n in notices)
    assert store.load(path).plan.find("i12")[1].status == Status.DELAYED


async def test_malformed_file_opens_error_screen_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.toml"
    text = store.dumps(sample_plan()).replace('title = "压实责任', "title = 压实责任", 1)
    bad.write_text(text, encoding="utf-8")
    before = bad.read_bytes()
    good = write_plan(tmp_path)
    app = make_app(bad)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ErrorScreen"
        message = str(app.screen.query_one("#error-message", Static).content)
        assert "bad.toml" in message and "行" in message
        assert isinstance(app.focused, Input)  # a path can be typed straight away
        await pilot.press("escape")  # quitting from the error screen is not an edit
        await pilot.pause()
    assert app.return_code == 2
    assert bad.read_bytes() == before
    app = make_app(bad)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#other-path", Input).value = str(tmp_path / "missing.toml")
        await pilot.click("#open")
        await pilot.pause()
        assert "文件不存在" in str(app.screen.query_one("#error-message", Static).content)
        app.screen.query_one("#other-path", Input).value = str(good)
        await pilot.pause(0.6)  # not a double click
        await pilot.press("enter")  # Enter presses the focused 打开其他文件 button
        await pilot.pause()
        assert app.plan_path == good
        assert app.main_screen.task_tree.cursor_id == "a1"
    assert bad.read_bytes() == before


async def test_views_dialogs_and_save_texts_prepared_ahead_of_use(tmp_path, monkeypatch):
    from plan_tui.tui import main_screen
    from plan_tui.tui.filters import FilterScreen
    from plan_tui.tui.task_form import TaskForm

    monkeypatch.setattr(main_screen, "WARM_DELAY", 0.01)
    monkeypatch.setattr(main_screen, "PREPARE_DELAY", 0.01)
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        for _ in range(200):
            if main.prepared:
                break
            await asyncio.sleep(0.02)
        assert main.prepared
        form = app.get_screen("task-form")
        assert isinstance(form, TaskForm) and form.is_running  # composed and mounted
        assert form.query_one("#title", Input).value  # (filled for a task of the plan)
        filters = app.get_screen("filters")
        assert isinstance(filters, FilterScreen) and filters.is_running
        assert app.screen is main and main.task_tree.has_focus  # never shown
        # the form made ahead shows the selected task, laid out and focused
        await pilot.press("down", "e")
        assert app.screen is form
        title = form.query_one("#title", Input)
        assert title.value == app.plan.find("i11")[1].title
        assert title.has_focus and title.region.width > 10
        await pilot.press("escape")
        # the first save reuses the texts made while idle, and writes what dumps writes
        await pilot.press("3")
        app.save_now()
        await settle(pilot)
        assert path.read_text(encoding="utf-8") == store.dumps(app.plan)
        assert store.load(path).plan.find("i11")[1].status == Status.DONE
