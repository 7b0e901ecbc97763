"""Changing what widgets show without a layout of the whole screen."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static


def update_text(static: Static, text: str) -> None:
    """Show ``text`` in ``static``; lay the screen out only if its number of lines changes."""
    width = static.content_region.width
    if width <= 0 or static.styles.height is None or not static.styles.height.is_auto:
        static.update(text)
        return
    lines = max(1, -(-cell_len(text) // width))  # an empty Static is one line high
    static.update(text, layout=lines != static.content_region.height)
