"""The tree's filtered views: which lines are shown, their guides and their order."""

from __future__ import annotations

from rich.color import Color
from textual.widgets import Input
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
    """Each row shown, as its path of ids and whether it is the last shown child."""
    rows = tree.rows
    assert rows.line_of == {task_id: n for n, task_id in enumerate(rows.ids)}
    lines = []
    for task_id in rows.ids:
        path = [task_id]
        while tree.parents[path[0]]:
            path.insert(0, tree.parents[path[0]])
        lines.append((tuple(path), task_id in rows.last))
    return lines


def screen_text(tree) -> list[str]:
    """The rows as drawn on screen, as text."""
    return [strip.text for strip in tree.render_lines(tree.size.region)]


async def test_a_view_shows_matches_and_their_ancestors_with_the_right_guides(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
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
            hidden = set(tree.tasks) - shown
            assert hidden and not hidden & set(tree.rows.ids)
        await pilot.press("escape")
        assert tree.view_ids is None
        assert drawn_lines(tree) == full


async def test_a_view_follows_a_change_of_shape_made_while_it_is_shown(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
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


async def test_the_filter_dialog_works_out_ahead_what_applying_shows(tmp_path, monkeypatch):
    from plan_tui.tui import detail

    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
        app.select_task("i32")
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-owner", Input).value = "张华"
        await pilot.pause()
        drawn: list[str] = []
        describe_task = detail.describe_task
        monkeypatch.setattr(
            detail,
            "describe_task",
            lambda task, *a: drawn.append(task.id) or describe_task(task, *a),
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert drawn == []  # the details were ready when the filter was applied
        assert set(tree.shown_ids()) - tree.dimmed == {"i21", "m221"}
        assert drawn_lines(tree) == expected_lines(app.plan, {"i21", "m221"})
        assert tree.cursor_id == "i21"  # i32 does not match: the first match
        assert "强化组织领导" in detail_text(app)
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


async def test_rows_show_guides_fold_marks_and_dimmed_ancestors(tmp_path):
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.main_screen.task_tree
        lines = screen_text(tree)
        assert lines[0].startswith("▼ ○ 一、")  # an area, unfolded
        assert lines[1].startswith("├ ")  # its first item
        first_area_items = [line for line in lines[1:] if not line.startswith("▼ ")]
        assert any(line.startswith("│ ") or line.startswith("└ ") for line in first_area_items)
        app.select_task("a1")
        await pilot.press("left")  # fold the area
        assert screen_text(tree)[0].startswith("▶ ")
        await pilot.press("right")
        assert screen_text(tree)[0].startswith("▼ ")
        app.apply_filter(TaskFilter(owner="张华"))
        await pilot.pause()
        y = tree.rows.line_of["a2"]  # an ancestor shown only for its matches
        drawn = tree.render_lines(tree.size.region)[y]
        title = tree.tasks["a2"].title[:4]
        segment = next(segment for segment in drawn if title in segment.text)
        grey = Color.parse("grey50").get_truecolor()
        assert segment.style.color.get_truecolor() == grey  # dimmed
        matched = tree.render_lines(tree.size.region)[tree.rows.line_of["i21"]]
        title = tree.tasks["i21"].title[:4]
        segment = next(segment for segment in matched if title in segment.text)
        assert segment.style.color is None or segment.style.color.get_truecolor() != grey


def test_views_of_random_matches_show_each_match_with_its_ancestors():
    import random

    from tui_plans import sample_plan

    from plan_tui.tui.outline import Outline, view_of, view_rows

    plan = sample_plan()
    outline = Outline(plan)
    ids = outline.order
    pick = random.Random(7)
    n = len(ids)
    for size in (1, 2, 3, n // 2, n - 1, n):
        for _ in range(20):
            matched = pick.sample(ids, size)
            shown, dimmed = view_of(outline, matched)
            rows = view_rows(outline, shown)
            expected = expected_lines(plan, set(matched))
            assert rows.ids == [path[-1] for path, _ in expected]
            assert [task_id in rows.last for task_id in rows.ids] == [last for _, last in expected]
            assert dimmed == shown - set(matched)


def test_guides_bend_at_the_last_child_shown():
    from tui_plans import sample_plan

    from plan_tui.tui.outline import Outline, folded_rows, guides

    plan = sample_plan()
    outline = Outline(plan)
    rows = folded_rows(outline, outline.with_children)  # everything unfolded
    for (path, last), task_id in zip(
        expected_lines(plan, set(outline.order)), rows.ids, strict=True
    ):
        assert path[-1] == task_id
        drawn = guides(outline, rows, task_id)
        assert len(drawn) == 2 * (len(path) - 1)
        if len(path) > 1:
            assert drawn.endswith("└ " if last else "├ ")
    folded = folded_rows(outline, [])
    assert folded.ids == [area.id for area in plan.areas]


async def test_the_filter_state_is_reactive_and_the_view_follows_it(tmp_path):
    """Setting the screen's ``filter`` or ``search_text`` shows their view; clearing
    both goes back to the whole tree and the task selected before."""
    app = make_app(write_plan(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        tree = screen.task_tree
        full = drawn_lines(tree)
        app.select_task("i31")
        screen.filter = TaskFilter(owner="张华")
        await pilot.pause()
        assert set(tree.shown_ids()) - tree.dimmed == {"i21", "m221"}
        assert "张华" in str(screen.query_one("#filter-bar").render())
        screen.search_text = "zsyz"  # the search text narrows the same view
        await pilot.pause()
        assert set(tree.shown_ids()) - tree.dimmed == set()
        screen.search_text = ""
        await pilot.pause()
        assert set(tree.shown_ids()) - tree.dimmed == {"i21", "m221"}
        screen.filter = None
        await pilot.pause()
        assert tree.view_ids is None and drawn_lines(tree) == full
        assert tree.cursor_id == "i31"  # back where the filter found it
