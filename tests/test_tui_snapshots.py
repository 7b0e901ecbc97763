"""SVG snapshots of the TUI at 120×40: main screen, task form, filters, error screen.

The plan, its ids and today's date are fixed (see ``tui_plans``), so the pictures repeat.
Update them with ``pytest tests/test_tui_snapshots.py --snapshot-update`` and look at them.
"""

from __future__ import annotations

from pathlib import Path

from tui_plans import make_app, sample_plan, write_plan

from plan_tui import store
from plan_tui.model import Status

SIZE = (120, 40)


def test_main_screen(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(write_plan(tmp_path))
    assert snap_compare(app, press=["down"], terminal_size=SIZE)


def test_task_form(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(write_plan(tmp_path))
    assert snap_compare(app, press=["down", "e"], terminal_size=SIZE)


def test_filter_state(snap_compare, tmp_path, monkeypatch):
    from plan_tui.query import TaskFilter

    monkeypatch.chdir(tmp_path)
    app = make_app(write_plan(tmp_path))

    async def run_before(pilot) -> None:
        app.apply_filter(
            TaskFilter(owner="李明", statuses=frozenset({Status.IN_PROGRESS, Status.DELAYED}))
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_error_screen(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = store.dumps(sample_plan()).replace("progress = 40", "progress = 400", 1)
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    app = make_app(Path("bad.toml"))  # relative, so the message is the same on every machine
    assert snap_compare(app, terminal_size=SIZE)
