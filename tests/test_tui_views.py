"""The tree's filtered views: which lines are shown, their guides and their order."""

from __future__ import annotations

from textual.widgets import Checkbox, Input
from tui_plans import TODAY, detail_text, make_app, write_plan

from plan_tui.model import Plan, Status
from plan_tui.query import TaskFilter


def expected_lines(plan: Plan, matched: set[str]) -> list[tuple[tuple[str, ...], bool]]:
    """Worked out from the plan alone: every match and its ancestors, in tree order, each
    with its path of ids and whether it is the last shown child of its parent."""
    lines: list[tuple[tuple[str, ...], bool]] = []

    def subtree_matches(task) -> bool:
        return task.id in matched or any(subtree_matches(c) for c in task.children)

    def walk(tasks, path: tuple[str, ...]) -> None:
        shown = [task for task in tasks if subtree_matches(task)]
        for n, task in enumerate(shown):
            lines.append(((*path, task.id), n == len(shown) - 1))
            walk(task.children, (*path, task.id))

    walk(plan.areas, ())
    return lines


def drawn_lines(tree) -> list[tuple[tuple[str, ...], bool]]:
    lines = tree._tree_lines
    for number, line in enumerate(lines):
        assert line.path[-1]._line == number  # the cursor finds its node by this
    return [(tuple(node.data for node in line.path), line.last) for line in lines]


async def test_a_view_shows_matches_and_their_ancestors_with_the_right_guides(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.tree
        full = drawn_lines(tree)
        cases = [
            (TaskFilter(owner="张华"), {"i21", "m221"}),  # m221's parent i22 does not match
            (TaskFilter(owner="李明"), {"i11", "i22"}),
            (TaskFilter(statuses=frozenset({Status.NOT_STARTED})), None),
            (TaskFilter(unit="农业办"), {"i31", "i32"}),
            (TaskFilter(text="zsyz"), {"a1"}),  # the search text stays until cleared
        ]
        for flt, names in cases:
            app.apply_filter(flt)
            await pilot.pause()
            matched = set(tree.shown_ids()) - tree.dimmed
            if names is not None:
                assert matched == names, flt
            assert matched, flt
            assert drawn_lines(tree) == expected_lines(app.plan, matched), flt
            shown = {path[-1] for path, _ in expected_lines(app.plan, matched)}
            assert tree.dimmed == shown - matched
            hidden = set(tree.nodes_by_id) - shown
            assert hidden and all(tree.nodes_by_id[i].line == -1 for i in hidden)
        await pilot.press("escape")
        assert tree.view_ids is None
        assert drawn_lines(tree) == full


async def test_a_view_follows_a_change_of_shape_made_while_it_is_shown(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.tree
        app.apply_filter(TaskFilter(owner="张华"))
        await pilot.pause()
        app.select_task("m221")
        await pilot.press("K")  # m221 is already first under i22: nothing moves
        await pilot.press("less_than_sign")  # out of i22, now a sibling after it
        await pilot.pause()
        assert app.plan.parent_of("m221").id == "a2"
        matched = set(tree.shown_ids()) - tree.dimmed
        assert matched == {"i21", "m221"}
        assert drawn_lines(tree) == expected_lines(app.plan, matched)
        assert tree.cursor_id == "m221"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.plan.parent_of("m221").id == "i22"
        assert drawn_lines(tree) == expected_lines(app.plan, {"i21", "m221"})
        app.select_task("m221")
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert app.plan.find("m221") is None
        assert set(tree.shown_ids()) - tree.dimmed == {"i21"}
        assert drawn_lines(tree) == expected_lines(app.plan, {"i21"})


def cells(strip) -> list[tuple[str, object]]:
    """Each cell of a drawn line with its look (the mouse meta Tree adds left out)."""
    return [
        (char, segment.style.clear_meta_and_links() if segment.style else None)
        for segment in strip
        for char in segment.text
    ]


async def test_rows_drawn_straight_to_segments_look_as_tree_draws_them(tmp_path):
    from textual.widgets import Tree

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.tree
        app.select_task("m221")
        for flt in (None, TaskFilter(owner="张华")):  # a view dims the ancestors
            app.apply_filter(flt)
            await pilot.pause()
            tree.render_lines(tree.size.region)  # the styles of this repaint
            style, width = tree.rich_style, tree.size.width
            tree._frame = (0, 0, width, tree.scrollable_content_region.width)
            try:
                for y in range(len(tree._tree_lines)):
                    tree._line_cache.clear()
                    ours = tree._render_line(y, 0, width, style)
                    tree._line_cache.clear()
                    theirs = Tree._render_line(tree, y, 0, width, style)
                    assert cells(ours) == cells(theirs), (flt, y)
            finally:
                tree._frame = None
            assert tree.cursor_id == "m221"


def count_frames(screen) -> list[bool]:
    """Record each frame the screen's compositor draws: ``True`` for the whole screen."""
    frames: list[bool] = []
    compositor = screen._compositor
    render_update = compositor.render_update

    def counted(*args, **kwargs):
        dirty = compositor._dirty_regions
        if dirty:
            frames.append(compositor.size.region in dirty)
        return render_update(*args, **kwargs)

    compositor.render_update = counted
    return frames


async def test_applying_a_filter_draws_one_frame_and_leaves_the_dialog_alone(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        await pilot.press("f")
        await pilot.pause()
        dialog = app.screen
        dialog_frames = count_frames(dialog)
        main.tree.refresh()  # a change beneath the dialog, which covers it whole
        main.update_header()
        await pilot.pause()
        assert not any(dialog_frames)  # not drawn again whole for it
        main_frames = count_frames(main)
        dialog.query_one("#st-not_started", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is main and main.tree.view_ids is not None
        assert main_frames == [True]  # the whole screen once, nothing drawn twice


async def test_the_filter_dialog_works_out_ahead_what_applying_shows(tmp_path, monkeypatch):
    from plan_tui.tui import detail, tree_drawing

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.tree
        app.select_task("i32")
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-owner", Input).value = "张华"
        await pilot.pause()
        drawn: list[str] = []
        row_pieces, describe_task = tree_drawing.row_pieces, detail.describe_task
        monkeypatch.setattr(
            tree_drawing,
            "row_pieces",
            lambda task, *a, **k: drawn.append(task.id) or row_pieces(task, *a, **k),
        )
        monkeypatch.setattr(
            detail,
            "describe_task",
            lambda task, *a: drawn.append(task.id) or describe_task(task, *a),
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert drawn == []  # rows and details were ready when the filter was applied
        assert set(tree.shown_ids()) - tree.dimmed == {"i21", "m221"}
        assert drawn_lines(tree) == expected_lines(app.plan, {"i21", "m221"})
        assert tree.cursor_id == "i21"  # i32 does not match: the first match
        assert "强化组织领导" in detail_text(app)
        ahead = [cells(strip) for strip in tree.render_lines(tree.size.region)]
        tree._rows.clear()
        tree._line_cache.clear()
        tree._updates += 1
        assert [cells(strip) for strip in tree.render_lines(tree.size.region)] == ahead
        pane = app.main_screen.query_one(detail.DetailPane)
        width = pane.scrollable_content_region.width
        assert [cells(s) for s in pane._strips] == [
            cells(s)
            for s in pane._strips_of(
                detail.describe_task(tree.tasks["i21"], app.plan, "2.1", TODAY), width
            )
        ]


async def test_the_main_screen_background_is_kept_until_its_look_changes(tmp_path):
    from textual.screen import Screen

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main_screen
        crop = main.size.region
        kept = main.render_lines(crop)
        assert main.render_lines(crop) is kept
        assert [cells(s) for s in kept] == [cells(s) for s in Screen.render_lines(main, crop)]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        lines = main.render_lines(crop)
        assert [cells(s) for s in lines] != [cells(s) for s in kept]
        assert [cells(s) for s in lines] == [cells(s) for s in Screen.render_lines(main, crop)]


async def test_views_of_few_and_of_many_matches_are_worked_out_alike(tmp_path):
    import random

    from plan_tui.tui.tree_lines import _lines_in_order

    def as_paths(lines):
        return [(tuple(node.data for node in line.path), line.last) for line in lines]

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)):
        tree = app.main_screen.tree
        ids = list(tree.nodes_by_id)  # tree order
        pick = random.Random(7)
        n = len(ids)
        for size in (1, 2, 3, n // 2, n * 3 // 4, n - 3, n - 2, n - 1, n):
            for _ in range(20):
                matched = sorted(pick.sample(ids, size), key=ids.index)
                walked = tree._ancestors_walk(matched)
                assert tree._ancestors_by_level(matched) == walked
                assert tree._ancestors_of_most(matched) == walked
                order, shown, dimmed = walked
                expected = expected_lines(app.plan, set(matched))
                assert order == [path[-1] for path, _ in expected] and shown == set(order)
                assert dimmed == shown - set(matched)
                # the lines of the view: from the whole tree's, or in order
                tree._whole_tree()
                most, most_of = tree._lines_of_most(order)
                lines, line_of = _lines_in_order(order, tree._line_pairs, tree.parents)
                assert as_paths(most) == as_paths(lines) == expected
                # and from the hidden nodes the view of most kept for its own order
                tree._ancestors_of_most(matched)
                assert tree._hidden_from is not None
                kept_order = tree._hidden_from[0]
                assert as_paths(tree._lines_of_most(kept_order)[0]) == expected
                assert most_of == line_of == {task_id: k for k, task_id in enumerate(order)}


async def test_moving_onto_a_task_with_more_text_than_fits_lays_nothing_out(tmp_path, monkeypatch):
    from textual.screen import Screen
    from tui_plans import sample_plan

    plan = sample_plan()
    long_task = plan.find("i12")[1]
    long_task.body = "。".join(f"第{n}条工作措施要求落实到位" for n in range(100))
    app = make_app(write_plan(tmp_path, plan=plan))
    async with app.run_test(size=(120, 40)) as pilot:
        layouts: list[bool] = []
        refresh_layout = Screen._refresh_layout

        def counted(screen, *args, **kwargs):
            layouts.append(screen._layout_required)
            return refresh_layout(screen, *args, **kwargs)

        app.select_task("i11")
        await pilot.pause()
        detail = app.main_screen.query_one("#detail")
        bar = detail.vertical_scrollbar
        bars: list[int] = []
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        monkeypatch.setattr(bar, "refresh", lambda *a, **k: bars.append(1))
        fitted = True  # i11's text fits
        for task_id in ("i12", "i11", "i13", "i12", "i13"):
            bars.clear()
            app.select_task(task_id)
            await pilot.pause()
            assert app.main_screen.tree.cursor_id == task_id
            fits = detail.virtual_size.height <= detail.size.height
            assert fits == (task_id != "i12")
            assert bar.display and bar.window_virtual_size == detail.virtual_size.height
            # the bar is repainted only when it has a thumb before or after the move
            assert bool(bars) == (not fitted or not fits), task_id
            fitted = fits
        assert not any(layouts)  # no layout of the screen asked for on the way


async def test_scrollbars_draw_the_cells_textual_draws(tmp_path):
    from textual.filter import Monochrome
    from textual.geometry import Region
    from textual.scrollbar import ScrollBar

    from plan_tui.tui.scroll_bar import QuickScrollBar

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        tree = app.main_screen.tree
        assert len(tree._tree_lines) > tree.size.height  # more lines than fit
        cases = [(tree, False), (app.main_screen.query_one("#detail"), False), (tree, True)]
        for widget, monochrome in cases:
            if monochrome:  # as NO_COLOR would: a filter changes every line
                app._filters.append(Monochrome())
            bar = widget.vertical_scrollbar
            assert isinstance(bar, QuickScrollBar) and bar.display
            height = bar.size.height
            for virtual in (height, height * 3, 200, 10_000):
                for position in (0, 0.5, 1, 7.25, virtual / 2, virtual - bar.window_size):
                    for hover in (False, True):
                        bar.window_virtual_size, bar.position = virtual, position
                        bar.mouse_over = hover
                        for crop in (bar.size.region, Region(0, 2, bar.size.width, 3)):
                            ours = bar.render_lines(crop)
                            bar._styles_cache.clear()
                            bar.refresh()
                            theirs = ScrollBar.render_lines(bar, crop)
                            assert len(ours) == crop.height
                            assert [list(s) for s in ours] == [list(s) for s in theirs], (
                                virtual,
                                position,
                                hover,
                            )
