"""SVG snapshots at 120×40 of the screens of the secretary's journeys: the week picker
(today after the plan's year), the log dialog, a task's history, 本周变化, the move
picker and the author setting. Update with ``--snapshot-update`` and look at them."""

from __future__ import annotations

from datetime import date

from tui_plans import make_app, write_plan

SIZE = (120, 40)
AFTER_YEAR = date(2026, 12, 4)


def _app(tmp_path, monkeypatch, today: date | None = None):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAN_TUI_CONFIG_DIR", "config")
    app = make_app(write_plan(tmp_path))
    app.author = "张秘书"
    if today is not None:
        app.fixed_today = today
    return app


def test_week_picker_after_the_plan_year(snap_compare, tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, AFTER_YEAR)
    assert snap_compare(app, press=["w"], terminal_size=SIZE)


def test_log_dialog_with_week_and_author(snap_compare, tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch, AFTER_YEAR)
    assert snap_compare(app, press=["down", "n"], terminal_size=SIZE)


def test_task_history(snap_compare, tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.select_task("i11")
        await pilot.press("3")
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_week_changes(snap_compare, tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.select_task("i13")
        await pilot.press("s")
        app.select_task("i11")
        await pilot.press("3")
        await pilot.press("W")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_move_picker(snap_compare, tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.select_task("m221")
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_author_setting(snap_compare, tmp_path, monkeypatch):
    app = _app(tmp_path, monkeypatch)

    async def run_before(pilot) -> None:
        app.main_screen.action_set_author()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
