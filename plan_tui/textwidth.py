"""Display width of text in a terminal, so that tables of Chinese text line up.

A Chinese character takes two columns, a Latin letter one, a combining mark none.
``len()`` counts characters, not columns; these helpers count columns (via wcwidth).
"""

from __future__ import annotations

from functools import lru_cache

from wcwidth import wcwidth


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    # control characters report -1; they take no column in our output
    return max(0, wcwidth(char))


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: ``width("招商ab") == 6``."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_char_width(c) for c in text)


def truncate(text: str, columns: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``columns`` columns, ending in ``ellipsis`` when cut.

    A double-width character that would straddle the limit is left out whole, so the
    result may be one column narrower than ``columns``.
    """
    if width(text) <= columns:
        return text
    room = columns - width(ellipsis)
    if room < 0:
        return truncate(ellipsis, columns, "")
    used = 0
    out: list[str] = []
    for char in text:
        w = _char_width(char)
        if used + w > room:
            break
        out.append(char)
        used += w
    return "".join(out) + ellipsis


def pad(text: str, columns: int, align: str = "left") -> str:
    """``text`` padded with spaces to ``columns`` columns (``align``: left/right/center).

    Text already wider than ``columns`` is returned unchanged; see :func:`fit`.
    """
    gap = columns - width(text)
    if gap <= 0:
        return text
    if align == "right":
        return " " * gap + text
    if align == "center":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def fit(text: str, columns: int, align: str = "left", ellipsis: str = "…") -> str:
    """``text`` truncated and padded to exactly ``columns`` columns."""
    return pad(truncate(text, columns, ellipsis), columns, align)
