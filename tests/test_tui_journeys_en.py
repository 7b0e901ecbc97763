"""The new screens speak English with ``--lang en``."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static
from tui_plans import make_app, write_plan


async def test_week_picker_and_history_in_english(tmp_path):
    app = make_app(write_plan(tmp_path), lang="en")
    app.fixed_today = date(2026, 12, 4)
    app.author = "Wang"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        warning = str(app.screen.query_one("#pick-warning", Static).content)
        assert warning == "Note: today (2026-12-04) is outside the plan year 2024; check the week"
        note = str(app.screen.query_one("#pick-note", Static).content)
        assert note == "The plan year is over: the default is its last week, week 52 of 2024"
        await pilot.press("escape")
        app.select_task("i12")
        await pilot.press("s", "h")
        await pilot.pause()
        text = str(app.screen.query_one("#history-text", Static).content)
        assert text == "2026-12-04 Wang changed Status: not started → in progress"
