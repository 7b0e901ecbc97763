"""Pilot tests of the planning TUI: what a secretary does in a day, key by key."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.widgets import Checkbox, Input, Static
from tui_plans import TODAY, detail_text, make_app, settle, write_plan

from plan_tui import store
from plan_tui.model import Status


def task(app, ref: str):
    found = app.plan.find(ref)
    assert found is not None, ref
    return found[1]


async def test_navigate_shows_every_field_and_log_newest_first(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
        assert tree.cursor_id == "a1"
        await pilot.press("down")
        assert tree.cursor_id == "i11"
        text = detail_text(app)
        for expected in (
            "瞄准目标",
            "王强",
            "招商办",
            "李明",
            "农业办、财政所",
            "2024-06-30",
            "40%",
        ):
            assert expected in text
        assert text.index("2024-05-08") < text.index("2024-04-10")  # newest first
        await pilot.press("down", "down", "down")
        assert tree.cursor_id == "a2"
        header = str(app.main_screen.query_one("#title-bar", Static).content)
        assert "XX乡2024年" in header and "共7项" in header and "已完成1" in header


async def test_mouse_selects_a_row_and_toggles_an_area(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
        await pilot.click("#tree", offset=(20, 2))
        assert tree.cursor_id == "i12"
        assert "i12" in detail_text(app) or task(app, "i12").title in detail_text(app)
        rows = len(tree.rows)
        await pilot.click("#tree", offset=(0, 0))  # the ▼ of the first area
        assert len(tree.rows) < rows
        await pilot.click("#tree", offset=(0, 0))
        assert len(tree.rows) == rows


async def test_edit_lead_unit_owner_and_chinese_deadline(tmp_path):
    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("e")
        form = app.screen
        form.query_one("#lead", Input).value = "王强"
        form.query_one("#unit", Input).value = "招商办"
        form.query_one("#owner", Input).value = "陈静"
        form.query_one("#deadline", Input).value = "三季度末"
        await pilot.pause()
        assert "2024-09-30" in str(form.query_one("#deadline-note", Static).content)
        form.query_one("#deadline", Input).value = "下辈子"
        await pilot.pause()
        assert form.query_one("#save").disabled
        form.query_one("#deadline", Input).value = "三季度末"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = task(app, "i12")
        assert (edited.lead, edited.unit, edited.owner) == ("王强", "招商办", "陈静")
        assert edited.deadline == date(2024, 9, 30) and edited.deadline_text == "三季度末"
        assert app.dirty
        app.save_now()
        await settle(pilot)
        assert not app.dirty
    saved = store.load(path).plan.find("i12")[1]
    assert saved.owner == "陈静" and saved.deadline == date(2024, 9, 30)


async def test_form_offers_names_already_used(tmp_path, monkeypatch):
    from textual.suggester import SuggestFromList

    asked: list[str] = []
    get_suggestion = SuggestFromList.get_suggestion

    async def counted(self, value):
        asked.append(value)
        return await get_suggestion(self, value)

    monkeypatch.setattr(SuggestFromList, "get_suggestion", counted)
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i11")  # lead, unit and owner all filled in
        await pilot.press("e")
        await pilot.pause()
        # a completion shows only in the focused field: none is worked out for the
        # fields the form fills in (nor when it is shown again for another task)
        await pilot.press("escape")
        app.select_task("i12")
        await pilot.press("e")
        await pilot.pause()
        assert asked == []
        owner = app.screen.query_one("#owner", Input)
        owner.value = ""
        owner.focus()
        await pilot.press("李")
        await pilot.pause()
        assert owner._suggestion == "李明"
        assert asked == ["李"]


async def test_status_with_one_key_and_progress_and_log(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("s")
        assert task(app, "i12").status == Status.IN_PROGRESS
        await pilot.press("3")
        assert task(app, "i12").status == Status.DONE and task(app, "i12").progress == 100
        await pilot.press("p")
        await pilot.press(*"75", "enter")
        await pilot.pause()
        assert task(app, "i12").progress == 75
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#date", Input).value == TODAY.isoformat()
        app.screen.query_one("#text", Input).value = "完成项目谋划"
        await pilot.press("enter")
        await pilot.pause()
        entry = task(app, "i12").log[-1]
        assert (entry.date, entry.text) == (TODAY, "完成项目谋划")


async def test_add_move_delete_with_undo_and_redo(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i11")
        await pilot.press("a")
        app.screen.query_one("#title", Input).value = "新增一项招商任务"
        await pilot.press("ctrl+s")
        await pilot.pause()
        new_id = app.main_screen.task_tree.cursor_id
        assert [c.title for c in task(app, "a1").children][:2] == [
            "瞄准目标，在项目落地上出实招",
            "新增一项招商任务",
        ]
        await pilot.press("A")
        app.screen.query_one("#title", Input).value = "具体措施一"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert task(app, new_id).children[0].title == "具体措施一"
        app.select_task(new_id)
        await pilot.press("K")  # move up
        assert task(app, "1.1").id == new_id
        await pilot.press("greater_than_sign")  # indent: no sibling above, refused
        assert task(app, "1.1").id == new_id
        await pilot.press("J", "greater_than_sign")  # down, then under 瞄准目标
        assert task(app, "i11").children[-1].id == new_id
        await pilot.press("less_than_sign")
        assert app.plan.parent_of(new_id).id == "a1"
        await pilot.press("x")
        await pilot.pause()
        assert "1 项下级任务" in str(app.screen.query_one(".warning", Static).content)
        await pilot.press("enter")  # 取消 has the focus: nothing is deleted
        await pilot.pause()
        assert app.plan.find(new_id) is not None
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.plan.find(new_id) is None
        await pilot.press("ctrl+z")
        restored = app.plan.find(new_id)
        assert restored is not None and restored[1].children[0].title == "具体措施一"
        await pilot.press("ctrl+y")
        assert app.plan.find(new_id) is None
        for _ in range(5):
            await pilot.press("ctrl+z")
        assert app.plan.find(new_id) is not None and app.plan.parent_of(new_id).id == "a1"
        await pilot.press("ctrl+z", "ctrl+z")  # undo the child, then the task itself
        assert app.plan.find(new_id) is None


async def test_search_by_pinyin_initials_and_back_to_selection(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
        app.select_task("i31")
        await pilot.press("slash", *"zsyz")
        await pilot.pause()
        assert set(tree.shown_ids()) == {"a1"}
        assert tree.cursor_id == "a1"
        bar = str(app.main_screen.query_one("#filter-bar", Static).content)
        assert "zsyz" in bar and "显示1项" in bar
        await pilot.press("escape")
        assert tree.view_ids is None
        assert tree.cursor_id == "i31"


async def test_search_typed_in_one_burst_reaches_the_search_bar(tmp_path):
    """Keys that arrive together with "/" (fast typing, a paste of keys) are not lost and
    none of them acts on the tree (``s`` would change a status)."""
    from textual import events

    path = write_plan(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = [t.status for t in app.plan.tasks()]
        for key, char in [("slash", "/"), *((c, c) for c in "zsyz")]:
            app.post_message(events.Key(key, char))
        await pilot.pause(0.3)
        assert app.main_screen.query_one("#search", Input).value == "zsyz"
        assert set(app.main_screen.task_tree.shown_ids()) == {"a1"}
        assert [t.status for t in app.plan.tasks()] == before


async def test_filters_combine_are_shown_and_clear(tmp_path):
    from plan_tui.query import TaskFilter

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
        app.select_task("i32")
        dialog = await open_filter_dialog(pilot)
        dialog.query_one("#f-owner", Input).value = "李明"
        await pilot.click("#apply")
        await pilot.pause()
        matched = set(tree.shown_ids()) - tree.dimmed
        assert matched == {"i11", "i22"}
        app.apply_filter(TaskFilter(owner="李明", statuses=frozenset({Status.DELAYED})))
        await pilot.pause()
        assert set(tree.shown_ids()) - tree.dimmed == {"i22"}
        assert tree.dimmed == {"a2"}
        bar = str(app.main_screen.query_one("#filter-bar", Static).content)
        assert "滞后" in bar and "李明" in bar
        app.apply_filter(TaskFilter(overdue=True))
        await pilot.pause()
        assert set(tree.shown_ids()) - tree.dimmed == {"i21"}
        app.apply_filter(TaskFilter(due_within=50))
        await pilot.pause()
        assert set(tree.shown_ids()) - tree.dimmed == {"i11"}
        app.apply_filter(TaskFilter(owner="无此人"))
        await pilot.pause()
        assert tree.shown_ids() == [] and "没有符合条件的任务" in detail_text(app)
        await pilot.press("escape")
        assert tree.view_ids is None and tree.cursor_id == "i32"
        assert "没有符合条件的任务" not in detail_text(app)


async def test_palette_jumps_to_task_by_path(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"2.2")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main_screen.task_tree.cursor_id == "i22"


async def test_help_lists_the_keys(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        from rich.console import Console

        console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
        console.print(app.screen.query_one("#help-table", Static).content)
        text = console.export_text()
        for expected in ("加同级", "加下级", "撤销", "Ctrl+Z", "搜索", "/", "降级"):
            assert expected in text


async def test_english_from_lang_option(tmp_path):
    app = make_app(write_plan(tmp_path), lang="en")
    async with app.run_test(size=(120, 40)):
        header = str(app.main_screen.query_one("#title-bar", Static).content)
        assert "key work ledger" in header and "7 tasks" in header
    from plan_tui.tui.i18n import set_language

    set_language("zh")


def _cursor_look(tree) -> tuple:
    """The colours of the cursor's row as drawn now, and as drawn from scratch."""
    y = tree.cursor_line - tree.scroll_offset.y
    drawn = [s.style.bgcolor for s in tree.render_lines(tree.size.region)[y] if s.style]
    tree.relabel()  # every row drawn again
    fresh = [s.style.bgcolor for s in tree.render_lines(tree.size.region)[y] if s.style]
    return drawn, fresh


async def test_cursor_row_follows_the_focus_through_search_and_form(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
        await pilot.press("down")
        focused, fresh = _cursor_look(tree)
        assert focused == fresh
        await pilot.press("slash")
        blurred, fresh = _cursor_look(tree)
        assert blurred == fresh and blurred != focused
        for keys in (("escape",), ("e", "escape")):
            await pilot.press(*keys)
            assert tree.has_focus
            assert _cursor_look(tree) == (focused, focused)


async def open_filter_dialog(pilot):
    """Press f and return the filter dialog."""
    await pilot.press("f")
    await pilot.pause()
    return pilot.app.screen


async def test_filter_dialog_refuses_bad_days_and_says_why(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_filter_dialog(pilot)
        dialog.query_one("#f-days", Input).value = "三天"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # not applied
        error = dialog.query_one("#filter-error", Static)
        assert "天数应为正整数" in str(error.content) and error.region.height == 1
        dialog.query_one("#f-days", Input).value = "30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert "30" in str(app.main_screen.query_one("#filter-bar", Static).content)


async def test_filter_dialog_counts_the_tasks_as_the_fields_change(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_filter_dialog(pilot)
        count = dialog.query_one("#filter-count", Static)
        total = len(list(app.plan.tasks()))
        assert f"{total} 项" in str(count.content)
        dialog.query_one("#f-owner", Input).value = "李明"
        await pilot.pause()
        assert "符合条件：2 项" in str(count.content)
        dialog.query_one("#st-delayed", Checkbox).value = True
        await pilot.pause()
        assert "符合条件：1 项" in str(count.content)
        dialog.query_one("#f-days", Input).value = "x"
        await pilot.pause()
        assert str(count.content) == ""  # no count for a filter that cannot be read
        dialog.query_one("#f-days", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        tree = app.main_screen.task_tree
        assert set(tree.shown_ids()) - tree.dimmed == {"i22"}


async def test_page_keys_move_the_view_at_once(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 9)) as pilot:
        tree = app.main_screen.task_tree
        height = tree.scrollable_content_region.height
        assert len(tree.rows) > 2 * height  # several pages
        tops = []
        for key in ("pagedown", "pagedown", "end", "pageup", "pageup", "home"):
            app.post_message(events.Key(key, None))
            for _ in range(2):  # the app passes the key on, the tree handles it
                await pilot._wait_for_screen()  # (timers, such as an animation's, not waited for)
            # no scroll animation: the cursor's row is in sight as soon as the key is handled
            assert not app.animator.is_being_animated(tree, "scroll_y"), key
            top = tree.scroll_offset.y
            assert top <= tree.cursor_line < top + height, key
            tops.append(top)
        assert tops[2] == tree.max_scroll_y > tops[1] > 0 and tops[-1] == 0


async def test_loading_a_task_into_the_form_restyles_none_of_its_fields(tmp_path, monkeypatch):
    from textual.dom import DOMNode

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")  # a1: no unit, owner or deadline
        await pilot.pause()
        await pilot.press("escape")
        app.select_task("i11")  # every field filled in
        restyled: list[str] = []
        update = DOMNode.update_node_styles

        def counted(self, *args, **kwargs):
            if isinstance(self, Input):
                restyled.append(self.id or "")
            return update(self, *args, **kwargs)

        monkeypatch.setattr(DOMNode, "update_node_styles", counted)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#owner", Input).value == "李明"
        # the focus moves to the title (its own restyle), no other field changes look
        assert set(restyled) <= {"title"}


async def test_text_typed_in_one_burst_across_tabs_lands_in_each_field(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        app.select_task("i12")
        await pilot.press("e")
        await pilot.pause()
        # as a terminal delivers a quick typist's keys: all queued before any is handled
        burst = ["tab", "tab", *"王强", "tab", *"招商办", "tab", *"陈静", "shift+tab", *"x"]
        for key in burst:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        form = app.screen
        values = [form.query_one(f"#{name}", Input).value for name in ("lead", "unit", "owner")]
        # (shift+tab went back to the unit, whose text a field selects when focused)
        assert values == ["王强", "x", "陈静"]
