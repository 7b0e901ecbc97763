"""The TUI's error screen for plans that are not plans: deep nesting, a FIFO, huge keys."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_plans import make_app

BAD = Path(__file__).parent / "data" / "bad"


async def _error_message(path: Path) -> str:
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ErrorScreen"
        message = str(app.screen.query_one("#error-message", Static).content)
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 2
    return message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("deep_arrays.toml", "嵌套太深"),
        ("deep_inline_tables.toml", "嵌套太深"),
        ("huge_unknown_key.toml", "不认识的字段"),
        ("id_missing.toml", "缺少字段 id"),
    ],
)
async def test_bad_plans_open_the_error_screen(name: str, words: str) -> None:
    message = await _error_message(BAD / name)
    assert words in message and name in message
    assert len(message) <= 200 and "\n" not in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
async def test_a_fifo_opens_the_error_screen_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "2024.toml"
    os.mkfifo(fifo)
    assert "命名管道" in await _error_message(fifo)
