"""The UI speaks one language throughout, switches it in place, and shows text whole."""

from __future__ import annotations

from textual.widgets import OptionList, Static
from tui_plans import detail_text, make_app, write_plan

from plan_tui.tui.i18n import language, set_language


def header(app) -> str:
    return str(app.main_screen.query_one("#title-bar", Static).content)


def key_bar(app) -> str:
    from plan_tui.tui.key_bar import KeyBar

    return app.main_screen.query_one(KeyBar).render().plain


async def test_l_switches_the_whole_screen_between_chinese_and_english(tmp_path):
    app = make_app(write_plan(tmp_path))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            assert "重点工作台账" in header(app) and "编辑" in key_bar(app)
            await pilot.press("L")
            await pilot.pause()
            assert language() == "en"
            assert "key work ledger" in header(app)
            assert "Edit" in key_bar(app) and "编辑" not in key_bar(app)
            assert "Lead" in detail_text(app) and "牵头领导" not in detail_text(app)
            assert "Search" in app.main_screen.query_one("#search").placeholder
            await pilot.press("e")  # the form is built again in English
            await pilot.pause()
            assert "Edit task" in " ".join(
                str(label.content) for label in app.screen.query(".dialog-title")
            )
            await pilot.press("escape", "L")
            await pilot.pause()
            assert language() == "zh" and "重点工作台账" in header(app)
            assert "牵头领导" in detail_text(app) and "编辑" in key_bar(app)
    finally:
        set_language("zh")


async def test_ctrl_c_says_how_to_quit_in_chinese(tmp_path, monkeypatch):
    app = make_app(write_plan(tmp_path))
    said: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, **kw: said.append(message) or notify(message, **kw)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert said and "退出" in said[-1] and "quit" not in said[-1].lower()


async def test_the_palette_says_no_match_in_chinese(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"qqqxxz")
        await pilot.pause(0.8)  # past the palette's own wait before "No matches found"
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("没有匹配" in prompt for prompt in prompts), prompts
        assert not any("No matches" in prompt for prompt in prompts), prompts


async def test_notices_lie_inside_the_detail_pane_so_no_character_is_cut(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.select_task("i12")
        await pilot.press("J", "ctrl+z")  # 已撤销：移动任务
        await pilot.pause()
        detail = app.main_screen.query_one("#detail")
        toasts = list(app.screen.query("Toast"))
        assert toasts
        for toast in toasts:
            assert toast.region.x >= detail.region.x
            assert toast.region.right <= detail.region.right


async def test_the_search_hint_fits_at_80_columns(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        search = app.main_screen.query_one("#search")
        assert "zsyz" in search.placeholder  # the whole of the short hint
        from rich.cells import cell_len

        assert cell_len(search.placeholder) < search.content_region.width


async def test_control_characters_in_plan_text_are_shown_escaped(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        # Text that reached the plan past the model's checks (fields refuse it on
        # input), as an older file might hold: the rows and details still escape it.
        task = app.plan.find("i12")[1]
        task.__dict__["title"] = "压实责任\x1b[31m红字"
        task.__dict__["owner"] = "王\x07强"
        app.main_screen.relabel()  # drawn again from the tasks as they are now
        app.select_task("i12")
        await pilot.pause()
        tree = app.main_screen.task_tree
        row = tree.render_lines(tree.size.region)[tree.cursor_line - round(tree.scroll_y)].text
        assert "\x1b" not in row and "\\x1b" in row
        shown = detail_text(app)
        assert "\x1b" not in shown and "\\x1b[31m" in shown and "\\x07" in shown


async def test_down_from_the_search_field_goes_on_into_the_results(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"张华", "enter", "down")  # as typed, in one burst
        await pilot.pause()
        tree = app.main_screen.task_tree
        assert set(tree.shown_ids()) - tree.dimmed == {"i21", "m221"}
        assert tree.has_focus
        assert tree.cursor_id == "i22"  # the row after the first match, i21
        await pilot.press("slash", "down")
        await pilot.pause()
        assert tree.has_focus and tree.cursor_id == "m221"
